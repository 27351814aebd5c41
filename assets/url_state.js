// Writes the view's filters and page parameters to the URL without re-rendering the page,
// and makes the navigation links carry the shared filters to the next page.
// A filter change is a new history entry (Back undoes it); Back and Forward redraw the page
// from the address (Dash's router is told, see onPopState).
(function () {
  var SHARED = ["year", "from", "to", "continent", "country", "network", "lang"];
  // The presentation view's parameters (dashboard/urlstate.py SHELL_KEYS), valid anywhere.
  var SHELL = ["present", "slide", "city"];
  var LANGUAGES = ["en", "fr"];  // dashboard/urlstate.py LANGUAGES; the first is the default
  // Dash's page router (dash.page_container's dcc.Location) only re-renders when the address
  // it last saw changes; addresses written here with pushState are not seen by it.
  var ROUTER = "_pages_location";
  var seen = window.location.pathname + window.location.search;
  var lastPush = 0;

  function here() { return window.location.pathname + window.location.search; }

  function setParam(params, key, value) {
    // A number box holding what is not a number in its range (a page past the last) gives
    // NaN: the address says nothing rather than "page=NaN".
    if (value === null || value === undefined || value === "" ||
        (typeof value === "number" && isNaN(value)) ||
        (Array.isArray(value) && value.length === 0)) {
      params.delete(key);
    } else {
      params.set(key, Array.isArray(value) ? value.join(",") : String(value));
    }
  }

  function setLang(params) {
    var lang = (params.get("lang") || "").toLowerCase();
    document.documentElement.lang = LANGUAGES.indexOf(lang) >= 0 ? lang : LANGUAGES[0];
  }

  // Dash navigation (links, redirects) is seen by the router: remember where it went.
  window.addEventListener("_dashprivate_pushstate", function () { seen = here(); });
  window.addEventListener("popstate", function () {
    setLang(new URLSearchParams(window.location.search));
    var now = here();
    if (now === seen && window.dash_clientside && window.dash_clientside.set_props) {
      // The router thinks it is already there (it never saw the filter change being
      // undone): tell it, so the page is drawn again from the address.
      window.dash_clientside.set_props(ROUTER, {
        pathname: window.location.pathname, search: window.location.search
      });
    }
    seen = now;
  });

  function userChange(ctx) {
    // The first call after a page is drawn has no trigger (or "."): it only tidies the URL.
    var triggered = ctx.triggered || [];
    return triggered.some(function (t) { return t && t.prop_id && t.prop_id !== "."; }) &&
      !(ctx.triggered_id === undefined || ctx.triggered_id === null);
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    icc: Object.assign({}, (window.dash_clientside || {}).icc, {
      sync_url: function (filterValues, paramValues) {
        var ctx = window.dash_clientside.callback_context;
        var params = new URLSearchParams(window.location.search);
        ctx.inputs_list[0].forEach(function (item, i) {
          setParam(params, item.id.key, filterValues[i]);
        });
        ctx.inputs_list[1].forEach(function (item, i) {
          setParam(params, item.id.key, paramValues[i]);
        });
        // A parameter no control of this page reads (and not the presentation view's) was
        // ignored with a notice: drop it from the address so a shared link stays clean.
        var known = {};
        SHARED.concat(SHELL).forEach(function (key) { known[key] = true; });
        ctx.inputs_list[0].concat(ctx.inputs_list[1]).forEach(function (item) {
          known[item.id.key] = true;
        });
        Array.from(params.keys()).forEach(function (key) {
          if (!known[key]) { params.delete(key); }
        });
        var qs = params.toString();
        var url = window.location.pathname + (qs ? "?" + qs : "");
        if (url !== here()) {
          var now = Date.now();
          // One history entry per change the user made: the tidying on arrival replaces,
          // and a change that cascades (a continent clearing the country) stays one step.
          if (userChange(ctx) && now - lastPush > 250) {
            window.history.pushState({icc: now}, "", url);
            lastPush = now;
          } else {
            window.history.replaceState(window.history.state, "", url);
          }
        }
        setLang(params);
        var shared = new URLSearchParams();
        SHARED.forEach(function (key) {
          if (params.has(key)) { shared.set(key, params.get(key)); }
        });
        var sqs = shared.toString();
        var hrefs = ctx.outputs_list[1].map(function (out) {
          return out.id.page + (sqs ? "?" + sqs : "");
        });
        return [url, hrefs];
      },
      // "Clear filters": every shared filter of the page back to "all" (one history entry).
      clear_filters: function (n) {
        var ctx = window.dash_clientside.callback_context;
        if (!n) { return window.dash_clientside.no_update; }
        return ctx.outputs_list.map(function () { return null; });
      },
      toggle: function (n, open) { return n ? !open : open; },
      // The phone's "Filters" button: what is chosen, in a few words.
      filter_summary: function (values, options) {
        var ctx = window.dash_clientside.callback_context;
        var chosen = {};
        ctx.inputs_list[0].forEach(function (item, i) {
          var v = values[i];
          if (v === null || v === undefined || v === "") { return; }
          var label = String(v);
          (options[i] || []).forEach(function (o) {
            if (o && o.value === v && typeof o.label === "string") { label = o.label; }
          });
          chosen[item.id.key] = label;
        });
        // The page's language is one of the filter controls (key "lang"): French words then.
        var words = chosen.lang === "fr"
          ? {filters: "Filtres : ", none: "aucun", first: "première année", last: "dernière année"}
          : {filters: "Filters: ", none: "none", first: "first year", last: "last year"};
        var parts = [];
        if (chosen.year) { parts.push(chosen.year); }
        if (chosen.from || chosen.to) {
          parts.push((chosen.from || words.first) + "–" + (chosen.to || words.last));
        }
        ["continent", "country", "network"].forEach(function (key) {
          if (chosen[key]) { parts.push(chosen[key]); }
        });
        return words.filters + (parts.length ? parts.join(" · ") : words.none);
      }
    })
  });
})();
