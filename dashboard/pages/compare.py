"""Compare: a city's ICC Index scores beside a peer group (a learning tool, not a ranking)."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import components, data, i18n, ids, langswitch, peers, urlstate, views, wiring
from dashboard.cards import illustrative_badge
from dashboard.i18n import N_, _
from dashboard.views import compare as view
from dashboard.views.compare import (
    AREA_KEY,
    CITY_KEY,
    EDITION_KEY,
    LEADERS,
    NOTICE,
    PEER_KEY,
    PEERS_KEY,
    PICKED,
    SHARED_STORE,
    SIDE_TABLE,
    SUMMARY,
    SUMMARY_BADGE,
    TABLE,
    WITH_KEY,
)
from data_loaders import vocab

dash.register_page(
    __name__, path="/compare", name="Compare", order=3, title=langswitch.page_title(N_("Compare"))
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


def parse_params(
    kwargs: dict, res: pd.DataFrame, table: pd.DataFrame, year: int | None = None
) -> tuple[dict, list[str]]:
    """The page's own URL parameters, each falling back to a default with a notice (a
    `urlstate.Notice` with its code, in the request's language). The shared `year` (parsed,
    `year`) opens the city's latest edition up to that year when no `edition` is given."""
    notices: list[str] = []
    fallback = default_city(res, table)
    raw_city = urlstate.first(kwargs.get(CITY_KEY))
    found = peers.resolve_city(table, raw_city, urlstate.first(kwargs.get("country")))
    if found is None and raw_city:
        notices.append(
            urlstate.Notice(
                _("No Index results on file for city={city}: showing {fallback} instead.").format(
                    city=repr(raw_city), fallback=fallback
                ),
                urlstate.NO_SUCH_CITY,
                CITY_KEY,
            )
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
                urlstate.Notice(
                    _(
                        "Ignored edition={edition}: {city} has results for {years}; showing "
                        "the latest."
                    ).format(
                        edition=repr(raw_edition), city=label, years=", ".join(map(str, years))
                    ),
                    urlstate.NOT_AN_OPTION,
                    EDITION_KEY,
                )
            )
    elif year is not None and years:
        # The shared year: the city's latest edition up to it (said, so never silent).
        upto = [y for y in years if y <= year]
        edition = upto[-1] if upto else years[-1]
        notices.append(
            urlstate.Notice(
                (
                    _("year={year}: showing {city}'s latest Index edition up to {year}, {edition}.")
                    if upto
                    else _(
                        "year={year}: {city} has no Index result up to {year}; showing its "
                        "first edition after it, {edition}."
                    )
                ).format(year=year, city=label, edition=edition),
                urlstate.YEAR_AS_EDITION,
                "year",
            )
        )
    group = urlstate.first(kwargs.get(PEER_KEY)) or peers.DEFAULT_GROUP
    if group not in peers.PEER_GROUPS:
        notices.append(
            urlstate.Notice(
                _("Ignored peer={group}: use one of {groups}; showing the whole sample.").format(
                    group=repr(group), groups=", ".join(peers.PEER_GROUPS)
                ),
                urlstate.NOT_AN_OPTION,
                PEER_KEY,
            )
        )
        group = peers.DEFAULT_GROUP
    picked = _city_labels(
        table, kwargs.get(PEERS_KEY), N_("Ignored peer city {name}: no Index results on file."),
        PEERS_KEY, notices,
    )  # fmt: skip
    chosen = [
        lab
        for lab in _city_labels(
            table,
            kwargs.get(WITH_KEY),
            N_("Ignored city {name} to set side by side: no Index results on file."),
            WITH_KEY,
            notices,
        )
        if lab != label
    ]
    if len(chosen) > view.WITH_MAX:
        notices.append(
            urlstate.Notice(
                _("Side by side takes up to {n} cities besides {city}: {names} left out.").format(
                    n=view.WITH_MAX, city=label, names=", ".join(chosen[view.WITH_MAX :])
                ),
                urlstate.TOO_MANY,
                WITH_KEY,
            )
        )
        chosen = chosen[: view.WITH_MAX]
    area = urlstate.choice(
        kwargs.get(AREA_KEY), vocab.AREA_SLUGS, AREA_KEY, None, notices, "use an area's key"
    )
    params = {
        "city": label,
        "years": years,
        "edition": edition,
        "peer": group,
        "peers": picked,
        "with": chosen,
        "area": area,
    }
    return params, notices


