/* The library editor's live preview: a short pause after typing, the body goes to the server, which renders
   it with the public page's own pipeline (sanitized) and answers HTML and any problems. Without JavaScript
   the form's "Show preview" button does the same with a full page. */
(function () {
  "use strict";
  var body = document.getElementById("body");
  var target = body && document.getElementById(body.getAttribute("data-preview-target"));
  var status = document.getElementById("preview-status");
  var tokenMeta = document.querySelector('meta[name="csrf-token"]');
  if (!body || !target || !tokenMeta || !window.fetch) { return; }
  var url = body.getAttribute("data-preview-url");
  var timer = null;
  var sent = 0;

  function render() {
    var number = ++sent;
    window.fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": tokenMeta.getAttribute("content")},
      body: JSON.stringify({body: body.value})
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (answer) {
      if (number !== sent) { return; }  // an older answer arriving late must not replace a newer one
      target.innerHTML = answer.html;  // sanitized on the server by the same code as the public page
      status.textContent = answer.problems.length ? answer.problems.join(" ") : status.getAttribute("data-ok");
      target.setAttribute("data-rendered", String(number));
    }).catch(function () {
      status.textContent = status.getAttribute("data-failed");
    });
  }

  status.setAttribute("data-ok", status.textContent);
  status.setAttribute("data-failed", body.getAttribute("data-preview-failed") || status.textContent);
  body.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(render, 400);
  });
}());
