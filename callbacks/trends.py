"""Trends callbacks: members over time (by continent or country), and the other trends."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from dash import Input, callback

from dashboard import components, data, ids
from dashboard.figures import trends as figs
from dashboard.figures.common import source_line
from dashboard.pages import trends as page
from dashboard.urlstate import Filters, filters_from_values

KEYS = ("from", "to", "continent", "country", "network")
PLACE_INPUTS = tuple(Input(ids.filter_id(key), "value") for key in KEYS)


def _prepare() -> dict:
    cities = data.dm().load("cities")
    index = data.dm().load("index")
    followers = data.dm().load("followers")
    return {
        "cities": cities[cities["joined"].notna()].reset_index(drop=True),
        "all_cities": cities,
        "overall": index[index["indicator"] == "overall"].reset_index(drop=True),
        "metrics": data.dm().load("metrics"),
        "followers": followers,
        "net_growth": figs.growth_table(followers),
        "activities": data.dm().load("activities"),
    }


def prepared() -> dict:
    """The trends frames, prepared once per data version (shared with the outreach page)."""
    return data.dm().cached("trends-frames", _prepare)


def filters_of(*values: object) -> Filters:
    """Filters from the values of PLACE_INPUTS (from, to, continent, country, network)."""
    filters = filters_from_values(dict(zip(KEYS, values, strict=True)))
    if filters.year_from and filters.year_to and filters.year_from > filters.year_to:
        filters = Filters(
            year_from=filters.year_to,
            year_to=filters.year_from,
            continent=filters.continent,
            country=filters.country,
            network=filters.network,
        )
    return filters


def _placed(filters: Filters) -> bool:
    return bool(filters.continent or filters.country or filters.network)


def activities_in_scope(
    activities: pd.DataFrame, cities: pd.DataFrame, filters: Filters
) -> pd.DataFrame:
    """Activities located in the filtered places (all of them when no place filter is on)."""
    if filters.continent or filters.country:
        return activities[activities["country"].isin(set(cities["country"]))]
    if filters.network:
        keys = set(zip(cities["city"], cities["country"], strict=True))
        located = zip(activities["city"], activities["country"], strict=True)
        return activities[[k in keys for k in located]]
    return activities


def _ill(frame: pd.DataFrame) -> bool:
    return bool(frame["illustrative"].any()) if not frame.empty else False


def chart_from_rows(
    build: Callable[[bool], object],
    table: pd.DataFrame,
    rows: pd.DataFrame,
    *,
    title: str,
    filters: Filters,
    note: str = "",
) -> tuple:
    """A chart card's values when `rows` (with `source` and `illustrative`) are the data
    behind it: the mark, the sources and the source line all come from those rows;
    `build(illustrative)` draws the figure and `table` is what the downloads carry."""
    ill = _ill(rows)
    return components.chart_values(
        build(ill),
        table,
        title=title,
        filters=filters.describe(),
        sources=list(rows["source"].dropna().unique()),
        illustrative=ill,
        source_text=source_line(rows["source"], ill) + note,
    )


def followers_chart(fol: pd.DataFrame, filters: Filters) -> tuple:
    """The followers-per-platform chart card's values from `figs.followers_table` rows
    (shared by Trends and Outreach)."""
    return chart_from_rows(
        lambda ill: figs.followers_figure(fol, illustrative=ill),
        fol.drop(columns="illustrative"),
        fol,
        title="Followers per platform",
        filters=filters,
    )


@callback(
    *components.chart_outputs(page.MEMBERS),
    Input(ids.param_id(page.BY_KEY), "value"),
    *PLACE_INPUTS,
)
def update_members(
    by: str | None,
    year_from: int | None,
    year_to: int | None,
    continent: str | None,
    country: str | None,
    network: str | None,
) -> tuple:
    """Members on file per year, stacked by continent or country."""
    filters = filters_of(year_from, year_to, continent, country, network)
    by = by if by in figs.GROUP_BY else page.DEFAULT_BY
    frames = prepared()
    cities = data.filter_cities(frames["cities"], filters)
    last = max(data.choices().years or [0])
    span = pd.concat([cities["joined"], pd.Series([last])])
    years = figs.year_span(span, filters.year_from, filters.year_to)
    table = figs.members_by_group(cities, years, by)
    ill = _ill(cities)
    return components.chart_values(
        figs.members_figure(table, by, illustrative=ill),
        table.rename(columns={"group": figs.GROUP_BY[by].lower()}),
        title=f"Member cities on file per year, by {by}",
        filters=filters.describe(),
        sources=sorted(set(cities["source"].dropna())),
        illustrative=ill,
        source_text=f"Source: the cities dataset ({len(cities)} cities, by joining year; "
        "each city's own source is in the download)"
        + (". Includes illustrative values (not published)." if ill else "."),
    )


@callback(
    *components.chart_outputs(page.INDEX),
    *components.chart_outputs(page.FOLLOWERS),
    *components.chart_outputs(page.GROWTH),
    *components.chart_outputs(page.ACTIVITIES),
    *PLACE_INPUTS,
)
def update_trends(
    year_from: int | None,
    year_to: int | None,
    continent: str | None,
    country: str | None,
    network: str | None,
) -> tuple:
    """Index completions, followers, net follower growth and activities for the years."""
    filters = filters_of(year_from, year_to, continent, country, network)
    frames = prepared()
    described = filters.describe()
    cities = data.filter_cities(frames["all_cities"], filters)

    overall = frames["overall"]
    if _placed(filters):
        keys = set(zip(cities["city"], cities["country"], strict=True))
        located = zip(overall["city"], overall["country"], strict=True)
        overall = overall[[k in keys for k in located]]
    years = figs.year_span(overall["year"], filters.year_from, filters.year_to)
    index_table = figs.index_completions(
        overall, frames["metrics"], years, reported=not _placed(filters)
    )
    in_years = overall[overall["year"].isin(years)]
    reported = frames["metrics"][
        (frames["metrics"]["metric"] == "index_reports")
        & frames["metrics"]["year"].isin(index_table["year"][index_table["reported"].notna()])
    ]
    index_ill = _ill(in_years)
    index_out = components.chart_values(
        figs.index_figure(index_table, illustrative=index_ill),
        index_table,
        title="ICC Index results per year",
        filters=described,
        sources=[*in_years["source"].dropna().unique(), *reported["source"]],
        illustrative=index_ill,
        source_text=source_line(pd.concat([in_years["source"], reported["source"]]), index_ill),
    )

    fol = figs.followers_table(frames["followers"], filters.year_from, filters.year_to)
    followers_out = followers_chart(fol, filters)

    growth = frames["net_growth"]
    if not growth.empty:
        growth = growth[
            (growth["period"].dt.year >= (filters.year_from or 0))
            & (growth["period"].dt.year <= (filters.year_to or 9999))
        ]
    growth_out = chart_from_rows(
        lambda ill: figs.net_growth_figure(growth, illustrative=ill),
        growth,
        fol if not growth.empty else fol.iloc[0:0],
        title="Net follower growth per month",
        filters=filters,
        note=" Growth from the difference of totals where no daily change is on file.",
    )

    acts = activities_in_scope(frames["activities"], cities, filters)
    years = figs.year_span(acts["year"], filters.year_from, filters.year_to)
    act_table = figs.activities_per_year(acts, years)
    activities_out = chart_from_rows(
        lambda ill: figs.activities_figure(act_table, illustrative=ill),
        act_table,
        acts[acts["year"].isin(years)],
        title="Activities and participants per year",
        filters=filters,
    )
    return (*index_out, *followers_out, *growth_out, *activities_out)
