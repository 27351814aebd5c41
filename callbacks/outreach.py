"""Outreach callback: followers, publications, events and the events table move together."""

from __future__ import annotations

import pandas as pd
from dash import Output, callback

from callbacks import trends as trends_callbacks
from dashboard import components, data
from dashboard.figures import outreach as figs
from dashboard.figures import trends as trend_figs
from dashboard.pages import outreach as page


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
    frames = trends_callbacks.prepared()

    fol = trend_figs.followers_table(frames["followers"], filters.year_from, filters.year_to)
    followers_out = trends_callbacks.followers_chart(fol, filters)

    acts = frames["activities"]
    years = trend_figs.year_span(acts["year"], filters.year_from, filters.year_to)
    pubs = acts[acts["kind"].isin(figs.PUBLICATION_KINDS) & acts["year"].isin(years)]
    pub_table = figs.publications_per_year(acts, years)
    publications_out = trends_callbacks.chart_from_rows(
        lambda ill: figs.publications_figure(pub_table, illustrative=ill),
        pub_table,
        pubs,
        title="Newsletters, news items and campaigns per year",
        filters=filters,
    )

    cities = data.filter_cities(frames["all_cities"], filters)
    located = trends_callbacks.activities_in_scope(acts, cities, filters)
    events = located[located["is_event"] & located["year"].isin(years)]
    ev_table = figs.events_per_year(located, years)
    events_out = trends_callbacks.chart_from_rows(
        lambda ill: figs.events_figure(ev_table, illustrative=ill),
        ev_table,
        events,
        title="Event participants per year",
        filters=filters,
    )
    rows = figs.event_rows(located, years)
    illustrative = bool(events["illustrative"].any())
    count = f"{len(rows)} events with their own row" + (
        "; includes illustrative values (not published)" if illustrative else ""
    )
    return (*followers_out, *publications_out, *events_out, table_records(rows), count)
