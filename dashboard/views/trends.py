"""Trends view: members over time, Index results, followers, net growth and activities."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dashboard import formats, marks
from dashboard.cards import Card, ChartResult
from dashboard.data import filter_cities
from dashboard.figures import trends as figs
from dashboard.i18n import N_, _
from dashboard.kpis import _total_qualifier as total_qualifier  # the key figures' rule
from dashboard.kpis import distinct_participants
from dashboard.urlstate import Filters, PageState
from dashboard.views import common

PAGE = "trends"
BY_KEY = "by"
DEFAULT_BY = "continent"
MEMBERS = Card("trends-members", PAGE, N_("Member cities on file over time"), height=360)
INDEX = Card(
    "trends-index",
    PAGE,
    N_("ICC Index results per year"),
    help=N_(
        "Cities with Index results on file for the year, and the completions the ICC reported."
    ),
    height=360,
)
FOLLOWERS = Card(
    "trends-followers",
    PAGE,
    N_("Followers per platform"),
    help=N_(
        "Network-wide figures: the place filters do not apply. Dotted lines: the ICC's "
        "international days (hover the triangles for their names)."
    ),
    height=360,
)
GROWTH = Card(
    "trends-growth",
    PAGE,
    N_("Net follower growth per month"),
    help=N_(
        "Network-wide figures: the place filters do not apply. Dotted lines: international days."
    ),
    height=360,
)
ACTIVITIES = Card(
    "trends-activities",
    PAGE,
    N_("Activities and participants per year"),
    help=N_(
        "Events (conferences, seminars, study and expert visits, trainings, meetings, "
        "webinars), campaigns and publications; with a country or continent filter only "
        "activities located there count."
    ),
)
CARDS = (MEMBERS, INDEX, FOLLOWERS, GROWTH, ACTIVITIES)
OUTPUTS: dict[str, tuple] = {}
FILTERS = ("from", "to", "continent", "country", "network")
PARAMS = (BY_KEY,)
FRAMES = ("cities", "index", "followers", "metrics", "activities")


def prepare(frames: Mapping[str, pd.DataFrame]) -> dict:
    """Members with a joining year, the overall scores, net follower growth (once)."""
    cities = frames["cities"].copy()
    cities["country_name"] = formats.country_names(cities["country"], cities["country_name"])
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
        title=_("Member cities on file per year, by {by}").format(by=_(figs.GROUP_BY[by]).lower()),
        filters=filters.describe(),
        fields=("joined",),
        caption=members_caption(table),
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
        caption=index_caption(table),
    )


def followers(prepared: Mapping[str, pd.DataFrame], filters: Filters) -> ChartResult:
    """Followers per platform (Trends and Outreach)."""
    table = figs.followers_table(prepared["followers"], filters.year_from, filters.year_to)
    return ChartResult(
        lambda ill: figs.followers_figure(table, illustrative=ill),
        common.cell_provenance(table, ("followers",)).drop(columns="illustrative"),
        table,
        filters=filters.describe(),
        fields=("followers",),
        caption=followers_caption(table),
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
        note=" " + _("Growth from the difference of totals where no daily change is on file."),
        caption=growth_caption(growth, table),
    )


def activities(prepared: Mapping[str, pd.DataFrame], filters: Filters) -> ChartResult:
    """Activities and participants per year, located in the places filtered."""
    cities = filter_cities(prepared["all_cities"], filters)
    acts = common.activities_in_scope(prepared["activities"], cities, filters)
    years = figs.year_span(acts["year"], filters.year_from, filters.year_to)
    table = figs.activities_per_year(acts, years)
    shown = acts[acts["year"].isin(years)]
    grouped = shown.assign(kind=shown["kind"].where(~shown["is_event"], "events"))
    columns = {g: ("count", g) for g in figs.ACTIVITY_GROUPS}
    columns["participants"] = ("participants", "events")

    return ChartResult(
        lambda ill: figs.activities_figure(table, illustrative=ill),
        common.with_provenance(table, grouped, columns),
        acts[acts["year"].isin(years)],
        filters=filters.describe(),
        fields=("count", "participants"),
        caption=activities_caption(table, acts[acts["year"].isin(years)]),
    )


def members_caption(table: pd.DataFrame) -> str:
    """The members chart in words: the total on file at both ends, the largest group."""
    if table.empty:
        return _("No member city matches these filters.")
    per_year = table.groupby("year")["members"].sum()
    first, last = int(per_year.index.min()), int(per_year.index.max())
    latest = table[table["year"] == last].sort_values("members", ascending=False)
    top = latest.iloc[0]
    return _(
        "Member cities on file went from {a} in {first} to {b} in {last}; "
        "the largest group in {last} is {group} ({n})."
    ).format(
        a=formats.number(per_year.loc[first]),
        first=first,
        b=formats.number(per_year.loc[last]),
        last=last,
        group=_(str(top["group"])),
        n=formats.number(top["members"]),
    )


def index_caption(table: pd.DataFrame) -> str:
    """The Index chart in words: the year with most results on file, and the reported."""
    if table.empty or table["cities"].sum() == 0:
        return _("No Index result on file for these filters and years.")
    per_year = table.groupby("year")["cities"].sum()
    peak = int(per_year.idxmax())
    text = _("Index results on file from {first} to {last}; most in {peak} ({n} cities).").format(
        first=int(per_year.index.min()),
        last=int(per_year.index.max()),
        peak=peak,
        n=formats.number(per_year.loc[peak]),
    )
    reported = table.drop_duplicates("year")
    reported = reported[reported["reported"].notna()]
    if not reported.empty:
        row = reported.iloc[-1]
        text += " " + _("The ICC reported {n} completions in {year}.").format(
            n=formats.number(row["reported"]), year=int(row["year"])
        )
    return text


def followers_caption(table: pd.DataFrame) -> str:
    """The followers chart in words: each platform's latest total and its date."""
    if table.empty:
        return _("No follower totals on file for these years.")
    latest = table.sort_values("date").groupby("platform", sort=True).tail(1)
    parts = [
        _("{platform}: {n} on {date}").format(
            platform=row["platform"],
            n=formats.number(row["followers"]),
            date=formats.date(row["date"]),
        )
        for _i, row in latest.sort_values("platform").iterrows()
    ]
    text = _("Latest follower totals: {totals}.").format(totals=_("; ").join(parts))
    drawn, freq = figs.thinned(table)
    if freq is not None:
        thinned_note = {
            "W": _(
                "The chart draws the last total of each week ({shown} of {total} totals) and "
                "every published total; the download holds them all."
            ),
            "M": _(
                "The chart draws the last total of each month ({shown} of {total} totals) and "
                "every published total; the download holds them all."
            ),
        }[freq]
        text += " " + thinned_note.format(
            shown=formats.number(len(drawn)), total=formats.number(len(table))
        )
    return text


