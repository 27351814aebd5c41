"""Index: every city's ICC Index results by area, their spread, and the intercultural lens.

The module is `index_page`, not `index`: Dash pages treat a module named `index` as the
home page's.
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import components, data, i18n, ids, langswitch, urlstate, views, wiring
from dashboard.figures import index as figs
from dashboard.i18n import N_, _
from dashboard.views import index as view
from dashboard.views.index import (
    COUNT,
    DEFAULT_ROWS,
    DEFAULT_SORT,
    EDITION_KEY,
    FB_KEY,
    PAGE_KEY,
    PHONE_LIST,
    POP_KEY,
    ROWS_KEY,
    SORT_KEY,
)

dash.register_page(
    __name__, path="/index", name="Index", order=4, title=langswitch.page_title(N_("ICC Index"))
)

POP_OPTIONS = {"under": N_("Under 200,000"), "over": N_("200,000 and over")}
FB_OPTIONS = {
    "under": N_("Foreign-born share under 15%"),
    "over": N_("Foreign-born share at least 15%"),
}


def _editions() -> tuple[list[dict], str]:
    """The edition choices and the default, once per data version, without preparing the
    view's results (the first request of the app builds every page's layout: this one
    should not wait for the heatmap's data)."""
    return data.dm().cached(  # the labels are in the request's language
        f"index-edition-choices-{i18n.current()}",
        lambda: figs.edition_choices(views.frames_of()["index"]),
    )


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
        "rows": int(
            urlstate.choice(
                kwargs.get(ROWS_KEY),
                [str(n) for n in figs.PAGE_ROWS],
                ROWS_KEY,
                str(DEFAULT_ROWS),
                notices,
            )
        ),
        "page": _page(kwargs.get(PAGE_KEY), notices),
    }, notices


def _page(raw: object, notices: list[str]) -> int:
    """The page number from the URL (1 when absent or not a positive whole number)."""
    value = urlstate.first(raw)
    if value is None:
        return 1
    if not value.isdigit() or int(value) < 1:
        notices.append(
            urlstate.Notice(
                _("Ignored {key}={value}: use a page number from 1.").format(
                    key=PAGE_KEY, value=repr(value)
                ),
                urlstate.NOT_A_PAGE,
                PAGE_KEY,
            )
        )
        return 1
    return int(value)


@i18n.localized
@wiring.with_first_answer(view)
def layout(**kwargs: object) -> html.Div:
    """The Index page; filters, edition, bands and sort order come from the URL."""
    choices = data.choices()
    filters, notices = urlstate.parse_filters({**kwargs, "_page_keys": view.PARAMS}, choices)
    options, default = _editions()
    params, more = parse_params(kwargs, options, default)
    notices.extend(more)
    controls = dbc.Row(
        [
            components.param_dropdown(
                N_("Index edition"),
                EDITION_KEY,
                {"xs": 12, "md": 4},
                options=options,
                value=params["edition"],
                clearable=False,
                searchable=False,
            ),
            components.param_dropdown(
                N_("Population"),
                POP_KEY,
                {"xs": 6, "md": 2},
                options=[{"label": _(v), "value": k} for k, v in POP_OPTIONS.items()],
                value=params["pop"],
                placeholder=_("Any size"),
            ),
            components.param_dropdown(
                N_("Foreign-born residents"),
                FB_KEY,
                {"xs": 6, "md": 3},
                options=[{"label": _(v), "value": k} for k, v in FB_OPTIONS.items()],
                value=params["fb"],
                placeholder=_("Any share"),
            ),
            components.param_dropdown(
                N_("Sort cities by"),
                SORT_KEY,
                {"xs": 12, "md": 3},
                options=[{"label": figs.sort_label(k), "value": k} for k in figs.SORTS],
                value=params["sort"],
                clearable=False,
            ),
            components.param_dropdown(
                N_("Cities a page"),
                ROWS_KEY,
                {"xs": 6, "md": 2},
                options=[{"label": str(n), "value": str(n)} for n in figs.PAGE_ROWS],
                value=str(params["rows"]),
                clearable=False,
                searchable=False,
            ),
            components.wrapped_control(
                _("Page"),
                dcc.Input(
                    id=ids.param_id(PAGE_KEY),
                    type="number",
                    min=1,
                    step=1,
                    value=params["page"],
                    debounce=True,
                    className="form-control form-control-sm",
                ),
                xs=6,
                md=2,
            ),
        ],
        id="index-controls",
        className="g-2 align-items-end filter-bar mb-3 no-present",
    )
    return html.Div(
        [
            *components.page_top(
                N_("ICC Index results"),
                N_(
                    "Each city's self-assessment, area by area. The Index is a learning tool, not "
                    "a ranking: sort and filter to find cities whose practice in an area may help "
                    "yours."
                ),
                notices,
            ),
            components.filter_bar(filters, choices, year=False),
            controls,
            html.Div(id=COUNT, className="small text-muted mb-2"),
            # At phone width a list per city replaces the heatmap (issue 12).
            html.Div(view.HEATMAP.layout(), className="d-none d-md-block"),
            html.Div(id=PHONE_LIST, className="d-md-none"),
            dbc.Row(
                [
                    components.col(view.SPREAD.layout(), 6),
                    components.col(view.LENS.layout(), 6),
                ]
            ),
        ]
    )
