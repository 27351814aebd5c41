"""Index page callback: one update for the heatmap, the spread of areas and the lens."""

from __future__ import annotations

import pandas as pd
from dash import Input, Output, callback

from dashboard import components, data, ids, peers
from dashboard.figures import index as figs
from dashboard.figures.common import source_line
from dashboard.pages import index_page as page
from dashboard.urlstate import filters_from_values


def _height(px: int) -> dict:
    return {"height": f"{px}px"}


@callback(
    Output(page.COUNT, "children"),
    *components.chart_outputs(page.HEATMAP),
    Output(ids.chart_part(ids.CHART, page.HEATMAP), "style"),
    *components.chart_outputs(page.SPREAD),
    *components.chart_outputs(page.LENS),
    Output(ids.chart_part(ids.CHART, page.LENS), "style"),
    Input(ids.filter_id("continent"), "value"),
    Input(ids.filter_id("country"), "value"),
    Input(ids.filter_id("network"), "value"),
    Input(ids.param_id(page.EDITION_KEY), "value"),
    Input(ids.param_id(page.POP_KEY), "value"),
    Input(ids.param_id(page.FB_KEY), "value"),
    Input(ids.param_id(page.SORT_KEY), "value"),
)
def update_index(
    continent: str | None,
    country: str | None,
    network: str | None,
    edition: str | None,
    pop: str | None,
    fb: str | None,
    sort: str | None,
) -> tuple:
    """Every chart of the page for the filters, edition, bands and sort order."""
    res = page.results()
    edition = edition or figs.default_edition(res)
    filters = filters_from_values({"continent": continent, "country": country, "network": network})
    cities = data.filter_cities(page.city_frame(), filters)
    return index_view(res, cities, edition, pop, fb, sort or page.DEFAULT_SORT, filters.describe())


def index_view(
    res: pd.DataFrame,
    cities: pd.DataFrame,
    edition: str,
    pop: str | None,
    fb: str | None,
    sort: str,
    filters_text: str,
) -> tuple:
    """The callback's outputs from prepared frames (called directly by tests)."""
    rows = figs.sort_rows(figs.select_rows(res, cities, edition, pop=pop, fb=fb), sort)
    illustrative = bool(rows["illustrative"].any()) if not rows.empty else False
    sources = peers.flat_sources(rows) if not rows.empty else []
    labels = {str(o["value"]): o["label"] for o in figs.edition_options(res)}
    label = labels.get(str(edition), str(edition))
    count = (
        f"{len(rows)} {'city' if len(rows) == 1 else 'cities'} shown, {label.split(' (')[0]}; "
        f"sorted by {figs.SORTS.get(sort, sort).lower()}."
        if not rows.empty
        else figs.EMPTY + "."
    )
    text = (
        f"{filters_text}; edition={edition}, population={pop or 'any'}, foreign-born={fb or 'any'}"
    )
    common = {
        "filters": text,
        "sources": sorted(set(sources)),
        "illustrative": illustrative,
        "source_text": source_line(sources, illustrative),
    }
    cols = ["city", "country", "year", "edition", "overall", "lens", *figs.areas_present(rows)]
    table = rows[cols] if not rows.empty else pd.DataFrame(columns=cols)
    heat_px = 150 + figs.ROW_PX * len(rows) if not rows.empty else 300
    lens_px = max(300, 130 + figs.ROW_PX * len(figs.lens_table(rows))) if not rows.empty else 300
    heat = components.chart_values(
        figs.heatmap(rows, illustrative=illustrative), table, title="ICC Index: cities by area",
        **common,
    )  # fmt: skip
    spread = components.chart_values(
        figs.distribution(rows, illustrative=illustrative),
        table,
        title="ICC Index: spread of each area",
        **common,
    )
    lens = components.chart_values(
        figs.lens_bars(rows, illustrative=illustrative),
        figs.lens_table(rows).drop(columns="illustrative"),
        title="The city through an intercultural lens",
        **common,
    )
    return (count, *heat, _height(heat_px), *spread, *lens, _height(lens_px))
