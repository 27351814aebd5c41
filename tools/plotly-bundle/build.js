// Builds ../../assets/vendor/plotly-icc.min.js from entry.js with esbuild, as plotly.js
// builds its own bundles (IIFE, global `Plotly`, es2016), minified. `make plotly-bundle`.
const fs = require("fs");
const path = require("path");
const esbuild = require("esbuild");

const version = require("plotly.js/package.json").version;
const entry = path.join(__dirname, "entry.js");
const traces = ["scatter"].concat(
    Array.from(fs.readFileSync(entry, "utf8").matchAll(/plotly\.js\/lib\/([a-z0-9]+)"/g))
        .map((m) => m[1])
        .filter((name) => name !== "core")
);
const outfile = path.join(__dirname, "..", "..", "assets", "vendor", "plotly-icc.min.js");

esbuild
    .build({
        entryPoints: [entry],
        outfile,
        bundle: true,
        format: "iife",
        globalName: "Plotly",
        minify: true,
        target: "es2016",
        define: { global: "window", "define.amd": "false" },
        // maplibre-gl's stylesheet is required only for the "map" subplot, not bundled here.
        loader: { ".css": "empty" },
        legalComments: "eof",
        banner: {
            js:
                `/* plotly.js v${version} (MIT licence, https://github.com/plotly/plotly.js), ` +
                `partial bundle of the ICC Network Dashboard, traces: ${traces.join(",")} */`,
        },
        logLevel: "info",
    })
    .catch(() => process.exit(1));
