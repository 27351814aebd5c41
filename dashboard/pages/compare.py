"""Compare: a city's ICC Index scores beside a peer group (a learning tool, not a ranking)."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import components, data, ids, peers, urlstate, views
from dashboard.views import compare as view
from dashboard.views.compare import (
    CITY_KEY,
    EDITION_KEY,
    NOTICE,
    PEER_KEY,
    PEERS_KEY,
    PICKED,
    SUMMARY,
    SUMMARY_BADGE,
    TABLE,
)

dash.register_page(
    __name__, path="/compare", name="Compare", order=3, title="Compare · ICC Network Dashboard"
)


def _prepared() -> dict:
    """The compare view's prepared frames (results, cities with results and their labels)."""
    return views.frames_of().prepared(view)


def default_city(res: pd.DataFrame, table: pd.DataFrame) -> str | None:
    """The city opened without a choice: most Index results, then the latest, then by name."""
    if table.empty:
        return None
    stats = res.groupby(["city", "country"])["year"].agg(["size", "max"]).reset_index()
    stats = stats.merge(table[["city", "country", "label"]])
    stats = stats.sort_values(["size", "max", "label"], ascending=[False, False, True])
    return str(stats.iloc[0]["label"])


def parse_params(kwargs: dict, res: pd.DataFrame, table: pd.DataFrame) -> tuple[dict, list[str]]:
    """The page's own URL parameters, each falling back to a default with a notice."""
    notices: list[str] = []
    fallback = default_city(res, table)
    raw_city = urlstate.first(kwargs.get(CITY_KEY))
    found = peers.resolve_city(table, raw_city, urlstate.first(kwargs.get("country")))
    if found is None and raw_city:
        notices.append(
            f"No Index results on file for city={raw_city!r}: showing {fallback} instead."
        )
    found = found or peers.resolve_city(table, fallback)
    label, years, edition = fallback, [], None
    if found is not None:
        row = table[(table["city"] == found[0]) & (table["country"] == found[1])].iloc[0]
        label = str(row["label"])
        years = peers.city_years(res, *found)
        edition = years[-1]
    raw_edition = urlstate.first(kwargs.get(EDITION_KEY))
    if raw_edition is not None and years:
        if urlstate.parse_int(raw_edition) in years:
            edition = urlstate.parse_int(raw_edition)
        else:
            notices.append(
                f"Ignored edition={raw_edition!r}: {label} has results for "
                f"{', '.join(map(str, years))}; showing the latest."
            )
    group = urlstate.first(kwargs.get(PEER_KEY)) or peers.DEFAULT_GROUP
    if group not in peers.PEER_GROUPS:
        notices.append(
            f"Ignored peer={group!r}: use one of {', '.join(peers.PEER_GROUPS)}; "
            "showing the whole sample."
        )
        group = peers.DEFAULT_GROUP
    picked: list[str] = []
    raw_peers = kwargs.get(PEERS_KEY) or []
    names = raw_peers if isinstance(raw_peers, list) else str(raw_peers).split(",")
    for name in (n.strip() for n in names if str(n).strip()):
        hit = peers.resolve_city(table, name)
        if hit is None:
            notices.append(f"Ignored peer city {name!r}: no Index results on file.")
            continue
        lab = str(table[(table["city"] == hit[0]) & (table["country"] == hit[1])].iloc[0]["label"])
        if lab not in picked:
            picked.append(lab)
    params = {"city": label, "years": years, "edition": edition, "peer": group, "peers": picked}
    return params, notices


def layout(**kwargs: object) -> html.Div:
    """The compare page; city, edition and peer group come from the URL."""
    choices = data.choices()
    _filters, notices = urlstate.parse_filters({**kwargs, "_page_keys": view.PARAMS}, choices)
    # The shared country filter only picks between namesakes here: no notice for it.
    notices = [n for n in notices if not n.startswith("Ignored country=")]
    prepared = _prepared()
    res, table = prepared["results"], prepared["table"]
    params, more = parse_params(kwargs, res, table)
    notices.extend(more)
    options = [
        {"label": f"{lab} ({cn})", "value": lab, "search": f"{lab} {cn}"}
        for lab, cn in zip(table["label"], table["country_name"], strict=True)
    ]
    controls = dbc.Row(
        [
            components.param_dropdown(
                "City",
                CITY_KEY,
                {"xs": 12, "md": 4, "lg": 3},
                options=options,
                value=params["city"],
                clearable=False,
                searchable=True,
                placeholder="Type a city's name",
            ),
            components.param_dropdown(
                "Index edition (year)",
                EDITION_KEY,
                {"xs": 6, "md": 2},
                # The options are there from the start: a value outside them is dropped.
                options=[{"label": str(y), "value": y} for y in reversed(params["years"])],
                value=params["edition"],
                clearable=False,
                searchable=False,
            ),
            components.param_dropdown(
                "Peer group",
                PEER_KEY,
                {"xs": 6, "md": 3},
                options=[{"label": v, "value": k} for k, v in peers.PEER_GROUPS.items()],
                value=params["peer"],
                clearable=False,
                searchable=False,
            ),
            dbc.Col(
                [
                    dbc.Label("Hand-picked peer cities", className="small mb-0"),
                    dcc.Dropdown(
                        id=ids.param_id(PEERS_KEY),
                        options=options,
                        value=params["peers"],
                        multi=True,
                        searchable=True,
                        placeholder="Pick cities to compare with",
                    ),
                ],
                id=PICKED,
                xs=12,
                md=3,
                lg=4,
                style=None if params["peer"] == "custom" else {"display": "none"},
            ),
        ],
        className="g-2 align-items-end filter-bar mb-3 no-present",
    )
    summary = dbc.Card(
        [
            dbc.CardHeader(
                [
                    html.Span("In brief", className="chart-title"),
                    html.Span(
                        components.illustrative_badge(),
                        id=SUMMARY_BADGE,
                        style={"display": "none"},
                    ),
                ]
            ),
            dbc.CardBody(
                [
                    dcc.Loading(html.Div(id=SUMMARY, className="compare-summary"), delay_show=300),
                    html.P(peers.PEER_RULE, className="text-muted small mb-0 mt-2"),
                ]
            ),
        ],
        className="chart-card mb-3",
    )
    table_card = dbc.Card(
        [
            dbc.CardHeader(html.Span("Area by area", className="chart-title")),
            dbc.CardBody(
                [
                    html.P(
                        "Among its peers: highest or lowest of the group (the city itself "
                        "counted), else among the highest or lowest quarter, or mid-range; "
                        "percentile is the share of peers scoring lower, equal scores "
                        "counting half. Differences are those of the whole numbers shown. "
                        "Both describe where practice stands today, as a starting point for "
                        "learning, not a league table.",
                        className="text-muted small mb-1",
                    ),
                    dcc.Loading(html.Div(id=TABLE), delay_show=300),
                ]
            ),
        ],
        className="chart-card mb-3",
    )
    return html.Div(
        [
            *components.page_top(
                "Compare a city with its peers",
                "The ICC Index is a self-assessment and learning tool, not a ranking: see "
                "where a city's intercultural policies stand and which peers it can learn from.",
                notices,
            ),
            html.Div(id=NOTICE),
            controls,
            dbc.Row(
                [
                    dbc.Col(summary, xs=12, lg=5),
                    components.col(view.RADAR.layout(), 7),
                ]
            ),
            dbc.Row(
                [
                    components.col(view.BARS.layout(), 7),
                    components.col(view.CHANGE.layout(), 5),
                ]
            ),
            table_card,
        ]
    )
