"""Trends: members, Index completions, followers and activities over the years."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import html

from dashboard import components, data, i18n, ids, langswitch, urlstate, wiring
from dashboard.figures.trends import GROUP_BY
from dashboard.i18n import N_, _
from dashboard.views import trends as view
from dashboard.views.trends import BY_KEY, DEFAULT_BY

dash.register_page(
    __name__, path="/trends", name="Trends", order=2, title=langswitch.page_title(N_("Trends"))
)


def by_param(raw: object, notices: list[str]) -> str:
    """The `by` URL parameter (continent or country), or the default with a notice."""
    hint = _("members are shown by continent or by country")
    return urlstate.choice(raw, GROUP_BY, BY_KEY, DEFAULT_BY, notices, hint)


@i18n.localized
@wiring.with_first_answer(view)
def layout(**kwargs: object) -> html.Div:
    """The trends page for the years and places in the URL."""
    choices = data.choices()
    filters, notices = urlstate.parse_filters({**kwargs, "_page_keys": view.PARAMS}, choices)
    by = by_param(kwargs.get(BY_KEY), notices)
    if filters.year is not None:
        # The shared year comes along from the other pages; here the range is what counts.
        notices.append(
            _(
                "The year {year} is not used here: trends run over the From and To years "
                "(set To to {year} to end there)."
            ).format(year=filters.year)
        )
    return html.Div(
        [
            *components.page_top(
                N_("Trends"),
                N_(
                    "How the network has grown: members, Index completions, followers and "
                    "activities per year. Pick a year range with From and To."
                ),
                notices,
            ),
            components.filter_bar(filters, choices, year=False, year_range=True),
            html.Div(
                [
                    dbc.Label(_("Members by"), className="me-2 mb-0 small"),
                    dbc.RadioItems(
                        id=ids.param_id(BY_KEY),
                        options=[{"label": _(label), "value": k} for k, label in GROUP_BY.items()],
                        value=by,
                        inline=True,
                        className="d-inline-block",
                    ),
                ],
                className="mb-3 no-present trends-by",
            ),
            dbc.Row(
                [
                    components.col(
                        [
                            view.MEMBERS.layout(),
                        ],
                        7,
                    ),
                    components.col(view.INDEX.layout(), 5),
                ],
                className="g-3",
            ),
            dbc.Row(
                [
                    components.col(view.FOLLOWERS.layout(), 6),
                    components.col(view.GROWTH.layout(), 6),
                ],
                className="g-3",
            ),
            view.ACTIVITIES.layout(),
        ]
    )
