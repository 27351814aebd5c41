"""Index page callback: the heatmap, the spread of areas and the lens."""

from __future__ import annotations

from dash import callback

from dashboard import wiring
from dashboard.views import index as view


@callback(**wiring.page_callback(view))
def update_index(**values: object) -> dict:
    """Every chart of the page for the filters, edition, bands and sort order."""
    return wiring.render(view, values)
