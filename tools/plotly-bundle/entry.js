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

// plotly.js's text measurer, whose cache of text boxes the page keeps between visits
// (assets/00_plotly_early.js): the same module instance the charts use.
Plotly.Drawing = require("plotly.js/src/components/drawing");

module.exports = Plotly;
