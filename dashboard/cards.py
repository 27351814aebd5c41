"""Chart cards: declared once (id, title, help, height, download name), filled from a view.

A page module declares its cards as `Card` constants; the layout (`Card.layout`), the
callback's outputs (`outputs`), the download (`download_data`) and the slides read that one
declaration. A view returns a `ChartResult` per card (figure, the rows behind it, the rows
its values come from); `card_values` is the only place that turns it into what the card
shows, so the illustrative mark, the sources and the source line are decided once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go
from dash import Output, dcc, html

from dashboard import ids, marks, serving
from dashboard.figures.common import ILLUSTRATIVE_TEXT, SOURCE_SEPARATOR, publications
from dashboard.i18n import N_, _

SOURCES_LISTED = 50  # publications named in a download header (the line shows 4)
HIDE = {"display": "none"}
SHOW = {"display": "inline"}


@dataclass(frozen=True)
class Card:
    """A chart card's declaration. `page` is the page (view) that fills it."""

    id: str
    page: str
    title: str
    help: str = ""
    height: int = 380
    download: str = ""

    @property
    def caption_id(self) -> str:
        """The DOM id of the caption and source line's wrapper (the graph's accessible
        description: what it shows, where from, and the illustrative mark)."""
        return f"caption-{self.id}"

    @property
    def download_name(self) -> str:
        """The stem of the card's downloaded files and PNG export."""
        return self.download or self.id

    def layout(self) -> dbc.Card:
        """The card: title, mark, CSV/XLSX buttons, graph, source line, download target."""
        return dbc.Card(
            [
                dbc.CardHeader(
                    [
                        html.Span(_(self.title), className="chart-title"),
                        html.Span(
                            illustrative_badge(),
                            id=ids.chart_part(ids.CHART_BADGE, self.id),
                            style=HIDE,
                        ),
                        html.Span(
                            [_download_button(self.id, fmt) for fmt in ("CSV", "XLSX")],
                            className="float-end no-present",
                        ),
                    ]
                ),
                dbc.CardBody(
                    [
                        html.P(_(self.help), className="text-muted small mb-1")
                        if self.help
                        else None,
                        html.Div(
                            dcc.Loading(
                                dcc.Graph(
                                    id=ids.chart_part(ids.CHART, self.id),
                                    config=graph_config(f"icc-{self.download_name}"),
                                    style={"height": f"{self.height}px"},
                                    className="chart-graph",
                                ),
                                type="default",
                                delay_show=300,
                            ),
                            # The chart is a figure described by its caption (screen readers).
                            role="figure",
                            **{"aria-describedby": self.caption_id, "aria-label": _(self.title)},
                        ),
                        # The chart's description: its caption, then its source line (with
                        # the illustrative mark's sentence when it shows such values).
                        html.Div(
                            [
                                html.P(
                                    id=ids.chart_part(ids.CHART_CAPTION, self.id),
                                    className="chart-caption small mb-1",
                                ),
                                html.Div(
                                    id=ids.chart_part(ids.CHART_SOURCE, self.id),
                                    className="source-line small text-muted mt-1",
                                ),
                            ],
                            id=self.caption_id,
                        ),
                        dcc.Download(id=ids.chart_part(ids.CHART_DOWNLOAD, self.id)),
                    ]
                ),
            ],
            className="chart-card mb-3",
            id=f"card-{self.id}",
        )


def _download_button(chart: str, fmt: str) -> dbc.Button:
    role = ids.CHART_DL_CSV if fmt == "CSV" else ids.CHART_DL_XLSX
    what = "CSV" if fmt == "CSV" else "Excel"
    title = _("Download the data behind this chart as {what}").format(what=what)
    return dbc.Button(
        fmt,
        id=ids.chart_part(role, chart),
        size="sm",
        color="link",
        className="p-0 ms-2",
        title=title,
    )


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
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "sendDataToCloud"],
        # Nothing leaves the machine: no "share" or "edit in Chart Studio" button.
        "showSendToCloud": False,
        "showEditInChartStudio": False,
        "plotlyServerURL": "",
    }


def illustrative_badge(show: bool = True) -> html.Span:
    """The small "illustrative" mark shown next to KPIs and chart titles."""
    return html.Span(
        _("illustrative"),
        className="badge illustrative-badge ms-2",
        title=_(ILLUSTRATIVE_TEXT),
        style=None if show else HIDE,
    )


