"""Figures and tables of the compare page: a city's Index scores beside its peer group."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from dashboard import peers
from dashboard.figures.common import PALETTE, empty_figure, figure, mark_illustrative

CITY_COLOR = PALETTE[0]  # blue
PEER_COLOR = PALETTE[1]  # orange
RANGE_COLOR = "#d4d4d4"
UP_COLOR = PALETTE[2]  # bluish green
DOWN_COLOR = PALETTE[5]  # vermillion


def _esc(text: object) -> str:
    # Plotly renders a few HTML-like tags in labels: data text is escaped first.
    return html.escape(str(text), quote=False)


def score_bars(table: pd.DataFrame, city: str, *, illustrative: bool = False) -> go.Figure:
    """Per area: the peer range (min-max) as a grey bar, the peer mean and the city's score."""
    areas = peers.areas_only(table)
    if areas.empty:
        return empty_figure("No Index result for this city in this year")
    names = [peers.short_name(s) for s in areas["indicator"]]
    full = list(areas["area"])
    has_peers = areas["peers"].gt(0).any()
    traces: list[dict] = []
    if has_peers:
        traces.append(
            {
                "type": "bar",
                "orientation": "h",
                "y": names,
                "x": (areas["peer_max"] - areas["peer_min"]).round(1).tolist(),
                "base": areas["peer_min"].tolist(),
                "marker": {"color": RANGE_COLOR},
                "name": "Peer range (lowest to highest)",
                "customdata": list(zip(full, areas["peer_min"], areas["peer_max"], strict=True)),
                "hovertemplate": "%{customdata[0]}<br>Peers from %{customdata[1]:.0f} "
                "to %{customdata[2]:.0f}<extra></extra>",
                "width": 0.5,
            }
        )
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "y": names,
                "x": areas["peer_mean"].tolist(),
                "marker": {"symbol": "diamond", "size": 11, "color": PEER_COLOR},
                "name": "Peer mean",
                "customdata": full,
                "hovertemplate": "%{customdata}<br>Peer mean %{x:.0f}<extra></extra>",
            }
        )
    traces.append(
        {
            "type": "scatter",
            "mode": "markers",
            "y": names,
            "x": areas["score"].tolist(),
            "marker": {"symbol": "circle", "size": 12, "color": CITY_COLOR},
            "name": _esc(city),
            "customdata": full,
            "hovertemplate": "%{customdata}<br>" + _esc(city) + " %{x:.0f}<extra></extra>",
        }
    )
    fig = figure(
        traces,
        xaxis={"range": [0, 100], "title": {"text": "Score (%)"}, "gridcolor": "#e5e5e5"},
        yaxis={"autorange": "reversed", "automargin": True},
        margin={"l": 8, "r": 16, "t": 36, "b": 40},
        barmode="overlay",
        legend={"orientation": "h", "y": -0.1, "x": 0, "yanchor": "top"},
    )
    return mark_illustrative(fig, illustrative)


def radar(table: pd.DataFrame, city: str, *, illustrative: bool = False) -> go.Figure:
    """A radar of the city's area scores and its peer group's means."""
    areas = peers.areas_only(table)
    if areas.empty:
        return empty_figure("No Index result for this city in this year")
    theta = [peers.short_name(s) for s in areas["indicator"]]
    closed = [*theta, theta[0]]

    def loop(values: pd.Series) -> list:
        vals = values.tolist()
        return [*vals, vals[0]]

    traces = [
        {
            "type": "scatterpolar",
            "r": loop(areas["score"]),
            "theta": closed,
            "fill": "toself",
            "fillcolor": "rgba(0,114,178,0.15)",
            "line": {"color": CITY_COLOR},
            "name": _esc(city),
            "hovertemplate": "%{theta}: %{r:.0f}<extra>" + _esc(city) + "</extra>",
        }
    ]
    if areas["peers"].gt(0).any():
        traces.append(
            {
                "type": "scatterpolar",
                "r": loop(areas["peer_mean"]),
                "theta": closed,
                "line": {"color": PEER_COLOR, "dash": "dash"},
                "name": "Peer mean",
                "hovertemplate": "%{theta}: %{r:.0f}<extra>Peer mean</extra>",
            }
        )
    fig = figure(
        traces,
        polar={
            "radialaxis": {"range": [0, 100], "tickfont": {"size": 10}, "gridcolor": "#ddd"},
            "angularaxis": {"tickfont": {"size": 11}, "gridcolor": "#ddd"},
            "bgcolor": "white",
        },
        margin={"l": 60, "r": 60, "t": 40, "b": 40},
        legend={"orientation": "h", "y": -0.08, "x": 0},
    )
    return mark_illustrative(fig, illustrative)


