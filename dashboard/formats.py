"""Numbers, percentages and dates in the current language, by Babel's CLDR rules.

French: `1 234` (narrow no-break space), `70 %`, `15 déc. 2017`; English: `1,234`, `70%`,
`15 Dec 2017`.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from babel import Locale, dates, numbers

from dashboard import i18n
from dashboard.i18n import N_, _

LOCALES = {"en": "en_GB", "fr": "fr_FR"}


def locale() -> str:
    """The Babel locale of the current language."""
    return LOCALES.get(i18n.current(), "en_GB")


def number(value: float | int | None, decimals: int = 0) -> str:
    """A number with the language's grouping and decimal sign ("1 234" in French)."""
    if value is None or pd.isna(value):
        return "–"
    if decimals == 0:
        return numbers.format_decimal(round(float(value)), locale=locale())
    pattern = "#,##0." + "0" * decimals
    return numbers.format_decimal(value, format=pattern, locale=locale())


def percent(value: float | None, decimals: int = 0) -> str:
    """A percentage given on a 0-100 scale ("70 %" in French, "70%" in English)."""
    if value is None or pd.isna(value):
        return "–"
    pattern = Locale.parse(locale()).percent_formats[None].pattern
    if decimals:
        pattern = pattern.replace("#,##0", "#,##0." + "0" * decimals, 1)
    return numbers.format_percent(float(value) / 100, format=pattern, locale=locale())


def date(value: dt.date | dt.datetime | pd.Timestamp | str) -> str:
    """A day in the language's medium form ("15 déc. 2017"; English as it always was,
    "15 Dec 2017")."""
    day = pd.Timestamp(value).date()
    if i18n.current() == "en":
        return f"{day:%d %b %Y}"
    return dates.format_date(day, format="medium", locale=locale())


def month(value: dt.date | dt.datetime | pd.Timestamp | str) -> str:
    """A month and year ("déc. 2017", "Dec 2017")."""
    day = pd.Timestamp(value).date()
    return dates.format_skeleton("yMMM", day, locale=locale())


# The qualifiers a published figure may carry (data_loaders.vocab), for the catalogue.
QUALIFIERS = {
    "more than": N_("more than {n}"),
    "over": N_("over {n}"),
    "about": N_("about {n}"),
    "some": N_("some {n}"),
    "fewer than": N_("fewer than {n}"),
    "up to": N_("up to {n}"),
    "almost": N_("almost {n}"),
    "nearly": N_("nearly {n}"),
}


def qualified(value: object, qualifier: object = "") -> str:
    """A figure with its qualifier, in the current language ("more than 60" / "plus de 60",
    "60+"); the number is never changed (see `data_loaders.vocab.format_qualified`)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and not value.is_integer():
        shown = numbers.format_decimal(value, locale=locale())
    else:
        shown = number(value) if isinstance(value, int | float) else str(value)
    text = "" if qualifier is None or qualifier != qualifier else str(qualifier).strip()
    if not text:
        return shown
    if text == "at least":
        return f"{shown}+"
    pattern = QUALIFIERS.get(text)
    return _(pattern).format(n=shown) if pattern else f"{text} {shown}"


# Continents as the data names them (data_loaders), for the catalogue.
CONTINENTS = (
    N_("Europe"), N_("Asia"), N_("Africa"), N_("North America"), N_("South America"),
    N_("Oceania"), N_("Antarctica"), N_("Unknown"),
)  # fmt: skip


def country_names(codes: pd.Series, names: pd.Series) -> pd.Series:
    """Country names in the current language (CLDR, from the ISO code); the name on file
    where CLDR has none, and unchanged in English."""
    if i18n.current() == "en":
        return names
    territories = Locale.parse(locale()).territories
    local = codes.fillna("").astype(str).str.upper().map(territories)
    return local.where(local.notna(), names)
