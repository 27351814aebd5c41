"""Outreach builders: publications and campaigns per year, events with their participants,
and the table of events. Followers come from the trends builders (same chart, same days)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import formats, marks
from dashboard.figures.common import (
    PALETTE,
    empty_figure,
    figure,
    mark_illustrative,
    right_axis,
)
from dashboard.figures.trends import TOP_MARGIN
from dashboard.i18n import N_, _

PUBLICATION_KINDS: dict[str, str] = {
    "newsletter": N_("Newsletters"),
    "news": N_("News items"),
    "campaign": N_("Campaigns"),
}
# The kinds of activity (data-spec), as the events table shows them.
KINDS: dict[str, str] = {
    "conference": N_("conference"), "seminar": N_("seminar"), "study_visit": N_("study visit"),
    "policy_lab": N_("policy lab"), "training": N_("training"), "expert_visit": N_("expert visit"),
    "coordinators_meeting": N_("coordinators meeting"), "webinar": N_("webinar"),
    "campaign": N_("campaign"), "newsletter": N_("newsletter"), "news": N_("news"),
    "publication": N_("publication"),
}  # fmt: skip
EVENT_COLUMNS = [
    "date", "title", "kind", "city", "country", "participants", "women", "men",
    "nationalities", "source",
]  # fmt: skip
# The numbers of an event, each marked in the table when its own value is not published.
EVENT_VALUES = ("participants", "women", "men", "nationalities")
MARKED = "marked_"  # event_rows' column prefix: is this value shown unpublished?
EVENT_YEAR_COLUMNS = [
    "year", "events", "participants", "women", "men", "other_or_unrecorded",
    "most_nationalities",
]  # fmt: skip


def publications_per_year(activities: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """Newsletters, news items and campaigns per year (counts of items)."""
    columns = ["year", *PUBLICATION_KINDS]
    if not years:
        return pd.DataFrame(columns=columns)
    rows = activities[activities["kind"].isin(PUBLICATION_KINDS) & activities["year"].isin(years)]
    table = (
        rows.groupby(["year", "kind"])["items"]
        .sum()
        .unstack(fill_value=0)
        .reindex(index=years, columns=list(PUBLICATION_KINDS), fill_value=0)
        .astype(int)
        .reset_index(names="year")
    )
    return table[columns]


def publications_figure(table: pd.DataFrame, *, illustrative: bool = False) -> go.Figure:
    """Grouped bars: newsletters, news items and campaigns per year."""
    if table.empty or table[list(PUBLICATION_KINDS)].to_numpy().sum() == 0:
        return empty_figure(_("No newsletter, news item or campaign on file for these years"))
    traces = [
        {
            "type": "bar",
            "name": _(label),
            "x": table["year"].tolist(),
            "y": table[kind].astype(int).tolist(),
            "marker": {"color": PALETTE[i]},
            "hovertemplate": "%{x}: %{y}<extra>" + _(label) + "</extra>",
        }
        for i, (kind, label) in enumerate(PUBLICATION_KINDS.items())
    ]
    fig = figure(
        traces,
        barmode="group",
        margin=TOP_MARGIN,
        xaxis={"dtick": 1},
        yaxis={"gridcolor": "#e5e5e5", "title": {"text": _("items")}},
        hovermode="x unified",
    )
    return mark_illustrative(fig, illustrative)


def event_rows(activities: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """One row per event (not yearly counts) in the years: the table under the chart."""
    rows = activities[activities["is_event"] & activities["year"].isin(years)]
    rows = rows[rows["count"].isna()]
    out = rows[EVENT_COLUMNS].sort_values(["date", "title"], ascending=[False, True])
    if "participants_qualifier" in rows.columns:  # "more than 50" stays so in the table
        qualifiers = rows.loc[out.index, "participants_qualifier"].fillna("")
        out = out.assign(
            participants=[
                formats.qualified(int(v), q) if pd.notna(v) else None
                for v, q in zip(out["participants"], qualifiers, strict=True)
            ]
        )
    out = out.assign(kind=[_(KINDS.get(k, str(k).replace("_", " "))) for k in out["kind"]])
    # Per value, as marks decides for every other output (the value's own status, else
    # the row's): the table marks the numbers that are not published, cell by cell.
    shown = rows.loc[out.index]
    out = out.assign(
        **{MARKED + f: marks.unpublished_rows(shown, (f,)).to_numpy() for f in EVENT_VALUES}
    )
    return out.reset_index(drop=True)


def events_per_year(activities: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """Per year: events, participants (women, men, other or not recorded) and the most
    nationalities at one event."""
    if not years:
        return pd.DataFrame(columns=EVENT_YEAR_COLUMNS)
    from dashboard.kpis import distinct_participants

    events = activities[activities["is_event"] & activities["year"].isin(years)]
    grouped = events.groupby("year")
    # As the key figures count them: an event held during another is counted once.
    counted = distinct_participants(events).groupby("year")
    table = pd.DataFrame(
        {
            "events": grouped["items"].sum(),
            "participants": counted["participants"].sum(min_count=1),
            "women": grouped["women"].sum(min_count=1),
            "men": grouped["men"].sum(min_count=1),
            "most_nationalities": grouped["nationalities"].max(),
        }
    ).reindex(years)
    table["events"] = table["events"].fillna(0).astype(int)
    parts = table[["participants", "women", "men"]].astype("Float64")
    other = parts["participants"] - parts["women"].fillna(0) - parts["men"].fillna(0)
    table["other_or_unrecorded"] = other.clip(lower=0)
    return table.reset_index(names="year")[EVENT_YEAR_COLUMNS]


def events_figure(table: pd.DataFrame, *, illustrative: bool = False) -> go.Figure:
    """Participants per year as stacked bars (women, men, other or not recorded), with the
    most nationalities at one event as a line on the right axis; events counted in hover."""
    if table.empty or table["events"].sum() == 0:
        return empty_figure(_("No event on file for these filters and years"))
    years = table["year"].tolist()

    def ints(col: str) -> list[int | None]:
        return [None if pd.isna(v) else int(v) for v in table[col]]

    events = table["events"].astype(int).tolist()
    traces: list[dict] = [
        {
            "type": "bar",
            "name": label,
            "x": years,
            "y": ints(col),
            "customdata": events,
            "marker": {"color": color},
            "hovertemplate": "%{y:,}<extra>" + label + "</extra>",
        }
        for col, label, color in (
            ("women", _("Women"), PALETTE[3]),
            ("men", _("Men"), PALETTE[4]),
            ("other_or_unrecorded", _("Other or not recorded"), "#bdbdbd"),
        )
    ]
    traces.append(
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": _("Most nationalities at one event (right axis)"),
            "x": years,
            "y": ints("most_nationalities"),
            "yaxis": "y2",
            "text": [_("{n} events").format(n=n) for n in events],
            "line": {"color": PALETTE[7], "width": 2},
            "hovertemplate": "%{y} "
            + _("nationalities")
            + " (%{text} "
            + _("in the year")
            + ")<extra></extra>",
        }
    )
    fig = figure(
        traces,
        barmode="stack",
        margin={**TOP_MARGIN, "r": 56},
        xaxis={"dtick": 1},
        yaxis={"gridcolor": "#e5e5e5", "title": {"text": _("participants")}},
        yaxis2=right_axis(_("nationalities"), "d"),
        hovermode="x unified",
    )
    return mark_illustrative(fig, illustrative)
