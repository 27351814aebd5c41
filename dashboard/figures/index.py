"""Figures of the Index page: a heatmap of cities by areas, each area's spread, and the
intercultural-lens composite (mean of education, neighbourhoods, public services,
business, cultural life and public space)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import formats, peers
from dashboard.figures.common import PALETTE, SEQUENTIAL, empty_figure, figure, mark_illustrative
from dashboard.figures.common import escape as _esc
from dashboard.i18n import N_, _
from data_loaders import vocab

# Edition choices: each questionnaire's latest result per city, or the results of one year.
LATEST_2019 = "q2019"
LATEST_2009 = "q2009"
EDITION_LABELS = {  # English msgids, shown through _()
    LATEST_2019: N_("Latest result per city, 2019 questionnaire"),
    LATEST_2009: N_("Latest result per city, 2009 questionnaire"),
}
# The sort orders (English msgids shown through sort_label; areas by the vocabulary).
SORTS: dict[str, str] = {
    "overall": N_("Overall score"),
    "lens": N_("Intercultural lens"),
    "name": N_("City name"),
    **{slug: vocab.indicator_name(slug) for slug in vocab.AREA_SLUGS},
}


def sort_label(sort: str) -> str:
    """A sort order's name in the current language (an area's from the vocabulary)."""
    if sort in vocab.AREA_SLUGS:
        return peers.area_name(sort)
    return _(SORTS.get(sort, sort))


BANDS = {"under": "under", "over": "over"}
ROW_PX = 20  # heatmap and lens chart grow by this much per city
HEAT_TOP = 130  # px above the heatmap's cells, for the rotated area names
LENS_TOP = 64  # px above the lens bars: the legend, and the illustrative mark above it
EMPTY = N_("No city with Index results matches these filters")  # shown through _()
PAGE_ROWS = (40, 100, 200)  # cities a page of the heatmap and the lens chart may show
BOX_POINTS_MAX = 300  # past this many cities the boxes come from statistics, no dots


# The heatmap's own columns besides the areas, in the current language where shown.
COLUMN_WORDS = {"overall": N_("Overall"), "lens": N_("Intercultural lens")}
FULL_WORDS = {"overall": N_("Overall ICC Index"), "lens": N_("Intercultural lens")}


def column_name(column: str, full: bool = False) -> str:
    """A chart column's name: overall and the lens translated; an area by the vocabulary
    (short for the axes, `full` for hovers)."""
    words = FULL_WORDS if full else COLUMN_WORDS
    if column in words:
        return _(words[column])
    return peers.area_name(column) if full else peers.short_name(column)


def page_of(rows: pd.DataFrame, page: int, per_page: int) -> tuple[pd.DataFrame, int, int]:
    """Rows of page `page` (1-based, clamped to the pages there are), that page and the
    number of pages."""
    pages = max(1, -(-len(rows) // per_page))
    page = min(max(1, page), pages)
    start = (page - 1) * per_page
    return rows.iloc[start : start + per_page].reset_index(drop=True), page, pages


def box_statistics(rows: pd.DataFrame) -> pd.DataFrame:
    """Per column of the heatmap: count, quartiles (linear), Tukey fences (1.5 IQR, at the
    furthest value within them) and mean; what a box plot of many cities draws."""
    out = []
    for col in heatmap_columns(rows):
        v = np.sort(rows[col].dropna().to_numpy(dtype=float))
        if not len(v):
            continue
        q1, med, q3 = np.quantile(v, [0.25, 0.5, 0.75])
        iqr = q3 - q1
        low = v[v >= q1 - 1.5 * iqr].min()
        high = v[v <= q3 + 1.5 * iqr].max()
        out.append(
            {"column": col, "n": len(v), "q1": q1, "median": med, "q3": q3,
             "lowerfence": low, "upperfence": high, "mean": float(v.mean())}
        )  # fmt: skip
    return pd.DataFrame(out)


def edition_options(results: pd.DataFrame) -> list[dict]:
    """Edition choices with the number of cities each holds (questionnaires first)."""
    options = []
    latest = ((LATEST_2019, "2019 questionnaire"), (LATEST_2009, "2009 questionnaire"))
    for value, edition in latest:
        n = results.loc[results["edition"] == edition, ["city", "country"]].drop_duplicates()
        if len(n):
            label = f"{_(EDITION_LABELS[value])} ({formats.number(len(n))})"
            options.append({"label": label, "value": value})
    for year, count in results.groupby("year").size().sort_index(ascending=False).items():
        label = _("{year} results only ({n})").format(year=year, n=formats.number(count))
        options.append({"label": label, "value": str(year)})
    return options


def edition_choices(index: pd.DataFrame) -> tuple[list[dict], str]:
    """The edition choices and the default straight from the long Index rows (one result
    per city, country and year), without preparing the results: what the page's layout
    needs, cheap enough for the first request."""
    if index.empty:
        results = pd.DataFrame(columns=["city", "country", "year", "edition"])
    else:
        results = index[["city", "country", "year"]].drop_duplicates()
        results = results.assign(edition=results["year"].astype(int).map(peers.edition_of))
    return edition_options(results), default_edition(results)


def default_edition(results: pd.DataFrame) -> str:
    """The newest questionnaire with results on file."""
    return LATEST_2019 if (results["edition"] == "2019 questionnaire").any() else LATEST_2009


def edition_rows(results: pd.DataFrame, edition: str) -> pd.DataFrame:
    """Every city's result of the edition: its latest of a questionnaire, or of one year."""
    if edition in (LATEST_2019, LATEST_2009):
        name = "2019 questionnaire" if edition == LATEST_2019 else "2009 questionnaire"
        rows = results[results["edition"] == name].sort_values("year")
        return rows.groupby(["city", "country"]).tail(1)
    return results[results["year"] == int(edition)]


