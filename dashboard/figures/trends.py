"""Trends builders: members over time, Index completions, followers (with the international
days marked) and activities per year. Pure: prepared frames in, tables and figures out."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import formats, peers
from dashboard.figures.common import (
    PALETTE,
    YEAR_TICKS,
    empty_figure,
    figure,
    mark_illustrative,
    right_axis,
)
from dashboard.i18n import N_, _
from data_loaders import vocab
from data_loaders.followers import net_growth
from data_loaders.safetext import escape_plotly, short_label

GROUP_BY = {"continent": N_("Continent"), "country": N_("Country")}
TOP_GROUPS = 7  # the palette has 8 colours: the rest go to "Other"
OTHER = N_("Other countries")
OTHER_COLOR = "#bdbdbd"
DAY_COLOR = "#7a7a7a"
# Activity categories shown per year, in stacking order.
ACTIVITY_GROUPS: dict[str, str] = {
    "events": N_("Events"),
    "campaign": N_("Campaigns"),
    "newsletter": N_("Newsletters"),
    "news": N_("News items"),
    "publication": N_("Publications"),
}
TOP_MARGIN = {"l": 52, "r": 16, "t": 60, "b": 40}  # room for the illustrative mark


def year_span(years: pd.Series, year_from: int | None, year_to: int | None) -> list[int]:
    """The years to show: the data's own span, cut to the chosen range."""
    ys = pd.to_numeric(years, errors="coerce").dropna().astype(int)
    if ys.empty:
        return []
    first = max(int(ys.min()), year_from) if year_from else int(ys.min())
    last = min(int(ys.max()), year_to) if year_to else int(ys.max())
    return list(range(first, last + 1))


def _layout(**extra: object) -> dict:
    layout: dict = {
        "margin": TOP_MARGIN,
        "hovermode": "x unified",
        "yaxis": {"gridcolor": "#e5e5e5", "rangemode": "tozero", "zeroline": False},
    }
    layout.update(extra)
    return layout


# Members over time -----------------------------------------------------------------------


def members_by_group(cities: pd.DataFrame, years: list[int], by: str) -> pd.DataFrame:
    """Members on file per year and continent or country (long form: year, group, members).

    By country, the countries beyond the TOP_GROUPS largest (in the last year) are summed
    as "Other countries" so the colours stay distinguishable.
    """
    columns = ["year", "group", "members"]
    if cities.empty or not years:
        return pd.DataFrame(columns=columns)
    key = "continent" if by == "continent" else "country_name"
    groups = cities[key].fillna("").replace("", "Unknown").to_numpy()
    joined = pd.to_numeric(cities["joined"], errors="coerce").to_numpy(float)
    left = pd.to_numeric(cities["left"], errors="coerce").to_numpy(float)
    ys = np.asarray(years, dtype=float)[:, None]
    # One row per year, one column per city: a member on file that year (vectorised).
    on_file = (joined <= ys) & (np.isnan(left) | (left > ys))
    counts = pd.DataFrame(on_file.T.astype(int), columns=years).groupby(groups).sum()
    table = counts.stack().rename("members").reset_index()
    table.columns = ["group", "year", "members"]
    table = table.sort_values(["group", "year"]).reset_index(drop=True)
    # A group with no member in any of the years (e.g. no joining year on file) is no area.
    totals = table.groupby("group")["members"].transform("sum")
    table = table[totals > 0].reset_index(drop=True)
    if by == "country" and table["group"].nunique() > TOP_GROUPS + 1:
        last = table[table["year"] == years[-1]].sort_values(
            ["members", "group"], ascending=[False, True]
        )
        keep = set(last["group"].head(TOP_GROUPS))
        table["group"] = table["group"].where(table["group"].isin(keep), OTHER)
        table = table.groupby(["year", "group"], as_index=False, sort=False)["members"].sum()
    return table[columns]


def members_figure(table: pd.DataFrame, by: str, *, illustrative: bool = False) -> go.Figure:
    """Stacked areas of members on file per year, one per continent or country."""
    if table.empty or table["members"].sum() == 0:
        return empty_figure(_("No member city matches these filters"))
    last = table[table["year"] == table["year"].max()]
    order = last.sort_values(["members", "group"], ascending=[False, True])["group"].tolist()
    if OTHER in order:
        order = [g for g in order if g != OTHER] + [OTHER]
    traces = []
    for i, group in enumerate(order):
        rows = table[table["group"] == group]
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "stackgroup": "members",
                "name": short_label(_(group)),
                "x": rows["year"].tolist(),
                "y": rows["members"].astype(int).tolist(),
                "line": {
                    "width": 0.5,
                    "color": OTHER_COLOR if group == OTHER else PALETTE[i % len(PALETTE)],
                },
                "hovertemplate": "%{y}<extra>" + escape_plotly(_(group)) + "</extra>",
            }
        )
    fig = figure(
        traces,
        **_layout(
            yaxis={"gridcolor": "#e5e5e5", "title": {"text": _("member cities on file")}},
            xaxis={"gridcolor": "#e5e5e5", **YEAR_TICKS},
        ),
    )
    return mark_illustrative(fig, illustrative)


