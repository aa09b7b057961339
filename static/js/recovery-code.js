/* The recovery code page: copy the code, download it as a .txt file, or print it (the print stylesheet
   shows only the code and its explanation). Every outcome is said in a status region next to the buttons. */
(function () {
  "use strict";

  var codeBox = document.getElementById("recovery-code");
  var actions = document.getElementById("recovery-actions");
  var feedback = document.getElementById("recovery-feedback");
  if (!codeBox || !actions) { return; }
  var code = codeBox.getAttribute("data-code");
  actions.hidden = false;  // without JavaScript the member writes it down

  function say(key) { feedback.textContent = actions.getAttribute(key); }

  function selectCode() {
    var range = document.createRange();
    range.selectNodeContents(codeBox);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  document.getElementById("copy-code").addEventListener("click", function () {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(code).then(function () { say("data-copied"); }, function () {
        selectCode();
        say("data-copy-failed");
      });
    } else {
      selectCode();
      say("data-copy-failed");
    }
  });

  document.getElementById("download-code").addEventListener("click", function () {
    var text = actions.getAttribute("data-file-text") + "\n\n" + code + "\n";
    var url = URL.createObjectURL(new Blob([text], {type: "text/plain;charset=utf-8"}));
    var link = document.createElement("a");
    link.href = url;
    link.download = actions.getAttribute("data-file-name");
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    say("data-downloaded");
  });

  document.getElementById("print-code").addEventListener("click", function () { window.print(); });
})();
