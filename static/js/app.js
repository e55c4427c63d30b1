// Small behaviours that need no framework. No inline scripts: the CSP forbids them.
(function () {
  "use strict";
  // Announce htmx updates to screen readers and move focus to the new content.
  document.body.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    var message = target.getAttribute("data-announce");
    var live = document.getElementById("live-region");
    if (live && message) { live.textContent = message; }
    var focus = target.querySelector("[data-focus-after-swap]") || (target.hasAttribute("tabindex") ? target : null);
    if (focus) { focus.focus(); }
  });
  // Buttons that ask before they do something that cannot be undone.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) { event.preventDefault(); }
  });
})();
