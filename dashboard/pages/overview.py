"""Overview: the network's key figures for a year, its growth, and where its members are."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import components, data, urlstate

dash.register_page(
    __name__, path="/", name="Overview", order=0, title="Overview · ICC Network Dashboard"
)

KPIS = "overview-kpis"
KPI_TITLE = "overview-kpi-title"
GROWTH = "overview-growth"
MAP = "overview-map"
PAGE_KEYS: tuple[str, ...] = ()


def layout(**kwargs: object) -> html.Div:
    """The overview for the year and places in the URL."""
    choices = data.choices()
    filters, notices = urlstate.parse_filters({**kwargs, "_page_keys": PAGE_KEYS}, choices)
    return html.Div(
        [
            components.page_header(
                "Overview",
                "The Intercultural Cities network in one year: key figures with their change "
                "on the year before and their sources, growth, and where the members are.",
            ),
            components.notices(notices),
            components.filter_bar(filters, choices, year=True),
            html.H3(id=KPI_TITLE, className="h6 text-muted mb-2"),
            dcc.Loading(dbc.Row(id=KPIS, className="g-2 kpi-row"), delay_show=300),
            dbc.Row(
                [
                    dbc.Col(
                        components.chart_card(
                            GROWTH,
                            "Membership growth: reported totals and cities on file",
                            height=360,
                            help_text="The gap between the two is the coverage gap: "
                            "members reported by the ICC but not yet in the cities dataset.",
                        ),
                        xs=12,
                        lg=7,
                    ),
                    dbc.Col(
                        components.chart_card(
                            MAP,
                            "Member cities in the year",
                            height=360,
                            help_text="Shaded: countries with a national network. "
                            "The Map page has the full map.",
                        ),
                        xs=12,
                        lg=5,
                    ),
                ],
                className="g-3",
            ),
        ]
    )
