"""Figures and tables of the compare page: a city's Index scores beside its peer group."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import peers
from dashboard.figures.common import PALETTE, empty_figure, figure, mark_illustrative
from dashboard.figures.common import escape as _esc

CITY_COLOR = PALETTE[0]  # blue
PEER_COLOR = PALETTE[1]  # orange
RANGE_COLOR = "#d4d4d4"
UP_COLOR = PALETTE[2]  # bluish green
DOWN_COLOR = PALETTE[5]  # vermillion
# Room above the bars for the illustrative mark (top left), below the mode bar (top right),
# which overlap in the narrow change chart otherwise.
TOP_MARGIN = 56
CROSS_COLOR = "#b3b3b3"  # grey: a change across questionnaires, not like for like


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
        margin={"l": 8, "r": 16, "t": TOP_MARGIN, "b": 40},
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
    """Per area present in both results: the change since the city's previous result (in
    points as shown). A change across questionnaires is drawn grey and hatched, with a
    legend entry saying so."""
    rows = table.dropna(subset=["change"])
    if rows.empty:
        return empty_figure(f"No earlier Index result of {city} to compare with")
    names = [peers.short_name(s) for s in rows["indicator"]]
    prev_year = int(rows["previous_year"].iloc[0])
    cross = bool(rows["cross_edition"].any())
    change = [peers.shown_gap(s, p) for s, p in zip(rows["score"], rows["previous"], strict=True)]
    if cross:
        marker = {
            "color": CROSS_COLOR,
            "pattern": {"shape": "/", "fgcolor": "#6b6b6b", "solidity": 0.3},
        }
        name = (
            f"{peers.CROSS_EDITION.capitalize()} ({prev_year}: {rows['previous_edition'].iloc[0]})"
        )
        note = "<br>" + peers.CROSS_EDITION + ": not like for like"
    else:
        marker = {"color": [UP_COLOR if v >= 0 else DOWN_COLOR for v in change]}
        name = f"Change since {prev_year}"
        note = ""
    # Room on both sides for the "+12" / "-21" labels outside the bars.
    low, high = min(0.0, min(change)), max(0.0, max(change))
    pad = max(6.0, 0.15 * (high - low))
    fig = figure(
        [
            {
                "type": "bar",
                "orientation": "h",
                "y": names,
                "x": change,
                "marker": marker,
                "text": [f"{v:+.0f}" if v else "0" for v in change],
                "textposition": "outside",
                "cliponaxis": False,
                "customdata": list(zip(rows["area"], rows["previous"], rows["score"], strict=True)),
                "hovertemplate": "%{customdata[0]}<br>"
                + f"{prev_year}: "
                + "%{customdata[1]:.0f}, now %{customdata[2]:.0f} (%{x:+.0f})"
                + note
                + "<extra></extra>",
                "name": name,
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
        margin={"l": 8, "r": 40, "t": TOP_MARGIN, "b": 40},
        # The legend is there to say when the bars span two questionnaires.
        showlegend=cross,
        legend={"orientation": "h", "y": -0.1, "x": 0, "yanchor": "top"},
    )
    return mark_illustrative(fig, illustrative)


TABLE_HEADERS = {
    "area": "Area",
    "score": "Score",
    "peer_mean": "Peer mean",
    "difference": "Difference",
    "standing": "Among its peers",
    "percentile": "Percentile",
    "change": "Change since previous result",
}


def _num(value: object, fmt: str = "{:.0f}") -> str:
    if value is None or pd.isna(value):
        return ""
    rounded = peers.shown(float(value))
    # "0", never "-0" or "+0".
    return "0" if rounded == 0 else fmt.format(rounded)


def _change_text(change: object, year: object, cross: bool) -> str:
    if change is None or pd.isna(change):
        return ""
    since = f"since {int(year)}" + (f", {peers.CROSS_EDITION}" if cross else "")
    return f"{_num(change, '{:+.0f}')} ({since})"


def display_table(table: pd.DataFrame) -> pd.DataFrame:
    """The comparison as shown on the page: whole numbers, and differences and changes
    taken from the numbers shown (93 against 56 reads +37); where the city stands among
    its peers in words, not as a place in a league table."""
    difference = [
        peers.shown_gap(s, m) for s, m in zip(table["score"], table["peer_mean"], strict=True)
    ]
    change = [peers.shown_gap(s, p) for s, p in zip(table["score"], table["previous"], strict=True)]
    out = pd.DataFrame(
        {
            TABLE_HEADERS["area"]: table["area"].to_numpy(),
            TABLE_HEADERS["score"]: table["score"].map(_num).to_numpy(),
            TABLE_HEADERS["peer_mean"]: table["peer_mean"].map(_num).to_numpy(),
            TABLE_HEADERS["difference"]: [_num(v, "{:+.0f}") for v in difference],
            TABLE_HEADERS["standing"]: table["standing"].to_numpy(),
            TABLE_HEADERS["percentile"]: table["percentile"].map(_num).to_numpy(),
            TABLE_HEADERS["change"]: [
                _change_text(c, y, bool(x))
                for c, y, x in zip(
                    change, table["previous_year"], table["cross_edition"], strict=True
                )
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