# Index completions -----------------------------------------------------------------------


def index_completions(
    index: pd.DataFrame, metrics: pd.DataFrame, years: list[int], *, reported: bool = True
) -> pd.DataFrame:
    """Per year: cities with an Index result on file (by questionnaire edition) and the
    completions the ICC reported (`index_reports`), where it reported them."""
    columns = ["year", "edition", "cities", "reported"]
    if not years:
        return pd.DataFrame(columns=columns)
    overall = index[(index["indicator"] == "overall") & index["year"].isin(years)]
    counts = (
        overall.drop_duplicates(["city", "country", "year"])
        .groupby(["year", "edition"])
        .size()
        .rename("cities")
        .reset_index()
    )
    rep = metrics[(metrics["metric"] == "index_reports") & metrics["year"].isin(years)]
    rep_by_year = dict(zip(rep["year"], rep["value"], strict=True)) if reported else {}
    rows = []
    for year in years:
        sub = counts[counts["year"] == year]
        for edition, n in zip(sub["edition"], sub["cities"], strict=True):
            rows.append((year, edition, int(n), rep_by_year.get(year)))
        if sub.empty:
            rows.append((year, None, 0, rep_by_year.get(year)))
    out = pd.DataFrame(rows, columns=columns)
    out["reported"] = pd.to_numeric(out["reported"], errors="coerce")
    return out


def index_figure(table: pd.DataFrame, *, illustrative: bool = False) -> go.Figure:
    """Bars of Index results on file per year (by edition); reported completions as marks."""
    if table.empty or table["cities"].sum() == 0:
        return empty_figure(_("No Index result on file for these filters and years"))
    traces = []
    editions = sorted(table["edition"].dropna().unique())
    for i, edition in enumerate(editions):
        rows = table[table["edition"] == edition]
        traces.append(
            {
                "type": "bar",
                "name": _("On file, {edition}").format(edition=peers.edition_name(edition)),
                "x": rows["year"].tolist(),
                "y": rows["cities"].astype(int).tolist(),
                "marker": {"color": PALETTE[(i * 2) % len(PALETTE)]},
                "hovertemplate": "%{y} "
                + _("cities")
                + f"<extra>{peers.edition_name(edition)}</extra>",
            }
        )
    rep = table.drop_duplicates("year")
    rep = rep[rep["reported"].notna()]
    if not rep.empty:
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": _("Reported completions (annual report)"),
                "x": rep["year"].tolist(),
                "y": [round(float(v)) for v in rep["reported"]],
                "marker": {"symbol": "diamond", "size": 11, "color": PALETTE[1]},
                "hovertemplate": "%{y} " + _("reported") + "<extra></extra>",
            }
        )
    fig = figure(
        traces,
        **_layout(
            barmode="stack",
            yaxis={"gridcolor": "#e5e5e5", "title": {"text": _("cities")}},
            xaxis=dict(YEAR_TICKS),
        ),
    )
    return mark_illustrative(fig, illustrative)


# Followers and the international days ----------------------------------------------------


def international_days(first: pd.Timestamp, last: pd.Timestamp) -> pd.DataFrame:
    """The ICC's international days (vocab.INTERNATIONAL_DAYS) between two dates."""
    rows = [
        (pd.Timestamp(year, month, day), name)
        for year in range(first.year, last.year + 1)
        for month, day, name in vocab.INTERNATIONAL_DAYS
        if first <= pd.Timestamp(year, month, day) <= last
    ]
    return pd.DataFrame(rows, columns=["date", "name"])


def day_marks(days: pd.DataFrame) -> list[dict]:
    """Traces marking the international days on the hidden axis `y2`: dotted vertical lines
    (one trace, cheaper than a layout shape per day) and a row of markers on top whose
    hover names the day."""
    if days.empty:
        return []
    dates = [d.strftime("%Y-%m-%d") for d in days["date"]]
    lines = {
        "type": "scatter",
        "mode": "lines",
        "x": [v for d in dates for v in (d, d, None)],
        "y": [v for _d in dates for v in (0.0, 1.0, None)],
        "yaxis": "y2",
        "line": {"color": DAY_COLOR, "width": 0.6, "dash": "dot"},
        "hoverinfo": "skip",
        "showlegend": False,
        "name": _("International days (lines)"),
    }
    markers = {
        "type": "scatter",
        "mode": "markers",
        "name": _("International days"),
        "x": dates,
        "y": [1.0] * len(dates),
        "yaxis": "y2",
        "text": [
            f"{_(n)}, {formats.date(d)}" for d, n in zip(days["date"], days["name"], strict=True)
        ],
        "hovertemplate": "%{text}<extra></extra>",
        "marker": {"symbol": "triangle-down", "size": 8, "color": DAY_COLOR},
    }
    return [lines, markers]


