// Writes the view's filters and page parameters to the URL without re-rendering the page,
// and makes the navigation links carry the shared filters to the next page.
(function () {
  var SHARED = ["year", "from", "to", "continent", "country", "network", "present"];
  // The presentation view's parameters (dashboard/urlstate.py SHELL_KEYS), valid anywhere.
  var SHELL = ["slide", "city"];

  function setParam(params, key, value) {
    if (value === null || value === undefined || value === "" ||
        (Array.isArray(value) && value.length === 0)) {
      params.delete(key);
    } else {
      params.set(key, Array.isArray(value) ? value.join(",") : String(value));
    }
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
        if (url !== window.location.pathname + window.location.search) {
          window.history.replaceState(window.history.state, "", url);
        }
        var shared = new URLSearchParams();
        SHARED.forEach(function (key) {
          if (params.has(key)) { shared.set(key, params.get(key)); }
        });
        var sqs = shared.toString();
        var hrefs = ctx.outputs_list[1].map(function (out) {
          return out.id.page + (sqs ? "?" + sqs : "");
        });
        return [url, hrefs];
      }
    })
  });
})();
