"""KPIs of a year: reported totals first, cities on file otherwise, changes and marks."""

from __future__ import annotations

import pandas as pd

from dashboard.kpis import compute_kpis
from dashboard.urlstate import Filters


def _frames() -> dict[str, pd.DataFrame]:
    cities = pd.DataFrame(
        {
            "city": ["Lisbon", "Oslo", "Ballarat", "Loures"],
            "country": ["PT", "NO", "AU", "PT"],
            "continent": ["Europe", "Europe", "Oceania", "Europe"],
            "joined": pd.array([2011, 2008, 2017, None], dtype="Int64"),
            "left": pd.array([None, None, None, None], dtype="Int64"),
            "networks": ["RPCI", "NO", "", "RPCI"],
            "source": ["newsletter", "newsletter", "report", "RPCI only"],
        }
    )
    index = pd.DataFrame(
        {
            "city": ["Lisbon", "Oslo", "Ballarat"],
            "country": ["PT", "NO", "AU"],
            "year": [2014, 2017, 2016],
            "indicator": ["overall"] * 3,
            "source": ["illustrative", "published", "published"],
            "illustrative": [True, False, False],
        }
    )
    networks = pd.DataFrame(
        {
            "network": ["RPCI", "NO", "ICANN"],
            "country": ["PT", "NO", "AU"],
            "founded": pd.array([2012, 2010, 2022], dtype="Int64"),
            "status": ["active", "active", "active"],
            "source": ["site", "site", "site"],
        }
    )
    followers = pd.DataFrame(
        {
            "platform": ["X (Twitter)", "X (Twitter)"],
            "date": pd.to_datetime(["2016-12-15", "2017-12-15"]),
            "year": [2016, 2017],
            "followers": [1949.0, 2475.0],
            "derived": [False, False],
            "source": ["derived from report", "report"],
        }
    )
    activities = pd.DataFrame(
        {
            "year": [2017, 2017, 2016, 2017],
            "kind": ["newsletter", "conference", "newsletter", "training"],
            "items": [5, 1, 4, 1],
            "is_event": [False, True, False, True],
            "participants": pd.array([None, 270, None, 40], dtype="Int64"),
            "country": [None, "PT", None, "PT"],
            "source": ["report", "report", "illustrative", "report"],
        }
    )
    metrics = pd.DataFrame(
        {
            "year": [2017],
            "metric": ["members_total"],
            "value": [121.0],
            "source": ["ICC annual report 2017"],
        }
    )
    return {
        "cities": cities,
        "index": index,
        "networks": networks,
        "followers": followers,
        "activities": activities,
        "metrics": metrics,
    }


def _by_key(kpis):
    return {k.key: k for k in kpis}


def test_member_kpi_shows_the_reported_total_and_the_cities_on_file():
    kpi = _by_key(compute_kpis(_frames(), 2017))["members"]
    assert kpi.value_text() == "121"
    assert kpi.detail == "3 on file"
    assert kpi.sources == ("ICC annual report 2017",)
    assert kpi.change is None  # no reported total for 2016: no invented change


def test_filtered_members_count_cities_on_file_not_the_network_total():
    kpi = _by_key(compute_kpis(_frames(), 2017, Filters(country="PT")))["members"]
    assert kpi.value == 1 and kpi.previous == 1
    assert "filtered" in kpi.detail


def test_followers_change_on_the_year_before():
    kpi = _by_key(compute_kpis(_frames(), 2017))["followers_xtwitter"]
    assert kpi.value_text() == "2,475"
    assert kpi.change_text(2017) == "+526 on 2016"


def test_index_cities_and_networks_counted_up_to_the_year():
    kpis = _by_key(compute_kpis(_frames(), 2016))
    assert kpis["index_cities"].value == 2  # Lisbon 2014, Ballarat 2016
    assert kpis["index_cities"].illustrative is True  # Lisbon's result is illustrative
    assert kpis["networks"].value == 2  # ICANN founded 2022 is not counted in 2016


def test_newsletters_change_marked_illustrative_when_the_comparison_year_is():
    """The value of 2017 is published: not marked for 2016's sake; its change is."""
    kpi = _by_key(compute_kpis(_frames(), 2017))["newsletter"]
    assert (kpi.value, kpi.previous) == (5, 4)
    assert kpi.illustrative is False
    assert kpi.change_illustrative is True
    assert kpi.change_text(2017) == "+1 on 2016 (illustrative)"


def test_events_and_participants_of_the_year():
    kpis = _by_key(compute_kpis(_frames(), 2017))
    assert kpis["events"].value == 2
    assert kpis["participants"].value == 310
    assert kpis["events"].detail == "on file · 310 participants recorded"  # A8


def test_a_year_before_with_no_participants_recorded_gives_no_change_not_the_whole_value():
    frames = _frames()
    frames["activities"].loc[2, ["kind", "is_event", "participants"]] = ["conference", True, None]
    kpi = _by_key(compute_kpis(frames, 2017))["participants"]
    assert kpi.value == 310 and kpi.previous is None
    assert kpi.change_text(2017) == "not recorded for 2016"


