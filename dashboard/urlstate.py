"""Shared filters in the URL query string: parsing with defaults and notices, and writing back."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from urllib.parse import urlencode

# Query parameters shared by every page, in the order they are written.
SHARED_KEYS: tuple[str, ...] = ("year", "from", "to", "continent", "country", "network")
# Query parameters of the shell's presentation view (`?present=1&slide=3&city=Lisbon`),
# valid on any page: the view's city slide and the deck download read `city` wherever it is.
SHELL_KEYS: tuple[str, ...] = ("present", "slide", "city")
MIN_YEAR = 1990
# ASCII digits only: "²" or "٣" pass str.isdigit() but int() refuses them (a 500), and a
# number of thousands of digits would be work; a parameter is a short plain number or nothing.
_PLAIN_INT = re.compile(r"[0-9]{1,6}")


def parse_int(raw: object) -> int | None:
    """A URL value as a whole number: ASCII digits only, at most six; else None."""
    text = str(raw).strip() if raw is not None else ""
    return int(text) if _PLAIN_INT.fullmatch(text) else None


@dataclass(frozen=True)
class Choices:
    """What a filter may take, from the data on file."""

    years: tuple[int, ...] = ()
    continents: tuple[str, ...] = ()
    countries: dict[str, str] = field(default_factory=dict)  # code -> name
    networks: dict[str, str] = field(default_factory=dict)  # code -> name
    default_year: int | None = None


@dataclass(frozen=True)
class Filters:
    """The shared filters of a view; None means "all" (or the default year)."""

    year: int | None = None
    year_from: int | None = None
    year_to: int | None = None
    continent: str | None = None
    country: str | None = None
    network: str | None = None

    def as_query(self) -> dict[str, str]:
        """The non-default filters as query parameters."""
        values = {
            "year": self.year,
            "from": self.year_from,
            "to": self.year_to,
            "continent": self.continent,
            "country": self.country,
            "network": self.network,
        }
        return {k: str(v) for k, v in values.items() if v not in (None, "")}

    def describe(self) -> str:
        """The filters in words, for download headers and slide footers."""
        parts = [f"{k}={v}" for k, v in self.as_query().items()]
        return "filters: " + (", ".join(parts) if parts else "none (whole network)")

    @property
    def placed(self) -> bool:
        """Whether a place filter (continent, country or national network) is on."""
        return bool(self.continent or self.country or self.network)

    def to_dict(self) -> dict:
        """Plain dict (for dcc.Store)."""
        return asdict(self)


def first(value: object) -> str | None:
    """A URL parameter's first value as stripped text (None when absent or empty)."""
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _year(
    raw: str | None, name: str, notices: list[str], on_file: tuple[int, ...] = ()
) -> int | None:
    if raw is None:
        return None
    latest = dt.date.today().year + 1
    year = parse_int(raw)
    if year is None or not MIN_YEAR <= year <= latest:
        notices.append(f"Ignored {name}={raw[:20]!r}: not a year between {MIN_YEAR} and {latest}.")
        return None
    # The year control offers the years on file: any other year would be dropped silently
    # by the control, and a view of a year with no data would show invented "no change".
    if on_file and year not in on_file:
        notices.append(
            f"Ignored {name}={year}: no data on file for that year "
            f"(years on file: {on_file[0]} to {on_file[-1]})."
        )
        return None
    return year


def parse_year(raw: object, choices: Choices) -> tuple[int | None, str | None]:
    """One year from a URL value: the year when it lies within the span of the data on
    file (first to last year), else None and why.

    Routes that do work in proportion to the year (the deck) refuse what this refuses.
    """
    notices: list[str] = []
    year = _year(first(raw), "year", notices)
    years = sorted(choices.years)
    if year is not None and years and not years[0] <= year <= years[-1]:
        notices.append(f"Ignored year={year}: the data on file spans {years[0]} to {years[-1]}.")
        year = None
    return year, (notices[0] if notices else None)


