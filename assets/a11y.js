// Keyboard and screen-reader fixes to Dash's own controls (issue 12 point 5).
// dcc.Dropdown puts a focusable input marked aria-hidden before its button (the button is
// out of the tab order and the input hands focus on to it): a screen reader is sent to a
// hidden element (axe: aria-hidden-focus). Here the button itself takes Tab, the hidden
// input leaves the tab order; the dropdown opens and is used from the button as before.
// A table that scrolls sideways on a phone (.table-responsive, .md-table) can be scrolled
// from the keyboard only if it takes the focus (axe: scrollable-region-focusable): it does,
// named after its card's title.
(function () {
  var FOCUS_TARGET = ".dash-dropdown-focus-target";
  var SCROLLER = ".table-responsive:not([tabindex]), .md-table:not([tabindex])";

  function nameOf(box) {
    var card = box.closest(".card");
    var title = card && card.querySelector(".chart-title, .card-header");
    return "Table" + (title && title.textContent.trim() ? ": " + title.textContent.trim() : "");
  }

  function fix(root) {
    (root.querySelectorAll ? root.querySelectorAll(FOCUS_TARGET) : []).forEach(function (input) {
      if (input.tabIndex !== -1) { input.tabIndex = -1; }
      var button = input.nextElementSibling;
      if (button && button.tagName === "BUTTON" && !button.disabled && button.tabIndex !== 0) {
        button.tabIndex = 0;
      }
    });
    (root.querySelectorAll ? root.querySelectorAll(SCROLLER) : []).forEach(function (box) {
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", nameOf(box));
    });
  }

  var scheduled = false;
  function schedule() {
    if (scheduled) { return; }
    scheduled = true;
    window.requestAnimationFrame(function () { scheduled = false; fix(document); });
  }

  function start() {
    fix(document);
    new MutationObserver(schedule).observe(document.body, {
      childList: true, subtree: true, attributes: true, attributeFilter: ["tabindex"]
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
