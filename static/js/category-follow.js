/* The welcome page's category choice without a page load: the same choice is sent to
   PUT /api/v1/me/category-follows and the outcome said in the live status line next to the button (a fresh
   page load is not reliably announced by screen readers). Without this script the form posts as usual. */
(function () {
  "use strict";

  var form = document.getElementById("follow-categories");
  if (!form || !window.fetch) { return; }
  var status = document.getElementById("follow-categories-status");
  var error = document.getElementById("follow-categories-error-live");
  var fieldset = form.querySelector("fieldset");
  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute("content");

  function say(text) {
    // Emptied first, so saving twice is announced twice.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var chosen = Array.prototype.map.call(
      form.querySelectorAll('input[name="category"]:checked'), function (box) { return box.value; }
    );
    fetch("/api/v1/me/category-follows", {
      method: "PUT",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
      body: JSON.stringify({categories: chosen})
    }).then(function (response) {
      return response.json().then(function (body) {
        if (response.ok) {
          error.textContent = "";
          fieldset.removeAttribute("aria-describedby");
          say(form.getAttribute("data-text-saved"));
        } else {
          status.textContent = "";
          error.textContent = (body && body.error && body.error.message) || form.getAttribute("data-text-failed");
          fieldset.setAttribute("aria-describedby", error.id);
        }
      });
    }).catch(function () {
      form.submit();  // the network or the API failed: the plain form still works
    });
  });
})();
