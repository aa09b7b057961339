-- wrk script: every request signs up a new member (unique login name per thread and request).
local counter = 0
local threads = 0

function setup(thread)
  thread:set("thread_number", threads)
  threads = threads + 1
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"username":"w%dr%dx%d","password":"benchmark-password-that-is-long-7431",' ..
    '"birth_date":"1970-05-31","accept_guidelines":true}',
    thread_number, counter, math.random(1, 1000000000))
  return wrk.format("POST", "/api/v1/signup", nil, body)
end
