"""Map view: the member cities as of the year, coloured as chosen; the cities not placed."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from dash import html

from dashboard import formats
from dashboard.cards import Card
from dashboard.figures import maps
from dashboard.i18n import N_, _, ngettext
from dashboard.urlstate import PageState
from dashboard.views import common
from dashboard.views.overview import map_result

PAGE = "map"
SUMMARY = "map-summary"
UNPLACED = "map-unplaced"
COLOUR_KEY = "colour"
DEFAULT_COLOUR = "continent"
CHART = Card(
    "map-cities",
    PAGE,
    N_("Member cities"),
    help=N_("Marker area follows population; countries with a national network are shaded."),
    height=580,
)
CARDS = (CHART,)
OUTPUTS = {UNPLACED: (UNPLACED, "children"), SUMMARY: (SUMMARY, "children")}
FILTERS = ("year", "continent", "country", "network")
PARAMS = (COLOUR_KEY,)
FRAMES = ("cities", "networks", "index", "network_members")


def prepare(frames: Mapping[str, pd.DataFrame]) -> dict:
    """The cities with their hover text (computed once), and the networks."""
    cities = frames["cities"].copy()
    # Country names in the request's language (CLDR), in the hover and the lists.
    cities["country_name"] = formats.country_names(cities["country"], cities["country_name"])
    cities["hover"] = maps.hover_texts(cities)
    return {
        "cities": cities,
        "networks": frames["networks"],
        "index": frames["index"],
        "network_members": frames["network_members"],
    }


def members(prepared: Mapping[str, pd.DataFrame], state: PageState) -> pd.DataFrame:
    """The member cities the map shows (page, overview, slide and deck), their hover as
    known in the year."""
    members = common.members_as_of(prepared["cities"], state.year, state.filters)
    return common.as_of_year(members, state.year, prepared)


def unplaced_list(cities: pd.DataFrame) -> html.Div | None:
    """The line under the map naming the cities it cannot place."""
    names = maps.unplaced_names(cities)
    if not names:
        return None
    return html.Div(
        _("Not placed on the map (no coordinates on file): {names}.").format(
            names=", ".join(names)
        ),
        className="alert alert-light border py-2",
    )


def view(prepared: dict, state: PageState) -> dict:
    """The map of the members as of the year, the cities it cannot place, a one-line count."""
    colour = state.param(COLOUR_KEY, DEFAULT_COLOUR)
    colour = colour if colour in maps.COLOUR_OPTIONS else DEFAULT_COLOUR
    cities = members(prepared, state)
    shade = common.shaded(prepared["networks"], state.year, state.filters)
    fig = maps.city_map(
        cities, colour, shade_iso3=shade["shade_iso3"], shade_labels=shade["shade_labels"]
    )
    placed = len(maps.placed_cities(cities))
    return {
        CHART.id: map_result(fig, cities, state),
        UNPLACED: unplaced_list(cities),
        SUMMARY: summary(len(cities), placed, state.year),
    }


def summary(n: int, placed: int, year: int | None) -> str:
    """The one-line count beside the colour control."""
    return ngettext(
        "{n} member city on file in {year}; {placed} on the map",
        "{n} member cities on file in {year}; {placed} on the map",
        n,
    ).format(n=formats.number(n), year=year, placed=formats.number(placed))
