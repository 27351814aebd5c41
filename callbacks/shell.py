"""Shell callbacks: the URL writer (clientside) and the navbar toggler."""

from __future__ import annotations

from dash import ALL, ClientsideFunction, Input, Output, State, callback, clientside_callback

from dashboard import ids

# Every shared filter and page parameter goes to the query string with history.replaceState
# (no page re-render), and the nav links carry the shared filters to the next page.
clientside_callback(
    ClientsideFunction(namespace="icc", function_name="sync_url"),
    Output(ids.URL_SYNC, "data"),
    Output({"role": ids.NAV_LINK, "page": ALL}, "href"),
    Input({"role": ids.FILTER, "key": ALL}, "value"),
    Input({"role": ids.PARAM, "key": ALL}, "value"),
)


@callback(
    Output(ids.child(ids.NAVBAR, "collapse"), "is_open"),
    Input(ids.child(ids.NAVBAR, "toggler"), "n_clicks"),
    State(ids.child(ids.NAVBAR, "collapse"), "is_open"),
    prevent_initial_call=True,
)
def update_navbar_collapse(n_clicks: int | None, is_open: bool) -> bool:
    """Open or close the navigation on narrow screens."""
    return not is_open if n_clicks else is_open
