"""The city map builder: placed cities, colours, sizes, hover facts, shading, empty state."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.figures import maps
from tests.test_figures_overview import use_frames  # noqa: F401 (fixture)
from tests.viewcalls import download


def _cities() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "city": ["Lisbon", "Botkyrka", "Oslo", "Ballarat"],
            "country": ["PT", "SE", "NO", "AU"],
            "country_name": ["Portugal", "Sweden", "Norway", "Australia"],
            "continent": ["Europe", "Europe", "Europe", "Oceania"],
            "lat": [38.72, np.nan, 59.91, -37.56],
            "lon": [-9.14, np.nan, 10.75, 143.85],
            "population": pd.array([545_000, 90_000, None, 111_973], dtype="Int64"),
            "foreign_born_pct": [12.0, 40.0, 28.0, 9.5],
            "joined": pd.array([2011, 2008, 2008, 2017], dtype="Int64"),
            "networks": ["RPCI", "", "NO", ""],
            "latest_overall": [71.0, 80.0, np.nan, 44.0],
            "latest_year": pd.array([2019, 2017, None, 2021], dtype="Int64"),
            "illustrative": [False, False, True, False],
        }
    )


def _points(fig) -> list[str]:
    return sorted(c[0] for t in fig.data if t.type == "scattergeo" for c in t.customdata)


def test_city_without_coordinates_is_left_off_the_map_and_listed():
    fig = maps.city_map(_cities())
    assert _points(fig) == ["Ballarat", "Lisbon", "Oslo"]
    assert maps.unplaced_names(_cities()) == ["Botkyrka (Sweden)"]


def test_colour_by_continent_gives_one_legend_entry_per_continent_with_counts():
    fig = maps.city_map(_cities(), "continent")
    assert [t.name for t in fig.data] == ["Europe (2)", "Oceania (1)"]


def test_colour_by_network_puts_cities_without_one_last_in_grey():
    fig = maps.city_map(_cities(), "network")
    names = [t.name for t in fig.data]
    assert names[-1] == "No national network (1)"
    assert fig.data[-1].marker.color == maps.NO_VALUE_COLOR
    assert {"NO (1)", "RPCI (1)"} <= set(names)


def test_colour_by_overall_score_uses_a_colour_scale_and_greys_cities_without_a_result():
    fig = maps.city_map(_cities(), "overall")
    grey, scored = fig.data
    assert [c[0] for c in grey.customdata] == ["Oslo"]
    assert grey.name == "No Index result"
    assert list(scored.marker.color) == [71.0, 44.0]
    assert scored.marker.showscale


def test_marker_area_follows_population_and_unknown_population_gets_a_small_marker():
    sizes = maps.marker_sizes(pd.Series([3_000_000, 100_000, None]))
    assert sizes[0] == maps.SIZE_MAX
    assert maps.SIZE_MIN < sizes[1] < sizes[0]
    assert sizes[2] == maps.SIZE_UNKNOWN


def test_hover_names_the_city_facts_and_escapes_text_from_the_data():
    cities = _cities().iloc[[0]].assign(city="<script>x</script>")
    (text,) = maps.hover_texts(cities)
    assert "&lt;script&gt;" in text and "<script>" not in text
    assert "Joined ICC: 2011" in text
    assert "Population: 545,000" in text
    assert "National network: RPCI" in text
    assert "Overall Index: 71% (2019)" in text


def test_national_network_countries_are_shaded_under_the_cities():
    fig = maps.city_map(_cities(), shade_iso3=["PRT", "NOR"], shade_labels=["RPCI", "NO"])
    assert fig.data[0].type == "choropleth"
    assert list(fig.data[0].locations) == ["PRT", "NOR"]
    assert fig.layout.geo.showcountries
    assert fig.layout.geo.projection.type == "natural earth"


def test_no_city_gives_a_map_that_says_so():
    fig = maps.city_map(_cities().iloc[0:0])
    assert "No member city matches these filters" in fig.layout.annotations[0].text


def test_unknown_colour_option_is_refused():
    with pytest.raises(ValueError, match="unknown colour_by"):
        maps.city_map(_cities(), "size")


def test_map_works_on_network_members_frame_without_city_facts():
    members = pd.DataFrame(
        {"network": ["RPCI"], "city": ["Lisbon"], "country": ["PT"], "lat": [38.7], "lon": [-9.1]}
    )
    fig = maps.city_map(members, "network", fit=True)
    assert _points(fig) == ["Lisbon"]
    assert fig.layout.geo.fitbounds == "locations"


# The map page's callbacks, on the small inline network of the overview tests.


MAP = {"year": None, "continent": None, "country": None, "network": None, "colour": "continent"}


def _map(**values: object) -> dict:
    from callbacks.map import update_map

    return update_map(**{**MAP, **values})


@pytest.mark.usefixtures("use_frames")
def test_map_callback_lists_cities_it_cannot_place_under_the_map():
    out = _map()
    chart = out["map-cities"]
    assert _points(chart["figure"]) == ["Lisbon", "Oslo", "Porto"]
    assert out["map-unplaced"].children == (
        "Not placed on the map (no coordinates on file): Botkyrka (Sweden)."
    )
    assert out["map-summary"] == "4 member cities on file in 2017; 3 on the map"
    assert chart["source"].startswith("Source: ICC annual report 2017")
    assert chart["badge"] == {"display": "inline"}
    assert len(download("map-cities", **MAP)["rows"]) == 4


@pytest.mark.usefixtures("use_frames")
def test_map_callback_shows_the_members_as_of_the_year_chosen():
    out = _map(year=2012)
    # Porto joined in 2015: not yet a member in 2012; Lisbon (2011) and Oslo (2008) were.
    assert _points(out["map-cities"]["figure"]) == ["Lisbon", "Oslo"]
    assert out["map-summary"] == "3 member cities on file in 2012; 2 on the map"
    assert len(download("map-cities", **{**MAP, "year": 2012})["rows"]) == 3


@pytest.mark.usefixtures("use_frames")
def test_map_csv_names_the_publications_not_every_city_source_text():
    rows = download("map-cities", **MAP)
    assert rows["sources"] == ["ICC annual report 2017", "illustrative", "ICC"]


@pytest.mark.usefixtures("use_frames")
def test_map_callback_shades_the_country_of_each_national_network():
    fig = _map(colour="network")["map-cities"]["figure"]
    shade = fig.data[0]
    assert shade.type == "choropleth" and list(shade.locations) == ["PRT"]
    assert "Rede Portuguesa de Cidades Interculturais (RPCI), active" in shade.text[0]


@pytest.mark.usefixtures("use_frames")
def test_map_callback_filtered_to_a_network_shows_only_its_members():
    out = _map(network="RPCI", colour="joined")
    assert _points(out["map-cities"]["figure"]) == ["Lisbon", "Porto"]
    assert out["map-unplaced"] is None
    assert out["map-summary"] == "2 member cities on file in 2017; 2 on the map"


@pytest.mark.usefixtures("use_frames")
def test_map_callback_falls_back_to_continent_colours_for_an_unknown_option():
    fig = _map(colour="bogus")["map-cities"]["figure"]
    assert any(t.name == "Europe (3)" for t in fig.data)


@pytest.mark.usefixtures("pages_app")
def test_clicking_a_city_opens_its_comparison():
    from callbacks.map import compare_href

    click = {"points": [{"customdata": ["Reggio Emilia", "IT"]}]}
    assert compare_href(click) == "/compare?city=Reggio+Emilia"
    # The shared filters stay as they were (no new country, the year kept); the map's
    # colour stays behind.
    here = "/map?year=2017&continent=Europe&colour=network&lang=fr"
    assert compare_href(click, here) == (
        "/compare?city=Reggio+Emilia&year=2017&continent=Europe&lang=fr"
    )
    # A name two cities share goes as the city's "Name (CC)" label.
    assert compare_href(click, "/map", {"reggioemilia"}) == "/compare?city=Reggio+Emilia+%28IT%29"
    assert compare_href({"points": [{"location": "PRT"}]}) is None  # a shaded country
    assert compare_href(None) is None


@pytest.mark.usefixtures("pages_app")
def test_colour_parameter_in_the_url_is_validated_with_a_notice():
    from dashboard.pages import map as page

    notices: list[str] = []
    assert page.colour_param("Overall", notices) == "overall"
    assert page.colour_param(None, notices) == "continent"
    assert notices == []
    assert page.colour_param("size", notices) == "continent"
    assert notices and "colour='size'" in notices[0]


def _many(n: int) -> pd.DataFrame:
    """n cities in two clusters (Lisbon area and Oslo area), one of them illustrative."""
    rng = np.random.default_rng(0)
    half = n // 2
    return pd.DataFrame(
        {
            "city": [f"City {i:05d}" for i in range(n)],
            "country": ["PT"] * half + ["NO"] * (n - half),
            "country_name": ["Portugal"] * half + ["Norway"] * (n - half),
            "continent": ["Europe"] * n,
            "lat": np.r_[38.5 + rng.random(half) * 0.5, 59.5 + rng.random(n - half) * 0.5],
            "lon": np.r_[-9.5 + rng.random(half) * 0.5, 10.5 + rng.random(n - half) * 0.5],
            "population": pd.array([100_000] * n, dtype="Int64"),
            "illustrative": [i == 0 for i in range(n)],
        }
    )


def test_past_the_group_threshold_nearby_cities_are_one_marker_with_their_count():
    n = maps.GROUP_MIN + 100
    fig = maps.city_map(_many(n))
    (trace,) = [t for t in fig.data if t.type == "scattergeo"]
    assert len(trace.lat) == 2  # two clusters, two markers
    assert trace.name == f"Europe ({n:,})"  # the legend still counts cities
    assert sorted(trace.customdata) == [n // 2, n - n // 2]  # a group's click opens no city
    texts = " ".join(trace.text)
    assert f"<b>{n // 2:,} member cities</b>" in texts
    assert "City 00000 (Portugal)" in texts and "more" in texts
    assert "includes illustrative values" in texts  # the group holding it says so
    assert list(trace.marker.size) == [40.0, 40.0]  # size follows the count
    assert any("nearby cities grouped" in a.text for a in fig.layout.annotations)


def test_below_the_group_threshold_every_city_keeps_its_own_marker():
    fig = maps.city_map(_many(maps.GROUP_MIN))
    (trace,) = [t for t in fig.data if t.type == "scattergeo"]
    assert len(trace.lat) == maps.GROUP_MIN
    assert not fig.layout.annotations


def test_grouped_cells_coloured_by_score_carry_their_mean():
    cities = _many(maps.GROUP_MIN + 2).assign(latest_overall=60.0)
    cities.loc[0, "latest_overall"] = np.nan
    fig = maps.city_map(cities, "overall")
    grey, scored = fig.data
    assert list(grey.customdata) == [["City 00000", "PT"]]  # a cell of one: the city itself
    assert list(scored.marker.color) == [60.0, 60.0]
    assert "Mean overall Index: 60%" in scored.text[0]


@pytest.mark.usefixtures("use_frames")
def test_map_hovers_show_what_was_known_in_the_chosen_year():
    from tests.test_figures_overview import _overview

    def hovers(year: int) -> dict[str, str]:
        fig = _overview(year=year)["overview-map"]["figure"]
        return {
            c[0]: h
            for t in fig.data
            if t.type == "scattergeo"
            for c, h in zip(t.customdata, t.hovertext or t.text, strict=True)
        }

    lisbon_2011 = hovers(2011)["Lisbon"]
    assert "RPCI" not in lisbon_2011  # the Portuguese network was founded in 2012
    assert "No Index result by 2011 (first on file: 2017)" in lisbon_2011
    assert "Overall Index" not in lisbon_2011
    lisbon_2017 = hovers(2017)["Lisbon"]
    assert "RPCI" in lisbon_2017 and "Overall Index" in lisbon_2017
