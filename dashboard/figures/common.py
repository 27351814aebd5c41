"""What every figure shares: palette, a light layout without Plotly's default template, marks."""

from __future__ import annotations

import functools
import re

import plotly.graph_objects as go

from dashboard import i18n
from dashboard.i18n import N_, _, ngettext
from data_loaders.safetext import escape_plotly as escape  # noqa: F401  (the one escape)

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
ILLUSTRATIVE_TEXT = N_("Illustrative values (not published)")  # shown through _()
ILLUSTRATIVE_COLOR = "#8a5a00"
# A year axis: at most 8 level labels, so that on a phone's narrow chart Plotly spaces them
# out instead of turning them upright, where the legend below cut "2008" to "200".
YEAR_TICKS = {"nticks": 8, "tickangle": 0, "tickformat": "d", "automargin": True}
NO_OVERFLOW_CHECK = {"ticklabeloverflow": "allow"}
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


def base_layout(**overrides: object) -> dict:
    """A plain-dict layout: no default template (it weighs ~10 kB per figure), compact margins."""
    layout: dict = {
        # Tick labels are never measured one by one to hide those past the chart's edge
        # (Plotly's default for number and date axes): each measure forces the browser to
        # lay out the page again, a third of a page's drawing time. Automargin keeps the
        # labels inside the chart anyway.
        "template": {"layout": {"xaxis": NO_OVERFLOW_CHECK, "yaxis": NO_OVERFLOW_CHECK}},
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
    # Axis labels are never cut (a phone's 390 px showed "201" for 2017): every axis makes
    # room for its tick labels and title unless a builder says otherwise.
    for key, axis in layout.items():
        if key.startswith(("xaxis", "yaxis")) and isinstance(axis, dict):
            layout[key] = {"automargin": True, **axis}
    return layout


def right_axis(title: str, tickformat: str = ",d") -> dict:
    """A second y axis on the right (counts from zero, no grid of its own)."""
    return {
        "overlaying": "y",
        "automargin": True,
        "side": "right",
        "rangemode": "tozero",
        "showgrid": False,
        "tickmode": "auto",
        "tickformat": tickformat,
        "title": {"text": title},
    }


def figure(data: list | None = None, **layout: object) -> go.Figure:
    """A go.Figure from plain-dict traces and base_layout (fast: no plotly express)."""
    return go.Figure(data=data or [], layout=base_layout(**layout))


def mark_illustrative(fig: go.Figure, illustrative: bool) -> go.Figure:
    """Stamp the figure with a visible "illustrative" mark when it shows illustrative values."""
    if illustrative:
        fig.add_annotation(
            text=_(ILLUSTRATIVE_TEXT),
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


SOURCE_SEPARATOR = " · "  # never "; ": a source text may itself contain ";"
PUBLICATION_MAX = 72  # characters of one publication's name before it is cut


def _without_remarks(text: str) -> str:
    """The text without its parenthesised remarks (at any depth): "ICC annual report 2017
    (270 people; 31 nationalities)" names the publication "ICC annual report 2017"."""
    out: list[str] = []
    depth = 0
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
        elif not depth:
            out.append(char)
    return re.sub(r"\s+([;:,.])", r"\1", re.sub(r"\s+", " ", "".join(out))).strip(" ;:,")


@functools.lru_cache(maxsize=65536)
def _publication(text: str) -> str:
    short = _without_remarks(text) or text.strip()
    if len(short) > PUBLICATION_MAX:
        short = short[:PUBLICATION_MAX].rsplit(" ", 1)[0].rstrip(" ;:,") + "…"
    return short


def publication(text: str) -> str:
    """The publication a free-text source names, short: remarks in brackets dropped, cut at
    a word boundary past PUBLICATION_MAX characters, the app's own notes ("illustrative",
    "derived from ...") in the page's language. The text is never split on ";"."""
    return app_note(_publication(text))


# The notes the sample builder and the loaders write into sources, in the page's language
# (a publication's own title stays as published). Tried in order; the first that matches.
_APP_NOTES: tuple[tuple[re.Pattern, str], ...] = (
    (re.compile(r"^illustrative$"), N_("illustrative")),
    (
        re.compile(r"^illustrative; areas generated around the published overall$"),
        N_("illustrative; areas generated around the published overall"),
    ),
    (
        re.compile(r"^illustrative; a smooth curve through the published totals$"),
        N_("illustrative; a smooth curve through the published totals"),
    ),
    (
        re.compile(r"^illustrative; published: (?P<area>.+) was the weakest area$"),
        N_("illustrative; published: {area} was the weakest area"),
    ),
    (
        re.compile(
            r"^derived: (?P<total>[\d,]+) followers less (?P<gain>[\d,]+) gained"
            r" in (?P<year>\d{4})$"
        ),
        N_("derived: {total} followers less {gain} gained in {year}"),
    ),
    (re.compile(r"^derived from (?P<source>.+)$"), N_("derived from {source}")),
    # The sample's cities name what each publication gave: "joined: <publication>".
    (re.compile(r"^member: (?P<source>.+)$"), N_("member: {source}")),
    (re.compile(r"^joined: (?P<source>.+)$"), N_("joined: {source}")),
    (re.compile(r"^venue: (?P<source>.+)$"), N_("venue: {source}")),
    (re.compile(r"^index: (?P<source>.+)$"), N_("index: {source}")),
    (re.compile(r"^index_sample: (?P<source>.+)$"), N_("Index sample: {source}")),
    (re.compile(r"^location: (?P<source>.+)$"), N_("location: {source}")),
    (re.compile(r"^population: (?P<source>.+)$"), N_("population: {source}")),
    (
        re.compile(r"^(?P<source>.+); from illustrative scores$"),
        N_("{source}; from illustrative scores"),
    ),
)


def app_note(text: str) -> str:
    """`text` with the app's own wording in the page's language: "derived: 4,551 followers
    less 980 gained in 2017" reads "dérivé : 4 551 abonnés moins 980 gagnés en 2017" in
    French. Other text (a publication's title) is returned as it is."""
    from dashboard import formats
    from data_loaders import vocab

    for pattern, message in _APP_NOTES:
        found = pattern.match(text)
        if not found:
            continue
        parts = found.groupdict()
        for key in ("total", "gain"):
            if key in parts:
                parts[key] = formats.number(int(parts[key].replace(",", "")))
        slug = vocab.indicator_slug(parts["area"]) if "area" in parts else None
        if slug and i18n.current() != "en":
            name = vocab.indicator_name(slug, i18n.current())
            parts["area"] = name[:1].lower() + name[1:]
        return _(message).format(**parts)
    return text


def publications(sources: object, limit: int = 4) -> list[str]:
    """The distinct publications behind free-text sources, most frequent first (ties in
    order of appearance): at most `limit`, then "and N more" when there are more."""
    import pandas as pd

    series = pd.Series(sources, dtype="object").dropna().astype(str).str.strip()
    # Once per distinct source, not per row (12,000 cities share a few hundred sources);
    # value_counts(sort=False) keeps the order of first appearance.
    counts: dict[str, int] = {}
    for text, n in series[series != ""].value_counts(sort=False).items():
        name = publication(text)
        counts[name] = counts.get(name, 0) + int(n)
    ranked = sorted(counts, key=lambda n: -counts[n])  # sorted() is stable: ties keep order
    shown = ranked[:limit]
    if len(ranked) > limit:
        more = len(ranked) - limit
        shown.append(ngettext("and {n} more", "and {n} more", more).format(n=more))
    return shown


def source_line(sources: object, illustrative: bool = False, limit: int = 4) -> str:
    """One line naming the publications behind a chart (see `publications`)."""
    names = publications(sources, limit)
    text = _("Source: ") + (SOURCE_SEPARATOR.join(names) if names else _("no source recorded"))
    if illustrative:
        text += ". " + _("Includes illustrative values (not published).")
    return text
