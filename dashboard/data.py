"""The dashboard's door to the data layer: the process's DataManager and filter choices."""

from __future__ import annotations

import pandas as pd

from dashboard.urlstate import Choices, Filters
from data_loaders import queries


def dm() -> queries.DataManager:
    """The DataManager of this process (configured database)."""
    return queries.manager()


def _choices() -> Choices:
    cities = dm().load("cities")
    networks = dm().load("networks")
    metrics = dm().load("metrics")
    index = dm().load("index")
    activities = dm().load("activities")
    years = sorted(
        {int(y) for y in metrics["year"]}
        | {int(y) for y in index["year"]}
        | {int(y) for y in activities["year"]}
        | {int(y) for y in cities["joined"].dropna()}
    )
    members = cities[cities["member"]]
    countries = dict(
        sorted(zip(members["country"], members["country_name"], strict=True), key=lambda kv: kv[1])
    )
    # The default year is the latest with a reported member total, else the latest on file.
    totals = metrics[metrics["metric"] == "members_total"]
    default_year = int(totals["year"].max()) if not totals.empty else (years[-1] if years else None)
    return Choices(
        years=tuple(years),
        continents=tuple(sorted(c for c in members["continent"].unique() if c)),
        countries=countries,
        networks=dict(zip(networks["network"], networks["name"], strict=True)),
        default_year=default_year,
        country_continents=dict(zip(members["country"], members["continent"], strict=True)),
    )


def choices() -> Choices:
    """What the shared filters may take, computed once per data version."""
    return dm().cached("choices", _choices)


def rows_of_cities(rows: pd.DataFrame, cities: pd.DataFrame) -> pd.DataFrame:
    """The rows (with `city` and `country`) that belong to the given cities."""
    keys = pd.MultiIndex.from_frame(cities[["city", "country"]].astype(object))
    return rows[pd.MultiIndex.from_frame(rows[["city", "country"]].astype(object)).isin(keys)]


def filter_cities(cities: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Cities matching the continent / country / national-network filters."""
    out = cities
    if filters.continent:
        out = out[out["continent"] == filters.continent]
    if filters.country:
        out = out[out["country"] == filters.country]
    if filters.network:
        out = out[out["networks"].str.split(", ").apply(lambda nets: filters.network in nets)]
    return out