def parse_filters(params: dict, choices: Choices) -> tuple[Filters, list[str]]:
    """Filters from query parameters; anything unknown or malformed falls back with a notice."""
    notices: list[str] = []
    years = tuple(sorted(choices.years))
    year = _year(first(params.get("year")), "year", notices, years)
    year_from = _year(first(params.get("from")), "from", notices, years)
    year_to = _year(first(params.get("to")), "to", notices, years)
    if year_from and year_to and year_from > year_to:
        notices.append(f"Swapped from={year_from} and to={year_to} (from was after to).")
        year_from, year_to = year_to, year_from

    continent = first(params.get("continent"))
    if continent is not None:
        match = next((c for c in choices.continents if c.lower() == continent.lower()), None)
        if match is None:
            notices.append(f"Ignored continent={continent!r}: no member city on that continent.")
        continent = match

    country = first(params.get("country"))
    if country is not None:
        code = country.upper()
        if code not in choices.countries:
            by_name = {v.lower(): k for k, v in choices.countries.items()}
            code = by_name.get(country.lower())
        if code is None:
            notices.append(f"Ignored country={country!r}: no member city in that country.")
        country = code

    network = first(params.get("network"))
    if network is not None:
        match = next((n for n in choices.networks if n.lower() == network.lower()), None)
        if match is None:
            notices.append(f"Ignored network={network!r}: no such national network on file.")
        network = match

    known = {*SHARED_KEYS, *SHELL_KEYS, *params.get("_page_keys", ())}
    unknown = sorted(k for k in params if k not in known and not k.startswith("_"))
    if unknown:
        notices.append("Ignored unknown parameter(s): " + ", ".join(unknown) + ".")
    filters = Filters(year, year_from, year_to, continent, country, network)
    return filters, notices


def filters_from_values(values: dict) -> Filters:
    """Filters from control values keyed by query parameter (as the callbacks receive them)."""

    def as_int(v: object) -> int | None:
        try:
            return int(v) if v not in (None, "") else None  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None

    def as_str(v: object) -> str | None:
        return str(v) if v not in (None, "") else None

    return Filters(
        year=as_int(values.get("year")),
        year_from=as_int(values.get("from")),
        year_to=as_int(values.get("to")),
        continent=as_str(values.get("continent")),
        country=as_str(values.get("country")),
        network=as_str(values.get("network")),
    )


def query_string(filters: Filters, extra: dict[str, object] | None = None) -> str:
    """`?year=2017&country=PT...` for links that carry the current view."""
    params = filters.as_query()
    for key, value in (extra or {}).items():
        if value not in (None, "", []):
            params[key] = ",".join(map(str, value)) if isinstance(value, list) else str(value)
    return "?" + urlencode(params) if params else ""


def choice(
    raw: object,
    options: Iterable[str],
    key: str,
    default: str | None,
    notices: list[str],
    hint: str = "",
) -> str | None:
    """A page parameter that takes one of `options` (any case; the option as declared is
    kept), else `default` with a notice (`hint` says what it takes; else the options)."""
    value = first(raw)
    if value is None:
        return default
    allowed = list(options)
    match = next((o for o in allowed if o.lower() == value.lower()), None)
    if match is None:
        shown = ", ".join(allowed[:8]) + (", ..." if len(allowed) > 8 else "")
        notices.append(f"Ignored {key}={value!r}: {hint or 'use one of ' + shown}.")
        return default
    return match


@dataclass(frozen=True)
class PageState:
    """What a view reads from the URL: the shared filters, the year to show (the filter's,
    else the default year on file) and the page's own parameters (raw control values)."""

    filters: Filters = field(default_factory=Filters)
    year: int | None = None
    params: dict = field(default_factory=dict)

    def param(self, key: str, default: object = None) -> object:
        """A page parameter's value, or `default` when it is unset or empty."""
        value = self.params.get(key)
        return default if value in (None, "", []) else value


def state_from_values(values: Mapping[str, object], choices: Choices) -> PageState:
    """The page state from control values keyed by URL parameter (as callbacks receive
    them): from/to swapped when reversed, the default year applied."""
    filters = filters_from_values(dict(values))
    if filters.year_from and filters.year_to and filters.year_from > filters.year_to:
        filters = replace(filters, year_from=filters.year_to, year_to=filters.year_from)
    params = {k: v for k, v in values.items() if k not in SHARED_KEYS}
    return PageState(filters, filters.year or choices.default_year, params)