def followers_table(
    followers: pd.DataFrame, year_from: int | None = None, year_to: int | None = None
) -> pd.DataFrame:
    """Follower totals per platform and day within the years (rows without a total dropped)."""
    columns = ["platform", "date", "followers", "derived", "source", "illustrative"]
    columns += [c for c in ("followers_qualifier", "followers_status") if c in followers]
    rows = followers[followers["followers"].notna()]
    if year_from:
        rows = rows[rows["year"] >= year_from]
    if year_to:
        rows = rows[rows["year"] <= year_to]
    out = rows[columns].sort_values(["platform", "date"]).reset_index(drop=True)
    out["followers"] = out["followers"].round(0)
    return out


def _with_days(traces: list[dict], dates: pd.Series, **layout: object) -> go.Figure:
    days = international_days(pd.Timestamp(dates.min()), pd.Timestamp(dates.max()))
    return figure(
        [*traces, *day_marks(days)],
        **_layout(
            hovermode="closest",
            yaxis2={"overlaying": "y", "range": [0, 1.04], "visible": False, "fixedrange": True},
            **layout,
        ),
    )


def point_notes(rows: pd.DataFrame) -> list[list[str]]:
    """Per follower total: the figure with its own qualifier, and its own status (published,
    derived from daily changes, illustrative), for the hover."""
    from dashboard import formats

    derived = rows["derived"].fillna(False).astype(bool)
    if "followers_status" in rows:
        status = rows["followers_status"].fillna("").astype(str)
    else:
        status = pd.Series("", index=rows.index)
    status = status.where(status.ne(""), np.where(rows["illustrative"], "illustrative", ""))
    quals = rows.get("followers_qualifier")
    notes = []
    for i, (value, is_derived, st) in enumerate(
        zip(rows["followers"], derived, status, strict=True)
    ):
        qual = "" if quals is None else quals.iloc[i]
        shown = formats.qualified(int(value), "" if pd.isna(qual) else str(qual))
        if st == "illustrative":
            word = _("illustrative, not published")
        elif st == "estimated":
            word = _("estimated")
        elif is_derived or st == "derived":
            word = _("derived from daily changes")
        else:
            word = _("published")
        notes.append([shown, word])
    return notes


# Points per platform line: about one per pixel of a wide chart. Ten years of daily totals
# (3,650 per platform at 100 times the network) made a 700 KB answer for no visible detail.
MAX_LINE_POINTS = 600


def thinned(table: pd.DataFrame) -> tuple[pd.DataFrame, str | None]:
    """The follower totals the chart draws, and the period kept ("W" or "M") when thinned.

    At most MAX_LINE_POINTS per platform where possible: the first total and the last
    total of each week (else month), plus every total that is neither derived nor
    illustrative, so a published figure is never dropped from the chart. The table, its
    caption and its download keep every total."""
    if table.empty or table.groupby("platform").size().max() <= MAX_LINE_POINTS:
        return table, None
    derived = table["derived"].fillna(False).astype(bool)
    status = table.get("followers_status", pd.Series("", index=table.index)).fillna("")
    published = ~derived & ~table["illustrative"].astype(bool) & status.isin(["", "published"])
    first = ~table.duplicated(["platform"], keep="first")
    for freq in ("W", "M"):
        period = table["date"].dt.to_period(freq).astype(str)
        last = ~pd.DataFrame({"p": table["platform"], "d": period}).duplicated(keep="last")
        keep = last | first | published
        if table[keep].groupby("platform").size().max() <= MAX_LINE_POINTS:
            break
    return table[keep], freq


def followers_figure(table: pd.DataFrame, *, illustrative: bool = False) -> go.Figure:
    """Follower totals per platform over time, the international days marked (long daily
    series drawn one point per week or month: `thinned`)."""
    if table.empty:
        return empty_figure(_("No follower totals on file for these years"))
    table = thinned(table)[0]
    traces = []
    for i, (platform, rows) in enumerate(table.groupby("platform", sort=True)):
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers" if len(rows) < 40 else "lines",
                "name": short_label(platform),
                "x": rows["date"].dt.strftime("%Y-%m-%d").tolist(),
                "y": rows["followers"].astype(int).tolist(),
                "customdata": point_notes(rows),
                "line": {"color": PALETTE[i % len(PALETTE)], "width": 2},
                "marker": {"size": 4},
                "hovertemplate": "%{x|%Y-%m-%d}: %{customdata[0]} "
                + _("followers")
                + " (%{customdata[1]})<extra>"
                + escape_plotly(platform)
                + "</extra>",
            }
        )
    fig = _with_days(
        traces,
        table["date"],
        yaxis={"gridcolor": "#e5e5e5", "title": {"text": _("followers")}, "rangemode": "tozero"},
    )
    return mark_illustrative(fig, illustrative)


