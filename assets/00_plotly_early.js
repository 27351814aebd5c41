/* plotly.js is fetched from the page's head (`<script defer id="icc-plotly">`, a
   fingerprinted URL cached a year: dashboard/serving.py). Until it has run, `window.Plotly`
   is a promise of it: dcc.Graph's loader waits on that promise instead of fetching
   plotly.js a second time by its plain name when a graph mounts before the script ran. */
(function () {
    var tag = document.getElementById("icc-plotly");
    if (!tag || window.Plotly) {
        return;
    }
    window.Plotly = new Promise(function (resolve, reject) {
        tag.addEventListener("load", function () { resolve(window.Plotly); });
        tag.addEventListener("error", reject);
    });
})();
