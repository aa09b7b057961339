/* A chat room: Socket.IO namespace /chat. Joins the room, shows messages as they come (the list is an
   aria-live region), and catches up with since_id after every reconnect.
   Every message the member sends shows its state (sending → sent, or not sent with a retry button). Until
   the server acknowledges it, its client id and text are kept in localStorage, so a retry after a reload
   is stored once; the entry goes as soon as the ack comes, and site.js clears them all on quick exit and
   logout (leave no trace). Everything shown is either text or HTML the server sanitized.
   Hooks for other scripts (chat_moderation.js): window.BrygganChat. */
(function () {
  "use strict";

  var main = document.getElementById("main");
  var roomSlug = main.getAttribute("data-room");
  var myName = main.getAttribute("data-pseudonym");
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
  var supportBox = document.getElementById("crisis-support");
  var lang = document.documentElement.lang;
  var texts = {};
  Array.prototype.forEach.call(Object.keys(list.dataset), function (key) {
    if (key.slice(-4) === "Text") { texts[key.slice(0, -4)] = list.dataset[key]; }
  });
  texts.connected = statusBox.getAttribute("data-connected");
  texts.reconnecting = statusBox.getAttribute("data-reconnecting");
  texts.unavailable = statusBox.getAttribute("data-unavailable");
  texts.closed = statusBox.getAttribute("data-closed");

  var STORE_KEY = "bryggan.chat.pending";  // site.js clears every "bryggan." key on quick exit and logout
  var FAILED_AFTER_MS = 10000;  // no ack by then: shown as not sent (it is still resent on reconnect)

  var lastId = 0;
  var isClosed = false;
  var confirmNext = null;  // the body the member chose to send despite the personal-data warning
  // Its client id: sending the same words again confirms the copy already stored (a crisis text waits,
  // hidden, for this confirmation) instead of storing a second one.
  var confirmClientId = null;
  var outbox = [];  // {client_id, body, state: "sending" | "failed", element, timer}
  var waitUntil = 0;  // slow mode / calm mode: no send before this time (ms)
  var countdownTimer = null;
  var typingTimer = null;
  var lastTypingSent = 0;
  var hooks = {menu: []};  // functions (menu list, message id, author) adding items to a message's menu

  /* ---------- small helpers ---------- */

  function clientId() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2);
  }

  function timeText(iso) {
    var date = new Date(iso);
    return date.toLocaleTimeString(lang === "en" ? "en-GB" : "sv-SE", {hour: "2-digit", minute: "2-digit"});
  }

  function plural(one, many, count) {
    return (count === 1 ? one : many).replace("{n}", count);
  }

  // One page scroll, with the composer stuck to the bottom of the screen: "the end" is the line under the
  // last message (the typing line) sitting just above the composer, not the end of the page (the footer).
  function endOffset() {
    var visibleBottom = window.innerHeight - form.getBoundingClientRect().height;
    return typingBox.getBoundingClientRect().bottom - visibleBottom;
  }

  // Follow new messages only when the member is already reading the latest ones.
  function nearEnd() { return endOffset() <= 150; }

  function scrollToEnd() {
    var offset = endOffset();
    if (offset > 0) { window.scrollBy(0, offset + 4); }
  }

  function showError(text) { errorBox.textContent = text || ""; }

  // role="status": screen readers announce each change, so the same text is never written twice in a row.
  function setStatus(text, state) {
    if (statusBox.textContent !== text) { statusBox.textContent = text; }
    statusBox.setAttribute("data-state", state || "");
  }

  /* ---------- pending messages kept across reloads ---------- */

  function readStore() {
    try { return JSON.parse(window.localStorage.getItem(STORE_KEY) || "{}") || {}; } catch (e) { return {}; }
  }

  function leavingNow() {
    return window.brygganLeaving === true || document.documentElement.hasAttribute("data-bryggan-leaving");
  }

  function saveStore() {
    if (leavingNow()) {
      // Quick exit (site.js) has begun: nothing unsent may be written back after it cleared storage.
      outbox.length = 0;
      try { window.localStorage.removeItem(STORE_KEY); } catch (e) { /* nothing was kept */ }
      return;
    }
    try {
      var store = readStore();
      var mine = outbox.map(function (item) { return {client_id: item.client_id, body: item.body}; });
      if (mine.length) { store[roomSlug] = mine; } else { delete store[roomSlug]; }
      if (Object.keys(store).length) { window.localStorage.setItem(STORE_KEY, JSON.stringify(store)); }
      else { window.localStorage.removeItem(STORE_KEY); }
    } catch (e) { /* private mode or full: the page still works, only a reload loses the pending text */ }
  }

  /* ---------- rendering ---------- */

  function ownTag() {
    var tag = document.createElement("span");
    tag.className = "tag tag--own";
    tag.textContent = texts.you;
    return tag;
  }

  function messageMeta(author, staff, iso) {
    var meta = document.createElement("p");
    meta.className = "chat-message__meta";
    var name = document.createElement("span");
    name.className = "chat-message__author";
    name.textContent = author;
    meta.appendChild(name);
    if (author === myName) { meta.appendChild(document.createTextNode(" ")); meta.appendChild(ownTag()); }
    if (staff) {  // in young carers' rooms moderators are marked, so nobody mistakes them
      var tag = document.createElement("span");
      tag.className = "tag tag--staff";
      tag.textContent = texts.staff;
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(tag);
    }
    if (iso) {
      var time = document.createElement("time");
      time.setAttribute("datetime", iso);
      time.textContent = timeText(iso);
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(time);
    }
    return meta;
  }

  // One small button per message opens its actions (report; for moderators remove and mute), so a new
  // message is announced with its words, not with a row of buttons.
  function addActions(item, id, author) {
    if (author === myName) { return; }
    var wrap = document.createElement("div");
    wrap.className = "chat-message__menu";
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "chat-message__menu-button";
    toggle.setAttribute("aria-expanded", "false");
    toggle.setAttribute("aria-label", texts.actions + ": " + author);
    toggle.textContent = "⋯";
    // Not a list: "#messages li" is one message, for the page and for screen readers alike.
    var menu = document.createElement("div");
    menu.className = "chat-message__actions";
    menu.hidden = true;
    toggle.addEventListener("click", function () {
      var open = menu.hidden;
      closeMenus();
      menu.hidden = !open;
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) { menu.querySelector("button").focus(); }
    });
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.stopPropagation();  // one Escape closes the menu; it is not half of the quick exit
        closeMenus();
        toggle.focus();
      }
    });
    var flag = menuButton(menu, texts.flag, function () {
      socket.emit("flag", {message_id: id, reason: "other"}, function (ack) {
        if (ack && (ack.ok || (ack.error && ack.error.code === "already_flagged"))) {
          flag.disabled = true;
          flag.textContent = texts.flagged;
          confirmNear(item, texts.flagged);
          closeMenus();
          toggle.focus();
        } else if (ack && ack.error) { confirmNear(item, ack.error.message); }
      });
    });
    if (isModerator) {
      menuButton(menu, texts.remove, function () {
        socket.emit("remove", {message_id: id, reason: "moderator"}, function (ack) {
          if (ack && !ack.ok) { confirmNear(item, ack.error.message); }
        });
      });
      menuButton(menu, texts.mute, function () {
        socket.emit("mute", {pseudonym: author, minutes: 60, reason: "moderator"}, function (ack) {
          confirmNear(item, ack && ack.ok ? texts.muted : (ack && ack.error ? ack.error.message : ""));
        });
      });
    }
    hooks.menu.forEach(function (hook) { hook(menu, id, author, item); });
    wrap.appendChild(toggle);
    wrap.appendChild(menu);
    item.appendChild(wrap);
  }

  function menuButton(menu, label, onClick) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button--small button--secondary";
    button.textContent = label;
    button.addEventListener("click", onClick);
    menu.appendChild(button);
    return button;
  }

  function closeMenus() {
    Array.prototype.forEach.call(list.querySelectorAll(".chat-message__actions"), function (menu) {
      menu.hidden = true;
    });
    Array.prototype.forEach.call(list.querySelectorAll(".chat-message__menu-button"), function (button) {
      button.setAttribute("aria-expanded", "false");
    });
  }

  // A confirmation appears next to the message it is about, in a live region of its own.
  function confirmNear(item, text) {
    var note = item.querySelector(".chat-message__note");
    if (!note) {
      note = document.createElement("p");
      note.className = "chat-message__note";
      note.setAttribute("role", "status");
      item.appendChild(note);
    }
    note.textContent = text || "";
  }

  function fillMessage(item, message) {
    item.innerHTML = "";
    item.id = "message-" + message.id;
    item.setAttribute("data-id", message.id);
    item.className = "chat-message" + (message.author.pseudonym === myName ? " chat-message--own" : "");
    var body = document.createElement("div");
    body.className = "chat-message__body";
    body.innerHTML = message.body_html;  // sanitized by the server with nh3
    item.appendChild(messageMeta(message.author.pseudonym, message.author.staff, message.created_at));
    item.appendChild(body);
    addActions(item, message.id, message.author.pseudonym);
    lastId = Math.max(lastId, message.id);
  }

  function render(message) {
    if (message.room !== roomSlug || document.getElementById("message-" + message.id)) { return; }
    var follow = nearEnd();
    var item = document.createElement("li");
    fillMessage(item, message);
    var firstPending = outbox.length ? outbox[0].element : null;
    list.insertBefore(item, firstPending && firstPending.parentNode === list ? firstPending : null);
    if (follow) { scrollToEnd(); }
  }

  /* ---------- the outbox: sending → sent, or not sent with a retry ---------- */

  function pendingElement(item) {
    var element = document.createElement("li");
    element.className = "chat-message chat-message--own chat-message--pending";
    element.setAttribute("data-client-id", item.client_id);
    element.appendChild(messageMeta(myName, false, null));
    var body = document.createElement("div");
    body.className = "chat-message__body";
    var text = document.createElement("p");
    text.textContent = item.body;  // plain text until the server has rendered it
    body.appendChild(text);
    element.appendChild(body);
    var state = document.createElement("p");
    state.className = "chat-message__state";
    element.appendChild(state);
    list.appendChild(element);
    return element;
  }

  function setItemState(item, state) {
    item.state = state;
    var line = item.element.querySelector(".chat-message__state");
    line.innerHTML = "";
    line.setAttribute("data-state", state);
    item.element.classList.toggle("chat-message--failed", state === "failed");
    var label = document.createElement("span");
    label.textContent = state === "failed" ? texts.failed : (state === "waiting" ? texts.waiting : texts.sending);
    line.appendChild(label);
    if (state === "failed") {
      line.appendChild(document.createTextNode(" "));
      var retry = document.createElement("button");
      retry.type = "button";
      retry.className = "button--small";
      retry.textContent = texts.retry;
      retry.addEventListener("click", function () { retryItem(item); });
      line.appendChild(retry);
      var discard = document.createElement("button");
      discard.type = "button";
      discard.className = "button--small button--secondary";
      discard.textContent = texts.discard;
      discard.addEventListener("click", function () { dropItem(item); item.element.remove(); input.focus(); });
      line.appendChild(document.createTextNode(" "));
      line.appendChild(discard);
    }
  }

  function queue(item) {
    item.element = item.element || pendingElement(item);
    outbox.push(item);
    saveStore();
    retryItem(item);
    scrollToEnd();
  }

  // Not acknowledged in time (offline, or the server did not answer): shown as not sent, with a retry.
  function startFailTimer(item) {
    window.clearTimeout(item.timer);
    item.timer = window.setTimeout(function () {
      if (outbox.indexOf(item) >= 0 && item.state !== "waiting") { setItemState(item, "failed"); }
    }, FAILED_AFTER_MS);
  }

  function dropItem(item) {
    window.clearTimeout(item.timer);
    var index = outbox.indexOf(item);
    if (index >= 0) { outbox.splice(index, 1); }
    saveStore();
  }

  function retryItem(item) {
    item.restored = false;
    setItemState(item, "sending");
    startFailTimer(item);
    trySend();
  }

  // Sends what waits, in order, as far as the connection and slow mode allow.
  function trySend() {
    if (!socket.connected || isClosed || !joined) { return; }
    if (outbox.some(function (item) { return item.inFlight; })) { return; }  // one at a time, in order
    var next = outbox.filter(function (item) { return item.state === "sending" && !item.inFlight; })[0];
    if (!next) { return; }
    // Even during a countdown the text goes to the server at once: only the server knows a crisis text, which
    // no slow or calm mode may hold back. Anything else comes back `rate_limited` and waits for the countdown.
    deliver(next);
  }

  function deliver(item) {
    var data = {room: roomSlug, body: item.body, client_id: item.client_id};
    if (confirmNext !== null && confirmNext === item.body) { data.confirm_personal_data = true; }
    item.inFlight = true;
    startFailTimer(item);
    socket.emit("send", data, function (ack) {
      item.inFlight = false;
      window.clearTimeout(item.timer);
      answered(item, ack || {});
      trySend();
    });
  }

  function answered(item, ack) {
    // Help lines first, whatever else the answer says: a crisis text is never simply refused.
    if (ack.crisis_support && supportBox) { supportBox.hidden = false; }
    var code = ack.error ? ack.error.code : null;
    var follow = nearEnd();
    if (ack.ok) {
      dropItem(item);
      var already = document.getElementById("message-" + ack.message.id);  // the broadcast came first
      if (already && already !== item.element) { already.remove(); }
      fillMessage(item.element, ack.message);
      Array.prototype.forEach.call(list.querySelectorAll(".chat-message__state[data-state=sent]"),
                                   function (line) { line.remove(); });  // only the latest says "sent"
      var sent = document.createElement("p");
      sent.className = "chat-message__state";
      sent.setAttribute("data-state", "sent");
      sent.textContent = ack.held ? texts.held : texts.sent;
      item.element.appendChild(sent);
      showError("");
      confirmNext = null;
      startWait(slowModeSeconds);
      if (follow) { scrollToEnd(); }
    } else if (code === "rate_limited") {
      // Slow mode or calm mode: not an error. The message waits and goes when the countdown ends.
      setItemState(item, "waiting");
      startWait(Math.ceil(ack.error.retry_after || 1));
    } else if (code === "unavailable" || code === "internal_error") {
      setItemState(item, "failed");
    } else {
      dropItem(item);
      item.element.remove();
      if (code === "age_band") { closedByAgeBand(ack.error.reason); return; }
      if (code === "personal_data") {
        // Nothing was sent: give the text back; sending the same text again publishes it anyway.
        confirmNext = item.body;
        confirmClientId = item.client_id;
      }
      showError(ack.error ? ack.error.message : "");
      if (!input.value) { input.value = item.body; }  // never lose what the member wrote
    }
  }

  /* ---------- slow mode: a countdown on the send button ---------- */

  var slowModeSeconds = 0;

  function startWait(seconds) {
    if (!seconds) { return; }
    waitUntil = Math.max(waitUntil, Date.now() + seconds * 1000);
    tick();
  }

  function tick() {
    window.clearTimeout(countdownTimer);
    var left = Math.ceil((waitUntil - Date.now()) / 1000);
    if (left > 0) {
      sendButton.textContent = plural(texts.waitOne, texts.waitMany, left);
      sendButton.setAttribute("aria-disabled", "true");
      sendButton.classList.add("chat-send--waiting");
      countdownTimer = window.setTimeout(tick, 1000 - ((waitUntil - Date.now()) % 1000 || 0) + 10);
      return;
    }
    sendButton.textContent = texts.send;
    sendButton.removeAttribute("aria-disabled");
    sendButton.classList.remove("chat-send--waiting");
    outbox.forEach(function (item) { if (item.state === "waiting") { setItemState(item, "sending"); } });
    trySend();
  }

  function setSlowMode(seconds) {
    slowModeSeconds = seconds || 0;
    slowBox.hidden = !seconds;
    slowBox.textContent = plural(slowBox.getAttribute("data-template-one"),
                                 slowBox.getAttribute("data-template-many"), seconds || 0);
  }

  /* ---------- room state ---------- */

  function setOnline(count) {
    onlineBox.textContent = plural(onlineBox.getAttribute("data-template-one"),
                                   onlineBox.getAttribute("data-template-many"), count);
  }

  function setModerators(online) {
    document.getElementById("moderator-online").hidden = !online;
    document.getElementById("moderator-offline").hidden = online;
  }

  var socket = window.io("/chat", {
    transports: ["websocket", "polling"],
    // After a server restart every page reconnects: spread them over seconds instead of one burst.
    reconnectionDelay: 1000 + Math.floor(Math.random() * 2000),
    reconnectionDelayMax: 15000,
    randomizationFactor: 0.5
  });
  window.BrygganChat = {socket: socket, hooks: hooks};  // for chat_moderation.js (moderators only)
  var joined = false;

  // An age-banded room (young carers, 16–25) closed to this member: the band was set, or they turned 26.
  // Nothing of the room stays on the page; the notice says why, kindly, and where to go instead.
  function closedByAgeBand(reason) {
    var box = document.getElementById("age-band-removed");
    document.getElementById("age-band-removed-text").textContent =
      box.getAttribute(reason === "aged_out" ? "data-aged-out-text" : "data-outside-text");
    box.hidden = false;
    list.innerHTML = "";
    outbox = [];
    saveStore();
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
      joined = true;
      setStatus(texts.connected, "connected");
      // Retries keep their client id: stored once. Those shown as not sent wait for the member's retry.
      outbox.forEach(function (item) {
        item.inFlight = false;
        if (item.state === "failed" && !item.restored) { setItemState(item, "sending"); }
      });
      trySend();
    });
  }

  function closed() {
    isClosed = true;
    setStatus(texts.closed, "closed");
    sendButton.disabled = true;
    // What was waiting to be sent goes back in the box, so a reload does not lose it unseen.
    var unsent = outbox.map(function (item) { item.element.remove(); return item.body; });
    outbox = [];
    saveStore();
    if (unsent.length) { input.value = unsent.concat(input.value ? [input.value] : []).join("\n"); }
  }

  function restorePending() {
    var saved = readStore()[roomSlug] || [];
    saved.forEach(function (entry) {
      if (!entry || typeof entry.body !== "string" || typeof entry.client_id !== "string") { return; }
      var item = {client_id: entry.client_id, body: entry.body};
      item.element = pendingElement(item);
      item.restored = true;
      outbox.push(item);
      setItemState(item, "failed");  // after a reload nothing is resent unasked
    });
  }

  /* ---------- socket events ---------- */

  socket.on("connect", join);
  // Text being written stays in the box; while reconnecting, what was sent waits and is sent on rejoin.
  socket.on("disconnect", function (reason) {
    joined = false;
    setStatus(texts.reconnecting, "reconnecting");
    // The server closed the socket: the session ended (signed out or suspended elsewhere), or the server
    // lost track of it. The client does not come back by itself; one try tells which (a refusal if ended).
    if (reason === "io server disconnect") { window.setTimeout(function () { socket.connect(); }, 1000); }
  });
  socket.on("connect_error", function (error) {
    if (socket.active) { setStatus(texts.reconnecting, "reconnecting"); return; }  // the client retries
    // The server refused: it does not retry by itself. A passing outage is tried again; a lost sign-in is not.
    if (error && error.message === "unavailable") {
      setStatus(texts.unavailable, "reconnecting");
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
  socket.on("sanction", function () { showError(texts.paused); });

  /* ---------- the composer ---------- */

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var body = input.value.trim();
    if (!body || isClosed) { input.focus(); return; }
    var sameAsRefused = confirmNext !== null && confirmNext === body && confirmClientId !== null;
    input.value = "";
    input.focus();
    showError("");
    queue({client_id: sameAsRefused ? confirmClientId : clientId(), body: body});
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      if (form.requestSubmit) { form.requestSubmit(); } else { form.dispatchEvent(new Event("submit")); }
      return;
    }
    var now = Date.now();
    if (socket.connected && now - lastTypingSent > 3000) {
      lastTypingSent = now;
      socket.emit("typing", {room: roomSlug}, function () {});
    }
  });

  document.addEventListener("click", function (event) {
    if (!event.target.closest || !event.target.closest(".chat-message__menu")) { closeMenus(); }
  });

  /* ---------- start ---------- */

  Array.prototype.forEach.call(list.querySelectorAll("li[data-id]"), function (item) {
    var id = parseInt(item.getAttribute("data-id"), 10);
    lastId = Math.max(lastId, id);
    addActions(item, id, item.querySelector(".chat-message__author").textContent);
  });
  texts.send = sendButton.textContent;
  restorePending();
  // On arrival: towards the latest messages, but never past the room's heading, so a phone's first screen
  // still says where the member is (the heading, then as much of the conversation as fits).
  var heading = document.querySelector("h1");
  var toEnd = endOffset() + 4;
  var strip = document.getElementById("leave-quickly");  // sticky at the top: the heading stays below it
  var toHeading = heading ? heading.getBoundingClientRect().top - 8 - (strip ? strip.offsetHeight : 0) : toEnd;
  if (Math.min(toEnd, toHeading) > 0) { window.scrollBy(0, Math.min(toEnd, toHeading)); }

  window.BrygganChat = {socket: socket, roomSlug: roomSlug, hooks: hooks, render: render, confirmNear: confirmNear};
})();
