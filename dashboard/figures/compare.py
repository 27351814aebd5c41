"""Figures and tables of the compare page: a city's Index scores beside its peer group."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import peers
from dashboard.figures.common import (
    PALETTE,
    empty_figure,
    figure,
    mark_illustrative,
)
from dashboard.figures.common import escape as _esc
from dashboard.i18n import N_, _
from dashboard.plaintable import PlainTable

CITY_COLOR = PALETTE[0]  # blue
PEER_COLOR = PALETTE[1]  # orange
RANGE_COLOR = "#d4d4d4"
UP_COLOR = PALETTE[2]  # bluish green
DOWN_COLOR = PALETTE[5]  # vermillion
# Room above the bars for the illustrative mark (top left), below the mode bar (top right),
# which overlap in the narrow change chart otherwise.
TOP_MARGIN = 56
CROSS_COLOR = "#b3b3b3"  # grey: a change across questionnaires, not like for like


def _marks(rows: pd.DataFrame, column: str) -> list[str]:
    """Per row, the illustrative mark a hover adds after a value of status `column`
    (" (illustrative)", or "" for a published or derived value)."""
    statuses = rows[column] if column in rows else pd.Series("", index=rows.index)
    return [" (" + _("illustrative") + ")" if peers.is_marked(s) else "" for s in statuses]


def score_bars(table: pd.DataFrame, city: str, *, illustrative: bool = False) -> go.Figure:
    """Per area: the peer range (min-max) as a grey bar, the peer mean and the city's score."""
    areas = peers.areas_only(table)
    if areas.empty:
        return empty_figure(_("No Index result for this city in this year"))
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
                "name": _("Peer range (lowest to highest)"),
                "customdata": list(
                    zip(
                        full,
                        areas["peer_min"],
                        areas["peer_max"],
                        _marks(areas, "peer_status"),
                        strict=True,
                    )
                ),
                "hovertemplate": "%{customdata[0]}<br>"
                + _("Peers from {low} to {high}").format(
                    low="%{customdata[1]:.0f}", high="%{customdata[2]:.0f}"
                )
                + "%{customdata[3]}<extra></extra>",
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
                "name": _("Peer mean"),
                "customdata": list(zip(full, _marks(areas, "peer_status"), strict=True)),
                "hovertemplate": "%{customdata[0]}<br>"
                + _("Peer mean")
                + " %{x:.0f}%{customdata[1]}<extra></extra>",
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
            "customdata": list(zip(full, _marks(areas, "score_status"), strict=True)),
            "hovertemplate": "%{customdata[0]}<br>"
            + _esc(city)
            + " %{x:.0f}%{customdata[1]}<extra></extra>",
        }
    )
    fig = figure(
        traces,
        xaxis={"range": [0, 100], "title": {"text": _("Score (%)")}, "gridcolor": "#e5e5e5"},
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
        return empty_figure(_("No Index result for this city in this year"))
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
            "customdata": loop(pd.Series(_marks(areas, "score_status"))),
            "hovertemplate": "%{theta}: %{r:.0f}%{customdata}<extra>" + _esc(city) + "</extra>",
        }
    ]
    if areas["peers"].gt(0).any():
        traces.append(
            {
                "type": "scatterpolar",
                "r": loop(areas["peer_mean"]),
                "theta": closed,
                "line": {"color": PEER_COLOR, "dash": "dash"},
                "name": _("Peer mean"),
                "customdata": loop(pd.Series(_marks(areas, "peer_status"))),
                "hovertemplate": "%{theta}: %{r:.0f}%{customdata}<extra>"
                + _("Peer mean")
                + "</extra>",
            }
        )
    fig = figure(
        traces,
        polar={
            "radialaxis": {"range": [0, 100], "tickfont": {"size": 10}, "gridcolor": "#ddd"},
            "angularaxis": {"tickfont": {"size": 11}, "gridcolor": "#ddd"},
            "bgcolor": "white",
        },
        # Room either side for the area names around the circle (cut off on a phone at 60).
        margin={"l": 80, "r": 80, "t": 40, "b": 40},
        legend={"orientation": "h", "y": -0.08, "x": 0},
    )
    return mark_illustrative(fig, illustrative)


