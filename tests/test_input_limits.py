"""Bad characters and long cells are refused by the validator, the same on every database."""

from __future__ import annotations

import codecs
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from data_loaders import cli, importer


@pytest.fixture(autouse=True)
def no_gazetteer(monkeypatch):
    monkeypatch.setattr(importer, "_gazetteer_lookup", lambda city, country: None)


def _problems(url: str, kind: str, path: Path) -> list[str]:
    report = importer.import_files(kind, [path], url=url)
    assert not report.written
    return [str(p).removeprefix(f"{path}:") for p in report.problems]


ENCODINGS = {
    "utf-8 with BOM": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-16 with BOM": lambda text: text.encode("utf-16"),
}


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x7f"])
def test_a_control_character_is_refused_with_line_and_column(
    db_any, tmp_path, dump, encoding, char
):
    before = dump(db_any)
    text = f"city,country,source\nOslo,NO,ok\nBer{char}gen,NO,ok\n"
    path = tmp_path / "c.csv"
    path.write_bytes(ENCODINGS[encoding](text))
    assert _problems(db_any, "cities", path) == [
        f"3: city: contains a control character (U+{ord(char):04X}) at position 4"
    ]
    assert dump(db_any) == before


def test_tab_and_line_breaks_inside_a_cell_are_text(db_url, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text('city,country,source\nOslo,NO,"report,\nchapter\t2"\n', encoding="utf-8")
    report = importer.import_files("cities", [path], url=db_url)
    assert report.ok and report.written


def test_an_xlsx_cannot_smuggle_a_control_character(db_url, tmp_path):
    workbook = Workbook()
    workbook.active.append(["city", "country"])
    workbook.active.append(["OsloMARK", "NO"])
    plain = io.BytesIO()
    workbook.save(plain)
    path = tmp_path / "c.xlsx"
    with zipfile.ZipFile(io.BytesIO(plain.getvalue())) as src, zipfile.ZipFile(path, "w") as out:
        for item in src.infolist():
            out.writestr(item, src.read(item.filename).replace(b"OsloMARK", b"Oslo\x1b"))
    report = importer.import_files("cities", [path], url=db_url)
    # Raw control characters make the sheet XML unreadable: the file is refused whole.
    assert not report.written
    assert "is not an Excel workbook that can be read" in str(report.problems[0])


@pytest.mark.parametrize(
    ("kind", "header", "row", "column", "limit"),
    [
        ("cities", "city,country", "{long},NO", "city", 200),
        ("cities", "city,country,source", "Oslo,NO,{long}", "source", 2000),
        ("networks", "network,name,country", "N,{long},NO", "name", 200),
        ("activities", "date,kind,title", "2017,news,{long}", "title", 500),
        (
            "cities",
            "city,country,joined,joined_source",
            "Oslo,NO,2010,{long}",
            "joined_source",
            2000,
        ),
    ],
)
def test_a_cell_over_its_length_limit_is_refused_on_every_database(
    db_any, tmp_path, kind, header, row, column, limit
):
    path = tmp_path / "f.csv"
    path.write_text(f"{header}\n{row.format(long='x' * 10_000)}\n", encoding="utf-8")
    assert _problems(db_any, kind, path) == [
        f"2: {column}: is 10,000 characters long (at most {limit:,})"
    ]


def test_a_name_at_its_limit_is_stored_whole_on_every_database(db_any, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(f"city,country\n{'x' * 200},NO\n", encoding="utf-8")
    assert importer.import_files("cities", [path], url=db_any).written


def test_status_escapes_control_characters_from_data(db_url, tmp_path, capsys):
    path = tmp_path / "c\x1b[31m.csv"
    path.write_text("city,country,source\nOslo,NO,ICC\n", encoding="utf-8")
    importer.import_files("cities", [path], url=db_url)
    capsys.readouterr()
    assert cli.main(["status", "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "c\\x1b[31m.csv" in out