FigureBuilder = Callable[[bool], go.Figure]


@dataclass
class ChartResult:
    """What a view computed for one card.

    `figure` is a figure, or a function of the mark (`build(illustrative)`) when the figure
    carries the mark itself. `rows` are the rows behind the chart (the download). `basis` are
    the rows its values come from (with `source` and the provenance columns): the mark and
    the sources are decided from them. `fields` names the value columns shown (their
    per-value status decides the mark where the data carries one).
    """

    figure: go.Figure | FigureBuilder
    rows: pd.DataFrame
    basis: pd.DataFrame | None = None
    title: str = ""
    filters: str = N_("filters: none (whole network)")
    fields: tuple[str, ...] = ()
    note: str = ""
    source_text: str = ""  # a fixed source line (when the basis is not a set of sources)
    extra_sources: Sequence[str] = field(default_factory=tuple)
    cited: pd.DataFrame | None = None  # rows whose sources are named (default: the basis)
    # One or two sentences on what the chart shows, from its data, in the request's language:
    # under the chart, its accessible description, the download header, the slide's caption.
    caption: str = ""

    @property
    def illustrative(self) -> bool:
        """Whether any value shown is not published (decided by `marks`)."""
        return marks.shows_unpublished(self.basis, self.fields)

    @property
    def sources(self) -> list[str]:
        """The publications behind the values shown, most used first (downloads, slides)."""
        names = publications(self._cited_texts(), limit=SOURCES_LISTED)
        return list(dict.fromkeys([*names, *self.extra_sources]))

    def _cited_texts(self) -> list[str]:
        rows = self.basis if self.cited is None else self.cited
        if rows is None or "source" not in rows:
            return []
        return list(rows["source"].dropna().astype(str))

    def source_line(self) -> str:
        """The card's source line: the publications behind it (the first four), the other
        sources named, the illustrative note, the view's note."""
        if self.source_text:
            text = self.source_text
            if self.illustrative and _(ILLUSTRATIVE_TEXT).lower() not in text.lower():
                text = text.rstrip(".") + ". " + _("Includes illustrative values (not published).")
            return text + self.note
        names = [*publications(self._cited_texts()), *self.extra_sources]
        text = _("Source: ") + (SOURCE_SEPARATOR.join(names) if names else _("no source recorded"))
        if self.illustrative:
            text += ". " + _("Includes illustrative values (not published).")
        return text + self.note

    def built_figure(self) -> go.Figure:
        """The figure, built with the mark where it is a builder."""
        return self.figure(self.illustrative) if callable(self.figure) else self.figure

    def download(self, card: Card) -> dict:
        """The rows behind the chart with title, filters, sources and the mark (for exports)."""
        table = self.rows.copy()
        for col in table.columns:
            if pd.api.types.is_datetime64_any_dtype(table[col]):
                table[col] = table[col].dt.strftime("%Y-%m-%d")
        return {
            "title": self.title or _(card.title),
            "caption": self.caption,
            "filters": _(self.filters),
            "sources": self.sources,
            "illustrative": self.illustrative,
            "columns": [str(c) for c in table.columns],
            "rows": table.astype(object).where(table.notna(), None).values.tolist(),
        }


def outputs(*cards: Card) -> dict[str, dict[str, Output]]:
    """The outputs of the cards' callback, grouped by card id: figure, source line, mark."""
    return {
        card.id: {
            "figure": Output(ids.chart_part(ids.CHART, card.id), "figure"),
            "source": Output(ids.chart_part(ids.CHART_SOURCE, card.id), "children"),
            "badge": Output(ids.chart_part(ids.CHART_BADGE, card.id), "style"),
            "caption": Output(ids.chart_part(ids.CHART_CAPTION, card.id), "children"),
        }
        for card in cards
    }


def card_values(result: ChartResult) -> dict[str, Any]:
    """What a card shows for a view's result: the figure, its source line, the mark's style."""
    return {
        "figure": result.built_figure(),
        "source": result.source_line(),
        "badge": SHOW if result.illustrative else HIDE,
        "caption": result.caption,
    }


def render(view: Mapping[str, Any]) -> dict[str, Any]:
    """A view's results as callback outputs: each ChartResult becomes its card's values."""
    return {
        key: card_values(value) if isinstance(value, ChartResult) else value
        for key, value in view.items()
    }