def change_bars(table: pd.DataFrame, city: str, *, illustrative: bool = False) -> go.Figure:
    """Per area present in both results: the change since the city's previous result (in
    points as shown). A change across questionnaires is drawn grey and hatched, with a
    legend entry saying so."""
    rows = table.dropna(subset=["change"])
    if rows.empty:
        return empty_figure(
            _("No earlier Index result of {city} to compare with").format(city=city)
        )
    names = [peers.short_name(s) for s in rows["indicator"]]
    prev_year = int(rows["previous_year"].iloc[0])
    cross = bool(rows["cross_edition"].any())
    change = [peers.shown_gap(s, p) for s, p in zip(rows["score"], rows["previous"], strict=True)]
    if cross:
        marker = {
            "color": CROSS_COLOR,
            "pattern": {"shape": "/", "fgcolor": "#6b6b6b", "solidity": 0.3},
        }
        cross_name = _(peers.CROSS_EDITION)
        edition = peers.edition_name(rows["previous_edition"].iloc[0])
        # Two short lines: one long legend entry was cut off on a phone.
        name = (
            _("{what} ({year}: {edition})")
            .format(what=cross_name[:1].upper() + cross_name[1:], year=prev_year, edition=edition)
            .replace(" (", "<br>(", 1)
        )
        note = "<br>" + _("{what}: not like for like").format(what=cross_name)
    else:
        marker = {"color": [UP_COLOR if v >= 0 else DOWN_COLOR for v in change]}
        name = _("Change since {year}").format(year=prev_year)
        note = ""
    # Room on both sides for the "+12" / "-21" labels outside the bars (a quarter of the
    # span: on a phone's narrow plot a smaller pad let "-24" run into the area names).
    low, high = min(0.0, min(change)), max(0.0, max(change))
    pad = max(8.0, 0.25 * (high - low))
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
                "customdata": list(
                    zip(
                        rows["area"],
                        rows["previous"],
                        rows["score"],
                        _marks(rows, "change_status"),
                        strict=True,
                    )
                ),
                "hovertemplate": "%{customdata[0]}<br>"
                + f"{prev_year}: "
                + _("{before}, now {now}").format(
                    before="%{customdata[1]:.0f}", now="%{customdata[2]:.0f}"
                )
                + " (%{x:+.0f})%{customdata[3]}"
                + note
                + "<extra></extra>",
                "name": name,
            }
        ],
        xaxis={
            # 12 px: the French title is as wide as the chart on a phone.
            "title": {
                "text": _("Change in points since {year}").format(year=prev_year),
                "font": {"size": 12},
            },
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
    "area": N_("Area"),
    "score": N_("Score"),
    "peer_mean": N_("Peer mean"),
    "difference": N_("Difference"),
    "standing": N_("Among its peers"),
    "across": N_("Across peer groups"),
    "change": N_("Change since previous result"),
}  # English; `_()` where shown


def _num(value: object, fmt: str = "{:.0f}") -> str:
    if value is None or pd.isna(value):
        return ""
    rounded = peers.shown(float(value))
    # "0", never "-0" or "+0".
    return "0" if rounded == 0 else fmt.format(rounded)


def _change_text(change: object, year: object, cross: bool) -> str:
    if change is None or pd.isna(change):
        return ""
    since = _("since {year}").format(year=int(year)) + (
        f", {_(peers.CROSS_EDITION)}" if cross else ""
    )
    return f"{_num(change, '{:+.0f}')} ({since})"


def across_status(table: pd.DataFrame, across: pd.DataFrame | None) -> list[str]:
    """Per row of `table`: the status of its places across peer groups ("" where none)."""
    if across is None or across.empty or "status" not in across:
        return [""] * len(table)
    by_slug = across.set_index("indicator")["status"]
    return [str(by_slug.get(slug, "")) for slug in table["indicator"]]


def across_text(table: pd.DataFrame, across: pd.DataFrame | None) -> list[str]:
    """Per row of `table`: "between 3rd of 12 and 9th of 80; above the mean in 4 of 5 peer
    groups" from `peers.across_groups` ("" where no group holds enough peers)."""
    if across is None or across.empty:
        return [""] * len(table)
    by_slug = across.set_index("indicator")
    out = []
    for slug in table["indicator"]:
        if slug in by_slug.index:
            row = by_slug.loc[slug]
            out.append(row["positions"] + _("; ") + row["above_mean"])
        else:
            out.append("")
    return out


