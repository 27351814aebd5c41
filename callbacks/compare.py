"""Compare callbacks: the page's view, and the city pickers' server-side search."""

from __future__ import annotations

from dash import Input, Output, State, callback
from dash.exceptions import PreventUpdate

from dashboard import ids, views, wiring
from dashboard.views import compare as view


@callback(**wiring.page_callback(view))
def update_compare(**values: object) -> dict:
    """Everything on the page for one city, edition and peer group."""
    return wiring.render(view, values)


def _search(text: str | None, keep: object) -> list[dict]:
    if not text:
        raise PreventUpdate  # nothing typed: the options stay as they are
    return view.search_options(views.frames_of().prepared(view), text, keep)


@callback(
    Output(ids.param_id(view.CITY_KEY), "options"),
    Input(ids.param_id(view.CITY_KEY), "search_value"),
    State(ids.param_id(view.CITY_KEY), "value"),
    prevent_initial_call=True,
)
def search_city(text: str | None, value: object) -> list[dict]:
    """The city picker's options for the text typed (accents, case, other names)."""
    return _search(text, value)


@callback(
    Output(ids.param_id(view.PEERS_KEY), "options"),
    Input(ids.param_id(view.PEERS_KEY), "search_value"),
    State(ids.param_id(view.PEERS_KEY), "value"),
    prevent_initial_call=True,
)
def search_peers(text: str | None, value: object) -> list[dict]:
    """The hand-picked peers' options for the text typed."""
    return _search(text, value)


@callback(
    Output(ids.param_id(view.WITH_KEY), "options", allow_duplicate=True),
    Input(ids.param_id(view.WITH_KEY), "search_value"),
    State(ids.param_id(view.WITH_KEY), "value"),
    prevent_initial_call=True,
)
def search_with(text: str | None, value: object) -> list[dict]:
    """The side-by-side picker's options for the text typed."""
    return _search(text, value)
