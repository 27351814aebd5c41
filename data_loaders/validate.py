"""Validation: a read table of one KIND becomes typed records, or every problem it has."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

from data_loaders import countries, datasets, vocab
from data_loaders.datasets import Column, Dataset
from data_loaders.dates import FIRST_YEAR, check_year, last_year, parse_day, parse_partial_date
from data_loaders.problems import Problem
from data_loaders.readers import Table
from data_loaders.vocab import norm_key

__all__ = [
    "FIRST_YEAR",
    "SPECS",
    "Parsed",
    "UsageError",
    "key_of",
    "last_year",
    "parse_date",
    "parse_number",
    "parse_partial_date",
    "validate_table",
]

# Cells that mean "not recorded" in hand-kept follower sheets (R and spreadsheets write these).
NOT_RECORDED = frozenset({"", "na", "n/a", "nan", "null", "-"})
# Parsers of numbers that may carry a qualifier ("more than 60", "60+", "about 100").
QUALIFIABLE = frozenset({"count", "int", "number", "pct", "score"})
# Control characters refused in any cell (tab and line breaks are text).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")

# Columns whose texts repeat from row to row: kept once in memory.
_SHARED = frozenset({"platform", "source", "country", "kind", "indicator", "network"})

# The contract's columns of each dataset (data_loaders.datasets), by KIND.
SPECS: dict[str, tuple[Column, ...]] = {d.name: d.file_columns for d in datasets.DATASETS}


def key_of(kind: str, rec: dict) -> tuple:
    """The matching key of a record (or stored row): names folded, as rows are matched."""
    return datasets.get(kind).key_of(rec)


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
        return check_year(raw.year)
    try:
        year = parse_int(raw, decimal_comma)
    except ValueError:
        raise ValueError("is not a year") from None
    return check_year(year)


def parse_date(raw: object) -> dt.date:
    """A day: a date cell, YYYY-MM-DD (a time after it is ignored) or DD.MM.YYYY."""
    day = parse_day(raw if isinstance(raw, dt.date) else _text(raw))
    if day is None:
        raise ValueError("is not a date (YYYY-MM-DD)")
    check_year(day.year)
    return day


def _metric_date(raw: object, _dc: bool = False) -> str:
    if isinstance(raw, str) and _text(raw).lower() == "undated":
        return "undated"
    try:
        return parse_partial_date(raw)
    except ValueError as exc:
        raise ValueError(f"{exc} or the word undated") from None


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


def _one_of(what: str, values: tuple[str, ...]) -> Callable[[object, bool], str]:
    def parse(raw: object, _dc: bool = False) -> str:
        text = " ".join(_text(raw).lower().split())
        if text not in values:
            raise ValueError(f"unknown {what} {_text(raw)!r} (one of: {', '.join(values)})")
        return text

    return parse


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
    "network_status": _one_of("status", vocab.NETWORK_STATUSES),
    "scope": _one_of("scope", vocab.NETWORK_SCOPES),
    "value_status": _one_of("status", vocab.STATUSES),
    "qualifier": _one_of("qualifier", vocab.QUALIFIERS),
    "metric_date": _metric_date,
    "platform": lambda raw, _dc=False: vocab.platform_name(_text(raw)),
    "bool": _bool,
}


def _not_recorded(raw: object) -> bool:
    return raw is None or _text(raw).lower() in NOT_RECORDED


def _empty(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


# ---- the file as a whole ----


@cache
def readable_columns(kind: str) -> dict[str, Column]:
    """Every column a file of `kind` may carry, by canonical name.

    The contract's columns, the row's `status` (`row_status` where the dataset has a value
    column called status) and, per provenance field, `<field>_status`, `_source`,
    `_qualifier` and `_date`.
    """
    ds = datasets.get(kind)
    out = {c.name: c for c in ds.file_columns}
    out[datasets.ROW_STATUS] = Column(datasets.ROW_STATUS, "value_status")
    for f in ds.provenance:
        out[f.column("status")] = Column(f.column("status"), "value_status")
        out[f.column("source")] = Column(f.column("source"), "text", max_length=datasets.SOURCE_MAX)
        out[f.column("qualifier")] = Column(f.column("qualifier"), "qualifier")
        out[f.column("date")] = Column(
            f.column("date"), "text", max_length=datasets.PROVENANCE_DATE_MAX
        )
    return out


@cache
def _header_lookup(kind: str) -> dict[str, str]:
    """Folded header -> canonical column, aliases included."""
    ds = datasets.get(kind)
    lookup = {norm_key(name): name for name in readable_columns(kind)}
    for column in ds.file_columns:
        for alias in column.aliases:
            lookup.setdefault(norm_key(alias), column.name)
    lookup.setdefault(norm_key(ds.row_status_column), datasets.ROW_STATUS)
    return lookup


@cache
def _qualifiable(kind: str) -> dict[str, str]:
    """Value column -> its provenance field, for the numbers that may carry a qualifier."""
    ds = datasets.get(kind)
    return {
        c: f.name for f in ds.provenance for c in f.value_columns if ds.col(c).type in QUALIFIABLE
    }


def match_columns(
    kind: str, headers: Iterable[str]
) -> tuple[dict[str, int], list[str], list[Problem]]:
    """Map canonical column -> position; the headers not in the dataset; duplicate headers."""
    wanted = _header_lookup(datasets.get(kind).name)
    positions: dict[str, int] = {}
    unknown: list[str] = []
    problems: list[Problem] = []
    headers = list(headers)
    for pos, header in enumerate(headers):
        name = wanted.get(norm_key(header))
        if name is None:
            unknown.append(header)
        elif name in positions:
            problems.append(Problem("", 1, header, f"same column as {headers[positions[name]]!r}"))
        else:
            positions[name] = pos
    return positions, unknown, problems


def control_character(text: str) -> str | None:
    """A message naming the first control character of `text` (tab and line breaks are text)."""
    match = _CONTROL.search(text)
    if match is None:
        return None
    return f"contains a control character (U+{ord(match[0]):04X}) at position {match.start() + 1}"


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
    result, records = validate_rows(kind, table, known_cities=known_cities, platform=platform)
    result.records = list(records)
    return result


def validate_rows(
    kind: str,
    table: Table,
    *,
    known_cities: dict[tuple[str, str], str] | None = None,
    platform: str | None = None,
) -> tuple[Parsed, Iterator[dict]]:
    """The header checked now, the rows as they are read: (result so far, records).

    Problems and warnings of the rows are added to the result while the records are
    consumed (an import writes them as they come and keeps no list of a big file).
    """
    ds = datasets.get(kind)
    kind = ds.name
    result = Parsed(kind=kind, file=table.file)
    positions, unknown, header_problems = match_columns(kind, table.columns)
    for p in header_problems:
        result.problems.append(Problem(table.file, table.header_line, p.column, p.message))
    for pos, header in enumerate(table.columns):
        if (message := control_character(header)) is not None:
            result.problems.append(
                Problem(table.file, table.header_line, f"column {pos + 1}", message)
            )

    wide: dict[str, int] = {}
    specs = readable_columns(kind)
    required = list(ds.required)
    if ds.wide_form and "indicator" not in positions and "score" not in positions:
        wide, unknown = _wide_columns(table, unknown, result)
        required = [c for c in required if c not in ("indicator", "score")]
    hand_kept = False
    if ds.platform_option:
        required, hand_kept = _platform_rules(table, positions, platform, required, result)

    for name in required:
        if name not in positions:
            result.problems.append(
                Problem(table.file, table.header_line, name, "missing required column")
            )
    if ds.wide_form and not wide and not ("indicator" in positions or "score" in positions):
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
        result.warnings.extend(table.warnings)
        return result, iter(())

    qualifiable = _qualifiable(kind)
    result.present = set(positions) | ({"indicator", "score"} if wide else set())
    if ds.platform_option:
        result.present |= {"platform"}
        result.present.discard("derived")

    def rows() -> Iterator[dict]:
        not_recorded: list[int] = []
        seen: dict[int, int] = {}
        shared: dict[str, str] = {}  # one object per repeated text (platforms, sources)
        for line, cells in table.rows:
            rec: dict = {"_line": line}
            failed: set[str] = set()  # columns whose cell is refused
            qualifiers: dict[str, str] = {}
            for name, pos in positions.items():
                raw = cells[pos]
                header = table.columns[pos]
                if isinstance(raw, str) and (message := control_character(raw)) is not None:
                    result.problems.append(Problem(table.file, line, header, message))
                    failed.add(name)
                    continue
                if hand_kept and name == "followers" and _not_recorded(raw):
                    rec["followers"] = None
                    continue
                if _empty(raw):
                    if specs[name].required and name in required:
                        result.problems.append(
                            Problem(table.file, line, header, "empty required cell")
                        )
                        failed.add(name)
                    rec[name] = None
                    continue
                try:
                    value, qualifier = _parse_cell(
                        specs[name], raw, table.decimal_comma, name in qualifiable
                    )
                except ValueError as exc:
                    result.problems.append(Problem(table.file, line, header, _message(raw, exc)))
                    failed.add(name)
                    continue
                limit = specs[name].max_length
                if isinstance(value, str) and limit is not None and len(value) > limit:
                    result.problems.append(
                        Problem(
                            table.file,
                            line,
                            header,
                            f"is {len(value):,} characters long (at most {limit:,})",
                        )
                    )
                    failed.add(name)
                    continue
                if isinstance(value, str) and name in _SHARED:
                    value = shared.setdefault(value, value)
                rec[name] = value
                if qualifier:
                    qualifiers[qualifiable[name]] = qualifier
            _settle_qualifiers(ds, rec, qualifiers, table, positions, result, failed)
            if failed:
                # Still report what else is wrong with the row: every problem, in one pass.
                _check_record(ds, rec, table, positions, known_cities, result, failed)
                if wide:
                    _expand_wide(rec, cells, wide, table, result)
                continue
            if ds.platform_option:
                keep = _platform_record(rec, positions, platform, table, result)
                if keep is None:
                    not_recorded.append(line)
                    continue
                if not keep:
                    continue
            if not _check_record(ds, rec, table, positions, known_cities, result):
                continue
            if wide:
                # One row gives many records; a repeated row is one duplicate, not one per area.
                key = tuple(ds.fold(k, rec.get(k)) for k in ds.key if k not in ("indicator",))
                if _check_duplicate(ds, key, line, table, positions, seen, result):
                    yield from _expand_wide(rec, cells, wide, table, result)
            elif _check_duplicate(ds, ds.key_of(rec), line, table, positions, seen, result):
                yield rec
        if not_recorded:
            result.skipped = len(not_recorded)
            shown = ", ".join(map(str, not_recorded[:10])) + (
                ", ..." if len(not_recorded) > 10 else ""
            )
            result.warnings.append(
                f"{table.file}: {len(not_recorded)} rows without a followers figure "
                f"(empty or NA) skipped: lines {shown}"
            )
        result.warnings.extend(table.warnings)

    return result, rows()


def _parse_cell(
    column: Column, raw: object, decimal_comma: bool, qualifiable: bool
) -> tuple[object, str]:
    """A cell's value and, for a number that may carry one, its qualifier ("" when exact)."""
    parser = PARSERS[column.type]
    if qualifiable and isinstance(raw, str):
        number, qualifier = vocab.split_qualified(_text(raw))
        if qualifier:
            return parser(number, decimal_comma), qualifier
    return parser(raw, decimal_comma), ""


