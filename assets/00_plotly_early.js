/* plotly.js is fetched from the page's head (`<script defer id="icc-plotly">`, a
   fingerprinted URL cached a year: dashboard/serving.py). Until it has run, `window.Plotly`
   is a promise of it: dcc.Graph's loader waits on that promise instead of fetching
   plotly.js a second time by its plain name when a graph mounts before the script ran.

   Once it has run, charts are drawn once instead of twice when they were drawn before.
   Plotly draws a chart with the margins its figure gives, then measures its legend, tick
   labels and colour bar ("automargin") and, when they need more room, draws it all again.
   The margins it ended with are remembered here (localStorage, at most MAX charts), keyed by
   the chart, its size on screen and its whole figure: the same figure at the same size
   starts from them and is drawn once, to the same result. Anything different (new data,
   another filter, a resized window) is a new key, drawn as Plotly would. */
(function () {
    var tag = document.getElementById("icc-plotly");
    if (!tag || window.Plotly) {
        return;
    }
    var STORE = "icc-chart-margins-v1";
    var MAX = 300;

    function hash(text) {
        var h = 2166136261;
        for (var i = 0; i < text.length; i += 1) {
            h ^= text.charCodeAt(i);
            h = Math.imul(h, 16777619);
        }
        return (h >>> 0).toString(36) + "-" + text.length.toString(36);
    }

    function read() {
        try {
            return JSON.parse(window.localStorage.getItem(STORE)) || {};
        } catch (e) {
            return {};
        }
    }

    function write(memo) {
        try {
            var keys = Object.keys(memo);
            keys.slice(0, Math.max(0, keys.length - MAX)).forEach(function (k) {
                delete memo[k];
            });
            window.localStorage.setItem(STORE, JSON.stringify(memo));
        } catch (e) {
            /* storage full or refused: charts are drawn as Plotly would */
        }
    }

    function rememberMargins(Plotly) {
        var react = Plotly && Plotly.react;
        if (typeof react !== "function") {
            return;
        }
        Plotly.react = function (gd, figure) {
            var whole = arguments.length === 2 && figure && !Array.isArray(figure);
            if (!whole || !gd || !gd.clientWidth) {
                return react.apply(this, arguments);
            }
            var key;
            try {
                key = hash(
                    gd.parentElement.id + "|" + gd.clientWidth + "x" + gd.clientHeight + "|" +
                    JSON.stringify(figure.data) + JSON.stringify(figure.layout)
                );
            } catch (e) {
                return react.apply(this, arguments);
            }
            var known = read()[key];
            var drawn = figure;
            if (known) {
                var layout = Object.assign({}, figure.layout);
                layout.margin = Object.assign({}, layout.margin, known);
                drawn = Object.assign({}, figure, {layout: layout});
            }
            return react.call(this, gd, drawn).then(function (result) {
                var size = gd._fullLayout && gd._fullLayout._size;
                var memo = read();
                // Kept once, from Plotly's own first drawing: never moved by later ones (a
                // chart whose margins grow when started from them would drift otherwise).
                if (size && !memo[key]) {
                    memo[key] = {l: size.l, r: size.r, t: size.t, b: size.b};
                    write(memo);
                }
                return result;
            });
        };
    }

    window.Plotly = new Promise(function (resolve, reject) {
        tag.addEventListener("load", function () {
            rememberMargins(window.Plotly);
            resolve(window.Plotly);
        });
        tag.addEventListener("error", reject);
    });
})();
