"""What several views share: the members as of a year, the shaded countries, rows in scope."""

from __future__ import annotations

import pandas as pd

from dashboard.data import filter_cities, rows_of_cities
from dashboard.figures.common import escape
from dashboard.kpis import active_since, members_on_file
from dashboard.urlstate import Filters

SHADE_CAPTION = "Shaded: countries with a national network active in {year}."


def members_as_of(cities: pd.DataFrame, year: int | None, filters: Filters) -> pd.DataFrame:
    """The member cities on file in `year` (joined by then, not left before) that match the
    place filters; the current members when no year is known."""
    if year is None:
        return filter_cities(cities[cities["member"]], filters)
    return filter_cities(members_on_file(cities, year), filters)


def shaded(networks: pd.DataFrame, year: int | None, filters: Filters) -> dict[str, object]:
    """The countries the maps shade (every map: page, overview, slide, deck): those with a
    national network founded by `year`, within the country and network filters, with the
    names of their networks."""
    nets = networks[networks["iso3"].notna()]
    if year is not None:
        nets = nets[nets["founded"].notna() & (nets["founded"] <= year)]
        since = active_since(nets)  # active by then, not still forming
        nets = nets[(since.notna() & (since <= year)).to_numpy()]
    if filters.network:
        nets = nets[nets["network"] == filters.network]
    if filters.country:
        nets = nets[nets["country"] == filters.country]
    by_iso3: dict[str, list[str]] = {}
    for r in nets.sort_values("name").itertuples():
        by_iso3.setdefault(str(r.iso3), []).append(
            f"{escape(r.name)} ({escape(r.network)}), {escape(r.status)}"
        )
    return {
        "shade_iso3": tuple(by_iso3),
        "shade_labels": tuple("<br>".join(names) for names in by_iso3.values()),
        "shade_caption": SHADE_CAPTION.format(year=year) if by_iso3 and year else "",
    }


def activities_in_scope(
    activities: pd.DataFrame, cities: pd.DataFrame, filters: Filters
) -> pd.DataFrame:
    """Activities located in the filtered places (all of them when no place filter is on)."""
    if filters.continent or filters.country:
        return activities[activities["country"].isin(set(cities["country"]))]
    if filters.network:
        return rows_of_cities(activities, cities)
    return activities
