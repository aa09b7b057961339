/* Quick exit, part two: loaded before anything is drawn (not deferred). After "Lämna sidan snabbt" the
   tab's sessionStorage holds where the member went; if the Back button then brings any Bryggan page back
   (from the network or the back-forward cache), it is hidden at once and replaced by that site again.
   A page the member opens on purpose (a link, the address bar, a reload) clears the mark. */
(function () {
  "use strict";

  var KEY = "bryggan.left";

  function leftFor() {
    try { return window.sessionStorage.getItem(KEY); } catch (e) { return null; }
  }

  function goAgain(target) {
    document.documentElement.style.display = "none";  // CSSOM, which the CSP allows
    window.location.replace(target);
  }

  var target = leftFor();
  var entry = window.performance && window.performance.getEntriesByType
    ? window.performance.getEntriesByType("navigation")[0] : null;
  if (target && entry && entry.type === "back_forward") {
    goAgain(target);
  } else if (target) {
    try { window.sessionStorage.removeItem(KEY); } catch (e) { /* nothing kept, nothing to clear */ }
  }

  // A page restored from the back-forward cache would show what it showed before: never with content.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) { return; }
    var again = leftFor();
    if (again) { goAgain(again); return; }
    document.documentElement.style.display = "none";
    window.location.reload();
  });
})();
