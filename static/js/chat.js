/* A chat room: Socket.IO namespace /chat. Joins the room, shows messages as they come (the list is an
   aria-live region), sends with a client id so a retry after a reconnect is stored once, and catches up
   with since_id after every reconnect. Everything shown is either text or HTML the server sanitized. */
(function () {
  "use strict";

  var main = document.getElementById("main");
  var roomSlug = main.getAttribute("data-room");
  var isModerator = main.getAttribute("data-moderator") === "true";
  var list = document.getElementById("messages");
  var form = document.getElementById("chat-form");
  var input = document.getElementById("chat-body");
  var sendButton = document.getElementById("chat-send");
  var errorBox = document.getElementById("chat-error");
  var statusBox = document.getElementById("connection-status");
  var onlineBox = document.getElementById("online-count");
  var typingBox = document.getElementById("typing");
  var slowBox = document.getElementById("slow-mode");
  var lang = document.documentElement.lang;
  var texts = {
    connected: lang === "en" ? "Connected" : "Ansluten",
    reconnecting: lang === "en" ? "Connection lost – reconnecting…" : "Anslutningen bröts – ansluter igen…",
    unavailable: lang === "en" ? "The chat is unavailable for a moment – trying again…"
                               : "Chatten är inte tillgänglig just nu – försöker igen…",
    closed: lang === "en" ? "The chat closed the connection. Reload the page to continue."
                          : "Chatten stängde anslutningen. Ladda om sidan för att fortsätta.",
    sending: lang === "en" ? "Sending…" : "Skickar…",
    removed: list.getAttribute("data-removed-text"),
    flag: list.getAttribute("data-flag-text"),
    flagged: list.getAttribute("data-flagged-text"),
    remove: list.getAttribute("data-remove-text"),
    mute: list.getAttribute("data-mute-text"),
    more: list.getAttribute("data-more-text"),
    staff: list.getAttribute("data-staff-text")
  };

  var lastId = 0;
  var confirmNext = null;  // the body the member chose to send despite the personal-data warning
  // Its client id: sending the same words again confirms the copy already stored (a crisis text waits,
  // hidden, for this confirmation) instead of storing a second one.
  var confirmClientId = null;
  var supportBox = document.getElementById("crisis-support");
  var pending = [];  // messages sent but not yet acknowledged: {client_id, body}
  var typingTimer = null;
  var lastTypingSent = 0;

  Array.prototype.forEach.call(list.querySelectorAll("li[data-id]"), function (item) {
    lastId = Math.max(lastId, parseInt(item.getAttribute("data-id"), 10));
    addActions(item, parseInt(item.getAttribute("data-id"), 10),
               item.querySelector(".chat-message__author").textContent);
  });
  scrollToEnd();

  function clientId() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2);
  }

  function scrollToEnd() { list.scrollTop = list.scrollHeight; }

  function timeText(iso) {
    var date = new Date(iso);
    return date.toLocaleTimeString(lang === "en" ? "en-GB" : "sv-SE", {hour: "2-digit", minute: "2-digit"});
  }

  function addActions(item, id, author) {
    if (author === main.getAttribute("data-pseudonym")) { return; }
    // Inside a closed <details>: a new message is announced with one short word, not every button.
    var menu = document.createElement("details");
    menu.className = "chat-message__menu";
    var summary = document.createElement("summary");
    summary.textContent = texts.more;
    var context = document.createElement("span");
    context.className = "visually-hidden";
    context.textContent = " " + author;
    summary.appendChild(context);
    menu.appendChild(summary);
    var actions = document.createElement("p");
    actions.className = "chat-message__actions";
    var flag = document.createElement("button");
    flag.type = "button";
    flag.className = "button--small button--secondary";
    flag.textContent = texts.flag;
    flag.setAttribute("aria-label", texts.flag + ": " + author);
    flag.addEventListener("click", function () {
      socket.emit("flag", {message_id: id, reason: "other"}, function (ack) {
        if (ack && (ack.ok || (ack.error && ack.error.code === "already_flagged"))) {
          flag.textContent = texts.flagged;
          flag.disabled = true;
        } else if (ack && ack.error) { showError(ack.error.message); }
      });
    });
    actions.appendChild(flag);
    if (isModerator) {
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "button--small button--secondary";
      remove.textContent = texts.remove;
      remove.addEventListener("click", function () {
        socket.emit("remove", {message_id: id, reason: "moderator"}, function (ack) {
          if (ack && !ack.ok) { showError(ack.error.message); }
        });
      });
      var mute = document.createElement("button");
      mute.type = "button";
      mute.className = "button--small button--secondary";
      mute.textContent = texts.mute;
      mute.addEventListener("click", function () {
        socket.emit("mute", {pseudonym: author, minutes: 60, reason: "moderator"}, function (ack) {
          if (ack && !ack.ok) { showError(ack.error.message); }
        });
      });
      actions.appendChild(remove);
      actions.appendChild(mute);
    }
    menu.appendChild(actions);
    item.appendChild(menu);
  }

  function render(message) {
    if (message.room !== roomSlug || document.getElementById("message-" + message.id)) { return; }
    var item = document.createElement("li");
    item.className = "chat-message";
    item.id = "message-" + message.id;
    item.setAttribute("data-id", message.id);
    var meta = document.createElement("p");
    meta.className = "chat-message__meta";
    var author = document.createElement("span");
    author.className = "chat-message__author";
    author.textContent = message.author.pseudonym;
    var time = document.createElement("time");
    time.setAttribute("datetime", message.created_at);
    time.textContent = timeText(message.created_at);
    meta.appendChild(author);
    if (message.author.staff) {  // in young carers' rooms moderators are marked, so nobody mistakes them
      var staff = document.createElement("span");
      staff.className = "tag tag--staff";
      staff.textContent = texts.staff;
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(staff);
    }
    meta.appendChild(document.createTextNode(" "));
    meta.appendChild(time);
    var body = document.createElement("div");
    body.className = "chat-message__body";
    body.innerHTML = message.body_html;  // sanitized by the server with nh3
    item.appendChild(meta);
    item.appendChild(body);
    addActions(item, message.id, message.author.pseudonym);
    list.appendChild(item);
    lastId = Math.max(lastId, message.id);
    scrollToEnd();
  }

  function showError(text) { errorBox.textContent = text || ""; }

  function setOnline(count) {
    var template = count === 1 ? onlineBox.getAttribute("data-template-one")
                               : onlineBox.getAttribute("data-template-many");
    onlineBox.textContent = template.replace("{n}", count);
  }

  function setSlowMode(seconds) {
    slowBox.hidden = !seconds;
    slowBox.textContent = slowBox.getAttribute("data-template").replace("{s}", seconds);
  }

  function setModerators(online) {
    document.getElementById("moderator-online").hidden = !online;
    document.getElementById("moderator-offline").hidden = online;
  }

  var socket = window.io("/chat", {transports: ["websocket", "polling"]});
  window.BrygganChat = {socket: socket};  // for chat_moderation.js (moderators only)

  // role="status": screen readers announce each change, so the same text is never written twice in a row.
  function setStatus(text) {
    if (statusBox.textContent !== text) { statusBox.textContent = text; }
  }

  // An age-banded room (young carers, 16–25) closed to this member: the band was set, or they turned 26.
  // Nothing of the room stays on the page; the notice says why, kindly, and where to go instead.
  function closedByAgeBand(reason) {
    var box = document.getElementById("age-band-removed");
    document.getElementById("age-band-removed-text").textContent =
      box.getAttribute(reason === "aged_out" ? "data-aged-out-text" : "data-outside-text");
    box.hidden = false;
    list.innerHTML = "";
    input.disabled = true;
    sendButton.disabled = true;
    isClosed = true;
    socket.disconnect();
    setStatus("");
    box.setAttribute("tabindex", "-1");
    box.focus();
  }

  function join() {
    socket.emit("join", lastId ? {room: roomSlug, since_id: lastId} : {room: roomSlug}, function (ack) {
      if (ack && ack.error && ack.error.code === "age_band") { closedByAgeBand(ack.error.reason); return; }
      if (!ack || !ack.ok) { showError(ack && ack.error ? ack.error.message : ""); return; }
      ack.history.forEach(render);
      list.dispatchEvent(new CustomEvent("chat:joined", {detail: ack}));  // chat_moderation.js
      if (ack.truncated) { join(); return; }  // more to catch up on: ask again from the last one
      setOnline(ack.online);
      setModerators(ack.moderator_online);
      setSlowMode(ack.slow_mode_seconds);
      input.disabled = false;
      sendButton.disabled = false;
      setStatus(texts.connected);
      pending.slice().forEach(deliver);  // retries keep their client id: stored once
    });
  }

  function deliver(item) {
    var data = {room: roomSlug, body: item.body, client_id: item.client_id};
    if (confirmNext !== null && confirmNext === item.body) { data.confirm_personal_data = true; }
    socket.emit("send", data, function (ack) {
      var index = pending.indexOf(item);
      if (index >= 0) { pending.splice(index, 1); }
      // Help lines first, whatever else the answer says: a crisis text is never simply refused.
      if (ack && ack.crisis_support && supportBox) { supportBox.hidden = false; }
      if (ack && ack.ok) {
        render(ack.message);
        showError("");
        confirmNext = null;
      } else if (ack && ack.error && ack.error.code === "age_band") {
        closedByAgeBand(ack.error.reason);
      } else if (ack && ack.error && ack.error.code === "personal_data") {
        // Nothing was sent: give the text back; sending the same text again publishes it anyway.
        confirmNext = item.body;
        confirmClientId = item.client_id;
        showError(ack.error.message);
        if (!input.value) { input.value = item.body; }
      } else if (ack && ack.error) {
        showError(ack.error.message);
        if (!input.value) { input.value = item.body; }  // never lose what the member wrote
      }
    });
  }

  var isClosed = false;
  function closed() {
    isClosed = true;
    setStatus(texts.closed);
    sendButton.disabled = true;
    // What was waiting to be sent goes back in the box, so a reload does not lose it unseen.
    var unsent = pending.map(function (item) { return item.body; });
    pending = [];
    if (unsent.length) { input.value = unsent.concat(input.value ? [input.value] : []).join("\n"); }
  }

  socket.on("connect", join);
  // Text being written stays in the box; while reconnecting, what was sent is queued and sent on rejoin.
  socket.on("disconnect", function (reason) {
    setStatus(texts.reconnecting);
    // The server closed the socket: the session ended (signed out or suspended elsewhere), or the server
    // lost track of it. The client does not come back by itself; one try tells which (a refusal if ended).
    if (reason === "io server disconnect") { window.setTimeout(function () { socket.connect(); }, 1000); }
  });
  socket.on("connect_error", function (error) {
    if (socket.active) { setStatus(texts.reconnecting); return; }  // the client retries itself
    // The server refused: it does not retry by itself. A passing outage is tried again; a lost sign-in is not.
    if (error && error.message === "unavailable") {
      setStatus(texts.unavailable);
      window.setTimeout(function () { socket.connect(); }, 5000);
    } else {
      closed();  // signed out, suspended or ended elsewhere: reloading shows why
    }
  });
  socket.on("message", render);
  socket.on("presence", function (data) { if (data.room === roomSlug) { setOnline(data.online); } });
  socket.on("moderators", function (data) { setModerators(data.online); });
  socket.on("room_state", function (data) {
    if (data.room !== roomSlug) { return; }
    if (data.removed === "age_band") { closedByAgeBand(data.reason); return; }
    setSlowMode(data.slow_mode_seconds);
  });
  socket.on("message_removed", function (data) {
    var item = document.getElementById("message-" + data.id);
    if (item) {
      item.innerHTML = "";
      var note = document.createElement("p");
      note.className = "chat-message__removed";
      note.textContent = texts.removed;
      item.appendChild(note);
    }
  });
  socket.on("typing", function (data) {
    if (data.room !== roomSlug) { return; }
    typingBox.textContent = typingBox.getAttribute("data-template").replace("{name}", data.pseudonym);
    window.clearTimeout(typingTimer);
    typingTimer = window.setTimeout(function () { typingBox.textContent = ""; }, 4000);
  });
  // A private word from the moderators (often after a crisis message): shown to this member only.
  socket.on("staff_message", function (message) {
    var box = document.getElementById("staff-message-box");
    if (!box) { return; }
    document.getElementById("staff-message-body").innerHTML = message.body_html;
    box.hidden = false;
  });
  socket.on("sanction", function (data) {
    showError(lang === "en" ? "A moderator has paused your writing in the chat for a while."
                            : "En moderator har pausat ditt skrivande i chatten en stund.");
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var body = input.value.trim();
    if (!body || isClosed) { input.focus(); return; }
    var sameAsRefused = confirmNext !== null && confirmNext === body && confirmClientId !== null;
    var item = {client_id: sameAsRefused ? confirmClientId : clientId(), body: body};
    pending.push(item);
    input.value = "";
    input.focus();
    if (socket.connected) { deliver(item); }
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit"));
      return;
    }
    var now = Date.now();
    if (socket.connected && now - lastTypingSent > 3000) {
      lastTypingSent = now;
      socket.emit("typing", {room: roomSlug}, function () {});
    }
  });
})();
