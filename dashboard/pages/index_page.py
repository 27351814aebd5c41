"""Index: every city's ICC Index results by area, their spread, and the intercultural lens.

The module is `index_page`, not `index`: Dash pages treat a module named `index` as the
home page's.
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import components, data, ids, peers, urlstate
from dashboard.figures import index as figs

dash.register_page(
    __name__, path="/index", name="Index", order=4, title="ICC Index · ICC Network Dashboard"
)

HEATMAP = "index-heatmap"
SPREAD = "index-spread"
LENS = "index-lens"
COUNT = "index-count"
# "results", not "edition": the compare page writes param "edition" (one ID per query key).
EDITION_KEY, POP_KEY, FB_KEY, SORT_KEY = "results", "pop", "fb", "sort"
PAGE_KEYS: tuple[str, ...] = (EDITION_KEY, POP_KEY, FB_KEY, SORT_KEY)
POP_OPTIONS = {"under": "Under 200,000", "over": "200,000 and over"}
FB_OPTIONS = {"under": "Under 15% foreign-born", "over": "15% foreign-born and over"}
DEFAULT_SORT = "overall"


def results() -> pd.DataFrame:
    """Index results, one row per city and year (the same cache as the compare page's)."""
    return data.dm().cached("peers-results", lambda: peers.prepare_results(data.dm().load("index")))


def city_frame() -> pd.DataFrame:
    """The prepared cities frame, kept once per data version."""
    return data.dm().cached("compare-city-frame", lambda: data.dm().load("cities"))


def edition_options() -> list[dict]:
    """Edition choices with their city counts (once per data version)."""
    return data.dm().cached("index-editions", lambda: figs.edition_options(results()))


def _first(value: object) -> str | None:
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    text = str(value).strip() if value is not None else ""
    return text or None


def _choice(
    raw: object, allowed: list[str], key: str, default: str | None, notices: list[str]
) -> str | None:
    value = _first(raw)
    if value is None:
        return default
    match = next((a for a in allowed if a.lower() == value.lower()), None)
    if match is None:
        shown = ", ".join(allowed[:8]) + (", ..." if len(allowed) > 8 else "")
        notices.append(f"Ignored {key}={value!r}: use one of {shown}.")
        return default
    return match


def parse_params(kwargs: dict, options: list[dict], default_edition: str) -> tuple[dict, list[str]]:
    """The page's own URL parameters, each falling back to its default with a notice."""
    notices: list[str] = []
    editions = [str(o["value"]) for o in options]
    edition = _choice(kwargs.get(EDITION_KEY), editions, EDITION_KEY, default_edition, notices)
    return {
        "edition": edition,
        "pop": _choice(kwargs.get(POP_KEY), list(POP_OPTIONS), POP_KEY, None, notices),
        "fb": _choice(kwargs.get(FB_KEY), list(FB_OPTIONS), FB_KEY, None, notices),
        "sort": _choice(kwargs.get(SORT_KEY), list(figs.SORTS), SORT_KEY, DEFAULT_SORT, notices),
    }, notices


def _control(label: str, control: object, **width: int) -> dbc.Col:
    return dbc.Col([dbc.Label(label, className="small mb-0"), control], **width)


def layout(**kwargs: object) -> html.Div:
    """The Index page; filters, edition, bands and sort order come from the URL."""
    choices = data.choices()
    filters, notices = urlstate.parse_filters({**kwargs, "_page_keys": PAGE_KEYS}, choices)
    options = edition_options()
    params, more = parse_params(kwargs, options, figs.default_edition(results()))
    notices.extend(more)
    controls = dbc.Row(
        [
            _control(
                "Index edition",
                dcc.Dropdown(
                    id=ids.param_id(EDITION_KEY),
                    options=options,
                    value=params["edition"],
                    clearable=False,
                    searchable=False,
                ),
                xs=12,
                md=4,
            ),
            _control(
                "Population",
                dcc.Dropdown(
                    id=ids.param_id(POP_KEY),
                    options=[{"label": v, "value": k} for k, v in POP_OPTIONS.items()],
                    value=params["pop"],
                    placeholder="Any size",
                ),
                xs=6,
                md=2,
            ),
            _control(
                "Foreign-born residents",
                dcc.Dropdown(
                    id=ids.param_id(FB_KEY),
                    options=[{"label": v, "value": k} for k, v in FB_OPTIONS.items()],
                    value=params["fb"],
                    placeholder="Any share",
                ),
                xs=6,
                md=3,
            ),
            _control(
                "Sort cities by",
                dcc.Dropdown(
                    id=ids.param_id(SORT_KEY),
                    options=[{"label": v, "value": k} for k, v in figs.SORTS.items()],
                    value=params["sort"],
                    clearable=False,
                ),
                xs=12,
                md=3,
            ),
        ],
        className="g-2 align-items-end filter-bar mb-3 no-present",
    )
    return html.Div(
        [
            components.page_header(
                "ICC Index results",
                "Each city's self-assessment, area by area. The Index is a learning tool, not "
                "a ranking: sort and filter to find cities whose practice in an area may help "
                "yours.",
            ),
            components.notices(notices),
            components.filter_bar(filters, choices, year=False),
            controls,
            html.Div(id=COUNT, className="small text-muted mb-2"),
            components.chart_card(
                HEATMAP,
                "Cities by area",
                height=600,
                help_text="Scores 0-100 (darker blue lower, yellow higher). Overall: the "
                "file's overall index, or the mean of the areas where none was given. "
                "Areas marked * are optional. Empty cells: area not in that questionnaire.",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        components.chart_card(
                            SPREAD,
                            "Spread of each area",
                            height=460,
                            help_text="One box per area: the middle half of the cities "
                            "inside the box, the median as its line, every city as a dot.",
                        ),
                        xs=12,
                        lg=6,
                    ),
                    dbc.Col(
                        components.chart_card(
                            LENS,
                            "The city through an intercultural lens",
                            height=460,
                            help_text="Mean of education, neighbourhoods, public services, "
                            "business and labour market, cultural and social life and public "
                            "space (bars), with the overall Index (red marks).",
                        ),
                        xs=12,
                        lg=6,
                    ),
                ]
            ),
        ]
    )
