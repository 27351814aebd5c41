"""Map page callbacks: draw the member cities; open a city's comparison on click."""

from __future__ import annotations

from collections.abc import Collection
from urllib.parse import parse_qs, urlencode, urlsplit

import dash
from dash import Input, Output, State, callback

from dashboard import data, ids, urlstate, wiring
from dashboard.views import map as view
from data_loaders import vocab


@callback(**wiring.page_callback(view))
def update_map(**values: object) -> dict:
    """The members as of the year, the cities not placed and a one-line count."""
    return wiring.render(view, values)


def compare_href(
    click: dict | None, current: str | None = None, namesakes: Collection[str] = ()
) -> str | None:
    """The comparison page of the clicked city, keeping the shared filters of the current
    address (`current`, path and query) as they were; None when no city was clicked.

    The map's own parameters (its colour) stay behind; a city whose name another city on
    file shares goes as its "Name (CC)" label, never as a country filter."""
    points = (click or {}).get("points") or []
    custom = points[0].get("customdata") if points else None
    if not isinstance(custom, list) or len(custom) < 2:
        return None
    city, country = str(custom[0]), str(custom[1])
    label = f"{city} ({country})" if vocab.norm_key(city) in namesakes else city
    kept = parse_qs(urlsplit(current or "").query)
    shared = (*urlstate.SHARED_KEYS, urlstate.LANG_KEY)
    query = {"city": label, **{k: kept[k][0] for k in shared if kept.get(k)}}
    return dash.get_relative_path("/compare") + "?" + urlencode(query)


def namesakes() -> frozenset[str]:
    """The folded names that more than one city on file shares."""

    def compute() -> frozenset[str]:
        cities = data.dm().load("cities")[["city", "country"]].drop_duplicates()
        folded = cities["city"].map(vocab.norm_key)
        return frozenset(folded[folded.duplicated(keep=False)])

    return data.dm().cached("map-namesakes", compute)


@callback(
    Output(ids.REDIRECT, "href", allow_duplicate=True),
    Input(ids.chart_part(ids.CHART, view.CHART.id), "clickData"),
    State(ids.URL_SYNC, "data"),
    prevent_initial_call=True,
)
def update_redirect(click: dict | None, current: str | None) -> str:
    """Clicking a city opens its comparison (/compare?city=...), shared filters kept."""
    href = compare_href(click, current, namesakes())
    return href if href else dash.no_update
