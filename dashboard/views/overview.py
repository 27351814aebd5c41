"""Overview view: the key figures of a year, membership growth and the members' small map."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dashboard.cards import Card, ChartResult
from dashboard.data import filter_cities
from dashboard.figures import maps
from dashboard.figures import overview as figs
from dashboard.kpis import Kpi, compute_kpis
from dashboard.urlstate import PageState
from dashboard.views import common

PAGE = "overview"
KPIS = "overview-kpis"
KPI_TITLE = "overview-kpi-title"
GROWTH = Card(
    "overview-growth",
    PAGE,
    "Membership growth: reported totals and cities on file",
    help="The gap between the two is the coverage gap: members reported by the ICC but "
    "not yet in the cities dataset.",
    height=360,
)
MAP = Card(
    "overview-map",
    PAGE,
    "Member cities in the year",
    help="Shaded: countries with a national network. The Map page has the full map.",
    height=360,
)
CARDS = (GROWTH, MAP)
OUTPUTS = {KPIS: (KPIS, "children"), KPI_TITLE: (KPI_TITLE, "children")}
FILTERS = ("year", "continent", "country", "network")
PARAMS: tuple[str, ...] = ()
FRAMES = ("cities", "metrics", "index", "networks", "followers", "activities")
MAP_COLUMNS = [
    "city", "country", "country_name", "continent", "lat", "lon", "population",
    "foreign_born_pct", "joined", "networks", "latest_overall", "latest_year", "source",
    "geo_source",
]  # fmt: skip


def cities_on_file(n: int) -> str:
    """How a chart built from the cities dataset names it among its sources."""
    return f"cities on file: the cities dataset ({n} cities; each city's source is in its row)"


def prepare(frames: Mapping[str, pd.DataFrame]) -> dict:
    """The frames the KPIs read, and the cities with their map hover text."""
    cities = frames["cities"].copy()
    cities["hover"] = maps.hover_texts(cities)
    return {**{name: frames[name] for name in FRAMES}, "cities": cities}


def kpis(prepared: Mapping[str, pd.DataFrame], state: PageState) -> list[Kpi]:
    """The key figures of the state's year (shared with the title and key-figures slides)."""
    return compute_kpis(prepared, state.year, state.filters)


def growth(prepared: Mapping[str, pd.DataFrame], state: PageState) -> ChartResult:
    """Reported member totals against the cities on file, year by year (page and slide)."""
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
    return ChartResult(
        lambda ill: figs.growth_figure(table, year=state.year, illustrative=ill, points=points),
        table,
        basis,
        filters=filters.describe(),
        fields=("value", "joined"),
        # The reported totals' publications; the cities' own where no total is shown.
        cited=reported if not reported.empty else joined,
        extra_sources=(cities_on_file(len(joined)),),
    )


def members_map(prepared: Mapping[str, pd.DataFrame], state: PageState) -> ChartResult:
    """The member cities on file in the year, on a small map."""
    members = common.members_as_of(prepared["cities"], state.year, state.filters)
    shade = common.shaded(prepared["networks"], state.year, state.filters)
    fig = maps.city_map(
        members,
        "continent",
        shade_iso3=shade["shade_iso3"],
        shade_labels=shade["shade_labels"],
        show_legend=False,
        empty_message=f"No member city on file in {state.year} matches these filters",
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
        title=f"Member cities on file in {state.year}",
        filters=state.filters.describe(),
        fields=("joined", "location"),
    )


def view(prepared: dict, state: PageState) -> dict:
    """Everything the overview shows for the state."""
    filters = state.filters
    where = f" ({filters.describe().removeprefix('filters: ')})" if filters.placed else ""
    return {
        KPIS: figs.kpi_cards(kpis(prepared, state), state.year),
        KPI_TITLE: f"Key figures of {state.year}{where}",
        GROWTH.id: growth(prepared, state),
        MAP.id: members_map(prepared, state),
    }
