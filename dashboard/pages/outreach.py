"""Outreach: followers, publications and campaigns, and events with their participants."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dash_table, html

from dashboard import components, data, urlstate
from dashboard.figures.common import FONT_FAMILY

dash.register_page(
    __name__,
    path="/outreach",
    name="Outreach",
    order=6,
    title="Outreach · ICC Network Dashboard",
)

FOLLOWERS = "outreach-followers"
PUBLICATIONS = "outreach-publications"
EVENTS = "outreach-events"
EVENTS_TABLE = "outreach-events-table"
EVENTS_COUNT = "outreach-events-count"
PAGE_KEYS: tuple[str, ...] = ()

EVENT_TABLE_COLUMNS = [
    {"name": "Date", "id": "date"},
    {"name": "Event", "id": "title"},
    {"name": "Kind", "id": "kind"},
    {"name": "City", "id": "city"},
    {"name": "Country", "id": "country"},
    {"name": "Participants", "id": "participants", "type": "numeric"},
    {"name": "Women", "id": "women", "type": "numeric"},
    {"name": "Men", "id": "men", "type": "numeric"},
    {"name": "Nationalities", "id": "nationalities", "type": "numeric"},
    {"name": "Source", "id": "source"},
]


def events_table() -> dash_table.DataTable:
    """The sortable, paged table of events (text cells shown as plain text)."""
    return dash_table.DataTable(
        id=EVENTS_TABLE,
        columns=EVENT_TABLE_COLUMNS,
        data=[],
        sort_action="native",
        page_action="native",
        page_size=10,
        style_table={"overflowX": "auto"},
        style_cell={
            "fontFamily": FONT_FAMILY,
            "fontSize": "0.85rem",
            "textAlign": "left",
            "whiteSpace": "normal",
            "height": "auto",
            "maxWidth": "320px",
        },
        style_header={"fontWeight": "600", "backgroundColor": "#f3f4f6"},
    )


def layout(**kwargs: object) -> html.Div:
    """The outreach page for the years and places in the URL."""
    choices = data.choices()
    filters, notices = urlstate.parse_filters({**kwargs, "_page_keys": PAGE_KEYS}, choices)
    return html.Div(
        [
            components.page_header(
                "Outreach",
                "How the ICC reaches people: followers, newsletters, news and campaigns, and "
                "the events it holds with their participants.",
            ),
            components.notices(notices),
            components.filter_bar(filters, choices, year=False, year_range=True),
            components.chart_card(
                FOLLOWERS,
                "Followers per platform",
                height=360,
                help_text="Network-wide: the place filters do not apply. Dotted lines: the "
                "ICC's international days (hover the triangles for their names).",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        components.chart_card(
                            PUBLICATIONS,
                            "Newsletters, news items and campaigns per year",
                            height=340,
                            help_text="Network-wide: the place filters do not apply.",
                        ),
                        xs=12,
                        lg=6,
                    ),
                    dbc.Col(
                        components.chart_card(
                            EVENTS,
                            "Event participants per year",
                            height=340,
                            help_text="Women, men and the rest (other or not recorded); with "
                            "a place filter, only events held there.",
                        ),
                        xs=12,
                        lg=6,
                    ),
                ],
                className="g-3",
            ),
            dbc.Card(
                [
                    dbc.CardHeader(
                        [
                            html.Span("Events", className="chart-title"),
                            html.Span(id=EVENTS_COUNT, className="small text-muted ms-2"),
                        ]
                    ),
                    dbc.CardBody(events_table()),
                ],
                className="chart-card mb-3",
            ),
        ]
    )
