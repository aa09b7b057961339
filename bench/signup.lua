-- wrk script: every request signs up a new member. Login names are unique per run (the tag wrk passes
-- after `--`), per thread and per request, so repeated runs against one database never collide.
local counter = 0
local threads = 0

function setup(thread)
  thread:set("thread_number", threads)
  threads = threads + 1
end

function init(args)
  run_tag = args[1] or "run"
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"username":"w%s%dr%d","password":"benchmark-password-that-is-long-7431",' ..
    '"birth_date":"1970-05-31","accept_guidelines":true}',
    run_tag, thread_number, counter)
  return wrk.format("POST", "/api/v1/signup", nil, body)
end
