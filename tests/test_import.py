"""Import: all or nothing, upsert counts, provenance, cities and the gazetteer, export, sample."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from data_loaders import db, importer
from data_loaders.export import dataset_frame, export_dataset, safe_cell, write_table
from data_loaders.schema import City, Follower, ImportRecord, IndexScore
from data_loaders.validate import UsageError

FIXTURES = Path(__file__).parent / "fixtures" / "import"
HAS_GAZETTEER = importlib.util.find_spec("data_loaders.gazetteer") is not None

CITIES = (
    "city,country,joined,population,foreign_born_pct,lat,lon,source\n"
    "Klaksvík,Faroe Islands,2017,5000,12.5,62.2266,-6.589,ICC website\n"
    "Oslo,NO,2010,700000,28.5,59.91,10.75,ICC website\n"
    "Botkyrka,SE,2012,95000,,59.2,17.83,illustrative\n"
)


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _rows(url: str, model) -> list:
    with Session(db.get_engine(url)) as session:
        return list(session.scalars(select(model)))


@pytest.fixture
def no_gazetteer(monkeypatch):
    """Tests that must not depend on what the offline gazetteer knows."""
    monkeypatch.setattr(importer, "_gazetteer_lookup", lambda city, country: None)


@pytest.fixture
def cities_on_file(db_any, tmp_path, no_gazetteer) -> str:
    """A database with three cities."""
    importer.import_files("cities", [_write(tmp_path, "cities.csv", CITIES)], url=db_any)
    return db_any


def test_second_import_of_the_same_file_changes_nothing(db_any, tmp_path, no_gazetteer):
    path = _write(tmp_path, "cities.csv", CITIES)
    first = importer.import_files("cities", [path], url=db_any)
    version = db.data_version(db_any)
    second = importer.import_files("cities", [path], url=db_any)
    assert first.files[0].summary() == "3 new, 0 updated, 0 unchanged"
    assert second.files[0].summary() == "0 new, 0 updated, 3 unchanged"
    assert db.data_version(db_any) == version
    records = _rows(db_any, ImportRecord)
    assert [(r.rows_new, r.rows_unchanged) for r in records] == [(3, 0), (0, 3)]
    assert records[0].sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert records[0].file_name == str(path)
    assert records[0].sources == "ICC website; illustrative"


def test_a_changed_value_updates_the_row_and_counts_it(cities_on_file, tmp_path):
    version = db.data_version(cities_on_file)
    changed = CITIES.replace("700000", "709000")
    report = importer.import_files(
        "cities", [_write(tmp_path, "c2.csv", changed)], url=cities_on_file
    )
    assert report.files[0].summary() == "0 new, 1 updated, 2 unchanged"
    assert db.data_version(cities_on_file) == version + 1
    oslo = next(c for c in _rows(cities_on_file, City) if c.city == "Oslo")
    assert oslo.population == 709000


def test_an_absent_optional_column_keeps_the_stored_value_and_an_empty_cell_clears_it(
    cities_on_file, tmp_path
):
    partial = "city,country,joined,source\nOslo,NO,2011,ICC website\n"
    importer.import_files("cities", [_write(tmp_path, "p.csv", partial)], url=cities_on_file)
    oslo = next(c for c in _rows(cities_on_file, City) if c.city == "Oslo")
    assert (oslo.joined, oslo.population, oslo.lat) == (2011, 700000, 59.91)

    emptied = "city,country,foreign_born_pct\nOslo,NO,\n"
    importer.import_files("cities", [_write(tmp_path, "e.csv", emptied)], url=cities_on_file)
    oslo = next(c for c in _rows(cities_on_file, City) if c.city == "Oslo")
    assert oslo.foreign_born_pct is None
    assert oslo.population == 700000


def test_a_city_is_matched_by_folded_name_and_keeps_its_spelling(cities_on_file, tmp_path):
    text = "city,country,population\nKLAKSVIK,FO,5100\n"
    report = importer.import_files("cities", [_write(tmp_path, "k.csv", text)], url=cities_on_file)
    assert report.files[0].summary() == "0 new, 1 updated, 0 unchanged"
    names = sorted(c.city for c in _rows(cities_on_file, City))
    assert names == ["Botkyrka", "Klaksvík", "Oslo"]


def test_index_rows_take_the_spelling_of_the_city_on_file(cities_on_file, tmp_path):
    text = "city,country,year,Intercultural commitment,Education\nKlaksvik,FO,2017,80,55\n"
    importer.import_files("index", [_write(tmp_path, "i.csv", text)], url=cities_on_file)
    rows = _rows(cities_on_file, IndexScore)
    assert sorted((r.city, r.indicator, r.score) for r in rows) == [
        ("Klaksvík", "commitment", 80.0),
        ("Klaksvík", "education", 55.0),
    ]


BAD_FILES = [
    ("cities", "city,country,population\nOslo,NO,lots\n"),
    ("cities", "city,country\nOslo,NO\nOslo,Norway\n"),
    ("index", "city,country,year,indicator,score\nOslo,NO,2017,commitment,120\n"),
    ("index", "city,country,year,indicator,score\nTromsø,NO,2017,commitment,50\n"),
    ("activities", "date,kind,title,participants,women,men\n2017,seminar,A,10,8,8\n"),
    ("metrics", "year,metric,value\n1985,members_total,121\n"),
]


@pytest.mark.parametrize(("kind", "text"), BAD_FILES)
def test_a_refused_file_leaves_the_database_exactly_as_it_was(
    cities_on_file, tmp_path, dump, kind, text
):
    before = dump(cities_on_file)
    report = importer.import_files(kind, [_write(tmp_path, "bad.csv", text)], url=cities_on_file)
    assert not report.ok
    assert not report.written
    assert dump(cities_on_file) == before


def test_several_files_are_imported_all_or_nothing(cities_on_file, tmp_path, dump):
    good = _write(tmp_path, "good.csv", "year,metric,value\n2017,members_total,121\n")
    bad = _write(tmp_path, "bad.csv", "year,metric,value\n2018,members_total,x\n")
    before = dump(cities_on_file)
    report = importer.import_files("metrics", [good, bad], url=cities_on_file)
    assert [str(p) for p in report.problems] == [f"{bad}:2: value: 'x' is not a number"]
    assert dump(cities_on_file) == before


def test_a_dry_run_counts_what_it_would_write_and_writes_nothing(cities_on_file, tmp_path, dump):
    text = "year,metric,value\n2017,members_total,121\n2018,members_total,135\n"
    before = dump(cities_on_file)
    report = importer.import_files(
        "metrics", [_write(tmp_path, "m.csv", text)], url=cities_on_file, dry_run=True
    )
    assert report.files[0].summary() == "2 new, 0 updated, 0 unchanged"
    assert not report.written
    assert dump(cities_on_file) == before


def test_an_unreadable_file_is_a_problem_not_an_error(db_any, tmp_path):
    fake = _write(tmp_path, "cities.xlsx", "city,country\nOslo,NO\n")
    report = importer.import_files("cities", [fake, tmp_path / "missing.csv"], url=db_any)
    assert [str(p) for p in report.problems] == [
        f"{fake}: the file is not an Excel workbook (.xlsx), although its name ends so",
        f"{tmp_path / 'missing.csv'}: the file does not exist (no such file)",
    ]


def test_xlsx_and_csv_of_the_same_data_import_alike(db_any, tmp_path, no_gazetteer):
    workbook = Workbook()
    sheet = workbook.active
    for line in CITIES.splitlines():
        cells = line.split(",")
        sheet.append([float(c) if c.replace(".", "").lstrip("-").isdigit() else c for c in cells])
    workbook.save(tmp_path / "cities.xlsx")
    importer.import_files("cities", [tmp_path / "cities.xlsx"], url=db_any)
    report = importer.import_files("cities", [_write(tmp_path, "c.csv", CITIES)], url=db_any)
    assert report.files[0].summary() == "0 new, 0 updated, 3 unchanged"


def test_gazetteer_places_a_city_and_the_files_population_wins(db_any, tmp_path, monkeypatch):
    class Hit:
        name, lat, lon, population = "Odesa", 46.48, 30.74, 1_010_000

    monkeypatch.setattr(importer, "_gazetteer_lookup", lambda city, country: Hit())
    text = "city,country,population\nOdessa,Ukraine,1000000\n"
    report = importer.import_files("cities", [_write(tmp_path, "c.csv", text)], url=db_any)
    assert report.warnings == []
    (odessa,) = _rows(db_any, City)
    assert (odessa.lat, odessa.lon, odessa.population) == (46.48, 30.74, 1_000_000)
    assert odessa.geo_source == "gazetteer: Odesa"


def test_a_city_nobody_can_place_is_imported_unplaced_with_a_warning(
    db_any, tmp_path, no_gazetteer
):
    text = "city,country,lat,lon\nTumba Nova,SE,,\nNull Island,GH,0,0\n"
    path = _write(tmp_path, "c.csv", text)
    report = importer.import_files("cities", [path], url=db_any)
    assert report.ok
    unplaced = "not placed on the map: no lat/lon in the file and not in the gazetteer"
    assert sorted(report.warnings) == [
        f"{path}:2: Tumba Nova (SE) {unplaced}",
        f"{path}:3: Null Island (GH) {unplaced}",
        f"{path}:3: lat/lon 0,0 taken as no coordinates for Null Island",
    ]
    assert [(c.lat, c.lon) for c in _rows(db_any, City)] == [(None, None), (None, None)]
    assert _rows(db_any, ImportRecord)[0].warnings == 3


@pytest.mark.skipif(not HAS_GAZETTEER, reason="data_loaders.gazetteer is not there yet")
def test_klaksvik_and_odessa_get_coordinates_from_the_gazetteer(db_any, tmp_path):
    text = "city,country\nKlaksvik,FO\nOdessa,UA\n"
    importer.import_files("cities", [_write(tmp_path, "c.csv", text)], url=db_any)
    placed = {c.city: c for c in _rows(db_any, City)}
    assert 62 < placed["Klaksvik"].lat < 62.5
    assert 46 < placed["Odessa"].lat < 47
    assert placed["Odessa"].geo_source.startswith("gazetteer: ")


def test_hand_kept_follower_sheet_takes_the_platform_option(db_any):
    path = FIXTURES / "twitter-metrics-monthly-handkept.csv"
    with pytest.raises(UsageError, match="--platform"):
        importer.import_files("followers", [path], url=db_any)
    report = importer.import_files("followers", [path], url=db_any, platform="twitter")
    assert report.ok
    assert report.files[0].skipped == 23
    assert report.files[0].new == 49
    rows = _rows(db_any, Follower)
    assert {r.platform for r in rows} == {"X (Twitter)"}
    latest = max(rows, key=lambda r: r.date)
    assert (latest.date, latest.followers) == (dt.date(2022, 1, 3), 33464)


def test_net_changes_without_totals_never_wipe_a_stored_total(db_any, tmp_path):
    totals = "platform,date,followers\nX,2025-09-06,1200\n"
    changes = "platform,date,net_change\nX,2025-09-06,4\nX,2025-09-07,-1\n"
    importer.import_files("followers", [_write(tmp_path, "t.csv", totals)], url=db_any)
    report = importer.import_files("followers", [_write(tmp_path, "n.csv", changes)], url=db_any)
    assert report.files[0].summary() == "1 new, 1 updated, 0 unchanged"
    rows = {r.date.day: (r.followers, r.net_change) for r in _rows(db_any, Follower)}
    assert rows == {6: (1200, 4), 7: (None, -1)}


def test_a_big_file_reports_progress(db_url, tmp_path):
    lines = ["year,metric,value"] + [
        f"{year},metric_{n},{n}" for year in range(1990, 2020) for n in range(200)
    ]
    path = _write(tmp_path, "big.csv", "\n".join(lines) + "\n")
    seen: list[str] = []
    report = importer.import_files("metrics", [path], url=db_url, progress=seen.append)
    assert report.files[0].new == 6000
    assert seen == [f"{path}: 5,000 rows"]


def test_safe_cell_defuses_formulas_but_keeps_numbers():
    assert safe_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("+cmd") == "'+cmd"
    assert safe_cell("-5") == "-5"
    assert safe_cell("+3.5") == "+3.5"
    assert safe_cell("Oslo") == "Oslo"
    assert safe_cell(-5) == -5


def test_write_table_puts_comment_lines_above_the_header_in_csv_and_xlsx(tmp_path):
    frame = pd.DataFrame({"city": ["=cmd()", "Oslo"], "score": [50.0, 61.5]})
    write_table(frame, tmp_path / "t.csv", header_lines=["Source: ICC"])
    lines = (tmp_path / "t.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines == ["# Source: ICC", "city,score", "'=cmd(),50", "Oslo,61.5"]
    write_table(frame, tmp_path / "t.xlsx", header_lines=["Source: ICC"])
    sheet = load_workbook(tmp_path / "t.xlsx").active
    assert [list(r) for r in sheet.iter_rows(values_only=True)] == [
        ["# Source: ICC", None],
        ["city", "score"],
        ["'=cmd()", 50],
        ["Oslo", 61.5],
    ]


@pytest.mark.parametrize("ending", [".csv", ".xlsx"])
def test_an_export_imports_again_unchanged(cities_on_file, tmp_path, ending):
    text = "date,kind,title,participants,women,men\n2017-03,seminar,=Lab,40,20,18\n"
    importer.import_files("activities", [_write(tmp_path, "a.csv", text)], url=cities_on_file)
    for kind in ("cities", "activities"):
        path = tmp_path / f"{kind}{ending}"
        assert export_dataset(kind, path, url=cities_on_file) > 0
        report = importer.import_files(kind, [path], url=cities_on_file)
        assert report.ok, report.problems
        assert report.files[0].new == report.files[0].updated == 0


def test_followers_export_has_the_contract_columns(db_any, tmp_path):
    text = "platform,date,followers\nX,2025-09-06,1200\nFacebook,2025-09-06,300\n"
    importer.import_files("followers", [_write(tmp_path, "f.csv", text)], url=db_any)
    frame = dataset_frame("followers", url=db_any)
    assert list(frame.columns) == ["platform", "date", "followers", "net_change", "derived"]
    assert len(frame) == 2


@pytest.mark.parametrize("ending", [".csv", ".xlsx"])
def test_followers_with_their_own_sources_and_statuses_export(db_any, tmp_path, ending):
    """Rows that carry a source and a status of their own add provenance columns, joined to
    the derived totals by platform and date (a date read as a date on one side and as
    stored on the other failed the join: the Data page's followers download gave an
    error)."""
    text = (
        "platform,date,followers,source,status\n"
        "X,2025-09-06,1200,ICC newsletter,published\n"
        "Facebook,2025-09-06,300,,illustrative\n"
    )
    importer.import_files("followers", [_write(tmp_path, "f.csv", text)], url=db_any)
    frame = dataset_frame("followers", url=db_any)
    assert len(frame) == 2
    assert "status" in frame.columns
    statuses = dict(zip(frame["platform"], frame["status"], strict=True))
    assert statuses == {"X (Twitter)": "published", "Facebook": "illustrative"}
    path = tmp_path / f"followers{ending}"
    assert export_dataset("followers", path, url=db_any) == 2


def test_ensure_database_loads_the_sample_only_into_an_empty_database(
    db_url, tmp_path, monkeypatch, no_gazetteer
):
    sample = tmp_path / "sample"
    sample.mkdir()
    (sample / "cities.csv").write_text(CITIES, encoding="utf-8")
    (sample / "index.csv").write_text(
        "city,country,year,indicator,score,source\nOslo,NO,2019,overall,70,illustrative\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(importer, "SAMPLE_DIR", sample)
    assert importer.ensure_database(db_url) is True
    assert importer.ensure_database(db_url) is False
    assert len(_rows(db_url, IndexScore)) == 1
    assert [r.file_name for r in _rows(db_url, ImportRecord)] == [
        "sample/cities.csv",
        "sample/index.csv",
    ]


def test_the_bundled_sample_imports_without_problems(db_url):
    if not any(importer.SAMPLE_DIR.glob("*.csv")):
        pytest.skip("the bundled sample files are not there yet")
    counts = importer.load_sample(db_url)
    assert counts["cities"]["new"] > 0


HAS_SOCIAL = importlib.util.find_spec("data_loaders.social") is not None
X_OVERVIEW = (
    "Date,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,Unfollows,Replies\n"
    '"Sun, Sep 7, 2025","9,731",22,311,0,0,"1,012",5,1\n'
    '"Sat, Sep 6, 2025","12,480",31,402,2,1,12,3,4\n'
)


@pytest.mark.skipif(not HAS_SOCIAL, reason="data_loaders.social is not there yet")
def test_an_x_overview_export_adds_changes_and_keeps_the_reported_total(db_any, tmp_path):
    totals = "platform,date,followers,source\nX,2025-09-06,1200,annual report\n"
    importer.import_files("followers", [_write(tmp_path, "t.csv", totals)], url=db_any)
    path = _write(tmp_path, "account_overview_analytics.csv", X_OVERVIEW)
    report = importer.import_files("followers", [path], url=db_any)
    assert report.ok, report.problems
    assert report.files[0].summary() == "1 new, 1 updated, 0 unchanged"
    rows = {r.date.day: (r.platform, r.followers, r.net_change) for r in _rows(db_any, Follower)}
    assert rows == {6: ("X (Twitter)", 1200, 9), 7: ("X (Twitter)", None, 1007)}
    sep_6 = next(r for r in _rows(db_any, Follower) if r.date.day == 6)
    assert sep_6.source.startswith("annual report; X account overview")
    again = importer.import_files("followers", [path], url=db_any)
    assert again.files[0].summary() == "0 new, 0 updated, 2 unchanged"


@pytest.mark.skipif(not HAS_SOCIAL, reason="data_loaders.social is not there yet")
def test_a_per_tweet_export_is_refused_and_names_the_export_to_use(db_url, dump):
    before = dump(db_url)
    path = FIXTURES / "tweet-activity-metrics-per-tweet.csv"
    report = importer.import_files("followers", [path], url=db_url)
    assert not report.ok
    assert "account_overview_analytics.csv" in str(report.problems[0])
    assert dump(db_url) == before
