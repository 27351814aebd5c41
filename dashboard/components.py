"""Reusable layout pieces: navigation, the shared filter bar, controls, KPI cards, notices.

Chart cards are declared and drawn by `dashboard.cards`.
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import i18n, ids, langswitch
from dashboard.figures.common import ILLUSTRATIVE_TEXT
from dashboard.i18n import N_, _
from dashboard.plaintable import PlainTree
from dashboard.urlstate import Choices, Filters


def navbar() -> dbc.Navbar:
    """The top navigation, built from dash.page_registry (links keep the shared filters), in
    the language of the page being opened; it carries its words in every language."""
    every = langswitch.shell_words()
    words = every[langswitch.request_language()]
    links = [
        dbc.NavItem(
            dbc.NavLink(
                words["links"][page["relative_path"]],
                href=page["relative_path"],
                id={"role": ids.NAV_LINK, "page": page["relative_path"]},
                active="exact",
            )
        )
        for page in dash.page_registry.values()
        if page.get("nav", True)
    ]
    return dbc.Navbar(
        dbc.Container(
            [
                dcc.Store(id=langswitch.WORDS, data=every),
                dbc.NavbarBrand(
                    words["brand"],
                    href=dash.get_relative_path("/"),
                    id=ids.child(ids.NAVBAR, "brand"),
                ),
                dbc.NavbarToggler(id=ids.child(ids.NAVBAR, "toggler")),
                dbc.Collapse(
                    dbc.Nav(links, navbar=True, className="me-auto"),
                    id=ids.child(ids.NAVBAR, "collapse"),
                    navbar=True,
                ),
                dbc.Button(
                    words["present"],
                    id=ids.PRESENT_TOGGLE,
                    color="light",
                    size="sm",
                    outline=True,
                    title=words["present_title"],
                ),
                html.A(
                    words["deck"],
                    id=ids.child(ids.NAVBAR, "deck"),
                    href=dash.get_relative_path("/download/deck.pptx"),
                    className="btn btn-outline-light btn-sm ms-2",
                    title=words["deck_title"],
                    **{"data-deck": "1"},  # assets/present.js adds the view's year and city
                ),
                langswitch.language_switch(),
            ],
            fluid=True,
        ),
        id=ids.NAVBAR,
        color="dark",
        dark=True,
        expand="lg",
        className="mb-3 no-present",
    )


def _filter_col(
    label: str, key: str, options: list[dict], value: object, placeholder: str
) -> dbc.Col:
    """One labelled shared-filter dropdown whose value lives in the URL as `key`."""
    return dbc.Col(
        [
            dbc.Label(_(label), html_for=str(ids.filter_id(key))),
            dcc.Dropdown(
                id=ids.filter_id(key),
                options=options,
                value=value,
                placeholder=_(placeholder),
                clearable=True,
                searchable=True,
            ),
        ],
        xs=6,
        md=2,
    )


# The filter bar's parts: the phone's "Filters" button (with what is chosen), the folding
# body, "Clear filters" and the notice when a country is dropped for being off the continent.
FILTER_BAR = "filter-bar"
FILTER_TOGGLE = ids.child(FILTER_BAR, "toggle")
FILTER_BODY = ids.child(FILTER_BAR, "body")
FILTER_CLEAR = ids.child(FILTER_BAR, "clear")
FILTER_NOTICE = ids.child(FILTER_BAR, "notice")


def country_options(choices: Choices, continent: str | None) -> list[dict]:
    """The country filter's options: those of the chosen continent (all when none)."""
    return [{"label": n, "value": c} for c, n in choices.countries_in(continent).items()]


