// The plotly.js of this dashboard: the core and only the trace types its charts use.
// Every figure's trace types must be listed here (tests/test_plotly_bundle.py checks every
// page's and slide's figures against this list). Rebuild with `make plotly-bundle`.
var Plotly = require("plotly.js/lib/core");

Plotly.register([
    require("plotly.js/lib/bar"),
    require("plotly.js/lib/box"),
    require("plotly.js/lib/choropleth"),
    require("plotly.js/lib/heatmap"),
    require("plotly.js/lib/pie"),
    require("plotly.js/lib/scattergeo"),
    require("plotly.js/lib/scatterpolar"),
]);

module.exports = Plotly;
