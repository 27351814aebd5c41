"""Native analytics exports of the social platforms, read as `followers` records.

The forms are those of data-spec.md, "Native social-media exports accepted as `followers`".
`parse_native` recognises a form from its first lines and returns None for anything else,
so that the generic pipeline reads the canonical form (and the hand-kept sheet) itself.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from data_loaders.dates import parse_day
from data_loaders.problems import Problem
from data_loaders.readers import csv_records
from data_loaders.vocab import norm_key, platform_name

X = platform_name("x")
FACEBOOK = platform_name("facebook")
INSTAGRAM = platform_name("instagram")

# The export that does carry follower figures on X, named in the refusal of per-post files.
X_OVERVIEW_FILE = "account_overview_analytics.csv"

# Labels of the two-column Meta Business Suite export (2022 form) that count new likes or
# follows, folded with norm_key; the French ones are those of real exports (see samples).
META_2022_LABELS: dict[str, str | None] = {
    "newfacebookpagelikes": FACEBOOK,
    "facebookfollows": FACEBOOK,
    "instagramfollows": INSTAGRAM,
    "nouvellesmentionsjaime": None,
    "nouvellesmentionslikes": None,
}

# Metric titles of the UTF-16 Meta Business Suite export that count new follows.
META_FOLLOW_TITLES: dict[str, str | None] = {
    "facebookfollows": FACEBOOK,
    "instagramfollows": INSTAGRAM,
    "follows": None,
}

# Whole numbers, with `,` or spaces as thousands separators, or a float such as "1938.0".
_INTEGER = re.compile(r"^[+-]?(\d{1,3}([,\s\u00a0\u202f]\d{3})+|\d+)(\.0*)?$")


@dataclass
class NativeResult:
    """What a native export gave: records, which of the two figures it carries, problems."""

    export_name: str
    records: list[dict] = field(default_factory=list)
    columns: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Row:
    line: int
    cells: list[str]


def parse_native(path: Path, text: str, platform: str | None) -> NativeResult | None:
    """Read a native export; None when `text` is not one (the caller reads it as canonical)."""
    text = text.removeprefix("\ufeff")
    first_line = text.split("\n", 1)[0].rstrip("\r")
    # Excel's delimiter hint, which Meta Business Suite writes on the first line.
    if first_line.strip('"').lower().startswith("sep="):
        return _meta_metric(path, text, first_line.strip('"')[4:5] or ",", platform)
    delimiter = _delimiter(first_line)
    # Recognise the form from its header alone: a canonical file (maybe a big one) is then
    # left to the streaming pipeline without being read here.
    first, _ = _read_rows(_head(text), delimiter)
    if not first:
        return None
    header = [norm_key(cell) for cell in first[0].cells]
    if not _native_header(header):
        return None
    rows, csv_error = _read_rows(text, delimiter)
    if header and header[0] in ("tweetid", "postid"):
        return _per_post(path)
    if "date" not in header:
        return None
    if "newfollows" in header:
        reader = _x_overview
    elif {"lifetimetotallikes", "dailynewlikes", "dailyunlikes"} & set(header):
        reader = _facebook_insights
    elif len(header) == 2 and header[0] == "date" and header[1] in META_2022_LABELS:
        reader = _meta_2022
    else:
        return None
    result = reader(path, rows, platform)
    if csv_error:
        result.problems.append(Problem(str(path), csv_error[0], "", csv_error[1]))
    return result


def _delimiter(first_line: str) -> str:
    """The delimiter that splits the header line into the most cells (`,`, `;` or tab)."""
    counts = {d: len(next(csv.reader([first_line], delimiter=d), [])) for d in ",;\t"}
    return max(counts, key=lambda d: (counts[d], d == ","))


def _native_header(header: list[str]) -> bool:
    """True when a folded header is one of the native exports' (the forms tested below)."""
    figures = {"newfollows", "lifetimetotallikes", "dailynewlikes", "dailyunlikes"}
    return (
        header[0] in ("tweetid", "postid")
        or ("date" in header and bool(figures & set(header)))
        or (len(header) == 2 and header[0] == "date" and header[1] in META_2022_LABELS)
    )


def _head(text: str, lines: int = 20) -> str:
    """The first lines of a text (enough to find a header below blank lines)."""
    end = -1
    for _ in range(lines):
        end = text.find("\n", end + 1)
        if end < 0:
            return text
    return text[: end + 1]


def _read_rows(text: str, delimiter: str) -> tuple[list[_Row], tuple[int, str] | None]:
    """Non-empty CSV records with their spreadsheet line (readers.csv_records)."""
    records, error = csv_records(text, delimiter)
    rows = [
        _Row(line, [str(cell).strip() for cell in cells])
        for line, cells in records
        if any(str(cell).strip() for cell in cells)
    ]
    if error is not None:
        return rows, (error[0], f"not readable as CSV: {error[1]}")
    return rows, None