def display_table(table: pd.DataFrame, across: pd.DataFrame | None = None) -> pd.DataFrame:
    """The comparison as shown on the page: whole numbers, and differences and changes
    taken from the numbers shown (93 against 56 reads +37); where the city stands among
    its peers in words (none in a group of fewer than five peers), and the range of its
    places across every peer group it belongs to, so that no single place is the headline."""
    difference = [
        peers.shown_gap(s, m) for s, m in zip(table["score"], table["peer_mean"], strict=True)
    ]
    change = [peers.shown_gap(s, p) for s, p in zip(table["score"], table["previous"], strict=True)]
    head = {k: _(v) for k, v in TABLE_HEADERS.items()}
    out = pd.DataFrame(
        {
            head["area"]: table["area"].to_numpy(),
            head["score"]: table["score"].map(_num).to_numpy(),
            head["peer_mean"]: table["peer_mean"].map(_num).to_numpy(),
            head["difference"]: [_num(v, "{:+.0f}") for v in difference],
            head["standing"]: table["standing"].to_numpy(),
            head["across"]: across_text(table, across),
            head["change"]: [
                _change_text(c, y, bool(x))
                for c, y, x in zip(
                    change, table["previous_year"], table["cross_edition"], strict=True
                )
            ],
        }
    )
    return out.reset_index(drop=True)


def display_marks(table: pd.DataFrame, across: pd.DataFrame | None = None) -> pd.DataFrame:
    """Which cells of `display_table` carry the illustrative mark: a value computed from an
    illustrative input is illustrative (the score by its own status; the peer mean by its
    peers'; the difference and the standing by both; the places across groups by every
    input of every group)."""
    head = {k: _(v) for k, v in TABLE_HEADERS.items()}

    def marked(column: str) -> list[bool]:
        values = table[column] if column in table else pd.Series("", index=table.index)
        return [peers.is_marked(v) for v in values]

    return pd.DataFrame(
        {
            head["area"]: [False] * len(table),
            head["score"]: marked("score_status"),
            head["peer_mean"]: marked("peer_status"),
            head["difference"]: marked("difference_status"),
            head["standing"]: [
                m and bool(t)
                for m, t in zip(marked("difference_status"), table["standing"], strict=True)
            ],
            head["across"]: [peers.is_marked(v) for v in across_status(table, across)],
            head["change"]: marked("change_status"),
        }
    )


# The value columns of the download and the status column each one takes (per row).
DOWNLOAD_STATUS = {
    "score": "score_status",
    "peer_mean": "peer_status",
    "peer_min": "peer_status",
    "peer_max": "peer_status",
    "peers": None,  # a count of the peers with a result: derived
    "difference": "difference_status",
    "standing": "difference_status",
    "previous": "previous_status",
    "change": "change_status",
}


def download_table(
    table: pd.DataFrame,
    city: str,
    year: int,
    group: str,
    across: pd.DataFrame | None = None,
    published: dict | None = None,
) -> pd.DataFrame:
    """The comparison rows behind the charts, for CSV/XLSX downloads: no single rank or
    percentile, the range of places across peer groups instead (as on the page); each value
    column followed by `<column>_status` (published, derived or illustrative), and on the
    overall row the places the city's published result quotes, with their source
    (`peers.published_places`)."""
    statuses = table.reindex(columns=list(peers.COMPARE_COLUMNS))
    out = table[[c for c in table.columns if c not in _INTERNAL]].copy()
    out.insert(0, "year", year)
    out.insert(0, "city", city)
    out["peer_group"] = _(group)
    out["previous_edition"] = out["previous_edition"].map(peers.edition_name)
    if across is not None and not across.empty:
        by_slug = across.set_index("indicator")
        out["positions_across_groups"] = out["indicator"].map(by_slug["positions"]).fillna("")
        out["above_mean_across_groups"] = out["indicator"].map(by_slug["above_mean"]).fillna("")
    else:
        out["positions_across_groups"] = ""
        out["above_mean_across_groups"] = ""
    across_status = out["indicator"].map(
        across.set_index("indicator")["status"] if across is not None and not across.empty else {}
    )
    # Every value column followed by its status (published, derived or illustrative; empty
    # where the value is).
    for column, source in DOWNLOAD_STATUS.items():
        if column not in out:
            continue
        status = (
            statuses[source].astype(object)
            if source
            else pd.Series("derived", index=out.index, dtype=object)
        )
        status = status.where(out[column].notna() & (out[column].astype(str) != ""), "")
        out.insert(out.columns.get_loc(column) + 1, f"{column}_status", status.fillna(""))
    for column in ("positions_across_groups", "above_mean_across_groups"):
        status = across_status.where(out[column] != "", "").fillna("")
        out.insert(out.columns.get_loc(column) + 1, f"{column}_status", status)
    places = (published or {}).get("places") or []
    overall = out["indicator"] == "overall"
    out["published_places"] = ""
    out["published_places_status"] = ""
    out["published_places_source"] = ""
    if places:
        out.loc[overall, "published_places"] = "; ".join(places)
        out.loc[overall, "published_places_status"] = "published"
        out.loc[overall, "published_places_source"] = f"{published['source']} ({published['year']})"  # type: ignore[index]
    return out


