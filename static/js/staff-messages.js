/* "Från moderatorerna": a message from the staff appears without a reload. Listens on the /chat socket
   for `staff_message`; the body is HTML the server sanitized. */
(function () {
  "use strict";
  var list = document.getElementById("staff-messages");
  if (!list || !window.io) { return; }
  var tokenMeta = document.querySelector('meta[name="csrf-token"]');
  // Seen: an explicit POST, since GET requests never write. Sent on opening and for each live message.
  function markRead() {
    if (!tokenMeta || !window.fetch) { return; }
    window.fetch("/api/v1/me/staff-messages/read", {
      method: "POST",
      credentials: "same-origin",
      headers: {"X-CSRF-Token": tokenMeta.getAttribute("content")}
    }).catch(function () { /* the badge stays until the next visit: harmless */ });
  }
  markRead();
  var socket = window.io("/chat", {transports: ["websocket", "polling"]});
  socket.on("staff_message", function (message) {
    if (document.getElementById("staff-message-" + message.id)) { return; }
    var item = document.createElement("li");
    item.className = "staff-message staff-message--staff";
    item.id = "staff-message-" + message.id;
    var meta = document.createElement("p");
    meta.className = "staff-message__meta";
    var who = document.createElement("strong");
    who.textContent = list.getAttribute("data-from-staff");
    meta.appendChild(who);
    var body = document.createElement("div");
    body.className = "staff-message__body";
    body.innerHTML = message.body_html;
    item.appendChild(meta);
    item.appendChild(body);
    list.appendChild(item);
    list.hidden = false;
    var empty = document.getElementById("no-staff-messages");
    if (empty) { empty.hidden = true; }
    markRead();
  });
})();
