"""Compare view: a city's Index scores beside a peer group, area by area (a learning tool)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from dash import html

from dashboard import components, peers
from dashboard.cards import HIDE, SHOW, Card, ChartResult
from dashboard.figures import compare as figs
from dashboard.figures.common import empty_figure
from dashboard.figures.datasets import html_table
from dashboard.ids import child, param_id
from dashboard.urlstate import PageState

PAGE = "compare"
SUMMARY = "compare-summary"
SUMMARY_BADGE = child(SUMMARY, "badge")
NOTICE = "compare-notice"
TABLE = "compare-table"
PICKED = "compare-picked"  # the hand-picked list's wrapper (shown for that group only)
CITY_KEY, EDITION_KEY, PEER_KEY, PEERS_KEY = "city", "edition", "peer", "peers"
RADAR = Card("compare-radar", PAGE, "Profile: city and peer mean", height=400)
BARS = Card(
    "compare-bars",
    PAGE,
    "Score per area against the peer group",
    help="Blue dot: the city; orange diamond: peer mean; grey bar: from the lowest to the "
    "highest peer score.",
    height=600,
)
CHANGE = Card(
    "compare-change",
    PAGE,
    "Change since the city's previous result",
    help="Against the previous result in the same questionnaire when there is one. Grey "
    "hatched bars: the previous result is in a different questionnaire, not like for like; "
    "only areas present in both are shown, and never the overall.",
    height=600,
)
CARDS = (RADAR, BARS, CHANGE)
OUTPUTS = {
    "edition_options": (param_id(EDITION_KEY), "options"),
    "edition": (param_id(EDITION_KEY), "value"),
    PICKED: (PICKED, "style"),
    SUMMARY: (SUMMARY, "children"),
    SUMMARY_BADGE: (SUMMARY_BADGE, "style"),
    NOTICE: (NOTICE, "children"),
    TABLE: (TABLE, "children"),
}
FILTERS: tuple[str, ...] = ()
PARAMS = (CITY_KEY, EDITION_KEY, PEER_KEY, PEERS_KEY)
FRAMES = ("cities", "index")
CHANGE_COLUMNS = [
    "indicator", "area", "previous_year", "previous_edition", "cross_edition", "previous",
    "score", "change",
]  # fmt: skip


def prepare(frames: Mapping[str, pd.DataFrame]) -> dict:
    """Index results one row per city and year, the cities with results and their labels."""
    results = peers.prepare_results(frames["index"])
    return {
        "results": results,
        "table": peers.city_choices(frames["cities"], results),
        "cities": frames["cities"],
    }


def _key(table: pd.DataFrame, label: object) -> tuple[str, str] | None:
    return peers.resolve_city(table, str(label)) if label else None


def _edition(raw: object, years: list[int]) -> int:
    try:
        year = int(raw) if raw is not None else years[-1]  # type: ignore[arg-type]
    except (TypeError, ValueError):
        year = years[-1]
    return year if year in years else years[-1]


def _empty(picked_style: dict | None) -> dict:
    chart = ChartResult(empty_figure("Pick a city with Index results"), pd.DataFrame())
    message = html.P("Pick a city with ICC Index results to compare it with its peers.")
    return {
        "edition_options": [],
        "edition": None,
        PICKED: picked_style,
        SUMMARY: message,
        SUMMARY_BADGE: HIDE,
        NOTICE: None,
        TABLE: None,
        **{card.id: chart for card in CARDS},
    }


def view(prepared: dict, state: PageState) -> dict:
    """Everything on the page for one city, edition and peer group."""
    res, table, cities = prepared["results"], prepared["table"], prepared["cities"]
    group = state.param(PEER_KEY, peers.DEFAULT_GROUP)
    group = group if group in peers.PEER_GROUPS else peers.DEFAULT_GROUP
    group_label = peers.PEER_GROUPS[group]
    picked_style = None if group == "custom" else HIDE
    label = state.param(CITY_KEY)
    key = _key(table, label)
    if key is None:
        return _empty(picked_style)
    city, country = key
    years = peers.city_years(res, city, country)
    year = _edition(state.param(EDITION_KEY), years)
    picked = state.param(PEERS_KEY, [])
    picked_keys = [k for k in (_key(table, p) for p in picked) if k]
    group_cities = peers.peer_cities(cities, city, country, group, picked_keys)
    peer_rows = peers.peer_results(res, group_cities, year)
    cmp = peers.compare(res, city, country, year, peer_rows)
    own = res[(res["city"] == city) & (res["country"] == country) & (res["year"] == year)]
    used = pd.concat([own, peer_rows], ignore_index=True)
    basis = pd.DataFrame({"source": peers.flat_sources(used)}).assign(
        illustrative=bool(used["illustrative"].any())
    )
    name = str(label)
    summary = [html.P(s, className="mb-2") for s in peers.summary(name, year, group_label, cmp)]
    summary.append(
        html.P(
            f"Peer group: {group_label.lower()}, {len(peer_rows)} of {len(group_cities)} "
            f"cities with a result in the {peers.edition_of(year)} up to {year}.",
            className="text-muted small mb-0",
        )
    )
    notice = None
    if group == "custom" and not picked_keys:
        notice = components.notices(["Pick one or more cities for the hand-picked peer group."])
    elif peer_rows.empty:
        notice = components.notices(
            [f"The peer group '{group_label}' has no city with results to compare {name} with."]
        )
    download = figs.download_table(cmp, name, year, group_label)
    described = f"city={name}, edition={year}, peer group={group_label}"
    previous = res[(res["city"] == city) & (res["country"] == country) & (res["year"] < year)]
    change_basis = pd.DataFrame(
        {"source": [*peers.flat_sources(own), *peers.flat_sources(previous.tail(1))]}
    ).assign(illustrative=bool(own["illustrative"].any() or previous.tail(1)["illustrative"].any()))
    ill = bool(used["illustrative"].any())
    return {
        "edition_options": [{"label": str(y), "value": y} for y in reversed(years)],
        "edition": year,
        PICKED: picked_style,
        SUMMARY: summary,
        SUMMARY_BADGE: SHOW if ill else HIDE,
        NOTICE: notice,
        TABLE: html_table(figs.display_table(cmp), table_id=TABLE + "-rows"),
        **{
            card.id: ChartResult(
                lambda i, draw=draw: draw(cmp, name, illustrative=i),
                download,
                basis,
                title=f"{name} {year}: {what}",
                filters=described,
            )
            for card, draw, what in (
                (BARS, figs.score_bars, "score per area against the peer group"),
                (RADAR, figs.radar, "profile and peer mean"),
            )
        },
        CHANGE.id: ChartResult(
            lambda i: figs.change_bars(cmp, name, illustrative=i),
            cmp.dropna(subset=["change"])[CHANGE_COLUMNS].assign(city=name, year=year),
            change_basis,
            title=f"{name}: change since the previous result",
            filters=described,
        ),
    }
