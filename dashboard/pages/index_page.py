"""Index: every city's ICC Index results by area, their spread, and the intercultural lens.

The module is `index_page`, not `index`: Dash pages treat a module named `index` as the
home page's.
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import html

from dashboard import components, data, urlstate, views
from dashboard.figures import index as figs
from dashboard.views import index as view
from dashboard.views.index import COUNT, DEFAULT_SORT, EDITION_KEY, FB_KEY, POP_KEY, SORT_KEY

dash.register_page(
    __name__, path="/index", name="Index", order=4, title="ICC Index · ICC Network Dashboard"
)

POP_OPTIONS = {"under": "Under 200,000", "over": "200,000 and over"}
FB_OPTIONS = {"under": "Under 15% foreign-born", "over": "15% foreign-born and over"}


def _prepared() -> dict:
    """The Index view's prepared frames (results, edition choices and the default)."""
    return views.frames_of().prepared(view)


def parse_params(kwargs: dict, options: list[dict], default_edition: str) -> tuple[dict, list[str]]:
    """The page's own URL parameters, each falling back to its default with a notice."""
    notices: list[str] = []
    editions = [str(o["value"]) for o in options]
    edition = urlstate.choice(
        kwargs.get(EDITION_KEY), editions, EDITION_KEY, default_edition, notices
    )
    return {
        "edition": edition,
        "pop": urlstate.choice(kwargs.get(POP_KEY), list(POP_OPTIONS), POP_KEY, None, notices),
        "fb": urlstate.choice(kwargs.get(FB_KEY), list(FB_OPTIONS), FB_KEY, None, notices),
        "sort": urlstate.choice(
            kwargs.get(SORT_KEY), list(figs.SORTS), SORT_KEY, DEFAULT_SORT, notices
        ),
    }, notices


def layout(**kwargs: object) -> html.Div:
    """The Index page; filters, edition, bands and sort order come from the URL."""
    choices = data.choices()
    filters, notices = urlstate.parse_filters({**kwargs, "_page_keys": view.PARAMS}, choices)
    prepared = _prepared()
    options = prepared["editions"]
    params, more = parse_params(kwargs, options, prepared["default_edition"])
    notices.extend(more)
    controls = dbc.Row(
        [
            components.param_dropdown(
                "Index edition",
                EDITION_KEY,
                {"xs": 12, "md": 4},
                options=options,
                value=params["edition"],
                clearable=False,
                searchable=False,
            ),
            components.param_dropdown(
                "Population",
                POP_KEY,
                {"xs": 6, "md": 2},
                options=[{"label": v, "value": k} for k, v in POP_OPTIONS.items()],
                value=params["pop"],
                placeholder="Any size",
            ),
            components.param_dropdown(
                "Foreign-born residents",
                FB_KEY,
                {"xs": 6, "md": 3},
                options=[{"label": v, "value": k} for k, v in FB_OPTIONS.items()],
                value=params["fb"],
                placeholder="Any share",
            ),
            components.param_dropdown(
                "Sort cities by",
                SORT_KEY,
                {"xs": 12, "md": 3},
                options=[{"label": v, "value": k} for k, v in figs.SORTS.items()],
                value=params["sort"],
                clearable=False,
            ),
        ],
        className="g-2 align-items-end filter-bar mb-3 no-present",
    )
    return html.Div(
        [
            *components.page_top(
                "ICC Index results",
                "Each city's self-assessment, area by area. The Index is a learning tool, not "
                "a ranking: sort and filter to find cities whose practice in an area may help "
                "yours.",
                notices,
            ),
            components.filter_bar(filters, choices, year=False),
            controls,
            html.Div(id=COUNT, className="small text-muted mb-2"),
            view.HEATMAP.layout(),
            dbc.Row(
                [
                    components.col(view.SPREAD.layout(), 6),
                    components.col(view.LENS.layout(), 6),
                ]
            ),
        ]
    )
