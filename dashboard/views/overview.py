"""Overview view: the key figures of a year, membership growth and the members' small map."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dashboard import formats
from dashboard.cards import Card, ChartResult
from dashboard.data import filter_cities
from dashboard.figures import maps
from dashboard.figures import overview as figs
from dashboard.i18n import N_, _, ngettext
from dashboard.kpis import Kpi, compute_kpis
from dashboard.urlstate import PageState
from dashboard.views import common

PAGE = "overview"
KPIS = "overview-kpis"
KPI_TITLE = "overview-kpi-title"
GROWTH = Card(
    "overview-growth",
    PAGE,
    N_("Membership growth: reported totals and cities on file"),
    help=N_(
        "The gap between the two is the coverage gap: members reported by the ICC but "
        "not yet in the cities dataset."
    ),
    height=360,
)
MAP = Card(
    "overview-map",
    PAGE,
    N_("Member cities in the year"),
    help=N_("Shaded: countries with a national network. The Map page has the full map."),
    height=360,
)
CARDS = (GROWTH, MAP)
OUTPUTS = {KPIS: (KPIS, "children"), KPI_TITLE: (KPI_TITLE, "children")}
FILTERS = ("year", "continent", "country", "network")
PARAMS: tuple[str, ...] = ()
FRAMES = (
    "cities", "metrics", "index", "networks", "followers", "activities", "network_members"
)  # fmt: skip
MAP_COLUMNS = [
    "city", "country", "country_name", "continent", "lat", "lon", "population",
    "foreign_born_pct", "joined", "networks", "latest_overall", "latest_year", "source",
    "geo_source",
]  # fmt: skip


def cities_on_file(n: int) -> str:
    """How a chart built from the cities dataset names it among its sources."""
    return _(
        "cities on file: the cities dataset ({n} cities; each city's source is in its row)"
    ).format(n=formats.number(n))


def prepare(frames: Mapping[str, pd.DataFrame]) -> dict:
    """The frames the KPIs read, and the cities with their map hover text."""
    cities = frames["cities"].copy()
    # Country names in the request's language (CLDR), in the hover and the lists.
    cities["country_name"] = formats.country_names(cities["country"], cities["country_name"])
    cities["hover"] = maps.hover_texts(cities)
    # The key figures per (year, filters), kept for this data version (a new version gets
    # a new prepared dict): one computation serves every later request for them.
    return {
        **{name: frames[name] for name in FRAMES},
        "cities": cities,
        KPI_MEMO: {},
        GROWTH_MEMO: {},
    }


KPI_MEMO = "kpi_memo"
GROWTH_MEMO = "growth_memo"  # the growth chart's table and sources, per (year, filters)
KPI_MEMO_MAX = 512  # distinct (year, filters) kept; then the memo starts afresh


def kpis(prepared: Mapping[str, pd.DataFrame], state: PageState) -> list[Kpi]:
    """The key figures of the state's year (shared with the title and key-figures slides),
    memoised per (data version, year, filters)."""
    memo = prepared.get(KPI_MEMO)
    if not isinstance(memo, dict):
        return compute_kpis(prepared, state.year, state.filters)
    key = (state.year, state.filters)
    if key not in memo:
        if len(memo) >= KPI_MEMO_MAX:
            memo.clear()
        memo[key] = compute_kpis(prepared, state.year, state.filters)
    return list(memo[key])


def _growth_parts(prepared: Mapping[str, pd.DataFrame], state: PageState) -> tuple:
    filters = state.filters
    cities = filter_cities(prepared["cities"], filters)
    years = [int(y) for y in prepared["cities"]["joined"].dropna()]
    last_on_file = max([state.year or 0, *years, *prepared["metrics"]["year"].astype(int)])
    table = figs.growth_table(
        cities, prepared["metrics"], reported=not filters.placed, last_year=last_on_file
    )
    metrics = prepared["metrics"]
    network = metrics["network"].fillna("") if "network" in metrics else ""
    reported = (
        metrics.iloc[0:0]
        if filters.placed
        else metrics[(metrics["metric"] == "members_total") & (network == "")]
    )
    points = figs.growth_points(reported)
    joined = cities[cities["joined"].notna()]
    basis = pd.concat([reported, joined], ignore_index=True)
    return table, reported, points, joined, basis


DATED_COLUMNS = [
    "year", "reported_total", "reported_total_qualifier", "reported_total_status",
    "reported_date", "year_figure", "reported_source", "cities_on_file",
]  # fmt: skip


def growth_rows(table: pd.DataFrame, reported: pd.DataFrame) -> pd.DataFrame:
    """The growth chart's download: one row per dated member total the chart shows (its
    date, qualifier, status and source; `year_figure` marks the one the year's label and
    key figure use), and a row for each year without one; each with the cities on file."""
    from dashboard.kpis import metric_of_year

    rows = []
    for year, on_file in zip(table["year"], table["cities_on_file"], strict=True):
        of_year = reported[reported["year"] == year] if not reported.empty else reported
        if of_year.empty:
            rows.append([int(year), None, "", "", "", "", "", int(on_file)])
            continue
        picked = metric_of_year(reported, "members_total", int(year))
        for i, r in of_year.iterrows():
            qual = r.get("value_qualifier", "")
            status = r.get("value_status", "")
            rows.append(
                [
                    int(year),
                    float(r["value"]),
                    "" if pd.isna(qual) else str(qual),
                    "published" if pd.isna(status) or not status else str(status),
                    str(r.get("date") or year),
                    "yes" if picked is not None and i == picked.name else "no",
                    str(r.get("source") or ""),
                    int(on_file),
                ]
            )
    return pd.DataFrame(rows, columns=DATED_COLUMNS)


def _growth_memo(prepared: Mapping[str, pd.DataFrame], state: PageState) -> tuple:
    filters = state.filters
    memo = prepared.get(GROWTH_MEMO)
    if isinstance(memo, dict):
        key = (state.year, filters)
        if key not in memo:
            if len(memo) >= KPI_MEMO_MAX:
                memo.clear()
            memo[key] = _growth_parts(prepared, state)
        return memo[key]
    return _growth_parts(prepared, state)


def growth_years(prepared: Mapping[str, pd.DataFrame], state: PageState) -> pd.DataFrame:
    """The growth chart's table, one row per year (the year's reported total, as the key
    figure reads it, and the cities on file): the slide's chart and caption."""
    return _growth_memo(prepared, state)[0]


