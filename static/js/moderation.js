/* The moderation page: new flags appear without a reload. The /moderation namespace says "the queue
   changed"; we fetch the queue again and announce it politely. */
(function () {
  "use strict";
  var queue = document.getElementById("queue");
  var announcer = document.getElementById("queue-announcer");
  if (!queue || !window.io) { return; }
  var socket = window.io("/moderation", {transports: ["websocket", "polling"]});
  // A refusal is final for the client; "unavailable" (the database is out of reach) passes, so try again.
  // Any other refusal means the session ended: the next page load shows the login page.
  socket.on("connect_error", function (error) {
    if (!socket.active && error && error.message === "unavailable") {
      window.setTimeout(function () { socket.connect(); }, 5000);
    }
  });
  socket.on("queue", function (data) {
    window.fetch("/moderation/queue-fragment", {credentials: "same-origin"})
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null) { return; }
        var focused = document.activeElement && queue.contains(document.activeElement);
        if (!focused) { queue.innerHTML = html; }  // never pull the form away from a moderator typing in it
        announcer.textContent = announcer.getAttribute("data-text") + " (" + data.pending + ")";
        var badge = document.getElementById("moderation-badge");
        if (badge) { badge.textContent = data.pending; }
      });
  });
})();
