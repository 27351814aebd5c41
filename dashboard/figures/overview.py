"""Overview builders: KPI cards of a year and membership growth (reported against on file)."""

from __future__ import annotations

from collections.abc import Iterable

import dash_bootstrap_components as dbc
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import components
from dashboard.figures.common import (
    PALETTE,
    empty_figure,
    figure,
    mark_illustrative,
    publications,
    source_line,
)
from dashboard.kpis import Kpi
from data_loaders.safetext import escape_plotly

GROWTH_COLUMNS = ["year", "reported_total", "reported_source", "cities_on_file"]
GROWTH_HEADROOM = 1.15  # y axis top as a multiple of the highest point: labels sit above it


def kpi_cards(kpis: Iterable[Kpi], year: int) -> list[dbc.Col]:
    """One card per KPI: value, change on the year before, detail, source (full in a tooltip)."""
    cols = []
    for kpi in kpis:
        change = " · ".join(t for t in (kpi.change_text(year), kpi.detail) if t)
        cols.append(
            dbc.Col(
                components.kpi_card(
                    kpi.label,
                    kpi.value_text(),
                    change=change,
                    source="Source: " + kpi.source_text(),
                    illustrative=kpi.illustrative,
                    kpi_id=f"overview-kpi-{kpi.key.replace('_', '-')}",
                ),
                xs=6,
                md=4,
                lg=3,
                xl=2,
                className="mb-3",
            )
        )
    return cols


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
    """Per year: the reported member total (with its source) and the cities on file.

    `reported=False` (a place filter is on) leaves the network-wide totals out: they would
    not compare with a filtered count. The years run to the last joining year, the last
    reported total or `last_year` (the selected year, the last year on file), whichever
    is latest: a filtered count stays flat after its last joining, it does not stop.
    """
    totals = metrics[metrics["metric"] == "members_total"] if reported else metrics.iloc[0:0]
    joined = pd.to_numeric(cities["joined"], errors="coerce").dropna()
    first = [int(joined.min())] if not joined.empty else []
    first += [int(totals["year"].min())] if not totals.empty else []
    last = [int(joined.max())] if not joined.empty else []
    last += [int(totals["year"].max())] if not totals.empty else []
    last += [last_year] if last_year is not None else []
    if not first:
        return pd.DataFrame(columns=GROWTH_COLUMNS)
    years = list(range(min(first), max(last) + 1))
    by_year = totals.set_index("year")
    return pd.DataFrame(
        {
            "year": years,
            "reported_total": [
                float(by_year.at[y, "value"]) if y in by_year.index else np.nan for y in years
            ],
            "reported_source": [
                str(by_year.at[y, "source"]) if y in by_year.index else None for y in years
            ],
            "cities_on_file": on_file_per_year(cities, years).to_list(),
        }
    )


def growth_figure(
    table: pd.DataFrame, *, year: int | None = None, illustrative: bool = False
) -> go.Figure:
    """Reported member totals (markers, source in hover) against cities on file (line)."""
    if table.empty:
        return empty_figure("No member city matches these filters")
    traces: list[dict] = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": "Cities on file",
            "x": table["year"].tolist(),
            "y": table["cities_on_file"].tolist(),
            "line": {"color": PALETTE[0], "width": 2.5},
            "marker": {"size": 5},
            "hovertemplate": "%{x}: %{y} cities on file<extra></extra>",
        }
    ]
    reported = table[table["reported_total"].notna()]
    if not reported.empty:
        traces.append(
            {
                "type": "scatter",
                "mode": "markers+text",
                "name": "Reported total",
                "x": reported["year"].tolist(),
                "y": [round(v) for v in reported["reported_total"]],
                "text": [f"{v:.0f}" for v in reported["reported_total"]],
                "textposition": "top center",
                "customdata": [escape_plotly(s) for s in reported["reported_source"].fillna("")],
                "marker": {"size": 11, "symbol": "diamond", "color": PALETTE[1]},
                "hovertemplate": "%{x}: %{y} member cities reported<br>%{customdata}"
                "<extra></extra>",
            }
        )
    top = pd.concat([table["cities_on_file"], table["reported_total"]]).max()
    fig = figure(
        traces,
        xaxis={"gridcolor": "#e5e5e5", "dtick": 2, "title": {"text": ""}},
        # Headroom above the highest point for the data labels drawn over the markers.
        yaxis={
            "gridcolor": "#e5e5e5",
            "range": [0, float(top) * GROWTH_HEADROOM if top > 0 else 1],
            "title": {"text": "cities"},
        },
        hovermode="closest",
        # Room above the plot for the illustrative mark, clear of the mode bar.
        margin={"l": 48, "r": 16, "t": 60, "b": 40},
    )
    if year is not None:
        fig.add_vline(x=year, line={"color": "#999", "dash": "dot", "width": 1})
    return mark_illustrative(fig, illustrative)


def growth_sources(table: pd.DataFrame, cities: pd.DataFrame) -> list[str]:
    """The publications behind the growth chart: the reported totals', then the cities'."""
    return publications(pd.concat([table["reported_source"].dropna(), cities["source"]]))


def growth_source_text(table: pd.DataFrame, cities: int, illustrative: bool) -> str:
    """Source line: the reported totals' sources and where the on-file count comes from."""
    reported = source_line(table["reported_source"]).removeprefix("Source: ")
    if table["reported_source"].notna().any():
        text = f"Source: reported totals: {reported}."
    else:
        text = "Source: no reported total shown (a place filter is on, or none on file)."
    text += f" Cities on file: the cities dataset ({cities} cities, by joining year)."
    if illustrative:
        text += " Includes illustrative values (not published)."
    return text
