"""Outreach callback: followers, publications, events and the events table move together."""

from __future__ import annotations

import pandas as pd
from dash import Output, callback

from callbacks import trends as trends_callbacks
from dashboard import components, data
from dashboard.figures import outreach as figs
from dashboard.figures import trends as trend_figs
from dashboard.figures.common import source_line
from dashboard.pages import outreach as page


def _ill(frame: pd.DataFrame) -> bool:
    return bool(frame["illustrative"].any()) if not frame.empty else False


def table_records(rows: pd.DataFrame) -> list[dict]:
    """Event rows as JSON-safe records for the DataTable (missing values as empty cells)."""
    return rows.astype(object).where(rows.notna(), None).to_dict("records")


@callback(
    *components.chart_outputs(page.FOLLOWERS),
    *components.chart_outputs(page.PUBLICATIONS),
    *components.chart_outputs(page.EVENTS),
    Output(page.EVENTS_TABLE, "data"),
    Output(page.EVENTS_COUNT, "children"),
    *trends_callbacks.PLACE_INPUTS,
)
def update_outreach(
    year_from: int | None,
    year_to: int | None,
    continent: str | None,
    country: str | None,
    network: str | None,
) -> tuple:
    """Followers, publications per year, events per year and the events, for the filters."""
    filters = trends_callbacks.filters_of(year_from, year_to, continent, country, network)
    described = filters.describe()
    frames = trends_callbacks.prepared()

    fol = trend_figs.followers_table(frames["followers"], filters.year_from, filters.year_to)
    followers_out = trends_callbacks.followers_chart(fol, filters)

    acts = frames["activities"]
    years = trend_figs.year_span(acts["year"], filters.year_from, filters.year_to)
    pubs = acts[acts["kind"].isin(figs.PUBLICATION_KINDS) & acts["year"].isin(years)]
    pub_table = figs.publications_per_year(acts, years)
    pub_ill = _ill(pubs)
    publications_out = components.chart_values(
        figs.publications_figure(pub_table, illustrative=pub_ill),
        pub_table,
        title="Newsletters, news items and campaigns per year",
        filters=described,
        sources=list(pubs["source"].dropna().unique()),
        illustrative=pub_ill,
        source_text=source_line(pubs["source"], pub_ill),
    )

    cities = data.filter_cities(frames["all_cities"], filters)
    located = trends_callbacks.activities_in_scope(acts, cities, filters)
    events = located[located["is_event"] & located["year"].isin(years)]
    ev_table = figs.events_per_year(located, years)
    ev_ill = _ill(events)
    events_out = components.chart_values(
        figs.events_figure(ev_table, illustrative=ev_ill),
        ev_table,
        title="Event participants per year",
        filters=described,
        sources=list(events["source"].dropna().unique()),
        illustrative=ev_ill,
        source_text=source_line(events["source"], ev_ill),
    )
    rows = figs.event_rows(located, years)
    count = f"{len(rows)} events with their own row" + (
        "" if not ev_ill else "; includes illustrative values (not published)"
    )
    return (*followers_out, *publications_out, *events_out, table_records(rows), count)
