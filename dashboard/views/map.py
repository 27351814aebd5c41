"""Map view: the member cities as of the year, coloured as chosen; the cities not placed."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from dash import html

from dashboard.cards import Card
from dashboard.figures import maps
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
    "Member cities",
    help="Marker area follows population; countries with a national network are shaded.",
    height=580,
)
CARDS = (CHART,)
OUTPUTS = {UNPLACED: (UNPLACED, "children"), SUMMARY: (SUMMARY, "children")}
FILTERS = ("year", "continent", "country", "network")
PARAMS = (COLOUR_KEY,)
FRAMES = ("cities", "networks")


def prepare(frames: Mapping[str, pd.DataFrame]) -> dict:
    """The cities with their hover text (computed once), and the networks."""
    cities = frames["cities"].copy()
    cities["hover"] = maps.hover_texts(cities)
    return {"cities": cities, "networks": frames["networks"]}


def members(prepared: Mapping[str, pd.DataFrame], state: PageState) -> pd.DataFrame:
    """The member cities the map shows (page, overview, slide and deck)."""
    return common.members_as_of(prepared["cities"], state.year, state.filters)


def unplaced_list(cities: pd.DataFrame) -> html.Div | None:
    """The line under the map naming the cities it cannot place."""
    names = maps.unplaced_names(cities)
    if not names:
        return None
    return html.Div(
        f"Not placed on the map (no coordinates on file): {', '.join(names)}.",
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
        SUMMARY: f"{len(cities)} member cities on file in {state.year}; {placed} on the map",
    }
