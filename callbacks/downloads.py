"""Every chart card's CSV/XLSX buttons: one MATCH callback sends the rows behind the chart.

The rows come from the card's data store (`components.chart_values`); the file is made by
`dashboard.exports` (header lines naming chart, filters and sources; formula-safe).
"""

from __future__ import annotations

from dash import MATCH, Input, Output, State, callback, ctx, dcc, no_update

from dashboard import ids
from dashboard.exports import export_bytes, export_filename

FORMATS = {ids.CHART_DL_CSV: "csv", ids.CHART_DL_XLSX: "xlsx"}


@callback(
    Output(ids.chart_part(ids.CHART_DOWNLOAD, MATCH), "data"),
    Input(ids.chart_part(ids.CHART_DL_CSV, MATCH), "n_clicks"),
    Input(ids.chart_part(ids.CHART_DL_XLSX, MATCH), "n_clicks"),
    State(ids.chart_part(ids.CHART_DATA, MATCH), "data"),
    prevent_initial_call=True,
)
def update_chart_download(csv_clicks: int | None, xlsx_clicks: int | None, data: dict | None):
    """Send the data behind the clicked card's chart as CSV or XLSX."""
    trigger = ctx.triggered_id
    if not data or not isinstance(trigger, dict) or not (csv_clicks or xlsx_clicks):
        return no_update
    fmt = FORMATS[trigger["role"]]
    name = export_filename(trigger["chart"], str(data.get("filters", "")), fmt)
    return dcc.send_bytes(export_bytes(data, fmt), name)
