"""Compare: a city's ICC Index scores beside a peer group (a learning tool, not a ranking)."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import components, data, ids, peers, urlstate

dash.register_page(
    __name__, path="/compare", name="Compare", order=3, title="Compare · ICC Network Dashboard"
)

SUMMARY = "compare-summary"
SUMMARY_BADGE = ids.child(SUMMARY, "badge")
NOTICE = "compare-notice"
TABLE = "compare-table"
PICKED = "compare-picked"  # the hand-picked list's wrapper (shown for that group only)
BARS = "compare-bars"
RADAR = "compare-radar"
CHANGE = "compare-change"
CITY_KEY, EDITION_KEY, PEER_KEY, PEERS_KEY = "city", "edition", "peer", "peers"
PAGE_KEYS: tuple[str, ...] = (CITY_KEY, EDITION_KEY, PEER_KEY, PEERS_KEY)


def results() -> pd.DataFrame:
    """Index results, one row per city and year (shared with the Index page's cache)."""
    return data.dm().cached("peers-results", lambda: peers.prepare_results(data.dm().load("index")))


def city_table() -> pd.DataFrame:
    """Cities with Index results, their labels and country names (once per data version)."""
    return data.dm().cached(
        "compare-cities", lambda: peers.city_choices(data.dm().load("cities"), results())
    )


def city_frame() -> pd.DataFrame:
    """The prepared cities frame (peer-group bands, networks), kept once per data version."""
    return data.dm().cached("compare-city-frame", lambda: data.dm().load("cities"))


def default_city(res: pd.DataFrame, table: pd.DataFrame) -> str | None:
    """The city opened without a choice: most Index results, then the latest, then by name."""
    if table.empty:
        return None
    stats = res.groupby(["city", "country"])["year"].agg(["size", "max"]).reset_index()
    stats = stats.merge(table[["city", "country", "label"]])
    stats = stats.sort_values(["size", "max", "label"], ascending=[False, False, True])
    return str(stats.iloc[0]["label"])


def _first(value: object) -> str | None:
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    text = str(value).strip() if value is not None else ""
    return text or None


def parse_params(kwargs: dict, res: pd.DataFrame, table: pd.DataFrame) -> tuple[dict, list[str]]:
    """The page's own URL parameters, each falling back to a default with a notice."""
    notices: list[str] = []
    fallback = default_city(res, table)
    raw_city = _first(kwargs.get(CITY_KEY))
    found = peers.resolve_city(table, raw_city, _first(kwargs.get("country")))
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
    raw_edition = _first(kwargs.get(EDITION_KEY))
    if raw_edition is not None and years:
        if urlstate.parse_int(raw_edition) in years:
            edition = urlstate.parse_int(raw_edition)
        else:
            notices.append(
                f"Ignored edition={raw_edition!r}: {label} has results for "
                f"{', '.join(map(str, years))}; showing the latest."
            )
    group = _first(kwargs.get(PEER_KEY)) or peers.DEFAULT_GROUP
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


def _control(label: str, control: object, **width: int) -> dbc.Col:
    return dbc.Col([dbc.Label(label, className="small mb-0"), control], **width)


def layout(**kwargs: object) -> html.Div:
    """The compare page; city, edition and peer group come from the URL."""
    choices = data.choices()
    _filters, notices = urlstate.parse_filters({**kwargs, "_page_keys": PAGE_KEYS}, choices)
    # The shared country filter only picks between namesakes here: no notice for it.
    notices = [n for n in notices if not n.startswith("Ignored country=")]
    res, table = results(), city_table()
    params, more = parse_params(kwargs, res, table)
    notices.extend(more)
    options = [
        {"label": f"{lab} ({cn})", "value": lab, "search": f"{lab} {cn}"}
        for lab, cn in zip(table["label"], table["country_name"], strict=True)
    ]
    controls = dbc.Row(
        [
            _control(
                "City",
                dcc.Dropdown(
                    id=ids.param_id(CITY_KEY),
                    options=options,
                    value=params["city"],
                    clearable=False,
                    searchable=True,
                    placeholder="Type a city's name",
                ),
                xs=12,
                md=4,
                lg=3,
            ),
            _control(
                "Index edition (year)",
                dcc.Dropdown(
                    id=ids.param_id(EDITION_KEY),
                    # The options are there from the start: a value outside them is dropped.
                    options=[{"label": str(y), "value": y} for y in reversed(params["years"])],
                    value=params["edition"],
                    clearable=False,
                    searchable=False,
                ),
                xs=6,
                md=2,
            ),
            _control(
                "Peer group",
                dcc.Dropdown(
                    id=ids.param_id(PEER_KEY),
                    options=[{"label": v, "value": k} for k, v in peers.PEER_GROUPS.items()],
                    value=params["peer"],
                    clearable=False,
                    searchable=False,
                ),
                xs=6,
                md=3,
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
            components.page_header(
                "Compare a city with its peers",
                "The ICC Index is a self-assessment and learning tool, not a ranking: see "
                "where a city's intercultural policies stand and which peers it can learn from.",
            ),
            components.notices(notices),
            html.Div(id=NOTICE),
            controls,
            dbc.Row(
                [
                    dbc.Col(summary, xs=12, lg=5),
                    dbc.Col(
                        components.chart_card(
                            RADAR,
                            "Profile: city and peer mean",
                            height=400,
                        ),
                        xs=12,
                        lg=7,
                    ),
                ]
            ),
            dbc.Row(
                [
                    dbc.Col(
                        components.chart_card(
                            BARS,
                            "Score per area against the peer group",
                            height=600,
                            help_text="Blue dot: the city; orange diamond: peer mean; grey "
                            "bar: from the lowest to the highest peer score.",
                        ),
                        xs=12,
                        lg=7,
                    ),
                    dbc.Col(
                        components.chart_card(
                            CHANGE,
                            "Change since the city's previous result",
                            height=600,
                            help_text="Against the previous result in the same "
                            "questionnaire when there is one. Grey hatched bars: the previous "
                            "result is in a different questionnaire, not like for like; only "
                            "areas present in both are shown, and never the overall.",
                        ),
                        xs=12,
                        lg=5,
                    ),
                ]
            ),
            table_card,
        ]
    )