# The peer groups' names (peers.py PEER_GROUPS), for the catalogue.
PEER_WORDS = (
    N_("Whole sample"), N_("Same country"), N_("Same national network"),
    N_("Under 200,000 inhabitants"), N_("200,000 inhabitants and over"),
    N_("Foreign-born share under 15%"), N_("Foreign-born share at least 15%"),
    N_("Hand-picked cities"),
)  # fmt: skip


def dropdown_labels() -> dict:
    """The texts a dropdown draws itself ("2 selected", "Search"), in the current language."""
    return {
        "select_all": _("Select all"),
        "deselect_all": _("Deselect all"),
        "selected_count": _("{num_selected} selected"),
        "search": _("Search"),
        "clear_search": _("Clear search"),
        "clear_selection": _("Clear selection"),
        "no_options_found": _("No options found"),
    }


def _city_labels(
    table: pd.DataFrame, raw: object, what: str, key: str, notices: list[str]
) -> list[str]:
    """The picker labels of the cities named in a URL list (`Porto,Oslo`), each once; a name
    with no Index results on file is left out with a notice (`what`, English, translated
    here)."""
    names = raw if isinstance(raw, list) else str(raw).split(",") if raw else []
    labels: list[str] = []
    for name in (str(n).strip() for n in names if str(n).strip()):
        hit = peers.resolve_city(table, name)
        if hit is None:
            notices.append(
                urlstate.Notice(_(what).format(name=repr(name)), urlstate.NO_SUCH_CITY, key)
            )
            continue
        rows = table[(table["city"] == hit[0]) & (table["country"] == hit[1])]
        lab = str(rows.iloc[0]["label"])
        if lab not in labels:
            labels.append(lab)
    return labels


