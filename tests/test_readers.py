"""Readers: encodings, delimiters, spreadsheet line numbers, XLSX sheets, unreadable files."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from data_loaders.readers import (
    ReadError,
    decode_text,
    detect_delimiter,
    parse_csv_text,
    parse_xlsx,
    read_table,
)

CITIES_TEXT = "city,country,population\nKlaksvík,FO,5000\nZürich,CH,420000\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_each_accepted_encoding_reads_the_same_table(tmp_path, encoding):
    path = tmp_path / "cities.csv"
    path.write_bytes(CITIES_TEXT.encode(encoding))
    table = read_table(path, "cities")
    assert table.columns == ["city", "country", "population"]
    assert table.rows == [(2, ["Klaksvík", "FO", "5000"]), (3, ["Zürich", "CH", "420000"])]


def test_utf16_without_its_bom_is_refused_not_misread():
    data = CITIES_TEXT.encode("utf-16-le")
    with pytest.raises(ReadError, match="not a text file"):
        decode_text(data)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiter_is_detected_from_the_header(delimiter):
    text = delimiter.join(["city", "country", "source"]) + "\nOslo" + delimiter + "NO" + "\n"
    assert detect_delimiter(text) == delimiter
    assert parse_csv_text(text, "f.csv").columns == ["city", "country", "source"]


def test_delimiter_inside_quotes_does_not_count():
    assert detect_delimiter('"a;b;c;d",x,y\n1,2,3\n') == ","


def test_an_excel_sep_line_sets_the_delimiter_and_is_not_counted():
    table = parse_csv_text("sep=;\ncity;country\nOslo;NO\n", "f.csv")
    assert table.columns == ["city", "country"]
    assert table.rows == [(2, ["Oslo", "NO"])]
    assert table.decimal_comma is True


def test_semicolon_files_take_the_decimal_comma():
    assert parse_csv_text("a;b\n1,5;2\n", "f.csv").decimal_comma is True
    assert parse_csv_text("a,b\n1,2\n", "f.csv").decimal_comma is False


def test_line_numbers_count_rows_as_a_spreadsheet_shows_them():
    text = 'title,kind\n"two\nlines",news\n\nlast,news\n'
    table = parse_csv_text(text, "f.csv")
    # The quoted newline stays in row 2; the blank row 3 is skipped but still counted.
    assert [line for line, _ in table.rows] == [2, 4]
    assert table.rows[0][1][0] == "two\nlines"


def test_comment_lines_above_the_header_are_skipped_and_counted():
    table = parse_csv_text("# exported 2025-01-01\ncity,country\nOslo,NO\n", "f.csv")
    assert table.header_line == 2
    assert table.rows == [(3, ["Oslo", "NO"])]


def test_cells_beyond_the_header_are_ignored_with_a_warning():
    table = parse_csv_text("city,country\nOslo,NO,extra\n", "f.csv")
    assert table.rows == [(2, ["Oslo", "NO"])]
    assert table.warnings == ["f.csv: cells without a column header ignored (lines 2)"]


@pytest.mark.parametrize("content", [b"", b"  \n\n", "\ufeff".encode()])
def test_an_empty_file_is_refused(tmp_path, content):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    with pytest.raises(ReadError, match="empty"):
        read_table(path, "cities")


def test_a_header_without_rows_is_refused():
    with pytest.raises(ReadError, match="no rows"):
        parse_csv_text("city,country\n", "f.csv")


def test_a_missing_file_is_a_read_error(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        read_table(tmp_path / "nope.csv", "cities")


def _workbook_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_prefers_the_sheet_named_like_the_dataset():
    data = _workbook_bytes(
        {
            "Notes": [["just notes"]],
            "Network members": [["network", "city", "country"], ["RECI", "Bilbao", "ES"]],
        }
    )
    table = parse_xlsx(data, "m.xlsx", "network-members")
    assert table.columns == ["network", "city", "country"]
    assert table.rows == [(2, ["RECI", "Bilbao", "ES"])]


def test_xlsx_reads_the_first_sheet_with_typed_cells_and_sheet_line_numbers():
    data = _workbook_bytes(
        {
            "Sheet A": [
                ["date", "kind", "title", "participants"],
                [],
                [dt.datetime(2017, 3, 21), "campaign", "  Day against racism ", 120],
            ],
            "Other": [["x"]],
        }
    )
    table = parse_xlsx(data, "a.xlsx", "activities")
    assert table.rows == [(3, [dt.date(2017, 3, 21), "campaign", "Day against racism", 120])]


def test_a_file_named_xlsx_that_is_no_workbook_is_a_read_error(tmp_path):
    path = tmp_path / "cities.xlsx"
    path.write_text("city,country\nOslo,NO\n")
    with pytest.raises(ReadError, match="not an Excel workbook"):
        read_table(path, "cities")


def test_an_old_xls_file_is_refused_with_advice(tmp_path):
    path = tmp_path / "cities.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0 old binary")
    with pytest.raises(ReadError, match=r"save it as \.xlsx or CSV"):
        read_table(path, "cities")