def growth_table(
    followers: pd.DataFrame,
    year_from: int | None = None,
    year_to: int | None = None,
    freq: str = "MS",
) -> pd.DataFrame:
    """Net follower growth per platform and month (or `freq`), within the years."""
    out = net_growth(followers, freq=freq)
    if out.empty:
        return out
    out["period"] = pd.to_datetime(out["period"])
    if year_from:
        out = out[out["period"].dt.year >= year_from]
    if year_to:
        out = out[out["period"].dt.year <= year_to]
    out = out.assign(net_growth=out["net_growth"].round(0))
    return out.reset_index(drop=True)


def net_growth_figure(table: pd.DataFrame, *, illustrative: bool = False) -> go.Figure:
    """Net follower growth per platform and month as bars, the international days marked."""
    if table.empty:
        return empty_figure(_("No follower changes on file for these years"))
    traces = []
    for i, (platform, rows) in enumerate(table.groupby("platform", sort=True)):
        traces.append(
            {
                "type": "bar",
                "name": short_label(platform),
                "x": rows["period"].dt.strftime("%Y-%m-%d").tolist(),
                "y": rows["net_growth"].astype(int).tolist(),
                "marker": {"color": PALETTE[i % len(PALETTE)]},
                "hovertemplate": "%{x|%b %Y}: %{y:+,}<extra>"
                + escape_plotly(platform)
                + "</extra>",
            }
        )
    fig = _with_days(
        traces,
        table["period"],
        barmode="group",
        yaxis={"gridcolor": "#e5e5e5", "title": {"text": _("net new followers")}},
    )
    return mark_illustrative(fig, illustrative)


# Activities ------------------------------------------------------------------------------


def activities_per_year(activities: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """Per year: items of each activity group (events, campaigns, ...) and participants."""
    columns = ["year", *ACTIVITY_GROUPS, "participants"]
    if not years:
        return pd.DataFrame(columns=columns)
    rows = activities[activities["year"].isin(years)]
    group = rows["kind"].where(~rows["is_event"], "events")
    items = rows.groupby([rows["year"], group])["items"].sum().unstack(fill_value=0)
    items = items.reindex(index=years, columns=list(ACTIVITY_GROUPS), fill_value=0)
    from dashboard.kpis import distinct_participants

    # As the key figures count them: an event held during another is counted once.
    events = distinct_participants(rows[rows["is_event"]])
    participants = events.groupby("year")["participants"].sum(min_count=1).reindex(years)
    out = items.astype(int).reset_index(names="year")
    out["participants"] = pd.to_numeric(participants.to_numpy(), errors="coerce")
    return out[columns]


def activities_figure(table: pd.DataFrame, *, illustrative: bool = False) -> go.Figure:
    """Stacked bars of activities per year, with event participants as a line (right axis)."""
    if table.empty or table[list(ACTIVITY_GROUPS)].to_numpy().sum() == 0:
        return empty_figure(_("No activity on file for these filters and years"))
    years = table["year"].tolist()
    traces: list[dict] = [
        {
            "type": "bar",
            "name": _(label),
            "x": years,
            "y": table[key].astype(int).tolist(),
            "marker": {"color": PALETTE[i]},
            "hovertemplate": "%{y}<extra>" + _(label) + "</extra>",
        }
        for i, (key, label) in enumerate(ACTIVITY_GROUPS.items())
    ]
    part = table["participants"]
    traces.append(
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": _("Event participants (right axis)"),
            "x": years,
            "y": [None if pd.isna(v) else int(v) for v in part],
            "yaxis": "y2",
            "connectgaps": False,
            "line": {"color": PALETTE[7], "width": 2},
            "hovertemplate": "%{y:,} " + _("participants") + "<extra></extra>",
        }
    )
    fig = figure(
        traces,
        **_layout(
            barmode="stack",
            xaxis=dict(YEAR_TICKS),
            yaxis={"gridcolor": "#e5e5e5", "title": {"text": _("activities")}},
            yaxis2=right_axis(_("participants"), ",d"),
            margin={**TOP_MARGIN, "r": 56},
        ),
    )
    return mark_illustrative(fig, illustrative)