def test_a_year_with_no_events_recorded_has_no_value_and_no_change():
    kpis = _by_key(compute_kpis(_frames(), 2015))
    assert kpis["participants"].value is None and kpis["participants"].change_text(2015) == ""
    assert kpis["newsletter"].value is None and kpis["newsletter"].previous is None


def test_followers_card_of_a_year_without_a_figure_names_the_latest_one():
    kpi = _by_key(compute_kpis(_frames(), 2019))["followers_xtwitter"]
    assert kpi.value is None and kpi.value_text() == "n/a"
    assert kpi.detail == "no figure for 2019 (latest: 2,475 on 15 Dec 2017)"
    assert kpi.source_text() == "report"


def test_kpi_sources_are_a_short_list_of_whole_publications():
    frames = _frames()
    long = "joined: ICC annual report 2017 (welcomed in 2017; endorsed in 2016); population: x"
    frames["cities"]["source"] = [
        long,
        long,
        "ICC Newsletter No 9 (p. 3; box)",
        "a",
    ]
    kpi = _by_key(compute_kpis(frames, 2017))["countries"]
    assert kpi.sources == (
        "joined: ICC annual report 2017; population: x",
        "ICC Newsletter No 9",
    )
    assert "endorsed in 2016" not in kpi.source_text()


def test_no_index_results_on_file_gives_zero_index_cities_not_an_error():
    frames = _frames()
    frames["index"] = frames["index"].iloc[0:0]
    kpi = _by_key(compute_kpis(frames, 2016))["index_cities"]
    assert kpi.value == 0


def test_french_on_file_agrees_with_cities_countries_and_continents():
    from dashboard import i18n

    frames = _frames()
    frames["metrics"] = pd.DataFrame(
        {
            "year": [2017, 2017, 2017],
            "metric": ["members_total", "countries_total", "continents"],
            "value": [121.0, 37.0, 5.0],
            "source": ["ICC annual report 2017"] * 3,
        }
    )
    with i18n.language("fr"):
        kpis = _by_key(compute_kpis(frames, 2017))
    assert kpis["members"].detail == "enregistrées : 3"  # villes (feminine)
    for key in ("countries", "continents"):  # pays, continents (masculine)
        assert kpis[key].detail.startswith("enregistrés : "), kpis[key].detail


def _with_metrics(rows: list[tuple]) -> dict[str, pd.DataFrame]:
    frames = _frames()
    frames["metrics"] = pd.DataFrame(
        rows, columns=["year", "metric", "value", "date", "source"]
    ).assign(value_qualifier="")
    return frames


def test_a_year_without_a_reported_total_says_so_instead_of_showing_one():
    frames = _with_metrics(
        [(2017, "members_total", 121.0, "2017", "report"), (2022, "new_members", 8.0, "2022", "AR")]
    )
    members = _by_key(compute_kpis(frames, 2022))["members"]
    assert members.value is None and members.value_text() == "n/a"
    assert members.detail == "no reported total for 2022 · 8 new · 3 on file"


def test_a_change_on_a_dated_total_names_that_total():
    frames = _with_metrics(
        [
            (2020, "members_total", 141.0, "2020-11", "meeting report"),
            (2021, "members_total", 153.0, "2021-12-06", "newsletter"),
        ]
    )
    members = _by_key(compute_kpis(frames, 2021))["members"]
    assert members.change_text(2021) == "+12 on the total of Nov 2020"
    # The change is read against the Nov 2020 total: its publication is named beside 2021's.
    assert set(members.sources) == {"newsletter", "meeting report"}


def test_network_wide_figures_say_the_place_filters_do_not_apply():
    kpis = _by_key(compute_kpis(_frames(), 2017, Filters(year=2017, country="NO")))
    assert kpis["newsletter"].value == 5  # network-wide: not dropped by the filter
    assert "the place filters do not apply" in kpis["newsletter"].detail
    assert "the place filters do not apply" in kpis["followers_xtwitter"].detail
    assert "place filters" not in kpis["events"].detail


def test_events_under_a_national_network_filter_say_they_are_network_wide():
    """Activities are recorded by country: a national network filter cannot narrow them, so
    the events and participants shown are the whole network's, and say so."""
    everywhere = _by_key(compute_kpis(_frames(), 2017))
    kpis = _by_key(compute_kpis(_frames(), 2017, Filters(year=2017, network="RPCI")))
    for key in ("events", "participants"):
        assert kpis[key].value == everywhere[key].value
        assert "network-wide: the place filters do not apply" in kpis[key].detail
        assert "place filters" not in everywhere[key].detail


def test_the_index_card_names_the_latest_index_sample_with_its_date_and_source():
    frames = _with_metrics(
        [
            (2017, "index_sample", 86.0, "2017-04", "Index report Apr 2017"),
            (2017, "index_sample", 93.0, "2017-08", "Odesa result"),
            (2019, "index_sample", 97.0, "2019-01", "Index report Jan 2019"),
        ]
    )
    index = _by_key(compute_kpis(frames, 2017))["index_cities"]
    assert "93 cities compared in the Index report of Aug 2017" in index.detail
    assert "Odesa result" in index.sources
