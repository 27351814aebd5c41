"""Readers: CSV (any of the accepted encodings and delimiters) and XLSX into one plain table."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import ParseError

from data_loaders.vocab import norm_key

DELIMITERS: tuple[str, ...] = (",", ";", "\t")
XLSX_ENDINGS: tuple[str, ...] = (".xlsx", ".xlsm")
# One line of CSV text with its ending (\r\n, \r or \n, as csv's newline="" reading sees them).
_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+$")
# A line above the header that starts with this is a comment (our own exports write them).
COMMENT_MARK = "#"


class ReadError(Exception):
    """The whole file cannot be read; the message is one plain sentence."""


@dataclass
class Table:
    """A file read as a header and rows of cells, each row with its spreadsheet line."""

    file: str  # the file name as the user gave it
    columns: list[str]  # header cells as written (blank headers dropped)
    # A list, or (read lazily for an import) an iterator consumed once.
    rows: list[tuple[int, list[object]]] | Iterator[tuple[int, list[object]]] = field(
        default_factory=list
    )
    decimal_comma: bool = False  # ";"-delimited CSV: "12,5" is twelve and a half
    header_line: int = 1
    warnings: list[str] = field(default_factory=list)


def read_bytes(path: Path) -> bytes:
    """The bytes of a file; ReadError with a plain reason when it cannot be opened."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise ReadError("does not exist (no such file)") from exc
    except IsADirectoryError as exc:
        raise ReadError("is a folder, not a file") from exc
    except OSError as exc:
        raise ReadError(f"cannot be read ({exc.strerror or exc})") from exc


