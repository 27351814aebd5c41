// Presentation view: ?present=1&slide=N on any page. Arrow keys, Page Up/Down, space and
// clicks step through the slides; Escape leaves. The state lives in the URL only.
(function () {
  var QUERY = "present-query";

  function params() { return new URLSearchParams(window.location.search); }
  function presenting() { return params().get("present") === "1"; }

  function write(p) {
    var qs = p.toString();
    var url = window.location.pathname + (qs ? "?" + qs : "");
    window.history.replaceState(window.history.state, "", url);
    document.body.classList.toggle("presenting", p.get("present") === "1");
    var dc = window.dash_clientside;
    if (dc && dc.set_props) { dc.set_props(QUERY, { data: window.location.search }); }
  }

  function total() {
    var el = document.querySelector(".present-slide");
    var n = el ? parseInt(el.getAttribute("data-total"), 10) : NaN;
    return isNaN(n) ? 99 : n;
  }

  function go(delta, absolute) {
    var p = params();
    var n = parseInt(p.get("slide") || "1", 10);
    if (isNaN(n)) { n = 1; }
    n = absolute ? absolute : n + delta;
    if (n < 0) { n = total(); }
    n = Math.max(1, Math.min(total(), n));
    p.set("slide", String(n));
    write(p);
  }

  function leave() {
    var p = params();
    p.delete("present");
    p.delete("slide");
    write(p);
  }

  document.addEventListener("keydown", function (e) {
    if (!presenting() || e.altKey || e.ctrlKey || e.metaKey) { return; }
    var tag = (e.target && e.target.tagName) || "";
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(tag)) { return; }
    switch (e.key) {
      case "ArrowRight": case "ArrowDown": case "PageDown": case " ": go(1); break;
      case "ArrowLeft": case "ArrowUp": case "PageUp": go(-1); break;
      case "Home": go(0, 1); break;
      case "End": go(0, -1); break;
      case "Escape": leave(); break;
      default: return;
    }
    e.preventDefault();
  });

  document.addEventListener("click", function (e) {
    var target = e.target && e.target.closest ? e.target : null;
    if (!target) { return; }
    var deck = target.closest("[data-deck]");
    if (deck) {
      // The deck follows the view: its year, city and language go with the download.
      var p = params(), q = new URLSearchParams();
      ["year", "city", "lang"].forEach(function (k) { if (p.get(k)) { q.set(k, p.get(k)); } });
      var base = deck.getAttribute("href").split("?")[0];
      deck.setAttribute("href", base + (q.toString() ? "?" + q.toString() : ""));
      return;
    }
    var control = target.closest("[data-present]");
    if (control) {
      var action = control.getAttribute("data-present");
      if (action === "next") { go(1); } else if (action === "prev") { go(-1); } else { leave(); }
      e.preventDefault();
      return;
    }
    // A click on the slide (not on the chart, a link or a button) steps forward.
    if (presenting() && target.closest(".present-slide") &&
        !target.closest(".js-plotly-plot, a, button")) {
      go(1);
    }
  });

  // Hide the page at once when the URL opens in presentation (the slide follows).
  if (presenting()) {
    document.addEventListener("DOMContentLoaded", function () {
      document.body.classList.add("presenting");
    });
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    present: {
      sync: function (search, toggleClicks, seen) {
        var ctx = window.dash_clientside.callback_context;
        var p = params();
        var fromButton = ctx.triggered.some(function (t) {
          return t.prop_id.indexOf("present-toggle") !== -1 && t.value;
        });
        if (fromButton) {
          p.set("present", "1");
          p.set("slide", "1");
          var qs = p.toString();
          window.history.replaceState(window.history.state, "", window.location.pathname + "?" + qs);
        }
        document.body.classList.toggle("presenting", p.get("present") === "1");
        // The same query as the slide layer already shows (the shell opened with it): nothing
        // to ask the server.
        if (!fromButton && window.location.search === seen) {
          return window.dash_clientside.no_update;
        }
        return window.location.search;
      }
    }
  });
})();
