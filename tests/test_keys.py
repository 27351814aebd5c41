"""Keys for every script: folded names, unique constraints in the database, one import at a time."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from data_loaders import db, importer
from data_loaders.schema import City
from data_loaders.vocab import norm_key
from tests.conftest import write_file

pytestmark = pytest.mark.usefixtures("no_gazetteer")


def _cities(url: str) -> list[tuple[str, str]]:
    with Session(db.get_engine(url)) as session:
        return sorted(tuple(r) for r in session.execute(select(City.city, City.country)))


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Київ", "Одеса", False),
        ("Lisboa", "LISBOA", True),
        ("Montréal", "Montreal", True),
        ("Łódź", "Lodz", True),
        ("Tromsø", "Tromso", True),
        ("東京", "大阪", False),
        ("Reggio nell'Emilia", "Reggio Nell Emilia", True),
    ],
)
def test_norm_key_folds_case_and_accents_and_keeps_every_script(a, b, same):
    assert norm_key(a)
    assert (norm_key(a) == norm_key(b)) is same


def test_kyiv_and_odesa_in_one_file_are_two_cities(db_any, tmp_path):
    text = "city,country\nКиїв,UA\nОдеса,UA\n"
    report = importer.import_files("cities", [write_file(tmp_path, "c.csv", text)], url=db_any)
    assert report.ok, [str(p) for p in report.problems]
    assert _cities(db_any) == [("Київ", "UA"), ("Одеса", "UA")]


def test_odesa_in_a_second_file_never_overwrites_kyiv(db_any, tmp_path):
    importer.import_files(
        "cities", [write_file(tmp_path, "a.csv", "city,country,joined\nКиїв,UA,2008\n")], url=db_any
    )
    report = importer.import_files(
        "cities",
        [write_file(tmp_path, "b.csv", "city,country,joined\nОдеса,UA,2012\n")],
        url=db_any,
    )
    assert report.files[0].summary() == "1 new, 0 updated, 0 unchanged"
    assert _cities(db_any) == [("Київ", "UA"), ("Одеса", "UA")]


def test_lisboa_and_lisboa_in_capitals_are_one_city(db_any, tmp_path):
    importer.import_files(
        "cities", [write_file(tmp_path, "a.csv", "city,country\nLisboa,PT\n")], url=db_any
    )
    again = importer.import_files(
        "cities",
        [write_file(tmp_path, "b.csv", "city,country,joined\nLISBOA,PT,2011\n")],
        url=db_any,
    )
    assert again.files[0].summary() == "0 new, 1 updated, 0 unchanged"
    assert _cities(db_any) == [("Lisboa", "PT")]


def test_the_database_itself_refuses_a_second_spelling_of_a_key(db_any):
    with Session(db.get_engine(db_any)) as session:
        session.add(City(city="Lisboa", country="PT"))
        session.commit()
        session.add(City(city="LISBOA", country="PT"))
        with pytest.raises(IntegrityError):
            session.commit()


def _many_cities(count: int, upper: bool) -> str:
    names = [f"Town {i:05d}" for i in range(count)]
    lines = [f"{n.upper() if upper else n},NO,2015" for n in names]
    return "city,country,joined\n" + "\n".join(lines) + "\n"


def test_two_imports_at_once_serialise_and_both_land(db_any, tmp_path):
    """3,000 cities imported twice at the same moment in two letter cases: 3,000 rows."""
    files = [
        write_file(tmp_path, "lower.csv", _many_cities(3000, upper=False)),
        write_file(tmp_path, "upper.csv", _many_cities(3000, upper=True)),
    ]
    db.init_schema(db_any)
    start = threading.Barrier(2)
    reports: list[importer.ImportReport] = []
    errors: list[BaseException] = []

    def run(path: Path) -> None:
        try:
            start.wait()
            reports.append(importer.import_files("cities", [path], url=db_any))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(f,)) for f in files]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert errors == []
    assert all(r.ok and r.written for r in reports), [r.problems[:3] for r in reports]
    assert sorted(r.files[0].new for r in reports) == [0, 3000]
    assert sorted(r.files[0].unchanged for r in reports) == [0, 3000]
    assert len(_cities(db_any)) == 3000
