"""Map: every member city on a world map, coloured as chosen, sized by population."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import html

from dashboard import components, data, i18n, ids, langswitch, urlstate, wiring
from dashboard.figures.maps import COLOUR_OPTIONS
from dashboard.i18n import N_, _
from dashboard.views import map as view
from dashboard.views.map import COLOUR_KEY, DEFAULT_COLOUR, SUMMARY, UNPLACED

dash.register_page(
    __name__, path="/map", name="Map", order=1, title=langswitch.page_title(N_("Map"))
)


def colour_param(raw: object, notices: list[str]) -> str:
    """The `colour` URL parameter, or the default with a notice when it is not an option."""
    hint = _("colour by one of {options}").format(options=", ".join(COLOUR_OPTIONS))
    return urlstate.choice(raw, COLOUR_OPTIONS, COLOUR_KEY, DEFAULT_COLOUR, notices, hint)


@i18n.localized
@wiring.with_first_answer(view)
def layout(**kwargs: object) -> html.Div:
    """The map page, its filters and colour control set from the URL."""
    choices = data.choices()
    filters, notices = urlstate.parse_filters({**kwargs, "_page_keys": view.PARAMS}, choices)
    colour = colour_param(kwargs.get(COLOUR_KEY), notices)
    return html.Div(
        [
            *components.page_top(
                N_("Member cities on the map"),
                N_(
                    "The international member cities on file in the year chosen (joined by "
                    "then, not left). Hover a city for its facts; click it to open its Index "
                    "comparison with peers."
                ),
                notices,
            ),
            components.filter_bar(filters, choices, year=True),
            dbc.Row(
                [
                    components.col(
                        [
                            dbc.Label(_("Colour by"), className="me-2 mb-0 small"),
                            dbc.RadioItems(
                                id=ids.param_id(COLOUR_KEY),
                                options=[
                                    {"label": _(label), "value": key}
                                    for key, label in COLOUR_OPTIONS.items()
                                ],
                                value=colour,
                                inline=True,
                                className="d-inline-block",
                            ),
                        ],
                        8,
                    ),
                    components.col(
                        html.Div(id=SUMMARY, className="small text-muted text-lg-end"), 4
                    ),
                ],
                className="mb-2 align-items-center no-present",
            ),
            view.CHART.layout(),
            html.Div(id=UNPLACED, className="map-unplaced small"),
        ]
    )