def filter_bar(
    filters: Filters,
    choices: Choices,
    *,
    year: bool = True,
    year_range: bool = False,
    places: bool = True,
) -> html.Div:
    """The shared filters a page uses, set from the URL; their values go back to the URL.

    On phones they fold into one "Filters" button that says what is chosen."""
    years = [{"label": str(y), "value": y} for y in reversed(choices.years)]
    cols = []
    if year:
        cols.append(
            _filter_col(
                N_("Year"), "year", years, filters.year or choices.default_year, N_("Latest")
            )
        )
    if year_range:
        cols.append(_filter_col(N_("From"), "from", years, filters.year_from, N_("First year")))
        cols.append(_filter_col(N_("To"), "to", years, filters.year_to, N_("Last year")))
    if places:
        continents = [{"label": c, "value": c} for c in choices.continents]
        countries = country_options(choices, filters.continent)
        networks = [{"label": f"{c} - {n}", "value": c} for c, n in choices.networks.items()]
        cols += [
            _filter_col(
                N_("Continent"), "continent", continents, filters.continent, N_("All continents")
            ),
            _filter_col(N_("Country"), "country", countries, filters.country, N_("All countries")),
            _filter_col(
                N_("National network"), "network", networks, filters.network, N_("Any or none")
            ),
        ]
    cols.append(
        dbc.Col(
            html.Button(
                _("Clear filters"),
                id=FILTER_CLEAR,
                type="button",
                className="btn btn-outline-secondary btn-sm",
                title=_("Every filter of this page back to all (Back undoes it)"),
            ),
            xs=12,
            md="auto",
        )
    )
    return html.Div(
        [
            html.Button(
                _("Filters"),
                id=FILTER_TOGGLE,
                type="button",
                className="btn btn-outline-secondary btn-sm filter-toggle w-100 text-start",
                **{"aria-controls": FILTER_BODY},
            ),
            dbc.Collapse(
                dbc.Row(cols, className="g-2 align-items-end"),
                id=FILTER_BODY,
                is_open=False,
                className="filter-body",
            ),
            html.Div(id=FILTER_NOTICE, role="status", className="filter-notice small"),
        ],
        className="filter-bar mb-3 no-present",
    )


def notices(messages: list[str]) -> html.Div:
    """Visible notices (e.g. a URL parameter that was ignored); nothing when there are none."""
    return html.Div(
        [
            dbc.Alert(m, color="warning", dismissable=True, className="py-2 mb-2 url-notice")
            for m in messages
        ]
    )


def kpi_card(
    label: str,
    value: str,
    *,
    change: str = "",
    source: str = "",
    illustrative: bool = False,
    kpi_id: str | None = None,
    column: str = "",
) -> PlainTree:
    """One KPI: the figure, its change on the year before, and where it comes from (the
    source line, cut to the card's width, whole in its tooltip), in a column of `column`'s
    classes when given.

    One component (a PlainTree) drawing what dbc.Col, dbc.Card, dbc.CardBody and five html
    components drew: eight components a card, each laid out by Dash's renderer."""
    badge = None
    if illustrative:
        badge = [
            "span",
            {"className": "badge illustrative-badge ms-2", "title": _(ILLUSTRATIVE_TEXT)},
            _("illustrative"),
        ]
    card = [
        "div",
        {
            "className": "card kpi-card h-100",
            "id": kpi_id or f"kpi-{label.lower().replace(' ', '-')}",
        },
        [
            "div",
            {"className": "card-body"},
            ["div", {"className": "kpi-label small text-muted"}, label, badge],
            ["div", {"className": "kpi-value"}, value],
            ["div", {"className": "kpi-change small"}, change],
            ["div", {"className": "kpi-source small text-muted", "title": source}, source],
        ],
    ]
    return PlainTree(["div", {"className": column}, card] if column else card)


def col(content: object, lg: int) -> dbc.Col:
    """A column of a page's row: the whole width on phones, `lg` twelfths on wide screens."""
    return dbc.Col(content, xs=12, lg=lg)


def control(label: str, widget: object, **width: int) -> dbc.Col:
    """A labelled page control in a column of the controls row."""
    return dbc.Col([dbc.Label(label, className="small mb-0"), widget], **width)


def wrapped_control(label: str, widget: object, **width: int) -> dbc.Col:
    """A page control whose label wraps it, so the label names it without a `for` (an
    input with a pattern-matching id cannot be pointed at by `html_for`; axe: label)."""
    return dbc.Col(
        html.Label([html.Span(label, className="form-label small mb-0 d-block"), widget]),
        **width,
    )


def param_dropdown(label: str, key: str, width: dict[str, int], **dropdown: object) -> dbc.Col:
    """A labelled dropdown for a page parameter whose value lives in the URL as `key`."""
    return control(_(label), dcc.Dropdown(id=ids.param_id(key), **dropdown), **width)


def page_top(title: str, intro: str, messages: list[str]) -> list:
    """What every page opens with: its title, one line on what it is for, its notices, and
    its language (a hidden control, from the URL: see `dashboard.langswitch`)."""
    return [
        page_header(_(title), _(intro)),
        notices(messages),
        langswitch.language_control(i18n.current()),
    ]


def scroll_box(box_id: str, label: str) -> html.Div:
    """A table's box that scrolls: reachable with Tab so a keyboard can scroll it, and named
    for screen readers (axe: scrollable-region-focusable)."""
    return html.Div(
        id=box_id, className="table-scroll", tabIndex="0", role="region", **{"aria-label": label}
    )


def page_header(title: str, intro: str) -> html.Div:
    """A page's title and one line on what it is for."""
    return html.Div(
        [html.H1(title, className="h4 mb-1"), html.P(intro, className="text-muted mb-2")],
        className="page-header",
    )
