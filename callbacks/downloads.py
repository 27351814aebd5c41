"""Every chart card's CSV/XLSX buttons: the rows behind the chart, computed on demand.

Nothing rides along with the page: when a button is pressed, the card's view runs again
for the page's controls as they are now (the same state as the chart on screen), and
`dashboard.exports` writes its rows under lines naming chart, filters and sources.
"""

from __future__ import annotations

from dash import ALL, MATCH, Input, Output, State, callback, ctx, dcc, no_update

from dashboard import i18n, ids, views
from dashboard.exports import export_bytes, export_filename

FORMATS = {ids.CHART_DL_CSV: "csv", ids.CHART_DL_XLSX: "xlsx"}


@callback(
    Output(ids.chart_part(ids.CHART_DOWNLOAD, MATCH), "data"),
    Input(ids.chart_part(ids.CHART_DL_CSV, MATCH), "n_clicks"),
    Input(ids.chart_part(ids.CHART_DL_XLSX, MATCH), "n_clicks"),
    State(ids.filter_id(ALL), "value"),
    State(ids.param_id(ALL), "value"),
    prevent_initial_call=True,
)
def update_chart_download(*_clicks: object) -> dict:
    """Send the data behind the clicked card's chart as CSV or XLSX."""
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict) or not ctx.triggered[0].get("value"):
        return no_update
    values = {s["id"]["key"]: s.get("value") for group in ctx.states_list for s in group}
    with i18n.language(values.get("lang")):  # the page's language (a hidden filter control)
        card, result = views.chart(trigger["chart"], values)
        data = result.download(card)
        fmt = FORMATS[trigger["role"]]
        name = export_filename(card.download_name, str(data["filters"]), fmt)
        # The header lines (mark, export date) are written here: in the page's language too.
        return dcc.send_bytes(export_bytes(data, fmt), name)
