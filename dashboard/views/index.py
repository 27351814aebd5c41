"""Index view: cities by area (heatmap), the spread of each area, the intercultural lens."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dashboard import ids, peers
from dashboard.cards import Card, ChartResult
from dashboard.data import filter_cities
from dashboard.figures import index as figs
from dashboard.urlstate import PageState

PAGE = "index"
COUNT = "index-count"
# "results", not "edition": the compare page writes param "edition" (one ID per query key).
EDITION_KEY, POP_KEY, FB_KEY, SORT_KEY = "results", "pop", "fb", "sort"
DEFAULT_SORT = "overall"
HEATMAP = Card(
    "index-heatmap",
    PAGE,
    "Cities by area",
    help="Scores 0-100 (darker blue lower, yellow higher). Overall: the file's overall index, "
    "or the mean of the areas where none was given. Areas marked * are optional. Empty "
    "cells: area not in that questionnaire.",
    height=600,
)
SPREAD = Card(
    "index-spread",
    PAGE,
    "Spread of each area",
    help="One box per area: the middle half of the cities inside the box, the median as its "
    "line, every city as a dot.",
    height=460,
)
LENS = Card(
    "index-lens",
    PAGE,
    "The city through an intercultural lens",
    help="Mean of education, neighbourhoods, public services, business and labour market, "
    "cultural and social life and public space (bars), with the overall Index (red marks).",
    height=460,
)
CARDS = (HEATMAP, SPREAD, LENS)
OUTPUTS = {
    COUNT: (COUNT, "children"),
    "heatmap_style": (ids.chart_part(ids.CHART, HEATMAP.id), "style"),
    "lens_style": (ids.chart_part(ids.CHART, LENS.id), "style"),
}
FILTERS = ("continent", "country", "network")
PARAMS = (EDITION_KEY, POP_KEY, FB_KEY, SORT_KEY)
FRAMES = ("cities", "index")


def prepare(frames: Mapping[str, pd.DataFrame]) -> dict:
    """Index results one row per city and year, and the edition choices with their counts."""
    results = peers.prepare_results(frames["index"])
    return {
        "results": results,
        "cities": frames["cities"],
        "editions": figs.edition_options(results),
        "default_edition": figs.default_edition(results),
    }


def _height(px: int) -> dict:
    return {"height": f"{px}px"}


def view(prepared: dict, state: PageState) -> dict:
    """Every chart of the page for the filters, edition, bands and sort order."""
    res = prepared["results"]
    edition = str(state.param(EDITION_KEY, prepared["default_edition"]))
    pop, fb = state.param(POP_KEY), state.param(FB_KEY)
    sort = str(state.param(SORT_KEY, DEFAULT_SORT))
    cities = filter_cities(prepared["cities"], state.filters)
    rows = figs.sort_rows(figs.select_rows(res, cities, edition, pop=pop, fb=fb), sort)
    labels = {str(o["value"]): o["label"] for o in prepared["editions"]}
    label = labels.get(edition, edition)
    count = (
        f"{len(rows)} {'city' if len(rows) == 1 else 'cities'} shown, {label.split(' (')[0]}; "
        f"sorted by {figs.SORTS.get(sort, sort).lower()}."
        if not rows.empty
        else figs.EMPTY + "."
    )
    described = (
        f"{state.filters.describe()}; edition={edition}, population={pop or 'any'}, "
        f"foreign-born={fb or 'any'}"
    )
    basis = pd.DataFrame({"source": peers.flat_sources(rows) if not rows.empty else []}).assign(
        illustrative=bool(rows["illustrative"].any()) if not rows.empty else False
    )
    cols = ["city", "country", "year", "edition", "overall", "lens", *figs.areas_present(rows)]
    table = rows[cols] if not rows.empty else pd.DataFrame(columns=cols)
    lens_rows = figs.lens_table(rows)
    heat_px = 150 + figs.ROW_PX * len(rows) if not rows.empty else 300
    lens_px = max(300, 130 + figs.ROW_PX * len(lens_rows)) if not rows.empty else 300
    return {
        COUNT: count,
        HEATMAP.id: ChartResult(
            lambda ill: figs.heatmap(rows, illustrative=ill), table, basis, filters=described
        ),
        "heatmap_style": _height(heat_px),
        SPREAD.id: ChartResult(
            lambda ill: figs.distribution(rows, illustrative=ill), table, basis, filters=described
        ),
        LENS.id: ChartResult(
            lambda ill: figs.lens_bars(rows, illustrative=ill),
            lens_rows.drop(columns="illustrative"),
            basis,
            filters=described,
        ),
        "lens_style": _height(lens_px),
    }