def _settle_qualifiers(
    ds: Dataset,
    rec: dict,
    qualifiers: dict[str, str],
    table: Table,
    positions: dict[str, int],
    result: Parsed,
    failed: set[str],
) -> None:
    """`<field>_qualifier` from the value cell ("more than 60") or its own column.

    Both given must agree; none given means exact (the key is left out).
    """
    for f in ds.provenance:
        name = f.column("qualifier")
        written, in_cell = rec.get(name), qualifiers.get(f.name)
        if written and in_cell and written != in_cell:
            result.problems.append(
                Problem(
                    table.file,
                    rec["_line"],
                    _header(name, table, positions),
                    f"qualifier {written!r} disagrees with the figure's own {in_cell!r}",
                )
            )
            failed.add(name)
        elif in_cell or written:
            rec[name] = in_cell or written
        else:
            rec.pop(name, None)


def _platform_rules(
    table: Table,
    positions: dict[str, int],
    platform: str | None,
    required: list[str],
    result: Parsed,
) -> tuple[list[str], bool]:
    """Followers: a sheet without platform takes --platform; net changes make totals optional.

    Returns the required columns and whether the sheet is hand-kept (no platform column).
    """
    hand_kept = "platform" not in positions
    if hand_kept:
        if platform is None:
            raise UsageError(
                f"{table.file} has no platform column: give the platform with --platform NAME"
            )
        required = [c for c in required if c != "platform"]
    elif platform is not None:
        result.warnings.append(f"{table.file}: --platform ignored, the file has a platform column")
    if "net_change" in positions:
        required = [c for c in required if c != "followers"]
    return required, hand_kept


