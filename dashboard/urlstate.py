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
SHELL_KEYS: tuple[str, ...] = ("present", "slide", "city", "lang")
# The page's language (`?lang=fr`), kept across pages like the shared filters; the first is
# the default, anything else falls back to it. `<html lang>` is set from it (server side, then
# by assets/url_state.js).
LANG_KEY = "lang"
LANGUAGES: tuple[str, ...] = ("en", "fr")
DEFAULT_LANGUAGE = LANGUAGES[0]
MIN_YEAR = 1990
# ASCII digits only: "²" or "٣" pass str.isdigit() but int() refuses them (a 500), and a
# number of thousands of digits would be work; a parameter is a short plain number or nothing.
_PLAIN_INT = re.compile(r"[0-9]{1,6}")

# What a URL notice says, as a code (code tests the code and the key, never the words: the
# words are in the request's language).
NOT_A_YEAR = "not-a-year"  # not a plain year within MIN_YEAR and next year
YEAR_NOT_ON_FILE = "year-not-on-file"  # a year, but no data on file for it
YEAR_OUTSIDE_DATA = "year-outside-data"  # outside the span of the data on file (parse_year)
SWAPPED = "swapped"  # from and to swapped
NO_SUCH_VALUE = "no-such-value"  # a continent, country or network with no member on file
DROPPED_COUNTRY = "dropped-country"  # the country is not on the chosen continent
UNKNOWN_PARAMETER = "unknown-parameter"  # keys no page reads
NOT_AN_OPTION = "not-an-option"  # a page parameter outside its options (`choice`)
NOT_A_PAGE = "not-a-page"  # a page number that is not a positive whole number
NO_SUCH_CITY = "no-such-city"  # the presentation view's city, not on file
TOO_MANY = "too-many"  # more values than a parameter takes (the rest left out)
YEAR_AS_EDITION = "year-as-edition"  # the shared year read as a page's edition (or not)


class Notice(str):
    """A notice about the URL: its message (shown; in the request's language) with `code`
    (what happened, one of the codes above) and `key` (the URL parameter concerned).

    A `str`, so it is shown, compared and serialised as its message; code that reacts to a
    notice reads `code` and `key`, never the text."""

    code: str
    key: str

    def __new__(cls, message: str, code: str, key: str = "") -> Notice:
        notice = super().__new__(cls, message)
        notice.code, notice.key = code, key
        return notice

    def __getnewargs__(self) -> tuple[str, str, str]:  # type: ignore[override]
        return str(self), self.code, self.key


def is_notice(notice: object, code: str, key: str | None = None) -> bool:
    """Whether `notice` is a Notice of `code` (and about `key`, when given)."""
    return isinstance(notice, Notice) and notice.code == code and (key is None or notice.key == key)


def _(message: str) -> str:
    """`message` in the request's language (`dashboard.i18n` imports this module, so it is
    imported when first needed)."""
    from dashboard import i18n

    return i18n._(message)


def parse_language(raw: object) -> str:
    """A URL's `lang` as one of LANGUAGES (any case); English when absent or unknown."""
    value = first(raw)
    code = value.lower()[:2] if value else ""
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


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
    country_continents: dict[str, str] = field(default_factory=dict)  # code -> continent

    def countries_in(self, continent: str | None) -> dict[str, str]:
        """The countries (code -> name) of `continent`; all of them when None or unknown."""
        if not continent or not self.country_continents:
            return dict(self.countries)
        return {
            code: name
            for code, name in self.countries.items()
            if self.country_continents.get(code) == continent
        }


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
        from dashboard.i18n import _  # the words in the request's language (URL keys as typed)

        if not self.as_query():
            return _("filters: none (whole network)")
        return _("filters: {list}").format(list=self.values_text())

    def values_text(self) -> str:
        """The non-default filters as `key=value` pairs ("year=2017, country=PT")."""
        return ", ".join(f"{k}={v}" for k, v in self.as_query().items())

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
        notices.append(
            Notice(
                _("Ignored {key}={value}: not a year between {first} and {last}.").format(
                    key=name, value=repr(raw[:20]), first=MIN_YEAR, last=latest
                ),
                NOT_A_YEAR,
                name,
            )
        )
        return None
    # The year control offers the years on file: any other year would be dropped silently
    # by the control, and a view of a year with no data would show invented "no change".
    if on_file and year not in on_file:
        notices.append(
            Notice(
                _(
                    "Ignored {key}={year}: no data on file for that year "
                    "(years on file: {first} to {last})."
                ).format(key=name, year=year, first=on_file[0], last=on_file[-1]),
                YEAR_NOT_ON_FILE,
                name,
            )
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
        notices.append(
            Notice(
                _("Ignored year={year}: the data on file spans {first} to {last}.").format(
                    year=year, first=years[0], last=years[-1]
                ),
                YEAR_OUTSIDE_DATA,
                "year",
            )
        )
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
        notices.append(
            Notice(
                _("Swapped from={first} and to={last} (from was after to).").format(
                    first=year_from, last=year_to
                ),
                SWAPPED,
                "from",
            )
        )
        year_from, year_to = year_to, year_from

    continent = first(params.get("continent"))
    if continent is not None:
        match = next((c for c in choices.continents if c.lower() == continent.lower()), None)
        if match is None:
            notices.append(
                Notice(
                    _("Ignored continent={value}: no member city on that continent.").format(
                        value=repr(continent)
                    ),
                    NO_SUCH_VALUE,
                    "continent",
                )
            )
        continent = match

    country = first(params.get("country"))
    if country is not None:
        code = country.upper()
        if code not in choices.countries:
            by_name = {v.lower(): k for k, v in choices.countries.items()}
            code = by_name.get(country.lower())
        if code is None:
            notices.append(
                Notice(
                    _("Ignored country={value}: no member city in that country.").format(
                        value=repr(country)
                    ),
                    NO_SUCH_VALUE,
                    "country",
                )
            )
        country = code

    network = first(params.get("network"))
    if network is not None:
        match = next((n for n in choices.networks if n.lower() == network.lower()), None)
        if match is None:
            notices.append(
                Notice(
                    _("Ignored network={value}: no such national network on file.").format(
                        value=repr(network)
                    ),
                    NO_SUCH_VALUE,
                    "network",
                )
            )
        network = match

    if continent and country and country not in choices.countries_in(continent):
        notices.append(outside_continent(choices.countries.get(country, country), continent))
        country = None

    known = {*SHARED_KEYS, *SHELL_KEYS, LANG_KEY, *params.get("_page_keys", ())}
    unknown = sorted(k for k in params if k not in known and not k.startswith("_"))
    if unknown:
        notices.append(
            Notice(
                _("Ignored unknown parameter(s): {keys}.").format(keys=", ".join(unknown)),
                UNKNOWN_PARAMETER,
                ",".join(unknown),
            )
        )
    filters = Filters(year, year_from, year_to, continent, country, network)
    return filters, notices


def outside_continent(country_name: str, continent: str) -> Notice:
    """The notice when a chosen country is not on the chosen continent (it is dropped)."""
    return Notice(
        _("Dropped the country filter: {country} is not in {continent}.").format(
            country=country_name, continent=_(continent)
        ),
        DROPPED_COUNTRY,
        "country",
    )


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
        why = hint or _("use one of {options}").format(options=shown)
        notices.append(
            Notice(
                _("Ignored {key}={value}: {why}.").format(key=key, value=repr(value), why=why),
                NOT_AN_OPTION,
                key,
            )
        )
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
