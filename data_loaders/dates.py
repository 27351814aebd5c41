"""The one date parser of the loaders: every form a file or a native export writes."""

from __future__ import annotations

import datetime as dt
import re

FIRST_YEAR = 1990

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
# ISO day, a time after it ignored ("2022-05-01T00:00:00", "2025-09-06 10:00:00+02:00").
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]*(?:Z|[+-][\d:]+)?)?")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
# Facebook's legacy export writes month/day/year.
_US = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})")
# "Sat, Sep 6, 2025" (X); the weekday is optional and not checked.
_NAMED = re.compile(r"(?:[A-Za-z]+\.?,?\s+)?([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})")
_PARTIAL = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def last_year() -> int:
    """The latest year a file may name: next year (plans and announced editions)."""
    return dt.date.today().year + 1


def check_year(year: int) -> int:
    """The year, or ValueError when it is outside 1990 to next year."""
    if not FIRST_YEAR <= year <= last_year():
        raise ValueError(f"year {year} is outside {FIRST_YEAR} to {last_year()}")
    return year


def parse_day(raw: object, *, month_first: bool = False) -> dt.date | None:
    """A day from a cell: a date value, ISO (time ignored), DD.MM.YYYY, `Sep 6, 2025`.

    `month_first` also accepts M/D/YY and M/D/YYYY (only where an export is known to write
    them: a slash date is ambiguous elsewhere). None when the text is no date.
    """
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = str(raw).strip()
    try:
        if m := _ISO.fullmatch(text):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := _DOTTED.fullmatch(text):
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
        if month_first and (m := _US.fullmatch(text)):
            year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
            return dt.date(year, int(m[1]), int(m[2]))
        if (m := _NAMED.fullmatch(text)) and m[1].lower() in _MONTHS:
            return dt.date(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))
    except ValueError:
        return None
    return None


def parse_partial_date(raw: object) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD, kept at the precision given, as text."""
    if isinstance(raw, dt.date):
        day = raw.date() if isinstance(raw, dt.datetime) else raw
        check_year(day.year)
        return day.isoformat()
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if not float(raw).is_integer():
            raise ValueError("is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        return f"{check_year(int(raw)):04d}"
    match = _PARTIAL.fullmatch(str(raw).strip())
    if not match:
        raise ValueError("is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year = check_year(int(match[1]))
    if match[2] is None:
        return f"{year:04d}"
    month = int(match[2])
    if not 1 <= month <= 12:
        raise ValueError("is not a date (month outside 1-12)")
    if match[3] is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, int(match[3])).isoformat()
    except ValueError:
        raise ValueError("is not a date (no such day)") from None
