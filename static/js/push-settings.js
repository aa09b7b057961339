/* The push opt-in on the notification settings page: asks the browser for a push subscription with our
   VAPID key and registers it (POST /api/v1/me/push/subscriptions), or removes it. Every outcome is said in
   words, including a browser with no push service (headless browsers, some private windows). */
(function () {
  "use strict";

  var panel = document.getElementById("push-panel");
  if (!panel) { return; }
  var status = document.getElementById("push-status");
  var onButton = document.getElementById("push-on");
  var offButton = document.getElementById("push-off");
  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute("content");

  function say(key) { status.textContent = panel.getAttribute("data-text-" + key); }
  function show(on) { onButton.hidden = on; offButton.hidden = !on; }

  function keyBytes(base64url) {
    var text = atob(base64url.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((base64url.length + 3) % 4));
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i += 1) { bytes[i] = text.charCodeAt(i); }
    return bytes;
  }

  function api(method, url, body) {
    return fetch(url, {
      method: method,
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
      body: body ? JSON.stringify(body) : undefined
    }).then(function (response) {
      if (!response.ok && response.status !== 204) { throw new Error("status " + response.status); }
      return response.status === 204 ? null : response.json();
    });
  }

  var state = null;

  function currentSubscription() {
    return navigator.serviceWorker.ready.then(function (registration) {
      return registration.pushManager.getSubscription().then(function (subscription) {
        return {registration: registration, subscription: subscription};
      });
    });
  }

  function refresh() {
    return api("GET", panel.getAttribute("data-api")).then(function (answer) {
      state = answer;
      if (!answer.available) { say("unavailable"); onButton.hidden = true; offButton.hidden = true; return; }
      if (Notification.permission === "denied") { say("denied"); onButton.hidden = true; offButton.hidden = true; return; }
      return currentSubscription().then(function (found) {
        var known = found.subscription && answer.subscriptions.some(function (row) {
          return row.endpoint === found.subscription.endpoint;
        });
        say(known ? "on" : "off");
        show(Boolean(known));
      });
    });
  }

  function turnOn() {
    say("working");
    onButton.disabled = true;
    Notification.requestPermission().then(function (permission) {
      if (permission !== "granted") { throw new Error(permission === "denied" ? "denied" : "dismissed"); }
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      return registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: keyBytes(state.public_key)
      });
    }).then(function (subscription) {
      return api("POST", panel.getAttribute("data-subscribe"), subscription.toJSON());
    }).then(function () {
      say("on");
      show(true);
    }).catch(function (error) {
      say(error && error.message === "denied" ? "denied" : "failed");
      show(false);
    }).then(function () { onButton.disabled = false; });
  }

  function turnOff() {
    say("working");
    offButton.disabled = true;
    currentSubscription().then(function (found) {
      if (!found.subscription) { return null; }
      var row = state.subscriptions.filter(function (item) {
        return item.endpoint === found.subscription.endpoint;
      })[0];
      var forget = row ? api("DELETE", panel.getAttribute("data-subscribe") + "/" + row.id) : Promise.resolve();
      return forget.then(function () { return found.subscription.unsubscribe(); });
    }).then(refresh).catch(function () { say("failed"); }).then(function () { offButton.disabled = false; });
  }

  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) {
    say("unsupported");
    return;
  }
  onButton.addEventListener("click", turnOn);
  offButton.addEventListener("click", turnOff);
  refresh().catch(function () { say("failed"); });
})();
