"""Reusable layout pieces: navigation, the shared filter bar, chart cards, KPI cards, notices."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import ids, serving
from dashboard.figures.common import ILLUSTRATIVE_TEXT
from dashboard.urlstate import Choices, Filters


def graph_config(filename: str) -> dict:
    """dcc.Graph config: maps drawn from the app's own topojson; PNG export fit for slides."""
    return {
        "displaylogo": False,
        "responsive": True,
        "topojsonURL": serving.asset_url("topojson/"),  # versioned: cached a year
        "toImageButtonOptions": {
            "format": "png",
            "filename": filename,
            "scale": 3,  # 3x the on-screen size: sharp on a 1920x1080 slide
        },
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }


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


def illustrative_badge(show: bool = True) -> html.Span:
    """The small "illustrative" mark shown next to KPIs and chart titles."""
    return html.Span(
        "illustrative",
        className="badge illustrative-badge ms-2",
        title=ILLUSTRATIVE_TEXT,
        style=None if show else {"display": "none"},
    )


def chart_card(chart: str, title: str, *, height: int = 380, help_text: str = "") -> dbc.Card:
    """A titled chart with its source line, an illustrative mark, and CSV/XLSX downloads.

    The page's callback fills `ids.chart_part(ids.CHART, chart)` (figure),
    `ids.CHART_SOURCE` (text), `ids.CHART_BADGE` (style) and `ids.CHART_DATA` (the rows
    behind the chart, as records plus title/sources, for the download buttons).
    """
    return dbc.Card(
        [
            dbc.CardHeader(
                [
                    html.Span(title, className="chart-title"),
                    html.Span(
                        illustrative_badge(),
                        id=ids.chart_part(ids.CHART_BADGE, chart),
                        style={"display": "none"},
                    ),
                    html.Span(
                        [
                            dbc.Button(
                                "CSV",
                                id=ids.chart_part(ids.CHART_DL_CSV, chart),
                                size="sm",
                                color="link",
                                className="p-0 ms-2",
                                title="Download the data behind this chart as CSV",
                            ),
                            dbc.Button(
                                "XLSX",
                                id=ids.chart_part(ids.CHART_DL_XLSX, chart),
                                size="sm",
                                color="link",
                                className="p-0 ms-2",
                                title="Download the data behind this chart as Excel",
                            ),
                        ],
                        className="float-end no-present",
                    ),
                ]
            ),
            dbc.CardBody(
                [
                    html.P(help_text, className="text-muted small mb-1") if help_text else None,
                    dcc.Loading(
                        dcc.Graph(
                            id=ids.chart_part(ids.CHART, chart),
                            config=graph_config(f"icc-{chart}"),
                            style={"height": f"{height}px"},
                            className="chart-graph",
                        ),
                        type="default",
                        delay_show=300,
                    ),
                    html.Div(
                        id=ids.chart_part(ids.CHART_SOURCE, chart),
                        className="source-line small text-muted mt-1",
                    ),
                    dcc.Store(id=ids.chart_part(ids.CHART_DATA, chart)),
                    dcc.Download(id=ids.chart_part(ids.CHART_DOWNLOAD, chart)),
                ]
            ),
        ],
        className="chart-card mb-3",
        id=f"card-{chart}",
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


def page_header(title: str, intro: str) -> html.Div:
    """A page's title and one line on what it is for."""
    return html.Div(
        [html.H2(title, className="h4 mb-1"), html.P(intro, className="text-muted mb-2")],
        className="page-header",
    )


def chart_outputs(chart: str) -> list:
    """The four outputs a chart card's callback fills: figure, source line, mark, data."""
    from dash import Output

    return [
        Output(ids.chart_part(ids.CHART, chart), "figure"),
        Output(ids.chart_part(ids.CHART_SOURCE, chart), "children"),
        Output(ids.chart_part(ids.CHART_BADGE, chart), "style"),
        Output(ids.chart_part(ids.CHART_DATA, chart), "data"),
    ]


def chart_values(
    fig: object,
    table: pd.DataFrame,
    *,
    title: str,
    filters: str,
    sources: list[str] | tuple[str, ...],
    illustrative: bool,
    source_text: str,
) -> tuple:
    """Values for `chart_outputs`: the figure, its source line, the mark's style, and the
    rows behind the chart for the CSV/XLSX downloads (title, filters and sources included)."""
    table = table.copy()
    for col in table.columns:
        if pd.api.types.is_datetime64_any_dtype(table[col]):
            table[col] = table[col].dt.strftime("%Y-%m-%d")
    rows = table.astype(object).where(table.notna(), None).values.tolist()
    data = {
        "title": title,
        "filters": filters,
        "sources": list(sources),
        "illustrative": bool(illustrative),
        "columns": [str(c) for c in table.columns],
        "rows": rows,
    }
    badge = {"display": "inline"} if illustrative else {"display": "none"}
    return fig, source_text, badge, data
