"""Map page callbacks: draw the member cities; open a city's comparison on click."""

from __future__ import annotations

from urllib.parse import urlencode

import dash
import pandas as pd
from dash import Input, Output, callback, html

from dashboard import components, data, ids
from dashboard.figures import maps
from dashboard.figures.common import publications
from dashboard.kpis import members_on_file
from dashboard.pages import map as page
from dashboard.urlstate import Filters, filters_from_values

TABLE_COLUMNS = [
    "city", "country", "country_name", "continent", "lat", "lon", "population",
    "foreign_born_pct", "joined", "networks", "latest_overall", "latest_year", "source",
    "geo_source",
]  # fmt: skip


def _prepare() -> dict:
    """Cities with their hover text (all, and the current members), and the networks."""
    cities = data.dm().load("cities")
    cities["hover"] = maps.hover_texts(cities)
    members = cities[cities["member"]].reset_index(drop=True)
    networks = data.dm().load("networks")
    return {"cities": cities, "members": members, "networks": networks}


def prepared() -> dict:
    """The map's frames, prepared once per data version (shared with the overview)."""
    return data.dm().cached("map-members", _prepare)


def shaded(networks: pd.DataFrame, filters: Filters) -> tuple[list[str], list[str]]:
    """ISO3 codes and hover labels of the countries whose national networks to shade."""
    nets = networks
    if filters.network:
        nets = nets[nets["network"] == filters.network]
    if filters.country:
        nets = nets[nets["country"] == filters.country]
    labels = (
        nets.groupby("iso3")
        .apply(
            lambda g: "<br>".join(
                f"{maps.esc(n)} ({maps.esc(c)}), {maps.esc(s)}"
                for n, c, s in zip(g["name"], g["network"], g["status"], strict=True)
            ),
            include_groups=False,
        )
        .to_dict()
        if not nets.empty
        else {}
    )
    return list(labels), list(labels.values())


def members_as_of(cities: pd.DataFrame, year: int | None, filters: Filters) -> pd.DataFrame:
    """The member cities on file in `year` (joined by then, not left before) that match the
    place filters; the current members when no year is known."""
    if year is None:
        return data.filter_cities(cities[cities["member"]], filters)
    return data.filter_cities(members_on_file(cities, year), filters)


def unplaced_list(cities: pd.DataFrame) -> html.Div | None:
    """The line under the map naming the cities it cannot place."""
    names = maps.unplaced_names(cities)
    if not names:
        return None
    return html.Div(
        f"Not placed on the map (no coordinates on file): {', '.join(names)}.",
        className="alert alert-light border py-2",
    )


@callback(
    *components.chart_outputs(page.CHART),
    Output(page.UNPLACED, "children"),
    Output(page.SUMMARY, "children"),
    Input(ids.filter_id("year"), "value"),
    Input(ids.filter_id("continent"), "value"),
    Input(ids.filter_id("country"), "value"),
    Input(ids.filter_id("network"), "value"),
    Input(ids.param_id(page.COLOUR_KEY), "value"),
)
def update_map(
    year: int | None,
    continent: str | None,
    country: str | None,
    network: str | None,
    colour: str | None,
) -> tuple:
    """The map of the members as of the year, the cities it cannot place and a one-line
    count, for the filters."""
    filters = filters_from_values(
        {"year": year, "continent": continent, "country": country, "network": network}
    )
    year = filters.year or data.choices().default_year
    colour = colour if colour in maps.COLOUR_OPTIONS else page.DEFAULT_COLOUR
    frames = prepared()
    cities = members_as_of(frames["cities"], year, filters)
    iso3, labels = shaded(frames["networks"], filters)
    fig = maps.city_map(cities, colour, shade_iso3=iso3, shade_labels=labels)
    illustrative = bool(cities["illustrative"].any())
    placed = len(maps.placed_cities(cities))
    summary = f"{len(cities)} member cities on file in {year}; {placed} on the map"
    title = f"Member cities on file in {year}"
    values = components.chart_values(
        fig,
        cities[TABLE_COLUMNS],
        title=title,
        filters=filters.describe(),
        sources=publications(cities["source"]),
        illustrative=illustrative,
        source_text=maps.source_text(cities, illustrative),
    )
    return (*values, unplaced_list(cities), summary)


def compare_href(click: dict | None) -> str | None:
    """The comparison page of the clicked city, or None when no city was clicked."""
    points = (click or {}).get("points") or []
    custom = points[0].get("customdata") if points else None
    if not isinstance(custom, list) or len(custom) < 2:
        return None
    query = urlencode({"city": custom[0], "country": custom[1]})
    return dash.get_relative_path("/compare") + "?" + query


@callback(
    Output(ids.REDIRECT, "href", allow_duplicate=True),
    Input(ids.chart_part(ids.CHART, page.CHART), "clickData"),
    prevent_initial_call=True,
)
def update_redirect(click: dict | None) -> str:
    """Clicking a city opens its comparison (/compare?city=...&country=...)."""
    href = compare_href(click)
    return href if href else dash.no_update
