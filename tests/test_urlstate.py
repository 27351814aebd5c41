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


PLACED = Choices(
    years=(2017,),
    continents=("Europe", "Oceania"),
    countries={"AU": "Australia", "NO": "Norway", "PT": "Portugal"},
    country_continents={"AU": "Oceania", "NO": "Europe", "PT": "Europe"},
)


def test_a_country_outside_the_chosen_continent_is_dropped_with_a_notice():
    filters, notices = parse_filters({"continent": "Oceania", "country": "PT"}, PLACED)
    assert (filters.continent, filters.country) == ("Oceania", None)
    assert notices == ["Dropped the country filter: Portugal is not in Oceania."]
    kept, none = parse_filters({"continent": "europe", "country": "pt"}, PLACED)
    assert (kept.continent, kept.country, none) == ("Europe", "PT", [])


def test_the_country_list_narrows_to_the_continent():
    assert list(PLACED.countries_in("Europe")) == ["NO", "PT"]
    assert list(PLACED.countries_in(None)) == ["AU", "NO", "PT"]


def test_narrowing_drops_an_outside_country_and_says_so():
    from dash import no_update

    from callbacks.shell import narrow_countries

    options, value, notice = narrow_countries(PLACED, "Oceania", "PT")
    assert [o["value"] for o in options] == ["AU"]
    assert value is None and notice == "Dropped the country filter: Portugal is not in Oceania."
    options, value, notice = narrow_countries(PLACED, "Europe", "PT")
    assert value is no_update and notice is None and len(options) == 2


def test_lang_is_a_shared_key_not_an_unknown_parameter():
    from dashboard.urlstate import parse_language as language

    _, notices = parse_filters({"lang": "fr"}, CHOICES)
    assert notices == []
    assert language("FR") == "fr" and language("de") == "en" and language(None) == "en"


def test_every_notice_carries_a_code_and_its_key():
    from dashboard import urlstate

    params = {
        "year": "abc",
        "from": "2026",
        "continent": "Mars",
        "country": "ZZ",
        "network": "XXX",
        "foo": "1",
    }
    _, notices = parse_filters(params, CHOICES)
    codes = [(n.code, n.key) for n in notices]
    assert codes == [
        (urlstate.NOT_A_YEAR, "year"),
        (urlstate.YEAR_NOT_ON_FILE, "from"),
        (urlstate.NO_SUCH_VALUE, "continent"),
        (urlstate.NO_SUCH_VALUE, "country"),
        (urlstate.NO_SUCH_VALUE, "network"),
        (urlstate.UNKNOWN_PARAMETER, "foo"),
    ]
    assert urlstate.is_notice(notices[3], urlstate.NO_SUCH_VALUE, "country")
    assert not urlstate.is_notice("Ignored country='ZZ'", urlstate.NO_SUCH_VALUE, "country")
    _, swapped = parse_filters({"from": "2017", "to": "2011"}, CHOICES)
    assert swapped[0].code == urlstate.SWAPPED
    notices = []
    assert urlstate.choice("size", ["continent"], "colour", "continent", notices) == "continent"
    assert (notices[0].code, notices[0].key) == (urlstate.NOT_AN_OPTION, "colour")


def test_a_notice_survives_pickling_with_its_code():
    import pickle

    from dashboard.urlstate import NO_SUCH_VALUE, Notice

    notice = Notice(
        "Ignored country='ZZ': no member city in that country.", NO_SUCH_VALUE, "country"
    )
    again = pickle.loads(pickle.dumps(notice))
    assert (again, again.code, again.key) == (notice, NO_SUCH_VALUE, "country")


def test_notices_are_in_the_request_language_and_keep_their_codes():
    from dashboard import i18n, urlstate

    params = {"year": "2026", "country": "ZZ", "foo": "1", "from": "2017", "to": "2011"}
    with i18n.language("fr"):
        _, notices = parse_filters(params, CHOICES)
        year, refused = urlstate.parse_year("1999", Choices(years=(2008, 2021)))
        outside = urlstate.outside_continent("Norvège", "Oceania")
    assert notices == [
        "year=2026 ignoré : aucune donnée enregistrée pour cette année (années enregistrées : "
        "2008 à 2021).",
        "from=2017 et to=2011 inversés (from était après to).",
        "country='ZZ' ignoré : aucune ville membre dans ce pays.",
        "Paramètre(s) inconnu(s) ignoré(s) : foo.",
    ]
    assert [n.code for n in notices] == [
        urlstate.YEAR_NOT_ON_FILE,
        urlstate.SWAPPED,
        urlstate.NO_SUCH_VALUE,
        urlstate.UNKNOWN_PARAMETER,
    ]
    assert year is None and refused.code == urlstate.YEAR_OUTSIDE_DATA
    assert refused == "year=1999 ignoré : les données enregistrées vont de 2008 à 2021."
    assert outside == "Filtre de pays retiré : Norvège n'est pas en Océanie."