# Columns of `peers.compare` the download leaves out: no single rank or place (the range
# across groups instead), and the status columns, written beside each value instead.
_INTERNAL = (
    "rank", "group_size", "position", "score_status", "peer_status", "difference_status",
    "previous_status", "change_status",
)  # fmt: skip


SIDE_COLORS = (PALETTE[0], PALETTE[1], PALETTE[2], PALETTE[4])


def side_by_side(
    table: pd.DataFrame, *, illustrative: bool = False, statuses: pd.DataFrame | None = None
) -> go.Figure:
    """Up to four cities side by side: one group of bars per area (`views.compare.side_by_side`
    rows: indicator, area, then one column of scores per city label); `statuses`, the same
    shape, holds each score's status (a hover marks those not published)."""
    areas = table[table["indicator"] != "overall"]
    names = [c for c in table.columns if c not in ("indicator", "area")]
    if areas.empty or not names:
        return empty_figure(_("No Index results to set side by side"))
    traces = [
        {
            "type": "bar",
            "orientation": "h",
            "y": [peers.short_name(s) for s in areas["indicator"]],
            "x": areas[name].tolist(),
            "name": _esc(name),
            "marker": {"color": SIDE_COLORS[i % len(SIDE_COLORS)]},
            "customdata": list(
                zip(
                    areas["area"],
                    _marks(statuses.loc[areas.index], name)
                    if statuses is not None
                    else [""] * len(areas),
                    strict=True,
                )
            ),
            "hovertemplate": "%{customdata[0]}<br>"
            + _esc(name)
            + " %{x:.0f}%{customdata[1]}<extra></extra>",
        }
        for i, name in enumerate(names)
    ]
    fig = figure(
        traces,
        barmode="group",
        xaxis={"range": [0, 100], "title": {"text": _("Score (%)")}, "gridcolor": "#e5e5e5"},
        yaxis={"autorange": "reversed", "automargin": True},
        margin={"l": 8, "r": 16, "t": TOP_MARGIN, "b": 40},
        # Under the axis title (which it covered at -0.06).
        legend={"orientation": "h", "y": -0.1, "x": 0, "yanchor": "top"},
        bargap=0.25,
    )
    return mark_illustrative(fig, illustrative)


def stacked_table(
    df: pd.DataFrame,
    *,
    table_id: str | None = None,
    marks: pd.DataFrame | None = None,
    notes: dict[tuple[int, str], str] | None = None,
) -> PlainTable:
    """A frame as a plain table that stacks on a phone (each row a block, each cell under
    its column's name: `assets/compare.css`), so nothing scrolls sideways; every value is
    text, never HTML. `marks` (the same shape, True/False) puts the illustrative mark after
    a value; `notes` adds a line under a cell ((row, column) -> text).

    One component for the whole table (dashboard/plaintable.py): it was one per row and
    cell, with a badge component per mark (the compare page's table: about 170 of the
    page's 427 components, each costing its first drawing about half a millisecond). A
    marked value's cell draws its mark itself (`.illustrative-mark::after`); beside a note
    the mark is a badge, so it stays by the value and not after the note."""
    flags = (
        marks.reindex(columns=df.columns).fillna(False).to_numpy(bool)
        if marks is not None
        else None
    )
    notes = notes or {}
    columns = [str(c) for c in df.columns]
    return PlainTable(
        columns,
        df.itertuples(index=False, name=None),
        id=table_id,
        marked=None if flags is None else flags.tolist(),
        notes=[[notes.get((i, c), "") for c in columns] for i in range(len(df))] if notes else None,
        stacked=True,
        tableClassName="table table-striped table-hover table-sm mb-0 data-table stack-table",
    )
