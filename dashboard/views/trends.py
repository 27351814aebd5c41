"""Trends view: members over time, Index results, followers, net growth and activities."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dashboard.cards import Card, ChartResult
from dashboard.data import filter_cities
from dashboard.figures import trends as figs
from dashboard.urlstate import Filters, PageState
from dashboard.views import common

PAGE = "trends"
BY_KEY = "by"
DEFAULT_BY = "continent"
NETWORK_WIDE = "Network-wide figures: the place filters do not apply."
MEMBERS = Card("trends-members", PAGE, "Member cities on file over time", height=360)
INDEX = Card(
    "trends-index",
    PAGE,
    "ICC Index results per year",
    help="Cities with Index results on file for the year, and the completions the ICC reported.",
    height=360,
)
FOLLOWERS = Card(
    "trends-followers",
    PAGE,
    "Followers per platform",
    help=NETWORK_WIDE + " Dotted lines: the ICC's international days (hover the triangles "
    "for their names).",
    height=360,
)
GROWTH = Card(
    "trends-growth",
    PAGE,
    "Net follower growth per month",
    help=NETWORK_WIDE + " Dotted lines: international days.",
    height=360,
)
ACTIVITIES = Card(
    "trends-activities",
    PAGE,
    "Activities and participants per year",
    help="Events (conferences, seminars, study and expert visits, trainings, meetings, "
    "webinars), campaigns and publications; with a country or continent filter only "
    "activities located there count.",
)
CARDS = (MEMBERS, INDEX, FOLLOWERS, GROWTH, ACTIVITIES)
OUTPUTS: dict[str, tuple] = {}
FILTERS = ("from", "to", "continent", "country", "network")
PARAMS = (BY_KEY,)
FRAMES = ("cities", "index", "followers", "metrics", "activities")


def prepare(frames: Mapping[str, pd.DataFrame]) -> dict:
    """Members with a joining year, the overall scores, net follower growth (once)."""
    cities = frames["cities"]
    index = frames["index"]
    return {
        "cities": cities[cities["joined"].notna()].reset_index(drop=True),
        "all_cities": cities,
        "overall": index[index["indicator"] == "overall"].reset_index(drop=True),
        "metrics": frames["metrics"],
        "followers": frames["followers"],
        "net_growth": figs.growth_table(frames["followers"]),
        "activities": frames["activities"],
    }


def members(prepared: Mapping[str, pd.DataFrame], state: PageState, last: int) -> ChartResult:
    """Members on file per year, stacked by continent or country."""
    filters = state.filters
    by = state.param(BY_KEY, DEFAULT_BY)
    by = by if by in figs.GROUP_BY else DEFAULT_BY
    cities = filter_cities(prepared["cities"], filters)
    span = pd.concat([cities["joined"], pd.Series([last])])
    years = figs.year_span(span, filters.year_from, filters.year_to)
    table = figs.members_by_group(cities, years, by)
    return ChartResult(
        lambda ill: figs.members_figure(table, by, illustrative=ill),
        table.rename(columns={"group": figs.GROUP_BY[by].lower()}),
        cities,
        title=f"Member cities on file per year, by {by}",
        filters=filters.describe(),
        fields=("joined",),
    )


def index_results(prepared: Mapping[str, pd.DataFrame], filters: Filters) -> ChartResult:
    """Cities with Index results per year, and the completions the ICC reported."""
    overall = prepared["overall"]
    if filters.placed:
        overall = common.rows_of_cities(overall, filter_cities(prepared["all_cities"], filters))
    years = figs.year_span(overall["year"], filters.year_from, filters.year_to)
    metrics = prepared["metrics"]
    table = figs.index_completions(overall, metrics, years, reported=not filters.placed)
    reported = metrics[
        (metrics["metric"] == "index_reports")
        & metrics["year"].isin(table["year"][table["reported"].notna()])
    ]
    basis = pd.concat([overall[overall["year"].isin(years)], reported], ignore_index=True)
    return ChartResult(
        lambda ill: figs.index_figure(table, illustrative=ill),
        table,
        basis,
        filters=filters.describe(),
        fields=("score", "value"),
    )


def followers(prepared: Mapping[str, pd.DataFrame], filters: Filters) -> ChartResult:
    """Followers per platform (Trends and Outreach)."""
    table = figs.followers_table(prepared["followers"], filters.year_from, filters.year_to)
    return ChartResult(
        lambda ill: figs.followers_figure(table, illustrative=ill),
        table.drop(columns="illustrative"),
        table,
        filters=filters.describe(),
        fields=("followers",),
    )


def net_growth(prepared: Mapping[str, pd.DataFrame], filters: Filters) -> ChartResult:
    """Net follower growth per month."""
    growth = prepared["net_growth"]
    if not growth.empty:
        year = growth["period"].dt.year
        growth = growth[(year >= (filters.year_from or 0)) & (year <= (filters.year_to or 9999))]
    table = figs.followers_table(prepared["followers"], filters.year_from, filters.year_to)
    return ChartResult(
        lambda ill: figs.net_growth_figure(growth, illustrative=ill),
        growth,
        table if not growth.empty else table.iloc[0:0],
        filters=filters.describe(),
        fields=("followers", "net_change"),
        note=" Growth from the difference of totals where no daily change is on file.",
    )


def activities(prepared: Mapping[str, pd.DataFrame], filters: Filters) -> ChartResult:
    """Activities and participants per year, located in the places filtered."""
    cities = filter_cities(prepared["all_cities"], filters)
    acts = common.activities_in_scope(prepared["activities"], cities, filters)
    years = figs.year_span(acts["year"], filters.year_from, filters.year_to)
    table = figs.activities_per_year(acts, years)
    return ChartResult(
        lambda ill: figs.activities_figure(table, illustrative=ill),
        table,
        acts[acts["year"].isin(years)],
        filters=filters.describe(),
        fields=("count", "participants"),
    )


def view(prepared: dict, state: PageState) -> dict:
    """Every chart of the trends page for the years and places of the state."""
    last = int(max(prepared["all_cities"]["joined"].max(), state.year or 0, 0))
    filters = state.filters
    return {
        MEMBERS.id: members(prepared, state, last),
        INDEX.id: index_results(prepared, filters),
        FOLLOWERS.id: followers(prepared, filters),
        GROWTH.id: net_growth(prepared, filters),
        ACTIVITIES.id: activities(prepared, filters),
    }
