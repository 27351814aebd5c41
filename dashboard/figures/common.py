"""What every figure shares: palette, a light layout without Plotly's default template, marks."""

from __future__ import annotations

import plotly.graph_objects as go

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
)
# Sequential scale (cividis reads in greyscale and for colour-blind readers).
SEQUENTIAL = "Cividis"
DIVERGING = "RdBu"
ILLUSTRATIVE_TEXT = "Illustrative values (not published)"
ILLUSTRATIVE_COLOR = "#8a5a00"
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


def base_layout(**overrides: object) -> dict:
    """A plain-dict layout: no default template (it weighs ~10 kB per figure), compact margins."""
    layout: dict = {
        "template": {"layout": {}},
        "font": {"family": FONT_FAMILY, "size": 13, "color": "#222"},
        "colorway": list(PALETTE),
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "margin": {"l": 48, "r": 16, "t": 36, "b": 40},
        "hoverlabel": {"font": {"family": FONT_FAMILY}},
        "legend": {"orientation": "h", "y": -0.18, "x": 0},
        "xaxis": {"gridcolor": "#e5e5e5", "zeroline": False},
        "yaxis": {"gridcolor": "#e5e5e5", "zeroline": False},
    }
    layout.update(overrides)
    return layout


def figure(data: list | None = None, **layout: object) -> go.Figure:
    """A go.Figure from plain-dict traces and base_layout (fast: no plotly express)."""
    return go.Figure(data=data or [], layout=base_layout(**layout))


def mark_illustrative(fig: go.Figure, illustrative: bool) -> go.Figure:
    """Stamp the figure with a visible "illustrative" mark when it shows illustrative values."""
    if illustrative:
        fig.add_annotation(
            text=ILLUSTRATIVE_TEXT,
            xref="paper",
            yref="paper",
            # Top left: the mode bar sits top right and would hide it.
            x=0,
            y=1.02,
            xanchor="left",
            yanchor="bottom",
            showarrow=False,
            font={"size": 11, "color": ILLUSTRATIVE_COLOR},
            bgcolor="#fff4d6",
            bordercolor=ILLUSTRATIVE_COLOR,
            borderwidth=1,
            borderpad=2,
        )
    return fig


def empty_figure(message: str) -> go.Figure:
    """A figure that says why it is empty (a filter that matches nothing)."""
    fig = figure(xaxis={"visible": False}, yaxis={"visible": False})
    fig.add_annotation(
        text=message,
        xref="paper",
        yref="paper",
        x=0.5,
        y=0.5,
        showarrow=False,
        font={"size": 15, "color": "#555"},
    )
    return fig


def source_line(sources: object, illustrative: bool = False, limit: int = 4) -> str:
    """One line naming the sources behind a chart (distinct, most frequent first)."""
    import pandas as pd

    series = pd.Series(sources, dtype="object").dropna().astype(str).str.strip()
    series = series[series != ""]
    counts = series.value_counts()
    names = list(counts.index[:limit])
    more = len(counts) - len(names)
    text = "Source: " + ("; ".join(names) if names else "no source recorded")
    if more > 0:
        text += f"; and {more} more"
    if illustrative:
        text += ". Includes illustrative values (not published)."
    return text
