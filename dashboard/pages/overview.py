"""Overview: the network's key figures for a year, its growth, and where its members are."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import components, data, i18n, langswitch, urlstate, wiring
from dashboard.i18n import N_
from dashboard.views import overview as view

dash.register_page(
    __name__, path="/", name="Overview", order=0, title=langswitch.page_title(N_("Overview"))
)


@i18n.localized
@wiring.with_first_answer(view)
def layout(**kwargs: object) -> html.Div:
    """The overview for the year and places in the URL."""
    choices = data.choices()
    filters, notices = urlstate.parse_filters({**kwargs, "_page_keys": view.PARAMS}, choices)
    return html.Div(
        [
            *components.page_top(
                N_("Overview"),
                N_(
                    "The Intercultural Cities network in one year: key figures with their change "
                    "on the year before and their sources, growth, and where the members are."
                ),
                notices,
            ),
            components.filter_bar(filters, choices, year=True),
            html.H3(id=view.KPI_TITLE, className="h6 text-muted mb-2"),
            dcc.Loading(dbc.Row(id=view.KPIS, className="g-2 kpi-row"), delay_show=300),
            dbc.Row(
                [
                    components.col(view.GROWTH.layout(), 7),
                    components.col(view.MAP.layout(), 5),
                ],
                className="g-3",
            ),
        ]
    )
