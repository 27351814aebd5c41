"""The dashboard's own plotly.js (assets/vendor/plotly-icc.min.js, tools/plotly-bundle):
the plotly.js version plotly.py was made for, with every trace type the charts draw."""

from __future__ import annotations

import re
from pathlib import Path

import dash
import plotly
import pytest
from dash import dcc

from dashboard import serving, wiring
from dashboard.figures.maps import COLOUR_OPTIONS

ROOT = Path(__file__).resolve().parent.parent
ENTRY = ROOT / "tools" / "plotly-bundle" / "entry.js"
BANNER = re.compile(r"/\* plotly\.js v([\d.]+) .*?traces: ([a-z0-9,]+) \*/")


def _banner() -> tuple[str, set[str]]:
    head = serving.PLOTLY_BUNDLE.read_bytes()[:400].decode()
    found = BANNER.match(head)
    assert found, "the bundle lost its banner: rebuild it with `make plotly-bundle`"
    return found.group(1), set(found.group(2).split(","))


def _entry_traces() -> set[str]:
    listed = set(re.findall(r'require\("plotly\.js/lib/([a-z0-9]+)"\)', ENTRY.read_text()))
    return (listed - {"core"}) | {"scatter"}  # plotly.js's core always carries scatter


def _trace_types(tree) -> set[str]:
    found = set()
    for component in wiring.components_of(tree):
        if isinstance(component, dcc.Graph) and component.figure is not None:
            figure = component.figure
            data = figure["data"] if isinstance(figure, dict) else figure.data
            for trace in data:
                kind = trace.get("type") if isinstance(trace, dict) else trace.type
                found.add(kind or "scatter")
    return found


def test_the_bundle_is_built_from_the_entry_and_plotly_pys_version():
    """Its banner names the plotly.js release bundled with plotly.py (the figures' schema)
    and exactly the trace types tools/plotly-bundle/entry.js registers."""
    version, traces = _banner()
    full = (Path(plotly.__file__).parent / serving.PLOTLY_JS).read_bytes()[:200].decode()
    assert f"plotly.js v{version}" in full
    assert traces == _entry_traces()
    assert serving.PLOTLY_BUNDLE.stat().st_size < 2_000_000  # a third of the full bundle


@pytest.mark.parametrize("lang", [None, "fr"])
def test_every_chart_on_every_page_and_slide_has_its_trace_type_in_the_bundle(pages_app, lang):
    """A trace type missing from the bundle would leave its chart blank in the browser:
    every page (with its chart variants) and every slide of the presentation (with and
    without a city) draws only trace types the bundle registers."""
    from callbacks import present

    _, bundled = _banner()
    query = {"lang": lang} if lang else {}
    used: set[str] = set()
    pages = {p["path"]: p["layout"] for p in dash.page_registry.values()}
    variants = [(path, {}) for path in pages] + [("/compare", {"city": "Lisbon"})]
    variants += [("/map", {"colour": colour}) for colour in COLOUR_OPTIONS]
    for path, params in variants:
        used |= _trace_types(pages[path](**params, **query))
    suffix = f"&lang={lang}" if lang else ""
    for search in ("?present=1", "?present=1&city=Lisbon&with=Porto"):
        slides, _, _, _ = present.slides_for(search + suffix)
        for number in range(1, len(slides) + 1):
            view, hidden = present.slide_answer(f"{search}&slide={number}{suffix}")
            assert not hidden
            used |= _trace_types(view)
    assert {"bar", "scatter", "heatmap", "box", "choropleth", "scattergeo", "scatterpolar"} <= used
    assert used <= bundled, f"not in the bundle: {sorted(used - bundled)}"


def test_every_kind_of_slide_chart_draws_with_the_bundle():
    """A slide chart of any kind the story may use (story.CHART_KINDS, pie included though
    no slide draws one today) is made of trace types the bundle registers."""
    from dashboard import present, story

    _, bundled = _banner()
    series = (story.Series("a", (1.0, 2.0)), story.Series("b", (2.0, 1.0)))
    for kind in story.CHART_KINDS:
        chart = story.Chart(kind, ("x", "y"), series[:1] if kind == "pie" else series)
        used = {trace.type for trace in present.chart_figure(chart).data}
        assert used and used <= bundled, kind
