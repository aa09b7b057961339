/* Keyboard shortcuts on the review queue: j/k move between items, h hides, r restores, d dismisses the
   flags of the current item (the legend on the page lists them). Never while typing in a field. */
(function () {
  "use strict";
  var queue = document.getElementById("queue");
  if (!queue) { return; }
  var current = -1;
  function items() { return Array.prototype.slice.call(queue.querySelectorAll(".review-item")); }
  function select(index) {
    var list = items();
    if (!list.length) { return; }
    current = Math.max(0, Math.min(index, list.length - 1));
    list.forEach(function (item) { item.classList.remove("review-item--current"); });
    var item = list[current];
    item.classList.add("review-item--current");
    item.setAttribute("tabindex", "-1");
    item.focus();
  }
  var actions = {h: "hide", r: "restore", d: "dismiss"};
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON|SUMMARY)$/.test(target.tagName))) { return; }
    var key = event.key;
    if (key === "j") { select(current + 1); event.preventDefault(); return; }
    if (key === "k") { select(current - 1); event.preventDefault(); return; }
    if (actions[key] && current >= 0) {
      var item = items()[current];
      var button = item && item.querySelector('button[name="action"][value="' + actions[key] + '"]');
      if (button) { event.preventDefault(); button.click(); }
    }
  });
})();
