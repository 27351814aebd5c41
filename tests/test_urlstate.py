"""Shared filters in the URL: what is kept, what falls back with a notice, what is written."""

from __future__ import annotations

from dashboard.urlstate import Choices, Filters, filters_from_values, parse_filters, query_string

CHOICES = Choices(
    years=(2008, 2011, 2016, 2017, 2021),
    continents=("Europe", "Oceania"),
    countries={"PT": "Portugal", "NO": "Norway"},
    networks={"RPCI": "Rede Portuguesa de Cidades Interculturais"},
    default_year=2021,
)


def test_valid_parameters_are_applied():
    params = {"year": "2017", "continent": "europe", "country": "pt", "network": "rpci"}
    filters, notices = parse_filters(params, CHOICES)
    assert filters == Filters(year=2017, continent="Europe", country="PT", network="RPCI")
    assert notices == []


def test_country_may_be_given_by_name():
    filters, notices = parse_filters({"country": "Norway"}, CHOICES)
    assert filters.country == "NO" and notices == []


def test_malformed_and_unknown_values_fall_back_with_a_notice():
    params = {"year": "abc", "continent": "Mars", "country": "ZZ", "network": "XXX"}
    filters, notices = parse_filters(params, CHOICES)
    assert filters == Filters()
    assert len(notices) == 4
    assert any("year='abc'" in n for n in notices)
    assert any("country='ZZ'" in n for n in notices)


def test_a_year_with_no_data_on_file_is_refused_visibly():
    filters, notices = parse_filters({"year": "2026"}, CHOICES)
    assert filters.year is None
    assert notices == [
        "Ignored year=2026: no data on file for that year (years on file: 2008 to 2021)."
    ]


def test_reversed_year_range_is_swapped_and_said():
    filters, notices = parse_filters({"from": "2017", "to": "2011"}, CHOICES)
    assert (filters.year_from, filters.year_to) == (2011, 2017)
    assert "Swapped" in notices[0]


def test_unknown_parameters_are_named_but_page_and_shell_keys_are_not():
    params = {"foo": "1", "city": "Lisbon", "present": "1", "colour": "network"}
    _, notices = parse_filters({**params, "_page_keys": ("colour",)}, CHOICES)
    assert notices == ["Ignored unknown parameter(s): foo."]


def test_filters_round_trip_through_the_query_string():
    filters = filters_from_values({"year": 2017, "country": "PT", "network": None})
    assert query_string(filters, {"city": "Lisbon"}) == "?year=2017&country=PT&city=Lisbon"
    assert filters.describe() == "filters: year=2017, country=PT"


def test_digits_of_other_scripts_and_huge_numbers_fall_back_with_a_notice():
    from dashboard.urlstate import parse_int

    for raw in ("²", "2⁰17", "٢٠١٧", "２０１７", "9" * 5000, "20 17", "-2017", "+2017"):
        assert parse_int(raw) is None, raw
        filters, notices = parse_filters({"year": raw, "from": raw, "to": raw}, CHOICES)
        assert filters == Filters(), raw
        assert len(notices) == 3, raw
    assert parse_int(" 2017 ") == 2017


def test_parse_year_refuses_a_year_outside_the_data_and_says_why():
    from dashboard.urlstate import parse_year

    assert parse_year("2017", CHOICES) == (2017, None)
    assert parse_year("2012", CHOICES) == (2012, None)  # within the span, if not on file
    for raw in ("99999", "1990", "2007", "2022", "²", ""):
        year, notice = parse_year(raw, CHOICES)
        assert year is None, raw
        assert notice or raw == "", raw
