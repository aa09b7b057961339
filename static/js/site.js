/* Site-wide behaviour: the leave-quickly button (and Esc twice), clearing what Bryggan keeps in the
   browser on logout, focusing form error summaries and the phone menu. No inline scripts (CSP). */
(function () {
  "use strict";

  var leave = document.getElementById("leave-quickly");
  var lastEscape = 0;
  var leaving = false;

  // Leave no trace: unsent chat messages and other "bryggan." entries go on quick exit and logout.
  function clearStorage() {
    [window.localStorage, window.sessionStorage].forEach(function (store) {
      try {
        Object.keys(store).forEach(function (key) {
          if (key.indexOf("bryggan.") === 0) { store.removeItem(key); }
        });
      } catch (e) { /* storage blocked: nothing was kept */ }
    });
  }

  // The service worker, its push subscription and its caches go too (a shared phone must go quiet and
  // keep nothing of ours). Best effort and never awaited: nothing here may delay the exit.
  function forgetBrowser() {
    try {
      if ("serviceWorker" in navigator) {
        navigator.serviceWorker.getRegistrations().then(function (registrations) {
          registrations.forEach(function (registration) {
            var unsubscribed = registration.pushManager
              ? registration.pushManager.getSubscription().then(function (s) { return s && s.unsubscribe(); })
              : Promise.resolve();
            unsubscribed.catch(function () { return null; }).then(function () {
              return registration.unregister();
            }).catch(function () { /* gone already */ });
          });
        }).catch(function () { /* no workers */ });
      }
      if (window.caches) {
        window.caches.keys().then(function (names) {
          names.forEach(function (name) {
            if (name.indexOf("bryggan-") === 0) { window.caches.delete(name); }
          });
        }).catch(function () { /* storage blocked */ });
      }
    } catch (e) { /* an old browser: nothing was kept */ }
  }

  // notify.js calls it on a signed-out page too: a worker left by a quick exit that unloaded too soon goes
  // on the next visit.
  window.BrygganForgetBrowser = forgetBrowser;

  // Ends the session on the server (unless the member chose to stay signed in): a beacon survives the
  // page going away. It carries the CSRF token like every form.
  function signOut() {
    var url = leave ? leave.getAttribute("data-sign-out-url") : null;
    var token = document.querySelector("meta[name=csrf-token]");
    if (!url || !token) { return; }
    var data = new URLSearchParams({csrf_token: token.getAttribute("content")});
    var sent = false;
    try { sent = navigator.sendBeacon && navigator.sendBeacon(url, data); } catch (e) { sent = false; }
    if (!sent && window.fetch) {
      window.fetch(url, {method: "POST", body: data, keepalive: true, credentials: "same-origin"});
    }
  }

  function leaveNow(event) {
    if (event) { event.preventDefault(); }
    if (leaving) { return; }
    leaving = true;
    // chat.js's saveStore checks this, so an acknowledgement arriving before the page unloads cannot
    // write unsent text back after clearStorage.
    window.brygganLeaving = true;
    document.documentElement.setAttribute("data-bryggan-leaving", "");
    var target = leave ? leave.getAttribute("data-leave-url") : "https://www.smhi.se/";
    signOut();
    clearStorage();
    forgetBrowser();
    try { window.sessionStorage.setItem("bryggan.left", target); } catch (e) { /* exit-guard.js reads it */ }
    // Blank the page first so nothing stays on screen, then replace this entry in the history so the
    // back button does not bring this page back (exit-guard.js sends any earlier Bryggan page away too).
    document.title = "";
    document.body.innerHTML = "";
    window.location.replace(target);
  }

  if (leave) {
    leave.addEventListener("click", leaveNow);
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var now = Date.now();
    if (now - lastEscape < 1000) { leaveNow(event); }
    lastEscape = now;
  });

  document.addEventListener("submit", function (event) {
    if (event.target.hasAttribute && event.target.hasAttribute("data-clears-storage")) {
      clearStorage();
      forgetBrowser();
    }
  });

  var summary = document.querySelector("[data-focus-on-load]");
  if (summary) { summary.focus(); }

  // The phone menu: the button shows and hides the main navigation (wide screens show it always).
  var menuButton = document.getElementById("menu-button");
  var siteNav = document.getElementById("site-nav");
  if (menuButton && siteNav) {
    menuButton.hidden = false;
    menuButton.addEventListener("click", function () {
      var open = menuButton.getAttribute("aria-expanded") !== "true";
      menuButton.setAttribute("aria-expanded", open ? "true" : "false");
      siteNav.classList.toggle("site-nav--open", open);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menuButton.getAttribute("aria-expanded") === "true") {
        menuButton.setAttribute("aria-expanded", "false");
        siteNav.classList.remove("site-nav--open");
        menuButton.focus();
      }
    });
  }
})();
