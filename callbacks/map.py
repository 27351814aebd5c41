"""Map page callbacks: draw the member cities; open a city's comparison on click."""

from __future__ import annotations

from urllib.parse import urlencode

import dash
from dash import Input, Output, callback

from dashboard import ids, wiring
from dashboard.views import map as view


@callback(output=wiring.outputs(view), inputs=wiring.inputs(view))
def update_map(**values: object) -> dict:
    """The members as of the year, the cities not placed and a one-line count."""
    return wiring.render(view, values)


def compare_href(click: dict | None) -> str | None:
    """The comparison page of the clicked city, or None when no city was clicked."""
    points = (click or {}).get("points") or []
    custom = points[0].get("customdata") if points else None
    if not isinstance(custom, list) or len(custom) < 2:
        return None
    query = urlencode({"city": custom[0], "country": custom[1]})
    return dash.get_relative_path("/compare") + "?" + query


@callback(
    Output(ids.REDIRECT, "href", allow_duplicate=True),
    Input(ids.chart_part(ids.CHART, view.CHART.id), "clickData"),
    prevent_initial_call=True,
)
def update_redirect(click: dict | None) -> str:
    """Clicking a city opens its comparison (/compare?city=...&country=...)."""
    href = compare_href(click)
    return href if href else dash.no_update
