"""Data: the datasets on file, their coverage, last imports, illustrative values, downloads."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import components, data, i18n, langswitch, urlstate, wiring
from dashboard.exports import FORMATS
from dashboard.figures.datasets import DATASETS, DESCRIPTIONS, dataset_name
from dashboard.i18n import N_, _
from dashboard.views import datasets as view
from dashboard.views.datasets import DOWNLOAD, IMPORTS, LOAD, SUMMARY, download_button_id

dash.register_page(
    __name__, path="/data", name="Data", order=7, title=langswitch.page_title(N_("Data"))
)


def _card(title: str, body: object, help_text: str = "") -> dbc.Card:
    return dbc.Card(
        [
            dbc.CardHeader(html.Span(_(title), className="chart-title")),
            dbc.CardBody(
                [
                    html.P(_(help_text), className="text-muted small mb-1") if help_text else None,
                    body,
                ]
            ),
        ],
        className="chart-card mb-3",
    )


def _downloads() -> html.Div:
    rows = [
        html.Tr(
            [
                html.Td(dataset_name(kind), className="fw-semibold"),
                html.Td(_(DESCRIPTIONS[kind]), className="text-muted"),
                html.Td(
                    [
                        dbc.Button(
                            fmt.upper(),
                            id=download_button_id(kind, fmt),
                            size="sm",
                            color="primary",
                            outline=True,
                            className="me-1",
                            title=_("Download the {kind} dataset as {fmt}").format(
                                kind=kind, fmt=fmt.upper()
                            ),
                        )
                        for fmt in FORMATS
                    ],
                    className="text-nowrap",
                ),
            ]
        )
        for kind in DATASETS
    ]
    return html.Div(
        [
            dbc.Table(html.Tbody(rows), size="sm", responsive=True, className="mb-0"),
            dcc.Download(id=DOWNLOAD),
        ]
    )


@i18n.localized
@wiring.with_first_answer(view)
def layout(**kwargs: object) -> html.Div:
    """The data page (it takes no parameters; unknown ones get a notice)."""
    _filters, notices = urlstate.parse_filters(
        {**kwargs, "_page_keys": view.PARAMS}, data.choices()
    )
    return html.Div(
        [
            *components.page_top(
                N_("The data behind the dashboard"),
                N_(
                    "What is on file, how complete it is, where it comes from, and which values "
                    "are illustrative rather than published."
                ),
                notices,
            ),
            dcc.Store(id=LOAD, data=True),
            _card(
                N_("Datasets"),
                dcc.Loading(components.scroll_box(SUMMARY, _("Datasets")), delay_show=300),
                N_(
                    "Rows as the dashboard sees them (computed overall Index values left out). "
                    "Illustrative rows are generated values standing in for figures not "
                    "published."
                ),
            ),
            view.PROVENANCE.layout(),
            dbc.Row(
                [
                    components.col(view.COVERAGE.layout(), 7),
                    components.col(view.ILLUSTRATIVE.layout(), 5),
                ]
            ),
            _card(
                N_("Download a dataset"),
                _downloads(),
                N_(
                    "Each dataset as the dashboard sees it, in the columns the importer reads "
                    "(a download can be edited and imported again). Text that a spreadsheet "
                    "would run as a formula is written with a leading apostrophe."
                ),
            ),
            _card(
                N_("Last imports"),
                dcc.Loading(components.scroll_box(IMPORTS, _("Last imports")), delay_show=300),
                N_(
                    "Newest first: file name, the start of its SHA-256 fingerprint, rows new, "
                    "updated and unchanged, and the sources named in the file."
                ),
            ),
        ]
    )
