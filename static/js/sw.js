/* Bryggan's service worker, served at /sw.js (scope /).
   It keeps exactly one page, the offline page, and the static files it needs. It never stores a member's
   page or an API answer: those are `Cache-Control: no-store` and must leave no trace on a shared phone.
   It also shows Web Push notifications and opens Bryggan when one is tapped. */
"use strict";

var CACHE = "bryggan-offline-v1";
var OFFLINE = "/offline";
var KEPT = [
  OFFLINE,
  "/static/css/site.css",
  "/static/js/site.js",
  "/static/favicon.svg",
  "/static/icons/bryggan.svg",
  "/static/icons/bryggan-192.png",
  "/static/icons/neutral.svg",
  "/static/icons/neutral-192.png"
];

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      // Without cookies: the offline page is the same for everyone.
      return cache.addAll(KEPT.map(function (url) { return new Request(url, {credentials: "omit"}); }));
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) { return name !== CACHE; }).map(function (name) {
        return caches.delete(name);
      }));
    }).then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (request.mode === "navigate") {
    // Always the network; only when it is gone, the offline page. Nothing fetched here is stored.
    event.respondWith(fetch(request).catch(function () { return caches.match(OFFLINE); }));
    return;
  }
  if (KEPT.indexOf(url.pathname) !== -1) {
    event.respondWith(fetch(request).catch(function () {
      return caches.match(url.pathname).then(function (kept) { return kept || Response.error(); });
    }));
  }
});

self.addEventListener("push", function (event) {
  var data = {};
  try { data = event.data ? event.data.json() : {}; } catch (error) { data = {}; }
  var title = data.title || "Något nytt";
  event.waitUntil(self.registration.showNotification(title, {
    body: data.body || "",
    tag: data.tag || "new",
    icon: data.icon,
    data: {url: data.url || "/"}
  }));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  var target = new URL((event.notification.data && event.notification.data.url) || "/", self.location.origin);
  if (target.origin !== self.location.origin) { target = new URL("/", self.location.origin); }
  event.waitUntil(
    self.clients.matchAll({type: "window", includeUncontrolled: true}).then(function (windows) {
      for (var i = 0; i < windows.length; i += 1) {
        if (new URL(windows[i].url).origin === target.origin && "focus" in windows[i]) {
          return windows[i].navigate(target.href).then(function (client) { return client && client.focus(); });
        }
      }
      return self.clients.openWindow(target.href);
    })
  );
});
