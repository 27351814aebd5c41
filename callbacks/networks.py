"""Networks callback: tables, map, membership and growth of the networks shown."""

from __future__ import annotations

from dash import callback

from dashboard import wiring
from dashboard.views import networks as view


@callback(**wiring.page_callback(view))
def update_networks(**values: object) -> dict:
    """Everything on the page for the networks the filters select, as of the year."""
    return wiring.render(view, values)
