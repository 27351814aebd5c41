"""Reusable layout pieces: navigation, the shared filter bar, controls, KPI cards, notices.

Chart cards are declared and drawn by `dashboard.cards`.
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids
from dashboard.cards import illustrative_badge
from dashboard.urlstate import Choices, Filters


def navbar() -> dbc.Navbar:
    """The top navigation, built from dash.page_registry (links keep the shared filters)."""
    links = [
        dbc.NavItem(
            dbc.NavLink(
                page["name"],
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
                dbc.NavbarBrand("ICC Network Dashboard", href=dash.get_relative_path("/")),
                dbc.NavbarToggler(id=ids.child(ids.NAVBAR, "toggler")),
                dbc.Collapse(
                    dbc.Nav(links, navbar=True, className="me-auto"),
                    id=ids.child(ids.NAVBAR, "collapse"),
                    navbar=True,
                ),
                dbc.Button(
                    "Present",
                    id=ids.PRESENT_TOGGLE,
                    color="light",
                    size="sm",
                    outline=True,
                    title="Full-screen presentation view (arrow keys step, Escape leaves)",
                ),
                html.A(
                    "Download deck",
                    id=ids.child(ids.NAVBAR, "deck"),
                    href=dash.get_relative_path("/download/deck.pptx"),
                    className="btn btn-outline-light btn-sm ms-2",
                    title="The year's story as an editable PowerPoint deck (16:9, native charts)",
                    **{"data-deck": "1"},  # assets/present.js adds the view's year and city
                ),
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
            dbc.Label(label, html_for=str(ids.filter_id(key))),
            dcc.Dropdown(
                id=ids.filter_id(key),
                options=options,
                value=value,
                placeholder=placeholder,
                clearable=True,
                searchable=True,
            ),
        ],
        xs=6,
        md=2,
    )


def filter_bar(
    filters: Filters,
    choices: Choices,
    *,
    year: bool = True,
    year_range: bool = False,
    places: bool = True,
) -> html.Div:
    """The shared filters a page uses, set from the URL; their values go back to the URL."""
    years = [{"label": str(y), "value": y} for y in reversed(choices.years)]
    cols = []
    if year:
        cols.append(
            _filter_col("Year", "year", years, filters.year or choices.default_year, "Latest")
        )
    if year_range:
        cols.append(_filter_col("From", "from", years, filters.year_from, "First year"))
        cols.append(_filter_col("To", "to", years, filters.year_to, "Last year"))
    if places:
        continents = [{"label": c, "value": c} for c in choices.continents]
        countries = [{"label": n, "value": c} for c, n in choices.countries.items()]
        networks = [{"label": f"{c} - {n}", "value": c} for c, n in choices.networks.items()]
        cols += [
            _filter_col("Continent", "continent", continents, filters.continent, "All continents"),
            _filter_col("Country", "country", countries, filters.country, "All countries"),
            _filter_col("National network", "network", networks, filters.network, "Any or none"),
        ]
    return html.Div(
        dbc.Row(cols, className="g-2 align-items-end"),
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
) -> dbc.Card:
    """One KPI: the figure, its change on the year before, and where it comes from."""
    return dbc.Card(
        dbc.CardBody(
            [
                html.Div(
                    [label, illustrative_badge(illustrative)],
                    className="kpi-label small text-muted",
                ),
                html.Div(value, className="kpi-value"),
                html.Div(change, className="kpi-change small"),
                html.Div(source, className="kpi-source small text-muted", title=source),
            ]
        ),
        className="kpi-card h-100",
        id=kpi_id or f"kpi-{label.lower().replace(' ', '-')}",
    )


def col(content: object, lg: int) -> dbc.Col:
    """A column of a page's row: the whole width on phones, `lg` twelfths on wide screens."""
    return dbc.Col(content, xs=12, lg=lg)


def control(label: str, widget: object, **width: int) -> dbc.Col:
    """A labelled page control in a column of the controls row."""
    return dbc.Col([dbc.Label(label, className="small mb-0"), widget], **width)


def param_dropdown(label: str, key: str, width: dict[str, int], **dropdown: object) -> dbc.Col:
    """A labelled dropdown for a page parameter whose value lives in the URL as `key`."""
    return control(label, dcc.Dropdown(id=ids.param_id(key), **dropdown), **width)


def page_top(title: str, intro: str, messages: list[str]) -> list:
    """What every page opens with: its title, one line on what it is for, its notices."""
    return [page_header(title, intro), notices(messages)]


def page_header(title: str, intro: str) -> html.Div:
    """A page's title and one line on what it is for."""
    return html.Div(
        [html.H2(title, className="h4 mb-1"), html.P(intro, className="text-muted mb-2")],
        className="page-header",
    )
