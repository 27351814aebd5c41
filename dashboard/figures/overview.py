"""Overview builders: KPI cards of a year and membership growth (reported against on file)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import components, formats
from dashboard.figures.common import (
    PALETTE,
    YEAR_TICKS,
    app_note,
    empty_figure,
    figure,
    mark_illustrative,
)
from dashboard.i18n import N_, _
from dashboard.kpis import Kpi
from dashboard.plaintable import PlainTree
from data_loaders.safetext import escape_plotly, short_label

GROWTH_COLUMNS = [
    "year", "reported_total", "reported_qualifier", "reported_source", "reported_status",
    "cities_on_file",
]  # fmt: skip
# The status words a published figure carries in the data (translated where shown).
STATUS_WORDS = (N_("published"), N_("illustrative"), N_("derived"), N_("computed"))
GROWTH_HEADROOM = 1.15  # y axis top as a multiple of the highest point: labels sit above it


# The columns of a KPI card: half the width on phones, a sixth on wide screens.
KPI_COLUMN = "col-6 col-md-4 col-lg-3 col-xl-2 mb-3"


def kpi_cards(kpis: Iterable[Kpi], year: int) -> list[PlainTree]:
    """One card per KPI: value, change on the year before, detail, source (full in a tooltip)."""
    cards = []
    for kpi in kpis:
        change = " · ".join(t for t in (kpi.change_text(year), kpi.detail) if t)
        source = _("Source: ") + kpi.source_text()
        if kpi.illustrative and _("illustrative") not in source.lower():
            # As a chart's source line: the card's mark is said in words too.
            source += ". " + _("Includes illustrative values (not published).")
        cards.append(
            components.kpi_card(
                kpi.label,
                kpi.value_text(),
                change=change,
                source=source,
                illustrative=kpi.illustrative,
                kpi_id=f"overview-kpi-{kpi.key.replace('_', '-')}",
                column=KPI_COLUMN,
            )
        )
    return cards


def on_file_per_year(cities: pd.DataFrame, years: Iterable[int]) -> pd.Series:
    """How many cities were members on file in each year (joined by then, not left)."""
    joined = pd.to_numeric(cities["joined"], errors="coerce").to_numpy(float)
    left = pd.to_numeric(cities["left"], errors="coerce").to_numpy(float)
    years = list(years)
    counts = [int(((joined <= y) & (np.isnan(left) | (left > y))).sum()) for y in years]
    return pd.Series(counts, index=years, dtype=int)


def growth_table(
    cities: pd.DataFrame,
    metrics: pd.DataFrame,
    *,
    reported: bool = True,
    last_year: int | None = None,
) -> pd.DataFrame:
    """Per year: the reported member total of the year (the figure published for the year as
    a whole, else its latest dated point; with its qualifier and source) and the cities on
    file.

    `reported=False` (a place filter is on) leaves the network-wide totals out: they would
    not compare with a filtered count. The years run to the last joining year, the last
    reported total or `last_year` (the selected year, the last year on file), whichever
    is latest: a filtered count stays flat after its last joining, it does not stop.
    """
    from dashboard.kpis import metric_of_year

    totals = metrics[metrics["metric"] == "members_total"] if reported else metrics.iloc[0:0]
    if "network" in totals.columns:
        totals = totals[totals["network"].fillna("") == ""]
    joined = pd.to_numeric(cities["joined"], errors="coerce").dropna()
    first = [int(joined.min())] if not joined.empty else []
    first += [int(totals["year"].min())] if not totals.empty else []
    last = [int(joined.max())] if not joined.empty else []
    last += [int(totals["year"].max())] if not totals.empty else []
    last += [last_year] if last_year is not None else []
    if not first:
        return pd.DataFrame(columns=GROWTH_COLUMNS)
    years = list(range(min(first), max(last) + 1))
    rows = [metric_of_year(totals, "members_total", y) for y in years]
    return pd.DataFrame(
        {
            "year": years,
            "reported_total": [float(r["value"]) if r is not None else np.nan for r in rows],
            "reported_qualifier": [_qualifier_of(r) for r in rows],
            "reported_source": [str(r["source"]) if r is not None else None for r in rows],
            # The total's own status (published, derived): the page draws a derived one
            # hollow, the slide as its own series.
            "reported_status": [_status_of(r) for r in rows],
            "cities_on_file": on_file_per_year(cities, years).to_list(),
        }
    )


def _status_of(row: pd.Series | None) -> str:
    if row is None:
        return ""
    status = row.get("value_status", "")
    return "published" if status is None or status != status or not status else str(status)


def _qualifier_of(row: pd.Series | None) -> str:
    if row is None:
        return ""
    text = row.get("value_qualifier", "")
    return "" if text is None or text != text else str(text)


YEAR_END = 11.9 / 12  # where a figure dated only by its year sits on the axis


def _fractional_year(date: object, year: int) -> float:
    """A dated point's place on a year axis: 2017-11 sits at 2017.83. A bare year is a
    figure reported for the year (an annual report's total), so it sits at the year's end:
    at its start it would be drawn before the figures dated within that year (121 before
    May 2017's 118), a fall the sources never reported. Its hover says it has no exact date."""
    text = str(date or "")
    parts = text.split("-")
    if len(parts) >= 2 and parts[1].isdigit():
        day = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else 15
        return year + (int(parts[1]) - 1 + (day - 1) / 31) / 12
    return year + YEAR_END


def growth_points(metrics: pd.DataFrame) -> pd.DataFrame:
    """Every published member total with its date: the points of the growth chart."""
    totals = metrics[metrics["metric"] == "members_total"]
    if "network" in totals.columns:
        totals = totals[totals["network"].fillna("") == ""]
    dates = totals["date"] if "date" in totals.columns else totals["year"].astype(str)
    from dashboard.kpis import metric_of_year

    labels = [
        formats.qualified(round(v), _qualifier_of(r))
        for v, (_i, r) in zip(totals["value"], totals.iterrows(), strict=True)
    ]
    # One label per year (the year's figure, as the KPI shows it); the others in the hover.
    picked = {metric_of_year(totals, "members_total", int(y)).name for y in totals["year"].unique()}
    return pd.DataFrame(
        {
            "x": [_fractional_year(d, int(y)) for d, y in zip(dates, totals["year"], strict=True)],
            "date": [
                d if "-" in d else _("{year} (no exact date)").format(year=d)
                for d in dates.fillna("").astype(str)
            ],
            "value": totals["value"].astype(float).to_list(),
            "label": labels,
            "labelled": [i in picked for i in totals.index],
            "source": totals["source"].fillna("").astype(str).to_list(),
            "status": totals.get("value_status", pd.Series("published", index=totals.index))
            .fillna("published")
            .to_list(),
        }
    )


def growth_figure(
    table: pd.DataFrame,
    *,
    year: int | None = None,
    illustrative: bool = False,
    points: pd.DataFrame | None = None,
) -> go.Figure:
    """Reported member totals (one marker per published figure, at its date, labelled with
    its qualifier; source in hover) against cities on file (line)."""
    if table.empty:
        return empty_figure(_("No member city matches these filters"))
    traces: list[dict] = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": _("Cities on file"),
            "x": table["year"].tolist(),
            "y": table["cities_on_file"].tolist(),
            "line": {"color": PALETTE[0], "width": 2.5},
            "marker": {"size": 5},
            "hovertemplate": "%{x}: %{y} " + _("cities on file") + "<extra></extra>",
        }
    ]
    if points is None:
        shown = table[table["reported_total"].notna()]
        points = pd.DataFrame(
            {
                "x": shown["year"].astype(float),
                "date": shown["year"].astype(str),
                "value": shown["reported_total"],
                "label": [
                    formats.qualified(round(v), q)
                    for v, q in zip(
                        shown["reported_total"],
                        shown.get("reported_qualifier", pd.Series("", index=shown.index)),
                        strict=True,
                    )
                ],
                "source": shown["reported_source"].fillna(""),
                "status": "published",
            }
        )  # fmt: skip
    if not points.empty:
        hover = [
            f"{escape_plotly(d)}: {escape_plotly(lab)} {_('member cities')} ({_(st)})<br>"
            f"{escape_plotly(short_label(app_note(str(src)), 90))}"
            for d, lab, st, src in zip(
                points["date"], points["label"], points["status"], points["source"], strict=True
            )
        ]
        traces.append(
            {
                "type": "scatter",
                "mode": "markers+text",
                "name": _("Reported total"),
                "x": points["x"].tolist(),
                "y": [round(v) for v in points["value"]],
                "text": [
                    lab if shown else ""
                    for lab, shown in zip(
                        points["label"],
                        points.get("labelled", pd.Series(True, index=points.index)),
                        strict=True,
                    )
                ],
                "textposition": "top center",
                "textfont": {"size": 10},
                "customdata": hover,
                "marker": {
                    "size": 10,
                    "symbol": ["diamond" if s == "published" else "diamond-open"
                               for s in points["status"]],
                    "color": PALETTE[1],
                },
                "hovertemplate": "%{customdata}<extra></extra>",
            }
        )  # fmt: skip
        if (points["status"] != "published").any():
            # The hollow diamonds explained in the legend (a marker with no point).
            traces.append(
                {
                    "type": "scatter",
                    "mode": "markers",
                    "name": _("Total derived from published figures"),
                    "x": [None],
                    "y": [None],
                    "marker": {"size": 10, "symbol": "diamond-open", "color": PALETTE[1]},
                    "hoverinfo": "skip",
                }
            )
    top = pd.concat([table["cities_on_file"], table["reported_total"]]).max()
    fig = figure(
        traces,
        xaxis={"gridcolor": "#e5e5e5", "title": {"text": ""}, **YEAR_TICKS},
        # Headroom above the highest point for the data labels drawn over the markers.
        yaxis={
            "gridcolor": "#e5e5e5",
            "range": [0, float(top) * GROWTH_HEADROOM if top > 0 else 1],
            "title": {"text": _("cities")},
        },
        hovermode="closest",
        # Room above the plot for the illustrative mark, clear of the mode bar.
        margin={"l": 48, "r": 16, "t": 60, "b": 40},
    )
    if year is not None:
        fig.add_vline(x=year, line={"color": "#999", "dash": "dot", "width": 1})
    return mark_illustrative(fig, illustrative)
