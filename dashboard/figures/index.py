"""Figures of the Index page: a heatmap of cities by areas, each area's spread, and the
intercultural-lens composite (mean of education, neighbourhoods, public services,
business, cultural life and public space)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import peers
from dashboard.figures.common import PALETTE, SEQUENTIAL, empty_figure, figure, mark_illustrative
from dashboard.figures.common import escape as _esc
from data_loaders import vocab

# Edition choices: each questionnaire's latest result per city, or the results of one year.
LATEST_2019 = "q2019"
LATEST_2009 = "q2009"
EDITION_LABELS = {
    LATEST_2019: "Latest result per city, 2019 questionnaire",
    LATEST_2009: "Latest result per city, 2009 questionnaire",
}
SORTS: dict[str, str] = {
    "overall": "Overall score",
    "lens": "Intercultural lens",
    "name": "City name",
    **{slug: vocab.indicator_name(slug) for slug in vocab.AREA_SLUGS},
}
BANDS = {"under": "under", "over": "over"}
ROW_PX = 20  # heatmap and lens chart grow by this much per city
HEAT_TOP = 130  # px above the heatmap's cells, for the rotated area names
LENS_TOP = 64  # px above the lens bars: the legend, and the illustrative mark above it
EMPTY = "No city with Index results matches these filters"


def edition_options(results: pd.DataFrame) -> list[dict]:
    """Edition choices with the number of cities each holds (questionnaires first)."""
    options = []
    latest = ((LATEST_2019, "2019 questionnaire"), (LATEST_2009, "2009 questionnaire"))
    for value, edition in latest:
        n = results.loc[results["edition"] == edition, ["city", "country"]].drop_duplicates()
        if len(n):
            options.append({"label": f"{EDITION_LABELS[value]} ({len(n)})", "value": value})
    for year, count in results.groupby("year").size().sort_index(ascending=False).items():
        options.append({"label": f"{year} results only ({count})", "value": str(year)})
    return options


def default_edition(results: pd.DataFrame) -> str:
    """The newest questionnaire with results on file."""
    return LATEST_2019 if (results["edition"] == "2019 questionnaire").any() else LATEST_2009


def select_rows(
    results: pd.DataFrame,
    cities: pd.DataFrame,
    edition: str,
    *,
    pop: str | None = None,
    fb: str | None = None,
) -> pd.DataFrame:
    """The results shown: one row per city of `cities` for the edition (questionnaire latest
    or a single year), narrowed to a population and foreign-born band ("under"/"over")."""
    if edition in (LATEST_2019, LATEST_2009):
        name = "2019 questionnaire" if edition == LATEST_2019 else "2009 questionnaire"
        rows = results[results["edition"] == name].sort_values("year")
        rows = rows.groupby(["city", "country"]).tail(1)
    else:
        rows = results[results["year"] == int(edition)]
    info = cities[["city", "country", "country_name", "pop_band", "fb_band"]]
    rows = rows.merge(info, on=["city", "country"])
    if pop in BANDS:
        rows = rows[rows["pop_band"] == ("under 200,000" if pop == "under" else "200,000 and over")]
    if fb in BANDS:
        target = "under 15% foreign-born" if fb == "under" else "15% foreign-born and over"
        rows = rows[rows["fb_band"] == target]
    rows = rows.assign(label=rows["city"] + " (" + rows["country"] + ")")
    return rows.reset_index(drop=True)


def areas_present(rows: pd.DataFrame) -> list[str]:
    """Area slugs with at least one score among the rows, in display order."""
    return [s for s in vocab.AREA_SLUGS if s in rows.columns and rows[s].notna().any()]


def sort_rows(rows: pd.DataFrame, sort: str) -> pd.DataFrame:
    """Rows sorted by city name or by a score column, highest first (missing last)."""
    if sort == "name" or sort not in rows.columns:
        return rows.sort_values("city", key=lambda s: s.map(vocab.norm_key)).reset_index(drop=True)
    ordered = rows.sort_values([sort, "city"], ascending=[False, True], na_position="last")
    return ordered.reset_index(drop=True)


def heatmap_columns(rows: pd.DataFrame) -> list[str]:
    """Columns of the heatmap: overall, the lens composite, then every area present."""
    return ["overall", "lens", *areas_present(rows)]


def heatmap(rows: pd.DataFrame, *, illustrative: bool = False) -> go.Figure:
    """Cities (rows, in the given order) by areas; colour Cividis 0-100, values as text."""
    if rows.empty:
        return empty_figure(EMPTY)
    cols = heatmap_columns(rows)
    z = rows[cols].round(0).astype(float)
    z_list = [[None if np.isnan(v) else v for v in r] for r in z.to_numpy()]
    full = [vocab.indicator_name(c) if c != "lens" else "Intercultural lens" for c in cols]
    custom = [
        [[_esc(c), int(y), a] for a in full]
        for c, y in zip(rows["label"], rows["year"], strict=True)
    ]
    fig = figure(
        [
            {
                "type": "heatmap",
                "z": z_list,
                "x": [peers.short_name(c) for c in cols],
                "y": [_esc(lab) for lab in rows["label"]],
                "colorscale": SEQUENTIAL,
                "zmin": 0,
                "zmax": 100,
                "texttemplate": "%{z:.0f}",
                "textfont": {"size": 10},
                "xgap": 1,
                "ygap": 1,
                "customdata": custom,
                "hovertemplate": "%{customdata[0]}, %{customdata[1]}<br>%{customdata[2]}: "
                "%{z:.0f}<extra></extra>",
                "colorbar": {"title": {"text": "Score"}, "thickness": 12, "len": 0.5, "y": 1,
                             "yanchor": "top"},
                "hoverongaps": False,
            }
        ],
        xaxis={"side": "top", "tickangle": -40, "showgrid": False, "fixedrange": True},
        yaxis={"autorange": "reversed", "automargin": True, "showgrid": False,
               "tickfont": {"size": 11}, "dtick": 1},
        height=150 + ROW_PX * len(rows),
        margin={"l": 8, "r": 8, "t": HEAT_TOP, "b": 8},
    )  # fmt: skip
    mark_illustrative(fig, illustrative)
    # The area names stand above the cells: lift the mark above them.
    plot_px = ROW_PX * len(rows) + 150 - HEAT_TOP - 8
    for note in fig.layout.annotations:
        note.y = 1 + (HEAT_TOP - 4) / plot_px
        note.yanchor = "top"
    return fig


def distribution(rows: pd.DataFrame, *, illustrative: bool = False) -> go.Figure:
    """One box per area (and the lens composite) with every city as a point."""
    if rows.empty:
        return empty_figure(EMPTY)
    traces = []
    for i, col in enumerate(["overall", "lens", *areas_present(rows)]):
        values = rows[col].dropna()
        traces.append(
            {
                "type": "box",
                "y": values.round(1).tolist(),
                "name": peers.short_name(col),
                "boxpoints": "all",
                "jitter": 0.4,
                "pointpos": 0,
                "marker": {"size": 4, "opacity": 0.6, "color": PALETTE[0] if i > 1 else PALETTE[1]},
                "line": {"color": "#444", "width": 1},
                "fillcolor": "rgba(0,0,0,0)",
                "text": [_esc(c) for c in rows.loc[values.index, "label"]],
                "hovertemplate": "%{text}: %{y:.0f}<extra>" + peers.short_name(col) + "</extra>",
                "showlegend": False,
            }
        )
    fig = figure(
        traces,
        yaxis={"range": [0, 102], "title": {"text": "Score (%)"}, "gridcolor": "#e5e5e5"},
        xaxis={"tickangle": -40},
        margin={"l": 48, "r": 16, "t": 30, "b": 90},
    )
    return mark_illustrative(fig, illustrative)


def lens_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Per city: the intercultural-lens composite and overall score, lens highest first."""
    out = rows[["city", "country", "year", "lens", "overall", "illustrative"]]
    out = out.dropna(subset=["lens"]).sort_values(["lens", "city"], ascending=[False, True])
    return out.reset_index(drop=True)