@i18n.localized
@wiring.with_first_answer(view)
def layout(**kwargs: object) -> html.Div:
    """The compare page; city, edition and peer group come from the URL."""
    choices = data.choices()
    filters, notices = urlstate.parse_filters({**kwargs, "_page_keys": view.PARAMS}, choices)
    # The shared country filter only picks between namesakes here: no notice for it.
    notices = [n for n in notices if not urlstate.is_notice(n, urlstate.NO_SUCH_VALUE, "country")]
    prepared = _prepared()
    res, table = prepared["results"], prepared["table"]
    params, more = parse_params(kwargs, res, table, filters.year)
    notices.extend(more)
    # Only the cities picked ride along: the picker searches on the server as one types
    # (12,000 options at 100 times the sample would weigh on every page load).
    options = view.options_for(table, [params["city"]] if params["city"] else [])
    picked_options = view.options_for(table, params["peers"])
    with_options = view.options_for(table, params["with"])
    shared = {k: urlstate.first(kwargs.get(k)) for k in urlstate.SHARED_KEYS if kwargs.get(k)}
    controls = dbc.Row(
        [
            components.param_dropdown(
                N_("City"),
                CITY_KEY,
                {"xs": 12, "md": 4, "lg": 3},
                options=options,
                value=params["city"],
                clearable=False,
                searchable=True,
                placeholder=_("Type a city's name"),
                labels=dropdown_labels(),
            ),
            components.param_dropdown(
                N_("Index edition (year)"),
                EDITION_KEY,
                {"xs": 6, "md": 2},
                # The options are there from the start: a value outside them is dropped.
                options=[{"label": str(y), "value": y} for y in reversed(params["years"])],
                value=params["edition"],
                clearable=False,
                searchable=False,
                labels=dropdown_labels(),
            ),
            components.param_dropdown(
                N_("Peer group"),
                PEER_KEY,
                {"xs": 6, "md": 3},
                options=[{"label": _(v), "value": k} for k, v in peers.PEER_GROUPS.items()],
                value=params["peer"],
                clearable=False,
                searchable=False,
                labels=dropdown_labels(),
            ),
            dbc.Col(
                [
                    dbc.Label(_("Hand-picked peer cities"), className="small mb-0"),
                    dcc.Dropdown(
                        id=ids.param_id(PEERS_KEY),
                        options=picked_options,
                        value=params["peers"],
                        multi=True,
                        searchable=True,
                        placeholder=_("Pick cities to compare with"),
                        labels=dropdown_labels(),
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
                    html.Span(_("In brief"), className="chart-title"),
                    html.Span(
                        illustrative_badge(),
                        id=SUMMARY_BADGE,
                        style={"display": "none"},
                    ),
                ]
            ),
            dbc.CardBody(
                [
                    dcc.Loading(html.Div(id=SUMMARY, className="compare-summary"), delay_show=300),
                    html.P(peers.peer_rule(), className="text-muted small mb-0 mt-2"),
                ]
            ),
        ],
        className="chart-card mb-3",
    )
    table_card = dbc.Card(
        [
            dbc.CardHeader(html.Span(_("Area by area"), className="chart-title")),
            dbc.CardBody(
                [
                    html.P(
                        _(
                            "Among its peers: highest or lowest of the group (the city itself "
                            "counted), else among the highest or lowest quarter, or mid-range "
                            "(left empty in a group of fewer than {n} peers). Across peer "
                            "groups: the range of its places in every group it belongs to "
                            "that holds {n} peers or more (whole sample, country, network, "
                            "size band, foreign-born band), and in how many it is above the "
                            "mean. Differences are those of the whole numbers shown. Where "
                            "practice stands today, as a starting point for learning, not a "
                            "league table."
                        ).format(n=peers.MIN_GROUP),
                        className="text-muted small mb-1",
                    ),
                    dcc.Loading(html.Div(id=TABLE), delay_show=300),
                ]
            ),
        ],
        className="chart-card mb-3",
    )
    leaders_card = dbc.Card(
        [
            dbc.CardHeader(html.Span(_(view.LEADERS_TITLE), className="chart-title")),
            dbc.CardBody(
                [
                    html.P(_(view.LEADERS_HELP), className="text-muted small mb-1"),
                    dbc.Row(
                        components.param_dropdown(
                            N_("Leaders in"),
                            AREA_KEY,
                            {"xs": 12, "md": 6},
                            options=[
                                {**o, "label": peers.area_name(o["value"])}
                                for o in view.AREA_OPTIONS
                            ],
                            value=params["area"],
                            clearable=True,
                            searchable=False,
                            labels=dropdown_labels(),
                            placeholder=_("Every area where the city trails"),
                        ),
                        className="mb-2 no-present",
                    ),
                    dcc.Loading(html.Div(id=LEADERS), delay_show=300),
                ]
            ),
        ],
        className="chart-card mb-3",
    )
    side_controls = dbc.Row(
        dbc.Col(
            [
                dbc.Label(_("Cities side by side (up to three)"), className="small mb-0"),
                dcc.Dropdown(
                    id=ids.param_id(WITH_KEY),
                    options=with_options,
                    value=params["with"],
                    multi=True,
                    searchable=True,
                    # Its chips name every chosen city; Dash's "2 selected" beside them comes
                    # first in the accessible name, not in the text (axe:
                    # label-content-name-mismatch), so it is not drawn (assets/compare.css).
                    className="side-picker",
                    placeholder=_("Type a city's name, or pick a suggested leader"),
                    labels=dropdown_labels(),
                ),
            ],
            xs=12,
            lg=6,
        ),
        className="g-2 filter-bar mb-2 no-present",
    )
    side_table = dbc.Card(
        [
            dbc.CardHeader(html.Span(_(view.SIDE_TITLE), className="chart-title")),
            dbc.CardBody(dcc.Loading(html.Div(id=SIDE_TABLE), delay_show=300)),
        ],
        className="chart-card mb-3",
    )
    return html.Div(
        [
            dcc.Store(id=SHARED_STORE, data=shared),
            *components.page_top(
                N_("Compare a city with its peers"),
                N_(
                    "The ICC Index is a self-assessment and learning tool, not a ranking: see "
                    "where a city's intercultural policies stand and which peers it can learn from."
                ),
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
            leaders_card,
            side_controls,
            # Full width: four cities' columns do not fit beside the chart.
            dbc.Row([components.col(view.SIDE.layout(), 12), dbc.Col(side_table, xs=12)]),
        ]
    )
