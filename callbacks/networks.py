"""Networks page callback: tables, map, membership and growth of the networks shown."""

from __future__ import annotations

import pandas as pd
from dash import Input, Output, callback, html

from dashboard import components, data, ids
from dashboard.figures import maps
from dashboard.figures import networks as figs
from dashboard.figures.common import empty_figure, publications, source_line
from dashboard.figures.datasets import html_table
from dashboard.pages import networks as page
from dashboard.urlstate import Filters, filters_from_values
from data_loaders import countries


def _prepare() -> dict:
    """Networks, and their members with country name and population (for the map)."""
    cities = data.dm().load("cities")
    members = data.dm().load("network_members")
    info = cities[["city", "country", "country_name", "continent", "population"]]
    members = members.merge(info, on=["city", "country"], how="left")
    members["country_name"] = members["country_name"].fillna(members["country"])
    networks = data.dm().load("networks")
    continent_of = dict(zip(cities["country"], cities["continent"], strict=True))
    for code in networks["country"]:
        continent_of.setdefault(code, countries.continent(code))
    return {"networks": networks, "members": members, "continent_of": continent_of}


def prepared() -> dict:
    """The page's frames, prepared once per data version."""
    return data.dm().cached("networks-page", _prepare)


@callback(
    Output(page.COUNT, "children"),
    Output(page.SUMMARY, "children"),
    Output(page.MEMBERS, "children"),
    Output(page.UNPLACED, "children"),
    *components.chart_outputs(page.MAP),
    *components.chart_outputs(page.BOTH),
    *components.chart_outputs(page.GROWTH),
    Input(ids.filter_id("year"), "value"),
    Input(ids.filter_id("continent"), "value"),
    Input(ids.filter_id("country"), "value"),
    Input(ids.filter_id("network"), "value"),
)
def update_networks(
    year: int | None, continent: str | None, country: str | None, network: str | None
) -> tuple:
    """Everything on the page for the networks the filters select, as of the year."""
    filters = filters_from_values(
        {"year": year, "continent": continent, "country": country, "network": network}
    )
    frames = prepared()
    return networks_view(
        frames["networks"],
        frames["members"],
        frames["continent_of"],
        filters,
        year=filters.year or data.choices().default_year,
    )


def networks_view(
    networks: pd.DataFrame,
    members: pd.DataFrame,
    continent_of: dict[str, str],
    filters: Filters,
    *,
    year: int | None = None,
) -> tuple:
    """The callback's outputs from prepared frames (called directly by tests): the networks
    founded by `year` and their members that had joined by then (or whose year is unknown)."""
    networks, members = figs.as_of(networks, members, year)
    shown = figs.select_networks(
        networks,
        network=filters.network,
        country=filters.country,
        continent=filters.continent,
        continent_of=continent_of,
    )
    rows = members[members["network"].isin(shown["network"])]
    active = int((shown["status"] == "active").sum())
    forming = int((shown["status"] == "forming").sum())
    as_of = f"In {year}: " if year is not None else ""
    count = (
        f"{as_of}{len(shown)} {'network' if len(shown) == 1 else 'networks'} shown "
        f"({active} active, {forming} forming), {len(rows)} member cities on file, "
        f"{int(rows['international_member'].sum())} of them also international ICC members."
        if not shown.empty
        else as_of + figs.EMPTY + "."
    )
    summary = (
        html_table(figs.summary_table(shown, rows), table_id=page.SUMMARY + "-rows")
        if not shown.empty
        else html.P(figs.EMPTY, className="mb-0")
    )
    names = dict(zip(members["country"], members["country_name"], strict=True))
    member_list = (
        html_table(figs.member_table(rows, names), table_id=page.MEMBERS + "-rows")
        if not rows.empty
        else html.P("No member city on file for these networks.", className="mb-0")
    )
    unplaced = maps.unplaced_names(rows.drop_duplicates(["city", "country"]))
    unplaced_note = (
        "Not on the map (no coordinates on file): " + ", ".join(unplaced) + "." if unplaced else ""
    )

    net_sources = list(shown["source"].dropna())
    mem_sources = list(rows["source"].dropna())
    illustrative = bool(rows["illustrative"].any() or shown["illustrative"].any())
    text = filters.describe()
    member_cols = ["network", "city", "country", "joined", "international_member", "lat", "lon"]
    map_rows = rows.drop(columns=["joined"]) if not rows.empty else rows
    fig_map = maps.city_map(
        map_rows,
        "network",
        shade_iso3=shown["iso3"].dropna(),
        shade_labels=[f"{n} ({c})" for n, c in zip(shown["name"], shown["network"], strict=True)],
        fit=not rows.empty,
        empty_message="No member city of these networks on file",
    )
    map_values = components.chart_values(
        fig_map,
        rows[member_cols],
        title="Members of national and regional networks",
        filters=text,
        sources=publications(mem_sources),
        illustrative=illustrative,
        source_text=source_line(mem_sources + net_sources, illustrative),
    )
    summary_rows = figs.summary_table(shown, rows)
    both = components.chart_values(
        figs.membership_figure(shown, rows, illustrative=illustrative),
        summary_rows,
        title="Network members that are also international ICC members",
        filters=text,
        sources=publications(mem_sources),
        illustrative=illustrative,
        source_text=source_line(mem_sources, illustrative),
    )
    founded = int(shown["founded"].max()) if shown["founded"].notna().any() else None
    last_year = year if year is not None else founded
    growth = components.chart_values(
        figs.growth_figure(rows, last_year=last_year, illustrative=illustrative)
        if not shown.empty
        else empty_figure(figs.EMPTY),
        figs.growth_table(rows),
        title="Network members by joining year",
        filters=text,
        sources=publications(mem_sources),
        illustrative=illustrative,
        source_text=source_line(mem_sources, illustrative),
    )
    return (count, summary, member_list, unplaced_note, *map_values, *both, *growth)
