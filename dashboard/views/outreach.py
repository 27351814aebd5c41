"""Outreach view: followers, publications and campaigns, events and their participants."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from dash import html

from dashboard.cards import Card, ChartResult
from dashboard.data import filter_cities
from dashboard.figures import outreach as figs
from dashboard.figures.common import publication
from dashboard.figures.datasets import html_table
from dashboard.figures.trends import year_span
from dashboard.urlstate import PageState
from dashboard.views import common, trends

PAGE = "outreach"
EVENTS_TABLE = "outreach-events-table"
EVENTS_COUNT = "outreach-events-count"
EVENT_ROWS_SHOWN = 25  # the latest events; all of them are in the activities dataset (/data)
FOLLOWERS = Card(
    "outreach-followers",
    PAGE,
    "Followers per platform",
    help="Network-wide: the place filters do not apply. Dotted lines: the ICC's "
    "international days (hover the triangles for their names).",
    height=360,
)
PUBLICATIONS = Card(
    "outreach-publications",
    PAGE,
    "Newsletters, news items and campaigns per year",
    help="Network-wide: the place filters do not apply.",
    height=340,
)
EVENTS = Card(
    "outreach-events",
    PAGE,
    "Event participants per year",
    help="Women, men and the rest (other or not recorded); with a place filter, only events "
    "held there.",
    height=340,
)
CARDS = (FOLLOWERS, PUBLICATIONS, EVENTS)
OUTPUTS = {EVENTS_TABLE: (EVENTS_TABLE, "children"), EVENTS_COUNT: (EVENTS_COUNT, "children")}
FILTERS = ("from", "to", "continent", "country", "network")
PARAMS: tuple[str, ...] = ()
FRAMES = trends.FRAMES
EVENT_COLUMNS = {
    "date": "Date", "title": "Event", "kind": "Kind", "city": "City", "country": "Country",
    "participants": "Participants", "women": "Women", "men": "Men",
    "nationalities": "Nationalities", "source": "Source",
}  # fmt: skip


def prepare(frames: Mapping[str, pd.DataFrame]) -> dict:
    """The same prepared frames as the trends page."""
    return trends.prepare(frames)


def view(prepared: dict, state: PageState) -> dict:
    """Followers, publications per year, events per year and the events, for the state."""
    filters = state.filters
    acts = prepared["activities"]
    years = year_span(acts["year"], filters.year_from, filters.year_to)
    pubs = acts[acts["kind"].isin(figs.PUBLICATION_KINDS) & acts["year"].isin(years)]
    pub_table = figs.publications_per_year(acts, years)
    cities = filter_cities(prepared["all_cities"], filters)
    located = common.activities_in_scope(acts, cities, filters)
    events = located[located["is_event"] & located["year"].isin(years)]
    ev_table = figs.events_per_year(located, years)
    rows = figs.event_rows(located, years)
    events_result = ChartResult(
        lambda ill: figs.events_figure(ev_table, illustrative=ill),
        ev_table,
        events,
        filters=filters.describe(),
        fields=("participants", "women", "men", "nationalities"),
    )
    shown = rows.head(EVENT_ROWS_SHOWN)  # newest first
    if pd.api.types.is_datetime64_any_dtype(shown["date"]):
        shown = shown.assign(date=shown["date"].dt.strftime("%Y-%m-%d"))
    # The publication, short: the full source text is in the dataset's download (/data).
    shown = shown.assign(source=shown["source"].fillna("").map(publication))
    shown = shown.rename(columns=EVENT_COLUMNS)
    count = f"{len(rows)} events with their own row" + (
        f" (the latest {len(shown)} shown; every event is in the activities dataset on the "
        "Data page)"
        if len(rows) > len(shown)
        else ""
    )
    if events_result.illustrative:
        count += "; includes illustrative values (not published)"
    return {
        FOLLOWERS.id: trends.followers(prepared, filters),
        PUBLICATIONS.id: ChartResult(
            lambda ill: figs.publications_figure(pub_table, illustrative=ill),
            pub_table,
            pubs,
            filters=filters.describe(),
            fields=("count",),
        ),
        EVENTS.id: events_result,
        EVENTS_TABLE: html_table(shown[list(EVENT_COLUMNS.values())], table_id=EVENTS_TABLE)
        if not rows.empty
        else html.P("No event on file for these years and places.", className="mb-0"),
        EVENTS_COUNT: count,
    }
