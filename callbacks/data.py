"""Data page callbacks: the dataset summary, coverage and imports; dataset downloads."""

from __future__ import annotations

from dash import ALL, Input, Output, callback, ctx, dcc, no_update

from dashboard import data, wiring
from dashboard.exports import dataset_file
from dashboard.views import datasets as view


@callback(**wiring.page_callback(view))
def update_data_page(**values: object) -> dict:
    """The dataset summary, last imports, coverage and illustrative-share charts."""
    return wiring.render(view, values)


@callback(
    Output(view.DOWNLOAD, "data"),
    Input({"role": view.DOWNLOAD_BUTTON, "kind": ALL, "fmt": ALL}, "n_clicks"),
    prevent_initial_call=True,
)
def update_download(clicks: list[int | None]) -> dict:
    """Send the dataset whose button was clicked."""
    trigger = ctx.triggered_id
    if not trigger or not any(clicks or []):
        return no_update
    content, name = dataset_file(trigger["kind"], trigger["fmt"], data.dm().url)
    return dcc.send_bytes(content, name)
