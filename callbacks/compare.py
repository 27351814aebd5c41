"""Compare callback: edition choices, summary, charts and table for a city and peer group."""

from __future__ import annotations

from dash import callback

from dashboard import wiring
from dashboard.views import compare as view


@callback(output=wiring.outputs(view), inputs=wiring.inputs(view))
def update_compare(**values: object) -> dict:
    """Everything on the page for one city, edition and peer group."""
    return wiring.render(view, values)
