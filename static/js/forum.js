/* Forum pages: remember how far a thread has been read (an explicit POST: GET requests never write) and
   confirm deletions. Everything works without JavaScript, except that read markers then stay. */
(function () {
  "use strict";

  var main = document.getElementById("main");
  var tokenMeta = document.querySelector('meta[name="csrf-token"]');
  var threadId = main && main.getAttribute("data-thread-id");
  var lastPostId = main && parseInt(main.getAttribute("data-last-post-id"), 10);
  var lastReadId = main && parseInt(main.getAttribute("data-last-read-post-id"), 10);

  if (threadId && tokenMeta && lastPostId > lastReadId && window.fetch) {
    window.fetch("/api/v1/threads/" + threadId + "/read", {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": tokenMeta.getAttribute("content")},
      body: JSON.stringify({last_post_id: lastPostId})
    }).catch(function () { /* a missed read marker is harmless */ });
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-confirm]"), function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
})();
