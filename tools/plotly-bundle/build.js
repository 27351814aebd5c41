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

// country-iso-search (plotly.js's country-name lookup for locationmode "country names")
// normalises every country's name and aliases with a dozen regular expressions as soon as
// plotly.js loads: about 40 ms of every page's start, for a lookup the dashboard never
// makes (its maps locate countries by ISO-3 code). The name index is built on its first
// use instead; lookups by code and by name answer as before. The build stops if the
// package's code is not the one this was written for (`package-lock.json` pins it).
const LAZY_NAMES = [
    [
        "  const byName = /* @__PURE__ */ new Map();\n  for (const c of records) {",
        "  let byName = null;\n  const names = () => byName || buildNames();\n" +
            "  function buildNames() {\n  byName = /* @__PURE__ */ new Map();\n  for (const c of records) {",
    ],
    [
        "      byName.set(key, c.iso3);\n    }\n  }\n",
        "      byName.set(key, c.iso3);\n    }\n  }\n  return byName;\n  }\n",
    ],
    ["const iso3 = byName.get(sanitize(s));", "const iso3 = names().get(sanitize(s));"],
];
const lazyCountryNames = {
    name: "lazy-country-names",
    setup(build) {
        build.onLoad({ filter: /country-iso-search[\\/]dist[\\/]index\.cjs$/ }, (args) => {
            let code = fs.readFileSync(args.path, "utf8");
            for (const [before, after] of LAZY_NAMES) {
                if (code.split(before).length !== 2) {
                    throw new Error(`country-iso-search changed: "${before}" not found once`);
                }
                code = code.replace(before, after);
            }
            return { contents: code, loader: "js" };
        });
    },
};

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
        plugins: [lazyCountryNames],
        logLevel: "info",
    })
    .catch(() => process.exit(1));

// The one thing Dash's scripts need from Dash's polyfill (@babel/polyfill 7: core-js 2 and
// regenerator-runtime) in a current browser: the global `regeneratorRuntime` their async
// functions were compiled against. dashboard/serving.py names this instead of the polyfill.
const regenerator = require("regenerator-runtime/package.json").version;
esbuild
    .build({
        entryPoints: [require.resolve("regenerator-runtime/runtime.js")],
        outfile: path.join(path.dirname(outfile), "regenerator-runtime.min.js"),
        bundle: true,
        format: "iife",
        minify: true,
        target: "es2016",
        legalComments: "eof",
        banner: {
            js:
                `/* regenerator-runtime v${regenerator} (MIT licence, ` +
                `https://github.com/facebook/regenerator), sets the global regeneratorRuntime */`,
        },
        logLevel: "info",
    })
    .catch(() => process.exit(1));
