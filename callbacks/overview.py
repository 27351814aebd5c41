"""Overview callback: the key figures, the growth chart and the small map move together."""

from __future__ import annotations

from dash import callback

from dashboard import wiring
from dashboard.views import overview as view


@callback(**wiring.page_callback(view))
def update_overview(**values: object) -> dict:
    """KPIs of the year, membership growth and the members' map, for the filters."""
    return wiring.render(view, values)
