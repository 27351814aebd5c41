"""Networks: the national and regional networks, their members, growth and map."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import components, data, urlstate

dash.register_page(
    __name__,
    path="/networks",
    name="Networks",
    order=5,
    title="Networks · ICC Network Dashboard",
)

SUMMARY = "networks-summary"
MEMBERS = "networks-members"
UNPLACED = "networks-unplaced"
COUNT = "networks-count"
MAP = "networks-map"
GROWTH = "networks-growth"
BOTH = "networks-both"
PAGE_KEYS: tuple[str, ...] = ()


def _table_card(title: str, body_id: str, help_text: str) -> dbc.Card:
    return dbc.Card(
        [
            dbc.CardHeader(html.Span(title, className="chart-title")),
            dbc.CardBody(
                [
                    html.P(help_text, className="text-muted small mb-1"),
                    dcc.Loading(html.Div(id=body_id, className="table-scroll"), delay_show=300),
                ]
            ),
        ],
        className="chart-card mb-3",
    )


def layout(**kwargs: object) -> html.Div:
    """The networks page; the shared continent, country and network filters come from the URL."""
    choices = data.choices()
    filters, notices = urlstate.parse_filters({**kwargs, "_page_keys": PAGE_KEYS}, choices)
    return html.Div(
        [
            components.page_header(
                "National and regional networks",
                "Cities that work together on intercultural policy in their own country or "
                "region, and which of them are also international ICC members: the networks "
                "founded by the year chosen, with the members that had joined by then.",
            ),
            components.notices(notices),
            components.filter_bar(filters, choices, year=True),
            html.Div(id=COUNT, className="small text-muted mb-2"),
            _table_card(
                "Networks",
                SUMMARY,
                "Status as of the latest source: active, or forming (announced, under "
                "construction). Members: cities on file as members of the network.",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            components.chart_card(
                                MAP,
                                "Members on the map",
                                height=460,
                                help_text="Colour: network; marker area follows population; "
                                "the networks' countries are shaded.",
                            ),
                            html.Div(id=UNPLACED, className="small text-muted mb-3"),
                        ],
                        xs=12,
                        lg=7,
                    ),
                    dbc.Col(
                        components.chart_card(
                            BOTH,
                            "Also international ICC members?",
                            height=460,
                            help_text="Members of each network that are also members of the "
                            "international ICC network, and those in the national network only.",
                        ),
                        xs=12,
                        lg=5,
                    ),
                ]
            ),
            components.chart_card(
                GROWTH,
                "Growth: members by the year they joined",
                height=380,
                help_text="Members on file counted from the year they joined their network "
                "(where the year is known).",
            ),
            _table_card(
                "Members",
                MEMBERS,
                "Every member city of the networks shown, with the year it joined.",
            ),
        ]
    )
