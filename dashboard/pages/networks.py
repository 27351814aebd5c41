"""Networks: the national and regional networks, their members, growth and map."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import components, data, i18n, langswitch, urlstate, wiring
from dashboard.i18n import N_, _
from dashboard.views import networks as view
from dashboard.views.networks import COUNT, MEMBERS, SUMMARY, UNPLACED

dash.register_page(
    __name__,
    path="/networks",
    name="Networks",
    order=5,
    title=langswitch.page_title(N_("Networks")),
)


def _table_card(title: str, body_id: str, help_text: str) -> dbc.Card:
    return dbc.Card(
        [
            dbc.CardHeader(html.Span(_(title), className="chart-title")),
            dbc.CardBody(
                [
                    html.P(_(help_text), className="text-muted small mb-1"),
                    dcc.Loading(components.scroll_box(body_id, _(title)), delay_show=300),
                ]
            ),
        ],
        className="chart-card mb-3",
    )


@i18n.localized
@wiring.with_first_answer(view)
def layout(**kwargs: object) -> html.Div:
    """The networks page; the shared continent, country and network filters come from the URL."""
    choices = data.choices()
    filters, notices = urlstate.parse_filters({**kwargs, "_page_keys": view.PARAMS}, choices)
    return html.Div(
        [
            *components.page_top(
                N_("National and regional networks"),
                N_(
                    "Cities that work together on intercultural policy in their own country or "
                    "region, and which of them are also international ICC members: the networks "
                    "founded by the year chosen, with the members that had joined by then."
                ),
                notices,
            ),
            components.filter_bar(filters, choices, year=True),
            html.Div(id=COUNT, className="small text-muted mb-2"),
            _table_card(
                N_("Networks"),
                SUMMARY,
                N_(
                    "Status in the year chosen: active, or forming (announced, under "
                    "construction). Members: cities on file as members of the network."
                ),
            ),
            dbc.Row(
                [
                    components.col(
                        [
                            view.MAP.layout(),
                            html.Div(id=UNPLACED, className="small text-muted mb-3"),
                        ],
                        7,
                    ),
                    components.col(view.BOTH.layout(), 5),
                ]
            ),
            view.GROWTH.layout(),
            _table_card(
                N_("Members"),
                MEMBERS,
                N_("Every member city of the networks shown, with the year it joined."),
            ),
        ]
    )