def lens_bars(rows: pd.DataFrame, *, illustrative: bool = False) -> go.Figure:
    """The intercultural-lens composite per city (bars), with its overall score (points)."""
    table = lens_table(rows)
    if table.empty:
        return empty_figure(EMPTY)
    labels = [_esc(f"{c} ({k})") for c, k in zip(table["city"], table["country"], strict=True)]
    traces = [
        {
            "type": "bar",
            "orientation": "h",
            "y": labels,
            "x": table["lens"].round(1).tolist(),
            "name": "Intercultural lens",
            "marker": {"color": PALETTE[0]},
            "text": [f"{v:.0f}" for v in table["lens"]],
            "textposition": "inside",
            "insidetextanchor": "end",
            "textfont": {"color": "white", "size": 10},
            "hovertemplate": "%{y}: lens %{x:.0f}<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "markers",
            "y": labels,
            "x": table["overall"].round(1).tolist(),
            "name": "Overall",
            "marker": {"symbol": "line-ns-open", "size": 14, "color": PALETTE[5],
                       "line": {"width": 2.5, "color": PALETTE[5]}},
            "hovertemplate": "%{y}: overall %{x:.0f}<extra></extra>",
        },
    ]  # fmt: skip
    fig = figure(
        traces,
        xaxis={"range": [0, 100], "title": {"text": "Score (%)"}, "gridcolor": "#e5e5e5"},
        yaxis={"autorange": "reversed", "automargin": True, "dtick": 1, "tickfont": {"size": 11}},
        height=130 + ROW_PX * len(table),
        margin={"l": 8, "r": 16, "t": LENS_TOP, "b": 40},
        legend={"orientation": "h", "y": 1.0, "x": 0, "yanchor": "bottom"},
    )
    mark_illustrative(fig, illustrative)
    # The legend stands just above the bars: the mark goes above the legend.
    plot_px = 130 + ROW_PX * len(table) - LENS_TOP - 40
    for note in fig.layout.annotations:
        note.y = 1 + (LENS_TOP - 4) / plot_px
        note.yanchor = "top"
    return fig