def parse_date(value: str) -> dt.date | None:
    """A date written as in the native exports (ISO, `12/15/16`, `Sat, Sep 6, 2025`), or None."""
    return parse_day(value, month_first=True)


def parse_count(value: str) -> int | None:
    """A whole number such as `3`, `"1,234"` or `1938.0`, or None when it is not one."""
    value = value.strip()
    if not _INTEGER.match(value):
        return None
    return int(re.sub(r"[,\s\u00a0\u202f]", "", value).split(".")[0])


class _Collector:
    """Turns the data rows of one export into records, collecting every problem."""

    def __init__(self, path: Path, result: NativeResult, platform: str, source: str) -> None:
        self.file = str(path)
        self.result = result
        self.platform = platform
        self.source = source
        self.seen: dict[dt.date, int] = {}
        self.empty = 0

    def problem(self, line: int, column: str, message: str) -> None:
        self.result.problems.append(Problem(self.file, line, column, message))

    def date(self, row: _Row, index: int, column: str) -> dt.date | None:
        value = _cell(row, index)
        day = parse_date(value)
        if day is None:
            message = "empty date" if not value else f"not a date: {value!r}"
            self.problem(row.line, column, message)
        elif day in self.seen:
            self.problem(row.line, column, f"{day} already on line {self.seen[day]}")
            return None
        else:
            self.seen[day] = row.line
        return day

    def count(self, row: _Row, index: int | None, column: str) -> int | None:
        value = _cell(row, index)
        number = parse_count(value) if value else None
        if value and number is None:
            self.problem(row.line, column, f"not a whole number: {value!r}")
        return number

    def add(self, row: _Row, day: dt.date, followers: int | None, net: int | None) -> None:
        self.result.records.append(
            {
                "line": row.line,
                "platform": self.platform,
                "date": day,
                "followers": followers,
                "net_change": net,
                "source": self.source,
            }
        )

    def finish(self) -> NativeResult:
        self.result.records.sort(key=lambda r: r["date"])
        if self.empty:
            self.result.warnings.append(f"{self.empty} row(s) with no value skipped (not recorded)")
        return self.result


def _cell(row: _Row, index: int | None) -> str:
    if index is None or index >= len(row.cells):
        return ""
    return row.cells[index]


def _index(header: list[str], key: str) -> int | None:
    return header.index(key) if key in header else None


def _platform_of_file(
    path: Path, result: NativeResult, line: int, own: str, given: str | None
) -> str:
    """The platform the file itself names; a different `--platform` is a problem."""
    if given and platform_name(given) != own:
        result.problems.append(
            Problem(
                str(path),
                line,
                "",
                f"this {result.export_name} export is for {own}, but the platform given is "
                f"{platform_name(given)}",
            )
        )
    return own


def _per_post(path: Path) -> NativeResult:
    name = "X per-post analytics"
    message = (
        "this is a per-post (per-tweet) analytics export: it carries no follower figures; "
        f"the X account overview export ({X_OVERVIEW_FILE}) carries them"
    )
    return NativeResult(name, problems=[Problem(str(path), 1, "", message)])


def _x_overview(path: Path, rows: list[_Row], platform: str | None) -> NativeResult:
    result = NativeResult("X account overview", columns={"net_change"})
    own = _platform_of_file(path, result, 1, X, platform)
    names = rows[0].cells
    header = [norm_key(c) for c in names]
    i_date, i_new, i_un = (_index(header, k) for k in ("date", "newfollows", "unfollows"))
    if i_un is None:
        result.problems.append(Problem(str(path), 1, "Unfollows", "missing column"))
        return result
    source = f"X account overview {path.name}: daily New follows - Unfollows"
    rows_in = _Collector(path, result, own, source)
    for row in rows[1:]:
        if not _cell(row, i_new) and not _cell(row, i_un):
            rows_in.empty += 1
            continue
        day = rows_in.date(row, i_date, names[i_date])
        new = rows_in.count(row, i_new, names[i_new])
        gone = rows_in.count(row, i_un, names[i_un])
        for index, number in ((i_new, new), (i_un, gone)):
            if number is None and not _cell(row, index):
                rows_in.problem(row.line, names[index], "empty cell")
        if day is not None and new is not None and gone is not None:
            rows_in.add(row, day, None, new - gone)
    return rows_in.finish()