def growth(prepared: Mapping[str, pd.DataFrame], state: PageState) -> ChartResult:
    """Reported member totals against the cities on file, year by year (page and slide)."""
    filters = state.filters
    table, reported, points, joined, basis = _growth_memo(prepared, state)
    return ChartResult(
        lambda ill: figs.growth_figure(table, year=state.year, illustrative=ill, points=points),
        growth_rows(table, reported),
        basis,
        filters=filters.describe(),
        fields=("value", "joined"),
        caption=growth_caption(table, filters.placed),
        # The reported totals' publications; the cities' own where no total is shown.
        cited=reported if not reported.empty else joined,
        extra_sources=(cities_on_file(len(joined)),),
    )


def members_map(prepared: Mapping[str, pd.DataFrame], state: PageState) -> ChartResult:
    """The member cities on file in the year, on a small map."""
    members = common.members_as_of(prepared["cities"], state.year, state.filters)
    members = common.as_of_year(members, state.year, prepared)
    shade = common.shaded(prepared["networks"], state.year, state.filters)
    fig = maps.city_map(
        members,
        "continent",
        shade_iso3=shade["shade_iso3"],
        shade_labels=shade["shade_labels"],
        show_legend=False,
        empty_message=_("No member city on file in {year} matches these filters").format(
            year=state.year
        ),
    )
    return map_result(fig, members, state)


def map_result(fig: object, members: pd.DataFrame, state: PageState) -> ChartResult:
    """A map of the member cities on file in the year (overview and map page): its
    download lists every member, placed or not; the mark follows the joining years and
    places shown."""
    return ChartResult(
        fig,
        members[MAP_COLUMNS],
        members,
        title=_("Member cities on file in {year}").format(year=state.year),
        filters=state.filters.describe(),
        fields=("joined", "location"),
        caption=map_caption(members, state.year),
    )


def growth_caption(table: pd.DataFrame, placed: bool) -> str:
    """The growth chart in words: the reported totals from first to last (qualifiers kept)
    and the cities on file; with a place filter, the cities on file alone."""
    if table.empty:
        return _("No member city matches these filters.")
    last = table.iloc[-1]
    on_file = int(last["cities_on_file"])
    reported = table[table["reported_total"].notna()]
    if placed or reported.empty:
        first = table[table["cities_on_file"] > 0].head(1)
        start = first.iloc[0] if not first.empty else last
        return ngettext(
            "{n} member city on file by {year}, from {start} in {first}.",
            "{n} member cities on file by {year}, from {start} in {first}.",
            on_file,
        ).format(
            n=formats.number(on_file),
            year=int(last["year"]),
            start=formats.number(int(start["cities_on_file"])),
            first=int(start["year"]),
        )
    a, b = reported.iloc[0], reported.iloc[-1]
    first = formats.qualified(round(a["reported_total"]), a["reported_qualifier"])
    latest = formats.qualified(round(b["reported_total"]), b["reported_qualifier"])
    return _(
        "Membership grew from {first} cities in {first_year} to {last} in {last_year}; "
        "{on_file} are on file."
    ).format(
        first=first,
        first_year=int(a["year"]),
        last=latest,
        last_year=int(b["year"]),
        on_file=formats.number(on_file),
    )


def map_caption(members: pd.DataFrame, year: int | None) -> str:
    """The members' map in words: how many cities, in how many countries, how many not placed."""
    n = len(members)
    if n == 0:
        return _("No member city on file in {year} matches these filters.").format(year=year)
    countries = members["country"].nunique()
    text = ngettext(
        "{n} member city on file in {year}, in {countries} countries.",
        "{n} member cities on file in {year}, in {countries} countries.",
        n,
    ).format(n=formats.number(n), year=year, countries=formats.number(countries))
    unplaced = int((members["lat"].isna() | members["lon"].isna()).sum())
    if unplaced:
        text += " " + ngettext(
            "{n} is not placed on the map (no coordinates).",
            "{n} are not placed on the map (no coordinates).",
            unplaced,
        ).format(n=unplaced)
    return text


def view(prepared: dict, state: PageState) -> dict:
    """Everything the overview shows for the state."""
    filters = state.filters
    where = f" ({filters.values_text()})" if filters.placed else ""
    return {
        KPIS: figs.kpi_cards(kpis(prepared, state), state.year),
        KPI_TITLE: _("Key figures of {year}").format(year=state.year)
        + where
        + (
            " · " + _("followers, newsletters and news items are network-wide")
            if filters.continent or filters.country or filters.network
            else ""
        ),
        GROWTH.id: growth(prepared, state),
        MAP.id: members_map(prepared, state),
    }
