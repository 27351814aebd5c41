"""Shell callbacks: the URL writer (clientside), the navbar toggler and the filter bar."""

from __future__ import annotations

from dash import (
    ALL,
    ClientsideFunction,
    Input,
    Output,
    State,
    callback,
    clientside_callback,
    no_update,
)

from dashboard import components, data, ids, urlstate

# Every shared filter and page parameter goes to the query string (history.pushState, one
# entry per change; no page re-render; Back redraws the page from the address),
# and the nav links carry the shared filters to the next page.
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


# The filter bar (dashboard/components.filter_bar): "Clear filters", the phone's "Filters"
# button and its summary, and the country list narrowed to the chosen continent.
clientside_callback(
    ClientsideFunction(namespace="icc", function_name="clear_filters"),
    Output({"role": ids.FILTER, "key": ALL}, "value", allow_duplicate=True),
    Input(components.FILTER_CLEAR, "n_clicks"),
    prevent_initial_call=True,
)
clientside_callback(
    ClientsideFunction(namespace="icc", function_name="filter_summary"),
    Output(components.FILTER_TOGGLE, "children"),
    Input({"role": ids.FILTER, "key": ALL}, "value"),
    Input({"role": ids.FILTER, "key": ALL}, "options"),
)
clientside_callback(
    ClientsideFunction(namespace="icc", function_name="toggle"),
    Output(components.FILTER_BODY, "is_open"),
    Input(components.FILTER_TOGGLE, "n_clicks"),
    State(components.FILTER_BODY, "is_open"),
    prevent_initial_call=True,
)


@callback(
    Output(ids.filter_id("country"), "options"),
    Output(ids.filter_id("country"), "value", allow_duplicate=True),
    Output(components.FILTER_NOTICE, "children"),
    Input(ids.filter_id("continent"), "value"),
    State(ids.filter_id("country"), "value"),
    prevent_initial_call=True,
)
def update_country_choices(continent: str | None, country: str | None) -> tuple:
    """The country list of the chosen continent; a country off it is dropped, with a notice."""
    return narrow_countries(data.choices(), continent, country)


def narrow_countries(choices: urlstate.Choices, continent: str | None, country: str | None):
    """(country options, country value, notice) once `continent` is chosen."""
    options = components.country_options(choices, continent)
    if country and all(o["value"] != country for o in options):
        name = choices.countries.get(country, country)
        return options, None, urlstate.outside_continent(name, str(continent))
    return options, no_update, None
