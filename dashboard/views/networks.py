"""Networks view: the national and regional networks as of the year, members, map, growth."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from dash import html

from dashboard.cards import Card, ChartResult
from dashboard.figures import maps
from dashboard.figures import networks as figs
from dashboard.figures.common import empty_figure
from dashboard.figures.datasets import html_table
from dashboard.urlstate import Filters, PageState
from data_loaders import countries, vocab

PAGE = "networks"
SUMMARY = "networks-summary"
MEMBERS = "networks-members"
UNPLACED = "networks-unplaced"
COUNT = "networks-count"
MAP = Card(
    "networks-map",
    PAGE,
    "Members on the map",
    help="Colour: network; marker area follows population; the networks' countries are shaded.",
    height=460,
)
BOTH = Card(
    "networks-both",
    PAGE,
    "Also international ICC members?",
    help="Members of each network that are also members of the international ICC network, "
    "and those in the national network only.",
    height=460,
)
GROWTH = Card(
    "networks-growth",
    PAGE,
    "Growth: members by the year they joined",
    help="Members on file counted from the year they joined their network (where the year "
    "is known).",
)
CARDS = (MAP, BOTH, GROWTH)
OUTPUTS = {
    COUNT: (COUNT, "children"),
    SUMMARY: (SUMMARY, "children"),
    MEMBERS: (MEMBERS, "children"),
    UNPLACED: (UNPLACED, "children"),
}
FILTERS = ("year", "continent", "country", "network")
PARAMS: tuple[str, ...] = ()
FRAMES = ("cities", "networks", "network_members", "metrics")
MEMBER_COLUMNS = ["network", "city", "country", "joined", "international_member", "lat", "lon"]


def prepare(frames: Mapping[str, pd.DataFrame]) -> dict:
    """Networks, and their members with country name and population (for the map)."""
    cities = frames["cities"]
    info = cities[["city", "country", "country_name", "continent", "population"]]
    members = frames["network_members"].merge(info, on=["city", "country"], how="left")
    members["country_name"] = members["country_name"].fillna(members["country"])
    networks = frames["networks"]
    continent_of = dict(zip(cities["country"], cities["continent"], strict=True))
    for code in networks["country"]:
        continent_of.setdefault(code, countries.continent(code))
    metrics = frames["metrics"]
    sizes = metrics[metrics["metric"] == "network_members"] if "network" in metrics else None
    return {
        "networks": networks,
        "members": members,
        "continent_of": continent_of,
        "sizes": sizes if sizes is not None else metrics.iloc[0:0],
    }


def reported_sizes(sizes: pd.DataFrame, year: int | None) -> dict[str, str]:
    """Per network: its latest published size up to `year`, as published ("25 (2017)")."""
    if sizes.empty:
        return {}
    rows = sizes if year is None else sizes[sizes["year"] <= year]
    rows = rows.assign(_order=rows["date"].fillna("").astype(str)).sort_values(["year", "_order"])
    out = {}
    for r in rows.itertuples():
        qualifier = getattr(r, "value_qualifier", "") or ""
        qualifier = "" if qualifier != qualifier else qualifier
        when = str(r.date) if str(r.date or "") not in ("", "nan") else str(r.year)
        out[str(r.network)] = f"{vocab.format_qualified(round(r.value), qualifier)} ({when})"
    return out


def selected(
    prepared: Mapping, filters: Filters, year: int | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The networks the filters select as of `year`, and their members on file by then
    (page, slide and deck)."""
    networks, members = figs.as_of(prepared["networks"], prepared["members"], year)
    shown = figs.select_networks(
        networks,
        network=filters.network,
        country=filters.country,
        continent=filters.continent,
        continent_of=prepared["continent_of"],
    )
    return shown, members[members["network"].isin(shown["network"])]


def _count(shown: pd.DataFrame, rows: pd.DataFrame, year: int | None) -> str:
    as_of = f"In {year}: " if year is not None else ""
    if shown.empty:
        return as_of + figs.EMPTY + "."
    active = int((shown["status"] == "active").sum())
    forming = int((shown["status"] == "forming").sum())
    return (
        f"{as_of}{len(shown)} {'network' if len(shown) == 1 else 'networks'} shown "
        f"({active} active, {forming} forming), {len(rows)} member cities on file, "
        f"{int(rows['international_member'].sum())} of them also international ICC members."
    )


def view(prepared: dict, state: PageState) -> dict:
    """Everything on the page for the networks the filters select, as of the year."""
    year, filters = state.year, state.filters
    shown, rows = selected(prepared, filters, year)
    members = prepared["members"]
    names = dict(zip(members["country"], members["country_name"], strict=True))
    unplaced = maps.unplaced_names(rows.drop_duplicates(["city", "country"]))
    basis = pd.concat([rows, shown], ignore_index=True)
    sizes = reported_sizes(prepared.get("sizes", pd.DataFrame()), year)
    summary_rows = figs.summary_table(shown, rows).assign(
        **{"Members reported": lambda t: t["Network"].map(lambda n: sizes.get(n, ""))}
    )
    fig_map = maps.city_map(
        rows.drop(columns=["joined"]) if not rows.empty else rows,
        "network",
        shade_iso3=shown["iso3"].dropna(),
        shade_labels=[f"{n} ({c})" for n, c in zip(shown["name"], shown["network"], strict=True)],
        fit=not rows.empty,
        empty_message="No member city of these networks on file",
    )
    founded = int(shown["founded"].max()) if shown["founded"].notna().any() else None
    last_year = year if year is not None else founded
    described = filters.describe()
    return {
        COUNT: _count(shown, rows, year),
        SUMMARY: html_table(summary_rows, table_id=SUMMARY + "-rows")
        if not shown.empty
        else html.P(figs.EMPTY, className="mb-0"),
        MEMBERS: html_table(figs.member_table(rows, names), table_id=MEMBERS + "-rows")
        if not rows.empty
        else html.P("No member city on file for these networks.", className="mb-0"),
        UNPLACED: "Not on the map (no coordinates on file): " + ", ".join(unplaced) + "."
        if unplaced
        else "",
        MAP.id: ChartResult(
            fig_map,
            rows[MEMBER_COLUMNS],
            basis,
            title="Members of national and regional networks",
            filters=described,
        ),
        BOTH.id: ChartResult(
            lambda ill: figs.membership_figure(shown, rows, illustrative=ill),
            summary_rows,
            basis,
            title="Network members that are also international ICC members",
            filters=described,
        ),
        GROWTH.id: ChartResult(
            (lambda ill: figs.growth_figure(rows, last_year=last_year, illustrative=ill))
            if not shown.empty
            else empty_figure(figs.EMPTY),
            figs.growth_table(rows),
            rows,
            title="Network members by joining year",
            filters=described,
        ),
    }
