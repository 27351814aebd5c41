"""Trends callback: members, Index results, followers, net growth and activities."""

from __future__ import annotations

from dash import callback

from dashboard import wiring
from dashboard.views import trends as view


@callback(**wiring.page_callback(view))
def update_trends(**values: object) -> dict:
    """Every chart of the trends page for the years and places."""
    return wiring.render(view, values)
