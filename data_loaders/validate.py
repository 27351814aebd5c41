"""Validation: a read table of one KIND becomes typed records, or every problem it has."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from data_loaders import countries, vocab
from data_loaders.problems import Problem
from data_loaders.readers import Table
from data_loaders.schema import KEYS
from data_loaders.vocab import norm_key

FIRST_YEAR = 1990
# Cells that mean "not recorded" in hand-kept follower sheets (R and spreadsheets write these).
NOT_RECORDED = frozenset({"", "na", "n/a", "nan", "null", "-"})


def last_year() -> int:
    """The latest year a file may name: next year (plans and announced editions)."""
    return dt.date.today().year + 1


@dataclass(frozen=True)
class Column:
    """One column of a dataset: its canonical name, how its cells are read, and if required."""

    name: str
    type: str
    required: bool = False


def _cols(*spec: tuple[str, str] | tuple[str, str, bool]) -> tuple[Column, ...]:
    return tuple(Column(*s) for s in spec)


# The data contract's table ("Datasets"), column by column. `type` names a parser below.
SPECS: dict[str, tuple[Column, ...]] = {
    "cities": _cols(
        ("city", "text", True),
        ("country", "country", True),
        ("joined", "year"),
        ("left", "year"),
        ("population", "count"),
        ("foreign_born_pct", "pct"),
        ("lat", "lat"),
        ("lon", "lon"),
        ("source", "text"),
    ),
    "networks": _cols(
        ("network", "text", True),
        ("name", "text", True),
        ("country", "country", True),
        ("founded", "year"),
        ("status", "status"),
        ("source", "text"),
    ),
    "network-members": _cols(
        ("network", "text", True),
        ("city", "text", True),
        ("country", "country", True),
        ("joined", "year"),
        ("source", "text"),
    ),
    "index": _cols(
        ("city", "text", True),
        ("country", "country", True),
        ("year", "year", True),
        ("indicator", "indicator", True),
        ("score", "score", True),
        ("source", "text"),
    ),
    "followers": _cols(
        ("platform", "platform", True),
        ("date", "date", True),
        ("followers", "count", True),
        # Not in the contract's table, but our own export writes them: read back, a
        # followers export must import unchanged (derived totals are not anchors).
        ("net_change", "int"),
        ("derived", "bool"),
        ("source", "text"),
    ),
    "activities": _cols(
        ("date", "partial_date", True),
        ("kind", "kind", True),
        ("title", "text", True),
        ("city", "text"),
        ("country", "country"),
        ("participants", "count"),
        ("women", "count"),
        ("men", "count"),
        ("nationalities", "count"),
        ("count", "count"),
        ("source", "text"),
    ),
    "metrics": _cols(
        ("year", "year", True),
        ("metric", "text", True),
        ("value", "number", True),
        ("source", "text"),
    ),
}
# Other spellings of a header, folded with norm_key.
ALIASES: dict[str, str] = {"latitude": "lat", "longitude": "lon", "lng": "lon"}


def key_of(kind: str, rec: dict) -> tuple:
    """The matching key of a record (or stored row): names folded, as rows are matched."""
    if kind == "cities":
        return (rec["country"], norm_key(rec["city"]))
    if kind == "networks":
        return (norm_key(rec["network"]),)
    if kind == "network-members":
        return (norm_key(rec["network"]), rec["country"], norm_key(rec["city"]))
    if kind == "index":
        return (rec["country"], norm_key(rec["city"]), rec["year"], rec["indicator"])
    if kind == "followers":
        return (rec["platform"], rec["date"])
    if kind == "activities":
        return (rec["date"], rec["kind"], " ".join(rec["title"].split()))
    if kind == "metrics":
        return (rec["year"], rec["metric"])
    raise ValueError(f"unknown dataset {kind!r}")


@dataclass
class Parsed:
    """A validated file: its records (canonical names), the columns it gives, what is wrong."""

    kind: str
    file: str
    records: list[dict] = field(default_factory=list)  # each with "_line"
    present: set[str] = field(default_factory=set)  # canonical columns the file carries
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: int = 0
    # The file gives only some figures of a row (a native export's changes): its source is
    # added to the stored one instead of replacing the source of the figures it leaves.
    merge_source: bool = False


# ---- cell parsers: each returns the value or raises ValueError with a plain message ----


def _text(raw: object) -> str:
    text = raw.strip() if isinstance(raw, str) else str(raw)
    # Our exports write "'=..." so that a spreadsheet never runs it; the `'` is not data.
    if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@") and len(text) > 1:
        return text[1:]
    return text


def parse_number(raw: object, decimal_comma: bool = False, integer: bool = False) -> float:
    """A number from a cell: thousands separators, decimal comma (in `;` files), a `%` sign."""
    if isinstance(raw, bool):
        raise ValueError("is not a number")
    if isinstance(raw, int | float):
        value = float(raw)
    else:
        text = re.sub(r"[\s\u00a0\u202f']", "", str(raw)).removesuffix("%")
        if decimal_comma:
            if "," in text or (integer and re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+", text)):
                text = text.replace(".", "").replace(",", ".")
        elif re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?", text):
            text = text.replace(",", "")
        try:
            value = float(text)
        except ValueError:
            raise ValueError("is not a number") from None
    if not math.isfinite(value):
        raise ValueError("is not a number")
    return value


def parse_int(raw: object, decimal_comma: bool = False) -> int:
    """A whole number from a cell (12, "12", 12.0, "1,234")."""
    value = parse_number(raw, decimal_comma, integer=True)
    if not value.is_integer():
        raise ValueError("is not a whole number")
    return int(value)


def parse_year(raw: object, decimal_comma: bool = False) -> int:
    """A year between 1990 and next year."""
    if isinstance(raw, dt.date):
        return _check_year(raw.year)
    try:
        year = parse_int(raw, decimal_comma)
    except ValueError:
        raise ValueError("is not a year") from None
    return _check_year(year)


def _check_year(year: int) -> int:
    if not FIRST_YEAR <= year <= last_year():
        raise ValueError(f"year {year} is outside {FIRST_YEAR} to {last_year()}")
    return year


def parse_date(raw: object) -> dt.date:
    """A day: a date cell, YYYY-MM-DD (a time after it is ignored) or DD.MM.YYYY."""
    if isinstance(raw, dt.datetime):
        day = raw.date()
    elif isinstance(raw, dt.date):
        day = raw
    else:
        text = _text(raw)
        match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-][\d:]+)?)?", text)
        dotted = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
        try:
            if match:
                day = dt.date(int(match[1]), int(match[2]), int(match[3]))
            elif dotted:
                day = dt.date(int(dotted[3]), int(dotted[2]), int(dotted[1]))
            else:
                raise ValueError
        except ValueError:
            raise ValueError("is not a date (YYYY-MM-DD)") from None
    _check_year(day.year)
    return day


def parse_partial_date(raw: object) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD, kept at the precision given, as text."""
    if isinstance(raw, dt.date):
        day = raw.date() if isinstance(raw, dt.datetime) else raw
        _check_year(day.year)
        return day.isoformat()
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return str(parse_year(raw))
    text = _text(raw)
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text)
    if not match:
        raise ValueError("is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year = _check_year(int(match[1]))
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


def _bounded(low: float, high: float, what: str) -> Callable[[object, bool], float]:
    def parse(raw: object, decimal_comma: bool = False) -> float:
        value = parse_number(raw, decimal_comma)
        if not low <= value <= high:
            raise ValueError(f"{what} {value:g} is outside {low:g} to {high:g}")
        return value

    return parse


def _count(raw: object, decimal_comma: bool = False) -> int:
    value = parse_int(raw, decimal_comma)
    if value < 0:
        raise ValueError("is negative")
    return value


def _country(raw: object, _dc: bool = False) -> str:
    code = countries.country_code(_text(raw))
    if code is None:
        raise ValueError(f"unknown country {_text(raw)!r} (give an ISO code or English name)")
    return code


def _indicator(raw: object, _dc: bool = False) -> str:
    slug = vocab.indicator_slug(_text(raw))
    if slug is None:
        raise ValueError(f"unknown indicator {_text(raw)!r}")
    return slug


def _kind(raw: object, _dc: bool = False) -> str:
    kind = vocab.activity_kind(_text(raw))
    if kind is None:
        raise ValueError(
            f"unknown activity kind {_text(raw)!r} (one of: {', '.join(vocab.ACTIVITY_KINDS)})"
        )
    return kind


def _status(raw: object, _dc: bool = False) -> str:
    status = _text(raw).lower()
    if status not in vocab.NETWORK_STATUSES:
        raise ValueError(
            f"unknown status {_text(raw)!r} (one of: {', '.join(vocab.NETWORK_STATUSES)})"
        )
    return status


def _bool(raw: object, _dc: bool = False) -> bool:
    if isinstance(raw, bool):
        return raw
    text = _text(raw).lower()
    if text in {"true", "1", "yes", "y"}:
        return True
    if text in {"false", "0", "no", "n"}:
        return False
    raise ValueError("is not true or false")


PARSERS: dict[str, Callable[[object, bool], object]] = {
    "text": lambda raw, _dc=False: _text(raw),
    "int": parse_int,
    "count": _count,
    "number": parse_number,
    "year": parse_year,
    "pct": _bounded(0, 100, "percentage"),
    "score": _bounded(0, 100, "score"),
    "lat": _bounded(-90, 90, "latitude"),
    "lon": _bounded(-180, 180, "longitude"),
    "date": lambda raw, _dc=False: parse_date(raw),
    "partial_date": lambda raw, _dc=False: parse_partial_date(raw),
    "country": _country,
    "indicator": _indicator,
    "kind": _kind,
    "status": _status,
    "platform": lambda raw, _dc=False: vocab.platform_name(_text(raw)),
    "bool": _bool,
}


def _not_recorded(raw: object) -> bool:
    return raw is None or _text(raw).lower() in NOT_RECORDED


def _empty(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


# ---- the file as a whole ----


def match_columns(
    kind: str, headers: Iterable[str]
) -> tuple[dict[str, int], list[str], list[Problem]]:
    """Map canonical column -> position; the headers not in the dataset; duplicate headers."""
    wanted = {norm_key(c.name): c.name for c in SPECS[kind]}
    positions: dict[str, int] = {}
    unknown: list[str] = []
    problems: list[Problem] = []
    headers = list(headers)
    for pos, header in enumerate(headers):
        key = norm_key(header)
        name = wanted.get(ALIASES.get(key, key))
        if name is None:
            unknown.append(header)
        elif name in positions:
            problems.append(Problem("", 1, header, f"same column as {headers[positions[name]]!r}"))
        else:
            positions[name] = pos
    return positions, unknown, problems


def validate_table(
    kind: str,
    table: Table,
    *,
    known_cities: dict[tuple[str, str], str] | None = None,
    platform: str | None = None,
) -> Parsed:
    """Every record of a table, typed and checked; every problem, each with line and column.

    `known_cities` maps (country, folded name) to the stored spelling: the cities on file
    and those of earlier files of the same import. `platform` fills a followers sheet
    without a platform column (the --platform option).
    """
    result = Parsed(kind=kind, file=table.file)
    result.warnings.extend(table.warnings)
    positions, unknown, header_problems = match_columns(kind, table.columns)
    for p in header_problems:
        result.problems.append(Problem(table.file, table.header_line, p.column, p.message))

    wide: dict[str, int] = {}
    specs = {c.name: c for c in SPECS[kind]}
    required = [c.name for c in SPECS[kind] if c.required]
    if kind == "index" and "indicator" not in positions and "score" not in positions:
        wide, unknown = _wide_columns(table, unknown, result)
        required = ["city", "country", "year"]
    if kind == "followers" and "platform" not in positions:
        if platform is None:
            raise UsageError(
                f"{table.file} has no platform column: give the platform with --platform NAME"
            )
        required = ["date", "followers"]
    elif kind == "followers" and platform is not None:
        result.warnings.append(f"{table.file}: --platform ignored, the file has a platform column")
    if kind == "followers" and "net_change" in positions:
        required = [c for c in required if c != "followers"]

    for name in required:
        if name not in positions:
            result.problems.append(
                Problem(table.file, table.header_line, name, "missing required column")
            )
    if kind == "index" and not wide and not ("indicator" in positions or "score" in positions):
        result.problems.append(
            Problem(
                table.file,
                table.header_line,
                "indicator",
                "no indicator columns: give indicator and score, or one column per indicator",
            )
        )
    if unknown:
        result.warnings.append(
            f"{table.file}: columns ignored (not part of {kind}): {', '.join(unknown)}"
        )
    if any(p.line == table.header_line for p in result.problems):
        return result

    result.present = set(positions) | ({"indicator", "score"} if wide else set())
    if kind == "followers":
        result.present |= {"platform"}
        result.present.discard("derived")
    not_recorded: list[int] = []
    seen: dict[tuple, int] = {}
    for line, cells in table.rows:
        rec: dict = {"_line": line}
        failed: set[str] = set()  # columns whose cell is refused
        for name, pos in positions.items():
            raw = cells[pos]
            header = table.columns[pos]
            hand_kept = kind == "followers" and "platform" not in positions
            if hand_kept and name == "followers" and _not_recorded(raw):
                rec["followers"] = None
                continue
            if _empty(raw):
                if specs[name].required and name in required:
                    result.problems.append(Problem(table.file, line, header, "empty required cell"))
                    failed.add(name)
                rec[name] = None
                continue
            try:
                rec[name] = PARSERS[specs[name].type](raw, table.decimal_comma)
            except ValueError as exc:
                result.problems.append(Problem(table.file, line, header, _message(raw, exc)))
                failed.add(name)
        if failed:
            # Still report what else is wrong with the row: every problem, in one pass.
            _check_record(kind, rec, table, positions, known_cities, result, failed)
            if wide:
                _expand_wide(rec, cells, wide, table, result)
            continue
        if kind == "followers":
            if "platform" not in positions:
                rec["platform"] = vocab.platform_name(platform)
                if rec.get("followers") is None:
                    not_recorded.append(line)
                    continue
            if rec.pop("derived", None):
                # A total our export computed from changes is not a reported figure.
                rec["followers"] = None
            if rec.get("followers") is None and rec.get("net_change") is None:
                column = table.columns[positions.get("followers", positions.get("net_change", 0))]
                result.problems.append(
                    Problem(table.file, line, column, "neither followers nor net_change given")
                )
                continue
        if not _check_record(kind, rec, table, positions, known_cities, result):
            continue
        if wide:
            # One row gives many records; a repeated row is one duplicate, not one per area.
            key = (rec["country"], norm_key(rec["city"]), rec["year"])
            if _check_duplicate(kind, key, line, table, positions, seen, result):
                result.records.extend(_expand_wide(rec, cells, wide, table, result))
        elif _check_duplicate(kind, key_of(kind, rec), line, table, positions, seen, result):
            result.records.append(rec)
    if not_recorded:
        result.skipped = len(not_recorded)
        shown = ", ".join(map(str, not_recorded[:10])) + (", ..." if len(not_recorded) > 10 else "")
        result.warnings.append(
            f"{table.file}: {len(not_recorded)} rows without a followers figure "
            f"(empty or NA) skipped: lines {shown}"
        )
    return result


def _message(raw: object, exc: ValueError) -> str:
    """A parser's complaint, naming the cell's content when the complaint does not."""
    message = str(exc)
    if message.startswith("is "):
        shown = repr(raw) if isinstance(raw, str) else repr(str(raw))
        return f"{shown} {message}"
    return message


def _wide_columns(table: Table, unknown: list[str], result: Parsed) -> tuple[dict, list[str]]:
    """Index in wide form: one column per indicator (any accepted name)."""
    wide: dict[str, int] = {}
    still_unknown: list[str] = []
    for header in unknown:
        slug = vocab.indicator_slug(header)
        if slug is None:
            still_unknown.append(header)
        elif slug in wide:
            result.problems.append(
                Problem(
                    table.file,
                    table.header_line,
                    header,
                    f"same indicator as column {table.columns[wide[slug]]!r}",
                )
            )
        else:
            wide[slug] = table.columns.index(header)
    if still_unknown and wide:
        # In wide form a header that is no indicator is most likely a misspelt one.
        result.warnings.append(
            f"{table.file}: these columns are not ICC Index indicators and are ignored: "
            f"{', '.join(still_unknown)}"
        )
        return wide, []
    return wide, still_unknown


def _expand_wide(
    rec: dict, cells: list[object], wide: dict[str, int], table: Table, result: Parsed
) -> list[dict]:
    """One record per filled indicator cell of a wide-form row."""
    out = []
    for slug, pos in wide.items():
        raw = cells[pos]
        if _empty(raw):
            continue  # an edition without that area
        try:
            score = PARSERS["score"](raw, table.decimal_comma)
        except ValueError as exc:
            result.problems.append(
                Problem(table.file, rec["_line"], table.columns[pos], _message(raw, exc))
            )
            continue
        out.append({**rec, "indicator": slug, "score": score})
    return out


def _header(name: str, table: Table, positions: dict[str, int]) -> str:
    """The column's header as the file writes it (the canonical name when absent)."""
    return table.columns[positions[name]] if name in positions else name


def _check_record(
    kind: str,
    rec: dict,
    table: Table,
    positions: dict[str, int],
    known_cities: dict[tuple[str, str], str] | None,
    result: Parsed,
    failed: frozenset[str] | set[str] = frozenset(),
) -> bool:
    """Checks across the cells of one record; False (and problems) when it is refused.

    A check that needs a column in `failed` (already refused) is left out.
    """
    line = rec["_line"]
    problems: list[Problem] = []

    def refuse(column: str, message: str) -> None:
        problems.append(Problem(table.file, line, _header(column, table, positions), message))

    if kind == "cities":
        joined, left = rec.get("joined"), rec.get("left")
        if joined is not None and left is not None and left < joined:
            refuse("left", f"left {left} is before joined {joined}")
        lat, lon = rec.get("lat"), rec.get("lon")
        if lat == 0 and lon == 0:
            # 0,0 is a placeholder, never a member city (it is in the Gulf of Guinea).
            result.warnings.append(
                f"{table.file}:{line}: lat/lon 0,0 taken as no coordinates for {rec['city']}"
            )
            rec["lat"] = rec["lon"] = None
        elif (lat is None) != (lon is None) and not failed & {"lat", "lon"}:
            refuse("lon" if lon is None else "lat", "lat and lon must be given together")
    if kind == "activities":
        women, men, total = rec.get("women"), rec.get("men"), rec.get("participants")
        if (
            total is not None
            and not failed & {"women", "men"}
            and (women or 0) + (men or 0) > total
        ):
            refuse(
                "participants",
                f"women + men ({(women or 0) + (men or 0)}) is more than participants ({total})",
            )
    city_given = rec.get("city") is not None and rec.get("country") is not None
    if kind in ("index", "network-members") and known_cities is not None and city_given:
        stored = known_cities.get((rec["country"], norm_key(rec["city"])))
        if stored is None:
            refuse(
                "city",
                f"city {rec['city']!r} ({rec['country']}) is not on file: "
                "import it with `cities` first, or in the same import",
            )
        else:
            rec["city"] = stored  # the spelling on file, so that every table joins
    result.problems.extend(problems)
    return not problems


def _check_duplicate(
    kind: str,
    key: tuple,
    line: int,
    table: Table,
    positions: dict[str, int],
    seen: dict[tuple, int],
    result: Parsed,
) -> bool:
    """A key met earlier in the same file is a problem of the later line; False then."""
    if key not in seen:
        seen[key] = line
        return True
    names = KEYS[kind]
    result.problems.append(
        Problem(
            table.file,
            line,
            _header(names[0], table, positions),
            f"duplicate of line {seen[key]} (same {' + '.join(names)})",
        )
    )
    return False


class UsageError(Exception):
    """The command was used wrongly (exit status 2), e.g. a followers sheet without --platform."""
