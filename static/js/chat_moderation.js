/* A chat room as moderators see it. Hidden and removed messages stay in place, clearly marked (hidden or
   removed, who decided, when and why, what they were reported as), with hide / restore / delete right there;
   every shown message of others gets "Hide" next to chat.js's own actions. Loaded for moderators only, after
   chat.js, whose socket it shares (window.BrygganChat.socket). Listens for `message_moderated`, which only
   moderators' sockets get, and for chat.js's `chat:joined` event (the join ack's `moderated` list).
   Everything shown is text or HTML the server sanitized. */
(function () {
  "use strict";

  var box = document.getElementById("chat-moderation");
  var list = document.getElementById("messages");
  if (!box || !list || !window.BrygganChat) { return; }
  var socket = window.BrygganChat.socket;
  var statusBox = document.getElementById("chat-moderation-status");
  var lang = document.documentElement.lang;
  var own = document.getElementById("main").getAttribute("data-pseudonym");

  function text(name) { return box.getAttribute("data-" + name + "-text") || ""; }

  function timeText(iso) {
    var date = new Date(iso);
    return date.toLocaleTimeString(lang === "en" ? "en-GB" : "sv-SE", {hour: "2-digit", minute: "2-digit"});
  }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (content) { node.textContent = content; }
    return node;
  }

  function say(message) {
    statusBox.textContent = "";
    window.setTimeout(function () { statusBox.textContent = message; }, 50);  // announced even when repeated
  }

  function decide(id, action, reasonInput, button) {
    // Not `disabled`: a disabled button loses focus, and the moderator's place on the page with it.
    if (button.getAttribute("aria-busy") === "true") { return; }
    button.setAttribute("aria-busy", "true");
    socket.emit("moderate", {message_id: id, action: action, reason: reasonInput ? reasonInput.value : ""},
      function (ack) {
        button.removeAttribute("aria-busy");
        if (ack && ack.ok) { say(text("done")); } else { say(ack && ack.error ? ack.error.message : ""); }
      });
  }

  function actionButton(id, action, label, reasonInput, author) {
    var button = element("button", "button--small button--secondary", label);
    button.type = "button";
    button.setAttribute("data-action", action);
    button.setAttribute("aria-label", label + ": " + author);
    button.addEventListener("click", function () { decide(id, action, reasonInput, button); });
    return button;
  }

  // The state line: "Dolt för medlemmar av Lugn Ek, i dag 23:14", then why.
  function stateLines(message) {
    var lines = [];
    var state = element("p", "chat-message__state");
    var label = message.state === "removed" ? text("removed")
      : message.state === "hidden" ? (message.waiting ? text("waiting") : text("hidden")) : text("shown");
    state.appendChild(element("strong", message.state === "shown" ? "tag" : "tag tag--urgent", label));
    if (message.decided_by) {
      state.appendChild(document.createTextNode(" " + text("by").replace("{name}", message.decided_by)
        .replace("{when}", message.decided_when)));
    }
    lines.push(state);
    if (message.reason) { lines.push(element("p", "chat-message__why", text("reason") + " " + message.reason)); }
    if (message.flag_reasons && message.flag_reasons.length) {
      lines.push(element("p", "chat-message__why", text("flags") + " " + message.flag_reasons.join(", ")));
    }
    return lines;
  }

  function tools(message) {
    var id = message.id;
    var author = message.author.pseudonym;
    var menu = element("details", "chat-message__tools");
    var summary = element("summary", null, text("moderate"));
    summary.appendChild(element("span", "visually-hidden", " " + text("message-by").replace("{name}", author)));
    menu.appendChild(summary);
    var field = element("div", "field");
    var label = element("label", null, box.getAttribute("data-reason-label"));
    var input = element("input");
    input.id = "moderation-reason-" + id;
    input.maxLength = 500;
    label.setAttribute("for", input.id);
    field.appendChild(label);
    field.appendChild(input);
    menu.appendChild(field);
    var actions = element("p", "chat-message__tool-buttons");
    if (message.state === "shown") { actions.appendChild(actionButton(id, "hide", text("hide"), input, author)); }
    if (message.state !== "shown") {
      actions.appendChild(actionButton(id, "restore", text("restore"), input, author));
    }
    if (message.state !== "removed") {
      actions.appendChild(actionButton(id, "delete", text("delete"), input, author));
    }
    menu.appendChild(actions);
    return menu;
  }

  function build(message) {
    var item = element("li", "chat-message " + (message.state === "shown" ? "chat-message--restored"
                                                                          : "chat-message--moderated"));
    item.id = "message-" + message.id;
    item.setAttribute("data-id", message.id);
    item.setAttribute("data-state", message.state);
    var meta = element("p", "chat-message__meta");
    meta.appendChild(element("span", "chat-message__author", message.author.pseudonym));
    meta.appendChild(document.createTextNode(" "));
    var time = element("time", null, timeText(message.created_at));
    time.setAttribute("datetime", message.created_at);
    meta.appendChild(time);
    item.appendChild(meta);
    stateLines(message).forEach(function (line) { item.appendChild(line); });
    var body = element("div", "chat-message__body");
    body.innerHTML = message.body_html;  // sanitized by the server with nh3
    item.appendChild(body);
    item.appendChild(tools(message));
    return item;
  }

  // In id order among the messages shown; older than everything on the page: not shown at all.
  function place(message) {
    if (message.room !== list.closest("main").getAttribute("data-room")) { return; }
    var existing = document.getElementById("message-" + message.id);
    var fresh = build(message);
    if (existing) {
      var hadFocus = existing.contains(document.activeElement);
      var wasOpen = existing.querySelector("details[open]") !== null;
      list.replaceChild(fresh, existing);
      if (wasOpen) { fresh.querySelector("details").open = true; }
      if (hadFocus) { fresh.querySelector("summary").focus(); }
      return;
    }
    var items = list.querySelectorAll("li[data-id]");
    if (items.length && message.id < parseInt(items[0].getAttribute("data-id"), 10)) { return; }
    for (var index = 0; index < items.length; index += 1) {
      if (parseInt(items[index].getAttribute("data-id"), 10) > message.id) {
        list.insertBefore(fresh, items[index]);
        return;
      }
    }
    list.appendChild(fresh);
  }

  // "Hide" beside chat.js's Report / Remove / Mute, in the message's actions menu, on every shown message of
  // someone else.
  function addHide(item) {
    var actions = item.querySelector(".chat-message__actions");
    if (!actions || actions.querySelector("[data-action]") || item.getAttribute("data-state")) { return; }
    var author = item.querySelector(".chat-message__author");
    var name = author ? author.textContent : "";
    if (name === own) { return; }
    var hide = actionButton(parseInt(item.getAttribute("data-id"), 10), "hide", text("hide"), null, name);
    actions.insertBefore(hide, actions.firstChild ? actions.firstChild.nextSibling : null);
  }

  Array.prototype.forEach.call(list.querySelectorAll("li[data-id]"), addHide);
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      Array.prototype.forEach.call(change.addedNodes, function (node) {
        if (node.nodeType === 1 && node.matches("li[data-id]")) { addHide(node); }
      });
    });
  }).observe(list, {childList: true});

  JSON.parse(box.getAttribute("data-moderated") || "[]").forEach(place);
  list.addEventListener("chat:joined", function (event) { (event.detail.moderated || []).forEach(place); });
  socket.on("message_moderated", place);
})();
