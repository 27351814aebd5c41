"""Compare page callback: one update for the edition choices, summary, charts and table."""

from __future__ import annotations

import pandas as pd
from dash import Input, Output, callback, html

from dashboard import components, ids, peers
from dashboard.figures import compare as figs
from dashboard.figures.common import empty_figure, source_line
from dashboard.figures.datasets import html_table
from dashboard.pages import compare as page

SHOW = None
HIDE = {"display": "none"}


def _key(table: pd.DataFrame, label: str | None) -> tuple[str, str] | None:
    return peers.resolve_city(table, label) if label else None


@callback(
    Output(ids.param_id(page.EDITION_KEY), "options"),
    Output(ids.param_id(page.EDITION_KEY), "value"),
    Output(page.PICKED, "style"),
    Output(page.SUMMARY, "children"),
    Output(page.SUMMARY_BADGE, "style"),
    Output(page.NOTICE, "children"),
    Output(page.TABLE, "children"),
    *components.chart_outputs(page.BARS),
    *components.chart_outputs(page.RADAR),
    *components.chart_outputs(page.CHANGE),
    Input(ids.param_id(page.CITY_KEY), "value"),
    Input(ids.param_id(page.EDITION_KEY), "value"),
    Input(ids.param_id(page.PEER_KEY), "value"),
    Input(ids.param_id(page.PEERS_KEY), "value"),
)
def update_compare(
    city_label: str | None,
    edition: int | str | None,
    group: str | None,
    picked: list[str] | None,
) -> tuple:
    """Everything on the page for one city, edition and peer group."""
    res, table = page.results(), page.city_table()
    return compare_view(res, table, page.city_frame(), city_label, edition, group, picked)


def compare_view(
    res: pd.DataFrame,
    table: pd.DataFrame,
    cities: pd.DataFrame,
    city_label: str | None,
    edition: int | str | None,
    group: str | None,
    picked: list[str] | None,
) -> tuple:
    """The callback's outputs computed from prepared frames (called directly by tests)."""
    group = group if group in peers.PEER_GROUPS else peers.DEFAULT_GROUP
    group_label = peers.PEER_GROUPS[group]
    picked_style = SHOW if group == "custom" else HIDE
    key = _key(table, city_label)
    if key is None:
        empty = empty_figure("Pick a city with Index results")
        chart = components.chart_values(
            empty, pd.DataFrame(), title="", filters="", sources=[], illustrative=False,
            source_text="",
        )  # fmt: skip
        message = html.P("Pick a city with ICC Index results to compare it with its peers.")
        return ([], None, picked_style, message, HIDE, None, None, *chart, *chart, *chart)
    city, country = key
    years = peers.city_years(res, city, country)
    try:
        year = int(edition) if edition is not None else years[-1]
    except (TypeError, ValueError):
        year = years[-1]
    if year not in years:
        year = years[-1]
    edition_options = [{"label": str(y), "value": y} for y in reversed(years)]

    picked_keys = [k for k in (_key(table, p) for p in picked or []) if k]
    group_cities = peers.peer_cities(cities, city, country, group, picked_keys)
    peer_rows = peers.peer_results(res, group_cities, year)
    cmp = peers.compare(res, city, country, year, peer_rows)
    own = res[(res["city"] == city) & (res["country"] == country) & (res["year"] == year)]
    shown = peers.flat_sources(own) + peers.flat_sources(peer_rows)
    illustrative = bool(own["illustrative"].any() or peer_rows["illustrative"].any())

    name = city_label or city
    sentences = peers.summary(name, year, group_label, cmp)
    peer_note = (
        f"Peer group: {group_label.lower()}, {len(peer_rows)} of {len(group_cities)} "
        f"cities with a result in the {peers.edition_of(year)} up to {year}."
    )
    summary = [html.P(s, className="mb-2") for s in sentences]
    summary.append(html.P(peer_note, className="text-muted small mb-0"))
    notice = None
    if group == "custom" and not picked_keys:
        notice = components.notices(["Pick one or more cities for the hand-picked peer group."])
    elif peer_rows.empty:
        notice = components.notices(
            [f"The peer group '{group_label}' has no city with results to compare {name} with."]
        )

    download = figs.download_table(cmp, name, year, group_label)
    filters_text = f"city={name}, edition={year}, peer group={group_label}"
    source_text = source_line(shown, illustrative)
    common = {
        "filters": filters_text,
        "sources": sorted({s for s in shown if s}),
        "illustrative": illustrative,
        "source_text": source_text,
    }
    bars = components.chart_values(
        figs.score_bars(cmp, name, illustrative=illustrative),
        download,
        title=f"{name} {year}: score per area against the peer group",
        **common,
    )
    radar = components.chart_values(
        figs.radar(cmp, name, illustrative=illustrative),
        download,
        title=f"{name} {year}: profile and peer mean",
        **common,
    )
    change_rows = cmp.dropna(subset=["change"])[
        ["indicator", "area", "previous_year", "previous_edition", "cross_edition", "previous",
         "score", "change"]
    ]  # fmt: skip
    change = components.chart_values(
        figs.change_bars(cmp, name, illustrative=illustrative),
        change_rows.assign(city=name, year=year),
        title=f"{name}: change since the previous result",
        **{
            **common,
            "sources": sorted({*peers.flat_sources(own), *_previous_sources(res, key, year)}),
        },
    )
    table_view = html_table(figs.display_table(cmp), table_id=page.TABLE + "-rows")
    return (
        edition_options,
        year,
        picked_style,
        summary,
        {"display": "inline"} if illustrative else HIDE,
        notice,
        table_view,
        *bars,
        *radar,
        *change,
    )


def _previous_sources(res: pd.DataFrame, key: tuple[str, str], year: int) -> list[str]:
    rows = res[(res["city"] == key[0]) & (res["country"] == key[1]) & (res["year"] < year)]
    return peers.flat_sources(rows.tail(1))