def select_rows(
    results: pd.DataFrame,
    cities: pd.DataFrame,
    edition: str,
    *,
    pop: str | None = None,
    fb: str | None = None,
    memo: Callable[[str], pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """The results shown: one row per city of `cities` for the edition (questionnaire latest
    or a single year), narrowed to a population and foreign-born band ("under"/"over").
    `memo(edition)`, when given, returns `edition_rows(results, edition)` kept from before."""
    rows = edition_rows(results, edition) if memo is None else memo(edition)
    info = cities[["city", "country", "country_name", "pop_band", "fb_band"]]
    rows = rows.merge(info, on=["city", "country"])
    if pop in BANDS:
        rows = rows[rows["pop_band"] == ("under 200,000" if pop == "under" else "200,000 and over")]
    if fb in BANDS:
        target = (
            "foreign-born share under 15%" if fb == "under" else "foreign-born share at least 15%"
        )
        rows = rows[rows["fb_band"] == target]
    rows = rows.assign(label=rows["city"] + " (" + rows["country"] + ")")
    return rows.reset_index(drop=True)


def areas_present(rows: pd.DataFrame) -> list[str]:
    """Area slugs with at least one score among the rows, in display order."""
    return [s for s in vocab.AREA_SLUGS if s in rows.columns and rows[s].notna().any()]


def sort_rows(rows: pd.DataFrame, sort: str) -> pd.DataFrame:
    """Rows sorted by city name or by a score column, highest first (missing last)."""
    if sort == "name" or sort not in rows.columns:
        if "name_key" in rows.columns:  # prepared once per data version (see views.index)
            return rows.sort_values(["name_key", "country"]).reset_index(drop=True)
        return rows.sort_values("city", key=lambda s: s.map(vocab.norm_key)).reset_index(drop=True)
    ordered = rows.sort_values([sort, "city"], ascending=[False, True], na_position="last")
    return ordered.reset_index(drop=True)


def heatmap_columns(rows: pd.DataFrame) -> list[str]:
    """Columns of the heatmap: overall, the lens composite, then every area present."""
    return ["overall", "lens", *areas_present(rows)]


def heatmap(rows: pd.DataFrame, *, illustrative: bool = False) -> go.Figure:
    """Cities (rows, in the given order) by areas; colour Cividis 0-100, values as text."""
    if rows.empty:
        return empty_figure(_(EMPTY))
    cols = heatmap_columns(rows)
    z = rows[cols].round(0).astype(float)
    z_list = [[None if np.isnan(v) else v for v in r] for r in z.to_numpy()]
    full = [column_name(c, full=True) for c in cols]
    custom = [
        [[_esc(c), int(y), a] for a in full]
        for c, y in zip(rows["label"], rows["year"], strict=True)
    ]
    fig = figure(
        [
            {
                "type": "heatmap",
                "z": z_list,
                "x": [column_name(c) for c in cols],
                "y": [_esc(lab) for lab in rows["label"]],
                "colorscale": SEQUENTIAL,
                "zmin": 0,
                "zmax": 100,
                # Each cell's number as text, formatted here: plotly.js would format
                # "%{z:.0f}" with a d3 formatter made anew for every cell (about a sixth
                # of the chart's drawing time at 40 cities).
                "text": [["" if v is None else f"{v:.0f}" for v in r] for r in z_list],
                "texttemplate": "%{text}",
                "textfont": {"size": 10},
                "xgap": 1,
                "ygap": 1,
                "customdata": custom,
                "hovertemplate": "%{customdata[0]}, %{customdata[1]}<br>%{customdata[2]}: "
                "%{z:.0f}<extra></extra>",
                "colorbar": {"title": {"text": _("Score")}, "thickness": 12, "len": 0.5, "y": 1,
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


def _box_traces_from_statistics(rows: pd.DataFrame) -> list[dict]:
    traces = []
    for i, stat in enumerate(box_statistics(rows).itertuples()):
        name = column_name(stat.column)
        traces.append(
            {
                "type": "box",
                "name": name,
                "x": [name],
                "q1": [round(stat.q1, 1)],
                "median": [round(stat.median, 1)],
                "q3": [round(stat.q3, 1)],
                "lowerfence": [round(stat.lowerfence, 1)],
                "upperfence": [round(stat.upperfence, 1)],
                "mean": [round(stat.mean, 1)],
                "boxpoints": False,
                "line": {"color": PALETTE[0] if i > 1 else PALETTE[1], "width": 1.5},
                "fillcolor": "rgba(0,0,0,0.04)",
                "hoverinfo": "y",
                "showlegend": False,
            }
        )
    return traces


def distribution(rows: pd.DataFrame, *, illustrative: bool = False) -> go.Figure:
    """One box per area (and the lens composite) with every city as a point; past
    BOX_POINTS_MAX cities, boxes drawn from their statistics without the points."""
    if rows.empty:
        return empty_figure(_(EMPTY))
    if len(rows) > BOX_POINTS_MAX:
        fig = figure(
            _box_traces_from_statistics(rows),
            yaxis={"range": [0, 102], "title": {"text": _("Score (%)")}, "gridcolor": "#e5e5e5"},
            xaxis={"tickangle": -40},
            margin={"l": 48, "r": 16, "t": 30, "b": 90},
        )
        fig.add_annotation(
            text=_("{n} cities: boxes and whiskers only (1.5 IQR), no dots").format(
                n=formats.number(len(rows))
            ),
            x=1, y=1.02, xref="paper", yref="paper", xanchor="right", yanchor="bottom",
            showarrow=False, font={"size": 11, "color": "#555"},
        )  # fmt: skip
        return mark_illustrative(fig, illustrative)
    traces = []
    for i, col in enumerate(["overall", "lens", *areas_present(rows)]):
        values = rows[col].dropna()
        traces.append(
            {
                "type": "box",
                "y": values.round(1).tolist(),
                "name": column_name(col),
                "boxpoints": "all",
                "jitter": 0.4,
                "pointpos": 0,
                "marker": {"size": 4, "opacity": 0.6, "color": PALETTE[0] if i > 1 else PALETTE[1]},
                "line": {"color": "#444", "width": 1},
                "fillcolor": "rgba(0,0,0,0)",
                "text": [_esc(c) for c in rows.loc[values.index, "label"]],
                "hovertemplate": "%{text}: %{y:.0f}<extra>" + column_name(col) + "</extra>",
                "showlegend": False,
            }
        )
    fig = figure(
        traces,
        yaxis={"range": [0, 102], "title": {"text": _("Score (%)")}, "gridcolor": "#e5e5e5"},
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
        return empty_figure(_(EMPTY))
    labels = [_esc(f"{c} ({k})") for c, k in zip(table["city"], table["country"], strict=True)]
    traces = [
        {
            "type": "bar",
            "orientation": "h",
            "y": labels,
            "x": table["lens"].round(1).tolist(),
            "name": _("Intercultural lens"),
            "marker": {"color": PALETTE[0]},
            "text": [f"{v:.0f}" for v in table["lens"]],
            "textposition": "inside",
            "insidetextanchor": "end",
            "textfont": {"color": "white", "size": 10},
            "hovertemplate": "%{y}: " + _("lens {score}").format(score="%{x:.0f}")
            + "<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "markers",
            "y": labels,
            "x": table["overall"].round(1).tolist(),
            "name": _("Overall"),
            "marker": {"symbol": "line-ns-open", "size": 14, "color": PALETTE[5],
                       "line": {"width": 2.5, "color": PALETTE[5]}},
            "hovertemplate": "%{y}: " + _("overall {score}").format(score="%{x:.0f}")
            + "<extra></extra>",
        },
    ]  # fmt: skip
    fig = figure(
        traces,
        xaxis={"range": [0, 100], "title": {"text": _("Score (%)")}, "gridcolor": "#e5e5e5"},
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
