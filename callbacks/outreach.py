"""Outreach callback: followers, publications, events and the events table."""

from __future__ import annotations

from dash import callback

from dashboard import wiring
from dashboard.views import outreach as view


@callback(**wiring.page_callback(view))
def update_outreach(**values: object) -> dict:
    """Followers, publications, events and the events table, for the filters."""
    return wiring.render(view, values)
