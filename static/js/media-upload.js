// The film media page's uploads with a progress bar: each form's file is sent as the raw body of a PUT to the
// API (streamed by the server, never held whole), and the page reloads to show what the film now has.
// Without JavaScript the same forms post multipart to the page, which works the same.
(function () {
  "use strict";

  function showError(form, message) {
    var input = form.querySelector("input[type=file]");
    var error = form.querySelector(".field-error");
    error.textContent = message;
    form.querySelector(".field").classList.add("field--error");
    input.setAttribute("aria-invalid", "true");
    form.querySelector(".media-upload__status").textContent = "";
    form.querySelector(".media-upload__progress").hidden = true;
    form.querySelector("button[type=submit]").disabled = false;
    input.focus();
  }

  function upload(form, file) {
    var progress = form.querySelector("progress");
    var status = form.querySelector(".media-upload__status");
    var button = form.querySelector("button[type=submit]");
    var announced = 0;
    var request = new XMLHttpRequest();
    request.open("PUT", form.dataset.uploadApi);
    request.setRequestHeader("X-CSRF-Token", form.querySelector("input[name=csrf_token]").value);
    request.setRequestHeader("Content-Type", file.type || "application/octet-stream");
    request.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) {
        var percent = Math.floor((event.loaded / event.total) * 100);
        progress.value = percent;
        // Announced in steps of a quarter, so a screen reader is not flooded.
        if (percent >= announced + 25) {
          announced = percent - (percent % 25);
          status.textContent = announced + " %";
        }
      }
    });
    request.addEventListener("load", function () {
      if (request.status === 200) {
        var page = new URL(window.location.href);
        page.searchParams.set("uploaded", form.dataset.uploadApi.split("/").pop());
        window.location.assign(page.toString());
        return;
      }
      var message = form.dataset.failed;
      try { message = JSON.parse(request.responseText).error.message || message; } catch (ignored) { /* keep */ }
      showError(form, message);
    });
    request.addEventListener("error", function () { showError(form, form.dataset.failed); });
    form.querySelector(".media-upload__progress").hidden = false;
    button.disabled = true;
    status.textContent = "0 %";
    request.send(file);
  }

  document.querySelectorAll("form.media-upload").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var input = form.querySelector("input[type=file]");
      var file = input.files && input.files[0];
      if (!file) { return; } // the browser's own "required" message, or the server's
      event.preventDefault();
      if (file.size > Number(form.dataset.maxBytes)) {
        showError(form, form.dataset.tooLarge);
        return;
      }
      upload(form, file);
    });
  });
}());
