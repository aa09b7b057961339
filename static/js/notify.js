/* The installable app and the live badge, on a signed-in member's pages only: registers the service
   worker (/sw.js; a visitor's browser keeps no worker and no cache of ours), tells logout forms this
   browser's push endpoint (so logging out forgets it), and listens on the /member Socket.IO namespace so
   the header badge and the tab title show new notifications without a reload. site.js unregisters the
   worker and deletes its caches on quick exit and logout. No inline scripts (CSP). */
(function () {
  "use strict";

  var link = document.getElementById("notifications-link");
  if (!link) {
    // Not signed in: keep no worker and no cache of ours (one left behind by a logout or a quick exit that
    // unloaded before site.js could remove it goes now).
    if (window.BrygganForgetBrowser) { window.BrygganForgetBrowser(); }
    return;
  }

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", {scope: "/"}).then(function (registration) {
      if (!registration.pushManager) { return; }
      return registration.pushManager.getSubscription().then(function (subscription) {
        if (!subscription) { return; }
        document.querySelectorAll("input[name=push_endpoint]").forEach(function (input) {
          input.value = subscription.endpoint;
        });
      });
    }).catch(function () {
      // No service worker (a private window, an old browser): the site works as before, without offline.
    });
  }
  var badge = link.querySelector(".badge");
  var count = badge.firstChild;  // the number, before the hidden word "unread"
  var baseTitle = document.title.replace(/^\(\d+\) /, "");
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  document.body.appendChild(status);
  var shown = parseInt(count.nodeValue, 10) || 0;

  function setTitle(total) {
    document.title = total > 0 ? "(" + total + ") " + baseTitle : baseTitle;
  }

  function line(latest) {
    var template = link.getAttribute("data-line-" + latest.kind);
    if (!template) { return ""; }
    var text = template.replace("%(author)s", latest.author || "").replace("%(title)s", latest.title || "")
      .replace("%(category)s", latest.category || "");
    return latest.excerpt ? text + ": " + latest.excerpt : text;
  }

  function update(data) {
    if (!data || typeof data.unread !== "number") { return; }
    link.setAttribute("data-live", "on");  // heard from the server at least once
    count.nodeValue = String(data.unread);
    badge.hidden = data.unread === 0;
    var menuBadge = document.getElementById("menu-badge");  // the same count on the phone's menu button
    if (menuBadge) {
      menuBadge.firstChild.nodeValue = String(data.unread);
      menuBadge.hidden = data.unread === 0;
    }
    setTitle(data.unread + (data.staff_unread || 0));
    if (data.latest) {
      var text = line(data.latest);
      if (text) { link.setAttribute("title", text); }
    } else if (data.unread === 0) {
      link.removeAttribute("title");
    }
    if (data.unread > shown && data.latest) {
      status.textContent = line(data.latest);
    }
    shown = data.unread;
  }

  function listen() {
    // One WebSocket per tab: on a chat page this namespace rides on the chat's connection.
    var socket = window.io("/member", {transports: ["websocket", "polling"]});
    socket.on("notifications", update);
  }

  function start() {
    setTitle(shown);
    if (window.io) { listen(); return; }
    var script = document.createElement("script");
    script.src = link.getAttribute("data-socketio-src");
    script.onload = listen;
    document.head.appendChild(script);
  }

  // After every deferred script has run, so a page that loads the Socket.IO client itself shares it.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