def _facebook_insights(path: Path, rows: list[_Row], platform: str | None) -> NativeResult:
    result = NativeResult("Facebook Insights data export (legacy)")
    own = _platform_of_file(path, result, 1, FACEBOOK, platform)
    names = rows[0].cells
    header = [norm_key(c) for c in names]
    i_date = _index(header, "date")
    i_total = _index(header, "lifetimetotallikes")
    i_new, i_un = _index(header, "dailynewlikes"), _index(header, "dailyunlikes")
    with_net = i_new is not None and i_un is not None
    if i_total is not None:
        result.columns.add("followers")
    if with_net:
        result.columns.add("net_change")
    if not result.columns:
        result.problems.append(
            Problem(
                str(path),
                1,
                "",
                "no follower figures: needs Lifetime Total Likes, or Daily New Likes "
                "and Daily Unlikes",
            )
        )
        return result
    source = f"Facebook Insights export {path.name}: Lifetime Total Likes" + (
        "; net change Daily New Likes - Daily Unlikes" if with_net else ""
    )
    rows_in = _Collector(path, result, own, source)
    body = rows[1:]
    # Row 2 holds long descriptions of the metrics, not data; its date cell is not a date.
    if body and parse_date(_cell(body[0], i_date)) is None:
        body = body[1:]
    for row in body:
        wanted = [i for i in (i_total, i_new, i_un) if i is not None]
        if not any(_cell(row, i) for i in wanted):
            rows_in.empty += 1
            continue
        day = rows_in.date(row, i_date, names[i_date])
        total = rows_in.count(row, i_total, names[i_total]) if i_total is not None else None
        net = None
        if with_net:
            new = rows_in.count(row, i_new, names[i_new])
            gone = rows_in.count(row, i_un, names[i_un])
            if new is not None and gone is not None:
                net = new - gone
        if day is not None and (total is not None or net is not None):
            rows_in.add(row, day, total, net)
    return rows_in.finish()


def _meta_2022(path: Path, rows: list[_Row], platform: str | None) -> NativeResult:
    label = rows[0].cells[1]
    result = NativeResult("Meta Business Suite metric (2022 form)", columns={"net_change"})
    # The spec: platform Facebook unless the platform given says otherwise.
    own = platform_name(platform) if platform else META_2022_LABELS[norm_key(label)] or FACEBOOK
    source = f"Meta Business Suite export {path.name}: daily {label} (losses not counted)"
    rows_in = _Collector(path, result, own, source)
    for row in rows[1:]:
        if not _cell(row, 1):
            rows_in.empty += 1
            continue
        day = rows_in.date(row, 0, rows[0].cells[0])
        count = rows_in.count(row, 1, label)
        if day is not None and count is not None:
            rows_in.add(row, day, None, count)
    if result.records:
        result.warnings.append(_new_only_warning(label))
    return rows_in.finish()


def _meta_metric(
    path: Path, text: str, delimiter: str, platform: str | None
) -> NativeResult | None:
    """The UTF-16 Meta Business Suite export: `sep=,`, a metric title, `"Date","Primary"`."""
    rows, csv_error = _read_rows(text, delimiter)
    rows = rows[1:]  # the `sep=` line
    if len(rows) < 2:
        return None
    header = [norm_key(c) for c in rows[1].cells]
    if len(rows[0].cells) != 1 or "date" not in header or "primary" not in header:
        return None
    title_row, names = rows[0], rows[1].cells
    title = title_row.cells[0]
    result = NativeResult("Meta Business Suite metric", columns={"net_change"})
    key = norm_key(title)
    if key not in META_FOLLOW_TITLES:
        result.problems.append(
            Problem(
                str(path),
                title_row.line,
                "",
                f"the metric {title!r} carries no follower figures; "
                "export 'Facebook follows' or 'Instagram follows'",
            )
        )
        return result
    own = META_FOLLOW_TITLES[key]
    if own is None:
        if not platform:
            result.problems.append(
                Problem(str(path), title_row.line, "", f"{title!r} names no platform: give one")
            )
            return result
        own = platform_name(platform)
    else:
        own = _platform_of_file(path, result, title_row.line, own, platform)
    i_date, i_value = header.index("date"), header.index("primary")
    source = f"Meta Business Suite export {path.name}: daily new follows (unfollows not counted)"
    rows_in = _Collector(path, result, own, source)
    for row in rows[2:]:
        if not _cell(row, i_value):
            rows_in.empty += 1
            continue
        day = rows_in.date(row, i_date, names[i_date])
        count = rows_in.count(row, i_value, names[i_value])
        if day is not None and count is not None:
            rows_in.add(row, day, None, count)
    if csv_error:
        result.problems.append(Problem(str(path), csv_error[0], "", csv_error[1]))
    if result.records:
        result.warnings.append(_new_only_warning(title))
    return rows_in.finish()


def _new_only_warning(label: str) -> str:
    return (
        f"{label!r} counts gains only (new likes or follows; losses are not in "
        "this export), so growth read from it is an upper bound"
    )