def decode_text(data: bytes) -> str:
    """Text of a CSV: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    try:
        if data.startswith(codecs.BOM_UTF8):
            return data[len(codecs.BOM_UTF8) :].decode("utf-8")
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16")
    except UnicodeDecodeError as exc:
        raise ReadError("is not valid text in the encoding its byte-order mark announces") from exc
    if data.count(b"\x00") * 8 > len(data):
        # UTF-16 without its byte-order mark, or a binary file; a stray NUL in a text file
        # is left to the validator, which names its line and column.
        raise ReadError("is not a text file (CSV) nor an .xlsx workbook")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ReadError("cannot be decoded as UTF-8, UTF-16 or Windows-1252 text") from exc


def detect_delimiter(text: str) -> str:
    """The delimiter of the header line: whichever of `,` `;` tab occurs most outside quotes."""
    header = ""
    for match in _LINE.finditer(text):
        line = match[0]
        if line.strip() and not line.lstrip().startswith(COMMENT_MARK):
            header = line
            break
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in header:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _is_blank(cells: list[object]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _is_comment(cells: list[object]) -> bool:
    first = cells[0] if cells else None
    return isinstance(first, str) and first.lstrip().startswith(COMMENT_MARK)


def _build_table(
    name: str, records: Iterable[tuple[int, list[object]]], lazy: bool = False, **extra: object
) -> Table:
    """Header = the first row that is neither blank nor a comment; the rows below it.

    `lazy`: the rows are read as they are consumed (an import of a big file never holds
    them all); an empty body then raises ReadError when the rows run out.
    """
    it = iter(records)
    for line, cells in it:
        if _is_blank(cells) or _is_comment(cells):
            continue
        header_line, header_cells = line, cells
        break
    else:
        raise ReadError("is empty (no header line)")
    headers = ["" if c is None else str(c).strip() for c in header_cells]
    keep = [i for i, h in enumerate(headers) if h]
    dropped = set(range(len(headers))) - set(keep)
    table = Table(file=name, columns=[headers[i] for i in keep], header_line=header_line, **extra)

    def rows() -> Iterator[tuple[int, list[object]]]:
        orphan_lines: list[int] = []
        count = 0
        for line, cells in it:
            if _is_blank(cells):
                continue
            padded = list(cells) + [None] * (len(headers) - len(cells))
            beyond = padded[len(headers) :] + [padded[i] for i in dropped]
            if not _is_blank(beyond):
                orphan_lines.append(line)
            count += 1
            yield (line, [padded[i] for i in keep])
        if orphan_lines:
            shown = ", ".join(map(str, orphan_lines[:10]))
            table.warnings.append(
                f"{name}: cells without a column header ignored (lines "
                f"{shown}{', ...' if len(orphan_lines) > 10 else ''})"
            )
        if not count:
            raise ReadError("has a header but no rows below it")

    table.rows = rows() if lazy else list(rows())
    return table


def parse_csv_text(text: str, name: str, lazy: bool = False) -> Table:
    """A table from CSV text; LINE counts records as a spreadsheet shows them (header = 1)."""
    text = text.removeprefix("\ufeff")
    if not text or text.isspace():
        raise ReadError("is empty")
    first = text[: text.find("\n")] if "\n" in text[:4096] else text[:4096]
    if first.strip().lower().startswith("sep=") and len(first.strip()) == 5:
        # Excel's delimiter hint: Excel hides that line, so the header is still line 1.
        delimiter, text = first.strip()[4], text[len(first) + 1 :]
    else:
        delimiter = detect_delimiter(text)
    return _build_table(name, _csv_rows(text, delimiter), lazy, decimal_comma=delimiter == ";")


def _csv_rows(text: str, delimiter: str) -> Iterator[tuple[int, list[object]]]:
    """csv_records as they are read; ReadError where the text stops being CSV."""
    # Lines cut from the text as the reader asks (io.StringIO would copy a big file whole).
    reader = csv.reader((m[0] for m in _LINE.finditer(text)), delimiter=delimiter)
    try:
        yield from enumerate(reader, start=1)
    except csv.Error as exc:
        raise ReadError(f"is not readable as CSV ({exc})") from exc


def csv_records(
    text: str, delimiter: str
) -> tuple[list[tuple[int, list[object]]], tuple[int, str] | None]:
    """The one CSV reader: records numbered as a spreadsheet shows them (the first is 1).

    A record with a quoted line break is one spreadsheet row, so records are counted, not
    lines. Returns the records read and, when the text stops being CSV, (line, reason).
    """
    records: list[tuple[int, list[object]]] = []
    try:
        records.extend(_csv_rows(text, delimiter))
    except ReadError as exc:
        return records, (len(records) + 1, str(exc.__cause__))
    return records, None


def _sheet_for(workbook, kind: str):
    """The sheet named like the dataset, else the first one."""
    wanted = norm_key(kind)
    for sheet in workbook.worksheets:
        if norm_key(sheet.title) == wanted:
            return sheet
    return workbook.worksheets[0]


def parse_xlsx(data: bytes, name: str, kind: str) -> Table:
    """A table from an .xlsx workbook: the sheet named like `kind`, else the first."""
    # openpyxl is imported here so that reading CSV never pays for it.
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise ReadError("is not an Excel workbook (.xlsx), although its name ends so") from exc
    try:
        if not workbook.worksheets:
            raise ReadError("is a workbook without sheets")
        sheet = _sheet_for(workbook, kind)
        # Some writers store a wrong sheet size; read every row that is there instead.
        sheet.reset_dimensions()
        records: list[tuple[int, list[object]]] = []
        try:
            rows = enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1)
            for number, values in rows:
                cells: list[object] = []
                for value in values:
                    if isinstance(value, str):
                        value = value.strip()
                    elif isinstance(value, dt.datetime) and value.time() == dt.time(0):
                        value = value.date()
                    cells.append(value)
                records.append((number, cells))
        except (ParseError, ValueError, KeyError) as exc:
            # Raw control characters (or other damage) make the sheet's XML unreadable.
            raise ReadError(
                "is not an Excel workbook that can be read (its sheet is damaged)"
            ) from exc
    finally:
        workbook.close()
    if not records:
        raise ReadError("has an empty sheet")
    return _build_table(name, records)


def is_xlsx_name(path: Path | str) -> bool:
    """True when the file's name says it is an .xlsx workbook."""
    return str(path).lower().endswith(XLSX_ENDINGS)


def read_table(path: Path | str, kind: str, name: str | None = None) -> Table:
    """Read a CSV or XLSX file (by its ending) into a Table; ReadError when it cannot."""
    name = name if name is not None else str(path)
    data = read_bytes(Path(path))
    return table_from_bytes(data, path, kind, name)


def table_from_bytes(
    data: bytes, path: Path | str, kind: str, name: str, lazy: bool = False
) -> Table:
    """A Table from bytes already read: XLSX by the name's ending, else CSV (`lazy` rows)."""
    if not data.strip():
        raise ReadError("is empty")
    if str(path).lower().endswith(".xls"):
        raise ReadError("is an old Excel .xls file: save it as .xlsx or CSV")
    if is_xlsx_name(path):
        return parse_xlsx(data, name, kind)
    return parse_csv_text(decode_text(data), name, lazy)
