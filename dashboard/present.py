"""The presentation view: a full-screen slide over any page, from the story of the year.

`?present=1&slide=N` on any URL shows slide N of `dashboard.story` (the same slides as the
deck) in large type, high contrast, with one chart filling most of the screen. The state
lives in the URL only: assets/present.js steps through the slides (arrow keys, clicks) and
leaves on Escape; `callbacks/present.py` draws the slide the URL asks for.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from urllib.parse import parse_qs

import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from dashboard import cards
from dashboard.figures.common import ILLUSTRATIVE_TEXT, PALETTE, empty_figure, figure
from dashboard.i18n import _
from dashboard.story import Chart, Slide
from data_loaders.safetext import escape_plotly

ROOT = "present-root"
LOCATION = "present-location"
QUERY = "present-query"  # the URL's query string as the presentation last saw it
STAGE = "present-stage"
FONT_SIZE = 20


def container(search: str | None = None, first: tuple | None = None) -> html.Div:
    """The shell's part of the presentation view: URL watcher, state and the slide layer.

    `search` is the query string of the page being opened, when known (dashboard/opening.py),
    and `first` the slide layer's answer for it (children, hidden): the view then opens
    with it, and `update_present` runs only when the address changes."""
    children, hidden = first if first is not None else (None, True)
    return html.Div(
        [
            dcc.Location(id=LOCATION, refresh=False),
            dcc.Store(id=QUERY, data=search),
            html.Div(children, id=ROOT, className="present-root", hidden=hidden),
        ]
    )


def parse_query(search: str | None) -> dict[str, str]:
    """The query string as a dict of first values ("?a=1&b=2" -> {"a": "1", "b": "2"})."""
    parsed = parse_qs((search or "").lstrip("?"), keep_blank_values=False)
    return {k: v[0] for k, v in parsed.items() if v}


def slide_number(raw: str | None, total: int) -> int:
    """The slide asked for, kept within 1..total (anything malformed gives slide 1)."""
    try:
        n = int(str(raw))
    except (TypeError, ValueError):
        return 1
    return min(max(n, 1), max(total, 1))


def _line(chart: Chart) -> list[dict]:
    traces = []
    for i, s in enumerate(chart.series):
        sparse = any(v is None for v in s.values)
        traces.append(
            {
                "type": "scatter",
                "name": s.name,
                "x": list(chart.categories),
                "y": list(s.values),
                # Sparse figures (reported totals) as points: a line would invent the years
                # in between.
                "mode": "markers" if sparse else "lines+markers",
                "marker": {"size": 14 if sparse else 9, "color": PALETTE[i % len(PALETTE)]},
                "line": {"width": 4, "color": PALETTE[i % len(PALETTE)]},
                "hovertemplate": "%{x}: %{y:,.0f}<extra>" + s.name + "</extra>",
            }
        )
    return traces


def _plotly_safe(chart: Chart) -> Chart:
    """The chart with its names from data escaped for Plotly (no link or tag can render)."""
    return dataclasses.replace(
        chart,
        categories=tuple(escape_plotly(c) if isinstance(c, str) else c for c in chart.categories),
        series=tuple(dataclasses.replace(s, name=escape_plotly(s.name)) for s in chart.series),
    )


def chart_figure(chart: Chart) -> go.Figure:
    """A Plotly figure of a story chart, sized for a projector (large type)."""
    chart = _plotly_safe(chart)
    big = {"font": {"size": FONT_SIZE, "color": "#111"}}
    # The legend above the plot: below it, it would collide with the category labels
    # (which turn upright on a narrow screen).
    legend = {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0,
              "font": {"size": FONT_SIZE}}  # fmt: skip
    if chart.kind == "line":
        return figure(
            _line(chart),
            **big,
            legend=legend,
            yaxis={
                "title": {"text": chart.value_title},
                "gridcolor": "#ddd",
                "rangemode": "tozero",
            },
            xaxis={"type": "category", "gridcolor": "#eee", "automargin": True},
            margin={"l": 80, "r": 20, "t": 20, "b": 40},
        )
    if chart.kind in ("bar", "barh"):
        horizontal = chart.kind == "barh"
        traces = []
        for i, s in enumerate(chart.series):
            values = list(s.values)
            text = [("" if v is None else f"{v:,.0f}") for v in values]
            cats = list(chart.categories)
            traces.append(
                {
                    "type": "bar",
                    "name": s.name,
                    "orientation": "h" if horizontal else "v",
                    "x": values if horizontal else cats,
                    "y": cats if horizontal else values,
                    "text": text,
                    "textposition": "outside",
                    "cliponaxis": False,
                    "marker": {"color": PALETTE[i % len(PALETTE)]},
                }
            )
        value_axis = {"title": {"text": chart.value_title}, "gridcolor": "#ddd"}
        if chart.max_value is not None:
            value_axis["range"] = [0, chart.max_value * 1.08]
        cat_axis = (
            {"autorange": "reversed", "automargin": True} if horizontal else {"automargin": True}
        )
        return figure(
            traces,
            **big,
            barmode="group",
            showlegend=len(chart.series) > 1,
            legend=legend,
            xaxis=value_axis if horizontal else cat_axis,
            yaxis=cat_axis if horizontal else value_axis,
            margin={"l": 20, "r": 60, "t": 20, "b": 60},
        )
    if chart.kind == "radar":
        traces = []
        for i, s in enumerate(chart.series):
            cats = list(chart.categories)
            traces.append(
                {
                    "type": "scatterpolar",
                    "name": s.name,
                    "r": [*s.values, s.values[0]],
                    "theta": [*cats, cats[0]],
                    "mode": "lines+markers",
                    "line": {"width": 4, "color": PALETTE[i % len(PALETTE)]},
                    "fill": "toself" if i == 0 else "none",
                    "opacity": 0.9,
                }
            )
        return figure(
            traces,
            **big,
            legend=legend,
            polar={
                "radialaxis": {"range": [0, chart.max_value or 100], "gridcolor": "#ccc"},
                "angularaxis": {"gridcolor": "#ccc", "tickfont": {"size": 17}},
            },
            margin={"l": 140, "r": 140, "t": 40, "b": 60},
        )
    s = chart.series[0]
    return figure(
        [
            {
                "type": "pie",
                "labels": list(chart.categories),
                "values": list(s.values),
                "marker": {"colors": list(PALETTE)},
                "textinfo": "label+value",
                "sort": False,
            }
        ],
        **big,
        showlegend=False,
        margin={"l": 20, "r": 20, "t": 20, "b": 20},
    )


def map_figure(slide: Slide) -> go.Figure:
    """The member cities on the world map (the map page's builder, offline topojson)."""
    from dashboard.figures.maps import projector_map

    if not slide.points:
        return empty_figure(slide.empty or _("No member city matches these filters"))
    cities = pd.DataFrame(
        {
            "city": [p.city for p in slide.points],
            "country": [p.country for p in slide.points],
            "country_name": [p.country_name for p in slide.points],
            "continent": [p.continent for p in slide.points],
            "lat": [p.lat for p in slide.points],
            "lon": [p.lon for p in slide.points],
        }
    )
    # The same shading as on /map: countries with a national network (the note saying so
    # is text beside the map, `slide_view`: inside the figure a phone cut it).
    # Europe large, the world beside it, big dots grouped where they would overlap
    # (issue 12: readable from the back of a hall).
    return projector_map(
        cities,
        shade_iso3=slide.extra.get("shade_iso3", ()),
        shade_labels=slide.extra.get("shade_labels"),
        font_size=FONT_SIZE,
    )


def slide_figure(slide: Slide) -> go.Figure | None:
    """The figure a slide shows large: its chart, or the map; None for a KPI slide."""
    if slide.empty and slide.chart is None and not slide.points:
        return empty_figure(slide.empty)
    if slide.key in ("map", "title"):
        return map_figure(slide)
    if slide.chart is not None:
        return chart_figure(slide.chart) if not slide.empty else empty_figure(slide.empty)
    return None


def _kpi_tiles(slide: Slide, year: int) -> html.Div:
    tiles = []
    for k in slide.kpis:
        tiles.append(
            html.Div(
                [
                    html.Div(
                        [k.label, cards.illustrative_badge(k.illustrative)],
                        className="present-kpi-label",
                    ),
                    html.Div(k.value_text(), className="present-kpi-value"),
                    html.Div(
                        k.change_text(year) or _("change on the year before unknown"),
                        className="present-kpi-change",
                    ),
                    html.Div(k.detail, className="present-kpi-detail"),
                ],
                className="present-kpi" + (" is-illustrative" if k.illustrative else ""),
            )
        )
    return html.Div(tiles, className="present-kpis")


# Characters of caption and key sentences above which the side panel's type gets smaller
# (assets/present.css), so that a long panel (the city slide in French) stays on screen.
LONG_POINTS, DENSE_POINTS = 350, 550


def points_density(slide: Slide) -> str:
    """The side panel's extra class for the length of its text: "", " is-long", " is-dense"."""
    chars = len(slide.caption) + sum(len(h) for h in slide.highlights)
    if chars > DENSE_POINTS:
        return " is-dense"
    return " is-long" if chars > LONG_POINTS else ""


def slide_view(
    slide: Slide, number: int, total: int, year: int, notices: Sequence[str] = ()
) -> html.Div:
    """One slide, full screen: title, the chart (or KPI tiles), key sentences, source line,
    and the URL's notices (a parameter ignored) under the title."""
    mark = html.Span(_(ILLUSTRATIVE_TEXT), className="present-mark", hidden=not slide.illustrative)
    fig = None if slide.failed else slide_figure(slide)
    if slide.key == "kpis" and slide.kpis:
        body = _kpi_tiles(slide, year)
    elif fig is not None:
        body = html.Div(
            [
                dcc.Graph(
                    id=STAGE + "-graph",
                    figure=fig,
                    config={
                        **cards.graph_config(f"icc-present-{slide.key}"),
                        "displayModeBar": False,
                    },
                    className="present-graph",
                    responsive=True,
                ),
                # The chart in words (its caption), then the key sentences.
                html.Div(
                    [
                        html.P(slide.caption, className="present-caption", id=STAGE + "-caption")
                        if slide.caption
                        else None,
                        # The map's shading in words (wraps at any width).
                        html.P(slide.extra["shade_caption"], className="present-shade-note")
                        if slide.extra.get("shade_caption") and slide.points
                        else None,
                        html.Ul([html.Li(h) for h in slide.highlights], className="mb-0"),
                    ],
                    className="present-points" + points_density(slide),
                ),
            ],
            className="present-body",
        )
    else:
        body = html.Div(slide.empty, className="present-empty")
    return html.Div(
        [
            html.Div(
                [
                    html.Div(
                        [
                            html.H1(slide.title, className="present-title"),
                            html.P(slide.subtitle, className="present-subtitle"),
                            *(
                                [html.P(" ".join(notices), className="present-notice")]
                                if notices
                                else []
                            ),
                        ]
                    ),
                    mark,
                ],
                className="present-head",
            ),
            body,
            html.Div(
                [
                    html.Div(slide.source_text(), className="present-source"),
                    html.Div(
                        [
                            html.Button(
                                "‹",
                                className="present-nav",
                                title=_("Previous (←)"),
                                **{"data-present": "prev"},
                            ),
                            html.Span(f"{number} / {total}", className="present-count"),
                            html.Button(
                                "›",
                                className="present-nav",
                                title=_("Next (→)"),
                                **{"data-present": "next"},
                            ),
                            html.Button(
                                "✕",
                                className="present-nav",
                                title=_("Leave (Esc)"),
                                **{"data-present": "exit"},
                            ),
                        ],
                        className="present-controls",
                    ),
                ],
                className="present-foot",
            ),
        ],
        id=STAGE,
        className=f"present-slide present-slide-{slide.key}",
        # A landmark named by its title: everything the slide shows lies inside one
        # (axe 'region'; the page's own <main> lies under the slide layer).
        role="region",
        **{
            "aria-label": slide.title or _("Slide {n}").format(n=number),
            "aria-roledescription": _("slide"),
            "data-total": str(total),
            "data-slide": str(number),
        },
    )
