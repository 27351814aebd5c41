"""Outreach: followers, publications and campaigns, and events with their participants."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import components, data, i18n, langswitch, urlstate, wiring
from dashboard.i18n import N_, _
from dashboard.views import outreach as view
from dashboard.views.outreach import EVENTS_COUNT, EVENTS_TABLE

dash.register_page(
    __name__,
    path="/outreach",
    name="Outreach",
    order=6,
    title=langswitch.page_title(N_("Outreach")),
)


@i18n.localized
@wiring.with_first_answer(view)
def layout(**kwargs: object) -> html.Div:
    """The outreach page for the years and places in the URL."""
    choices = data.choices()
    filters, notices = urlstate.parse_filters({**kwargs, "_page_keys": view.PARAMS}, choices)
    return html.Div(
        [
            *components.page_top(
                N_("Outreach"),
                N_(
                    "How the ICC reaches people: followers, newsletters, news and campaigns, and "
                    "the events it holds with their participants."
                ),
                notices,
            ),
            components.filter_bar(filters, choices, year=False, year_range=True),
            view.FOLLOWERS.layout(),
            dbc.Row(
                [
                    components.col(view.PUBLICATIONS.layout(), 6),
                    components.col(view.EVENTS.layout(), 6),
                ],
                className="g-3",
            ),
            dbc.Card(
                [
                    dbc.CardHeader(
                        [
                            html.Span(_("Events"), className="chart-title"),
                            html.Span(id=EVENTS_COUNT, className="small text-muted ms-2"),
                        ]
                    ),
                    dbc.CardBody(
                        dcc.Loading(components.scroll_box(EVENTS_TABLE, "Events"), delay_show=300)
                    ),
                ],
                className="chart-card mb-3",
            ),
        ]
    )
