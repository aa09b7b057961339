/* Site-wide behaviour: the leave-quickly button, focusing form error summaries and the phone menu. No inline scripts (CSP). */
(function () {
  "use strict";

  var leave = document.getElementById("leave-quickly");
  var lastEscape = 0;

  function leaveNow(event) {
    if (event) { event.preventDefault(); }
    var target = leave ? leave.getAttribute("data-leave-url") : "https://www.smhi.se/";
    // Blank the page first so nothing stays on screen, then replace this entry in the history so the
    // back button does not bring Bryggan back.
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