def _platform_record(
    rec: dict, positions: dict[str, int], platform: str | None, table: Table, result: Parsed
) -> bool | None:
    """Followers: fill the platform; None for a row not recorded, False when refused."""
    if "platform" not in positions:
        rec["platform"] = vocab.platform_name(platform)
        if rec.get("followers") is None:
            return None
    if rec.pop("derived", None):
        # A total our export computed from changes is not a reported figure.
        rec["followers"] = None
    if rec.get("followers") is None and rec.get("net_change") is None:
        column = table.columns[positions.get("followers", positions.get("net_change", 0))]
        result.problems.append(
            Problem(table.file, rec["_line"], column, "neither followers nor net_change given")
        )
        return False
    return True


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
    ds: Dataset,
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

    for later, earlier in ds.not_before:
        late, early = rec.get(later), rec.get(earlier)
        if late is not None and early is not None and late < early:
            refuse(later, f"{later} {late} is before {earlier} {early}")
    for first, second in ds.together:
        a, b = rec.get(first), rec.get(second)
        if ds.gazetteer and a == 0 and b == 0:
            # 0,0 is a placeholder, never a member city (it is in the Gulf of Guinea).
            result.warnings.append(
                f"{table.file}:{line}: {first}/{second} 0,0 taken as no coordinates "
                f"for {rec.get('city')}"
            )
            rec[first] = rec[second] = None
        elif (a is None) != (b is None) and not failed & {first, second}:
            refuse(second if b is None else first, f"{first} and {second} must be given together")
    for parts, whole in ds.parts_within:
        total = rec.get(whole)
        if total is not None and not failed & set(parts):
            summed = sum(rec.get(p) or 0 for p in parts)
            if summed > total:
                refuse(whole, f"{' + '.join(parts)} ({summed}) is more than {whole} ({total})")
    city_given = rec.get("city") is not None and rec.get("country") is not None
    if ds.city_on_file and known_cities is not None and city_given:
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
    ds: Dataset,
    key: tuple,
    line: int,
    table: Table,
    positions: dict[str, int],
    seen: dict[int, int],
    result: Parsed,
) -> bool:
    """A key met earlier in the same file is a problem of the later line; False then."""
    # The key's hash stands for it: a big file's keys are never all held (two different
    # keys of one file share a 64-bit hash about once in 10^7 files of a million rows).
    digest = hash(key)
    if digest not in seen:
        seen[digest] = line
        return True
    result.problems.append(
        Problem(
            table.file,
            line,
            _header(ds.key[0], table, positions),
            f"duplicate of line {seen[digest]} (same {' + '.join(ds.key)})",
        )
    )
    return False


class UsageError(Exception):
    """The command was used wrongly (exit status 2), e.g. a followers sheet without --platform."""
