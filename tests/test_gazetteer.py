"""The offline gazetteer: alternate names, the ICC alias table, countries, unknown places."""

from __future__ import annotations

import pytest

from data_loaders import gazetteer
from data_loaders.gazetteer import GeoHit, lookup
from data_loaders.vocab import norm_key


@pytest.mark.parametrize(
    ("one", "other", "country"),
    [
        ("Odessa", "Odesa", "UA"),
        ("Pavlograd", "Pavlohrad", "UA"),
        ("Montreal", "Montréal", "CA"),
        ("Reggio Emilia", "Reggio nell'Emilia", "IT"),
        ("Patras", "Pátra", "GR"),
        ("Klaksvik", "Klaksvík", "FO"),
    ],
)
def test_alternate_spellings_find_the_same_place(one: str, other: str, country: str) -> None:
    hit = lookup(one, country)
    assert hit is not None
    assert hit == lookup(other, country)
    assert hit.population and hit.population > 5_000


@pytest.mark.parametrize(
    ("icc_name", "country", "place"),
    [
        ("Botkyrka", "SE", "Tumba"),
        ("Berlin Neukölln", "DE", "Neukölln"),
        ("London Lewisham", "GB", "Catford"),  # GeoNames has no Lewisham; its town hall
        ("Amsterdam South East", "NL", "Amsterdam"),
        ("Amsterdam Zuidoost", "NL", "Amsterdam"),
        ("Zuidoost", "NL", "Amsterdam"),
        ("Kyiv Shevchenkivskyi district", "UA", "Kyiv"),
        ("Donostia-San Sebastián", "ES", "Donostia / San Sebastián"),
        ("San Sebastián", "ES", "Donostia / San Sebastián"),
        ("Melton", "AU", "Melton"),
        ("Maribyrnong", "AU", "Footscray"),
        ("Lisboa", "PT", "Lisbon"),
        ("Genova", "IT", "Genoa"),
        ("Torino", "IT", "Turin"),
        ("Milano", "IT", "Milan"),
        ("Venezia", "IT", "Venice"),
        ("Tenerife", "ES", "Santa Cruz de Tenerife"),
        ("Tanger", "MA", "Tangier"),
        ("Castelvetro", "IT", "Castelvetro di Modena"),
    ],
)
def test_icc_names_of_municipalities_and_districts_find_their_place(
    icc_name: str, country: str, place: str
) -> None:
    hit = lookup(icc_name, country)
    assert hit is not None
    assert hit.name == place


def test_botkyrka_is_placed_at_its_seat_tumba_in_sweden() -> None:
    hit = lookup("Botkyrka", "SE")
    assert hit is not None
    assert hit.name == "Tumba"
    assert 59.0 < hit.lat < 59.4 and 17.6 < hit.lon < 18.0


def test_the_country_decides_between_places_of_the_same_name() -> None:
    melton_au, melton_gb = lookup("Melton", "AU"), lookup("Melton", "GB")
    assert melton_au is not None and melton_gb is not None
    assert melton_au.lat < -30  # Victoria, Australia
    assert melton_gb.lat > 50 and melton_gb.name == "Melton Mowbray"
    odessa_ua, odessa_us = lookup("Odessa", "UA"), lookup("Odessa", "US")
    assert odessa_ua is not None and odessa_us is not None
    assert odessa_ua.lon > 0 > odessa_us.lon


def test_the_most_populous_place_wins_among_namesakes_of_a_country() -> None:
    hit = lookup("Cartagena", "ES")
    assert hit is not None
    assert hit.population and hit.population > 150_000


def test_an_unknown_town_is_none() -> None:
    assert lookup("Nowhereville", "DE") is None


def test_a_known_city_in_the_wrong_or_no_country_is_none() -> None:
    assert lookup("Ballarat", "NO") is None
    assert lookup("Oslo", "") is None
    assert lookup("Oslo", "ZZ") is None
    assert lookup("", "NO") is None


def test_country_codes_are_accepted_in_lower_case() -> None:
    assert lookup("Oslo", "no") == lookup("Oslo", "NO")


def test_a_hit_carries_name_coordinates_and_population() -> None:
    hit = lookup("Oslo", "NO")
    assert isinstance(hit, GeoHit)
    assert hit.name == "Oslo"
    assert 59 < hit.lat < 61 and 10 < hit.lon < 11
    assert hit.population and hit.population > 500_000


def test_no_place_of_the_index_sits_at_zero_zero() -> None:
    places = {p for by_name in gazetteer._index().values() for p in by_name.values()}
    assert len(places) > 200_000
    assert not [p for p in places if p[1] == 0 and p[2] == 0]


def test_the_index_is_built_once_per_process() -> None:
    assert gazetteer._index() is gazetteer._index()


@pytest.mark.parametrize(
    "text", ["Oslo", "Reggio nell'Emilia", "Pécs", "Klaksvík", "Ōsaka", "ОДЕСА"]
)
def test_the_fast_fold_agrees_with_norm_key(text: str) -> None:
    assert gazetteer._fold(text) == norm_key(text)


def test_alternate_names_of_the_cities_on_file_only():
    names = gazetteer.alternate_names({("PT", "lisbon"), ("UA", "odesa"), ("PT", "atlantis")})
    assert "lisboa" in names[("PT", "lisbon")]
    assert "odessa" in names[("UA", "odesa")]
    assert ("PT", "atlantis") not in names
    assert set(names) == {("PT", "lisbon"), ("UA", "odesa")}