def _month_illustrative(totals: pd.DataFrame | None, platform: str, month: object) -> bool:
    """Whether a month's growth on a platform is computed from an illustrative total (the
    month's own, or the last one before it)."""
    if totals is None or totals.empty or "illustrative" not in totals:
        return False
    start = pd.Timestamp(month)
    rows = totals[totals["platform"] == platform]
    inside = rows[(rows["date"] >= start) & (rows["date"] < start + pd.offsets.MonthBegin(1))]
    before = rows[rows["date"] < start].tail(1)
    return bool(pd.concat([inside, before])["illustrative"].fillna(False).astype(bool).any())


def growth_caption(growth: pd.DataFrame, totals: pd.DataFrame | None = None) -> str:
    """The net growth chart in words: the net change over the period, the best month (a
    superlative of illustrative values is marked illustrative)."""
    if growth.empty or "net_growth" not in growth:
        return _("No follower changes on file for these years.")
    change = growth["net_growth"]
    best = growth.loc[change.idxmax()]
    if _month_illustrative(totals, best["platform"], best["period"]):
        text = _(
            "Net change from {first} to {last}: {total} followers; the best month was {month} "
            "on {platform} ({n}, illustrative, not published)."
        )
    else:
        text = _(
            "Net change from {first} to {last}: {total} followers; the best month was {month} "
            "on {platform} ({n})."
        )
    return text.format(
        first=formats.month(growth["period"].min()),
        last=formats.month(growth["period"].max()),
        total=("+" if change.sum() > 0 else "") + formats.number(change.sum()),
        month=formats.month(best["period"]),
        platform=best["platform"],
        n=("+" if best["net_growth"] > 0 else "") + formats.number(best["net_growth"]),
    )


def activities_caption(table: pd.DataFrame, rows: pd.DataFrame) -> str:
    """The activities chart in words: the activities and participants (their qualifier
    kept, as the key figures keep it), the busiest year."""
    groups = list(figs.ACTIVITY_GROUPS)
    if table.empty or table[groups].to_numpy().sum() == 0:
        return _("No activity on file for these filters and years.")
    per_year = table.set_index("year")[groups].sum(axis=1)
    busiest = int(per_year.idxmax())
    participants = table["participants"].sum(min_count=1)
    shown = rows[rows["year"].isin(per_year.index)] if "year" in rows.columns else rows
    text = _("{n} activities from {first} to {last}; the busiest year was {year} ({m}).").format(
        n=formats.qualified(int(per_year.sum()), total_qualifier(shown, "count")),
        first=int(per_year.index.min()),
        last=int(per_year.index.max()),
        year=busiest,
        m=formats.number(per_year.loc[busiest])
        + (
            ", " + _("illustrative, not published")
            if "year" in shown.columns
            and marks.shows_unpublished(shown[shown["year"] == busiest], ("count",))
            else ""
        ),
    )
    if pd.notna(participants):
        counted = distinct_participants(rows[rows["is_event"]])
        n = formats.qualified(round(participants), total_qualifier(counted, "participants"))
        text += " " + _("Event participants recorded: {n}.").format(n=n)
    return text


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
