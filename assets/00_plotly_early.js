/* plotly.js is fetched from the page's head (`<script defer id="icc-plotly">`, a
   fingerprinted URL cached a year: dashboard/serving.py). Until it has run, `window.Plotly`
   is a promise of it: dcc.Graph's loader waits on that promise instead of fetching
   plotly.js a second time by its plain name when a graph mounts before the script ran.

   Once it has run, charts are drawn once instead of twice when they were drawn before.
   Plotly draws a chart with the margins its figure gives, then measures its legend, tick
   labels and colour bar ("automargin") and, when they need more room, draws it all again.
   The margins it ended with are remembered here (localStorage, at most MAX charts), keyed by
   the chart, its size on screen and its whole figure: the same figure at the same size
   starts from them and is drawn once. Plotly's own first drawing may stop a few pixels short
   of where the margins settle; the next drawing settles them and is kept (at most SETTLE
   times), so from then on the chart is drawn once, to the same result every time. Anything
   different (new data, another filter, a resized window) is a new key, drawn as Plotly
   would.

   Text is measured once per browser, not once per visit. Plotly measures each tick label,
   bar label and legend entry before it places them (a hidden copy of the text, then
   getBoundingClientRect: a forced layout of the whole page each time, about 270 times on
   /index) and keeps the boxes in Drawing.savedBBoxes, keyed by the text and its whole
   style, for the page's life. The boxes are kept here across visits
   (localStorage, at most MAX_BOXES), for the same plotly.js at the same pixel ratio; the
   fonts are the system's (no web font), so the same text in the same style has the same
   box, and a page seen before measures only what is new on it. */
(function () {
    var tag = document.getElementById("icc-plotly");
    if (!tag || window.Plotly) {
        return;
    }
    var STORE = "icc-chart-margins-v1";
    var MAX = 300;
    var SETTLE = 2;

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
                layout.margin = Object.assign({}, layout.margin, {
                    l: known.l, r: known.r, t: known.t, b: known.b
                });
                drawn = Object.assign({}, figure, {layout: layout});
            }
            return react.call(this, gd, drawn).then(function (result) {
                var size = gd._fullLayout && gd._fullLayout._size;
                var memo = read();
                var kept = memo[key];
                var ended = size && {l: size.l, r: size.r, t: size.t, b: size.b};
                // Plotly redraws for its margins at most once, so a first drawing may stop
                // a few pixels short of where its margins settle (horizontal bar charts: 4
                // px): a drawing started from them that moved them is kept too, at most
                // SETTLE times, then the margins are final (they never drift).
                if (ended && (!kept || (
                    (kept.n || 0) < SETTLE && JSON.stringify(ended) !== JSON.stringify(
                        {l: kept.l, r: kept.r, t: kept.t, b: kept.b}
                    )
                ))) {
                    ended.n = kept ? (kept.n || 0) + 1 : 0;
                    delete memo[key];
                    memo[key] = ended;
                    write(memo);
                }
                return result;
            });
        };
    }

    var BOXES = "icc-text-boxes-v1";
    var MAX_BOXES = 2000;

    function keepTextBoxes(Plotly) {
        var drawing = Plotly && Plotly.Drawing;
        var react = Plotly && Plotly.react;
        if (!drawing || !drawing.savedBBoxes || typeof react !== "function") {
            return;
        }
        var context = Plotly.version + "|" + window.devicePixelRatio;
        var known = {};
        try {
            var stored = JSON.parse(window.localStorage.getItem(BOXES));
            if (stored && stored.context === context && stored.boxes) {
                known = stored.boxes;
            }
        } catch (e) {
            known = {};
        }
        Object.keys(known).forEach(function (hash) {
            var b = known[hash];
            drawing.savedBBoxes[hash] = {
                width: b[0], height: b[1], left: b[2], top: b[3], right: b[4], bottom: b[5]
            };
        });
        var pending = false;
        function save() {
            pending = false;
            var saved = drawing.savedBBoxes;
            var fresh = Object.keys(saved).filter(function (hash) {
                return !known[hash];
            });
            if (!fresh.length) {
                return;
            }
            fresh.forEach(function (hash) {
                var b = saved[hash];
                known[hash] = [b.width, b.height, b.left, b.top, b.right, b.bottom];
            });
            var keys = Object.keys(known);
            keys.slice(0, Math.max(0, keys.length - MAX_BOXES)).forEach(function (k) {
                delete known[k];
            });
            try {
                window.localStorage.setItem(BOXES, JSON.stringify({context: context, boxes: known}));
            } catch (e) {
                /* storage full or refused: text is measured as Plotly would */
            }
        }
        // Saved once the page's charts are drawn (and when the page is left), off the
        // drawing's path.
        Plotly.react = function () {
            return react.apply(this, arguments).then(function (result) {
                if (!pending) {
                    pending = true;
                    window.setTimeout(save, 500);
                }
                return result;
            });
        };
        window.addEventListener("pagehide", save);
    }

    window.Plotly = new Promise(function (resolve, reject) {
        tag.addEventListener("load", function () {
            keepTextBoxes(window.Plotly);
            rememberMargins(window.Plotly);
            resolve(window.Plotly);
        });
        tag.addEventListener("error", reject);
    });
})();
