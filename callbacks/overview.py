"""Overview callback: the KPI cards, the growth chart and the small map move together."""

from __future__ import annotations

from dash import Input, Output, callback

from callbacks import map as map_callbacks
from dashboard import components, data, ids
from dashboard.figures import maps
from dashboard.figures import overview as figs
from dashboard.figures.common import publications
from dashboard.kpis import compute_kpis, members_on_file
from dashboard.pages import overview as page
from dashboard.urlstate import filters_from_values

FRAMES = ("cities", "metrics", "index", "networks", "followers", "activities")


def frames() -> dict:
    """The frames the KPIs read, loaded once per data version (not to be mutated)."""
    return data.dm().cached("overview-frames", lambda: {n: data.dm().load(n) for n in FRAMES})


@callback(
    Output(page.KPIS, "children"),
    Output(page.KPI_TITLE, "children"),
    *components.chart_outputs(page.GROWTH),
    *components.chart_outputs(page.MAP),
    Input(ids.filter_id("year"), "value"),
    Input(ids.filter_id("continent"), "value"),
    Input(ids.filter_id("country"), "value"),
    Input(ids.filter_id("network"), "value"),
)
def update_overview(
    year: int | None, continent: str | None, country: str | None, network: str | None
) -> tuple:
    """KPIs of the year, membership growth and the members' map, for the filters."""
    filters = filters_from_values(
        {"year": year, "continent": continent, "country": country, "network": network}
    )
    year = filters.year or data.choices().default_year
    frm = frames()
    kpis = compute_kpis(frm, year, filters)
    place_filter = bool(continent or country or network)
    where = "" if not place_filter else " (" + filters.describe().removeprefix("filters: ") + ")"
    title = f"Key figures of {year}{where}"

    prepared = map_callbacks.prepared()
    cities = data.filter_cities(prepared["cities"], filters)
    last_on_file = max([year, *data.choices().years])
    table = figs.growth_table(
        cities, frm["metrics"], reported=not place_filter, last_year=last_on_file
    )
    in_table = cities[cities["joined"].notna()]
    metric_ill = table["reported_source"].dropna().str.lower().str.contains("illustrative")
    growth_ill = bool(in_table["illustrative"].any() or metric_ill.any())
    growth = components.chart_values(
        figs.growth_figure(table, year=year, illustrative=growth_ill),
        table,
        title="Membership growth: reported totals and cities on file",
        filters=filters.describe(),
        sources=figs.growth_sources(table, in_table),
        illustrative=growth_ill,
        source_text=figs.growth_source_text(table, len(in_table), growth_ill),
    )

    members = members_on_file(cities, year)
    iso3, labels = map_callbacks.shaded(prepared["networks"], filters)
    map_ill = bool(members["illustrative"].any())
    small_map = components.chart_values(
        maps.city_map(
            members,
            "continent",
            shade_iso3=iso3,
            shade_labels=labels,
            show_legend=False,
            empty_message=f"No member city on file in {year} matches these filters",
        ),
        members[map_callbacks.TABLE_COLUMNS],
        title=f"Member cities on file in {year}",
        filters=filters.describe(),
        sources=publications(members["source"]),
        illustrative=map_ill,
        source_text=maps.source_text(members, map_ill),
    )
    return (figs.kpi_cards(kpis, year), title, *growth, *small_map)