def change_bars(table: pd.DataFrame, city: str, *, illustrative: bool = False) -> go.Figure:
    """Per area present in both results: the change since the city's previous result."""
    rows = table.dropna(subset=["change"])
    if rows.empty:
        return empty_figure(f"No earlier Index result of {city} to compare with")
    names = [peers.short_name(s) for s in rows["indicator"]]
    prev_year = int(rows["previous_year"].iloc[0])
    # Room on both sides for the "+12" / "-21" labels outside the bars.
    low, high = min(0.0, float(rows["change"].min())), max(0.0, float(rows["change"].max()))
    pad = max(6.0, 0.15 * (high - low))
    fig = figure(
        [
            {
                "type": "bar",
                "orientation": "h",
                "y": names,
                "x": rows["change"].tolist(),
                "marker": {"color": [UP_COLOR if v >= 0 else DOWN_COLOR for v in rows["change"]]},
                "text": [f"{v:+.0f}" for v in rows["change"]],
                "textposition": "outside",
                "cliponaxis": False,
                "customdata": list(zip(rows["area"], rows["previous"], rows["score"], strict=True)),
                "hovertemplate": "%{customdata[0]}<br>"
                + f"{prev_year}: "
                + "%{customdata[1]:.0f}, now %{customdata[2]:.0f} (%{x:+.0f})<extra></extra>",
                "name": f"Change since {prev_year}",
            }
        ],
        xaxis={
            "title": {"text": f"Change in points since {prev_year}"},
            "range": [low - pad, high + pad],
            "zeroline": True,
            "zerolinecolor": "#888",
            "gridcolor": "#e5e5e5",
        },
        yaxis={"autorange": "reversed", "automargin": True},
        margin={"l": 8, "r": 40, "t": 36, "b": 40},
        showlegend=False,
    )
    return mark_illustrative(fig, illustrative)


TABLE_HEADERS = {
    "area": "Area",
    "score": "Score",
    "peer_mean": "Peer mean",
    "difference": "Difference",
    "position": "Position in peer group",
    "percentile": "Percentile",
    "change": "Change since previous result",
}


def _num(value: object, fmt: str = "{:.0f}") -> str:
    if value is None or pd.isna(value):
        return ""
    # Round first so that -0.2 reads "0", not "-0" or "+0".
    rounded = round(float(value))
    return "0" if rounded == 0 else fmt.format(rounded)


def display_table(table: pd.DataFrame) -> pd.DataFrame:
    """The comparison as shown on the page: rounded, signed differences, words for gaps."""
    out = pd.DataFrame(
        {
            "Area": table["area"],
            "Score": table["score"].map(_num),
            "Peer mean": table["peer_mean"].map(_num),
            "Difference": table["difference"].map(lambda v: _num(v, "{:+.0f}")),
            "Position in peer group": table["position"],
            "Percentile": table["percentile"].map(_num),
            "Change since previous result": [
                _num(c, "{:+.0f}") + (f" (since {int(y)})" if pd.notna(c) else "")
                for c, y in zip(table["change"], table["previous_year"], strict=True)
            ],
        }
    )
    return out.reset_index(drop=True)


def download_table(table: pd.DataFrame, city: str, year: int, group: str) -> pd.DataFrame:
    """The comparison rows behind the charts, for CSV/XLSX downloads."""
    out = table.drop(columns=["rank", "group_size"]).copy()
    out.insert(0, "year", year)
    out.insert(0, "city", city)
    out["peer_group"] = group
    return out
