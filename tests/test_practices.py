"""The optional `practices` dataset: good-practice examples of a city in an Index area."""

from __future__ import annotations

from data_loaders import cli, importer, queries
from data_loaders.export import export_dataset

PRACTICES = (
    "city,country,area,title,url,year,source\n"
    "Oslo,NO,Business and labour market,Diversity charter,https://example.org/a,2017,ICC\n"
    "Oslo,NO,education,Mother-tongue classes,,2016,ICC\n"
)


def test_practices_import_export_and_import_again_unchanged(db_url, tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "_gazetteer_lookup", lambda city, country: None)
    (tmp_path / "c.csv").write_text("city,country\nOslo,NO\n", encoding="utf-8")
    (tmp_path / "p.csv").write_text(PRACTICES, encoding="utf-8")
    assert cli.main(["import", "cities", str(tmp_path / "c.csv"), "--db", db_url]) == 0
    assert cli.main(["import", "practices", str(tmp_path / "p.csv"), "--db", db_url]) == 0
    frame = queries.read_all(db_url)["practices"]
    assert list(frame["area"]) == ["business", "education"]
    assert export_dataset("practices", tmp_path / "out.csv", url=db_url) == 2
    again = importer.import_files("practices", [tmp_path / "out.csv"], url=db_url)
    assert again.files[0].summary() == "0 new, 0 updated, 2 unchanged"


def test_a_practice_of_a_city_not_on_file_is_refused(db_url, tmp_path):
    (tmp_path / "p.csv").write_text(PRACTICES, encoding="utf-8")
    report = importer.import_files("practices", [tmp_path / "p.csv"], url=db_url)
    assert "city 'Oslo' (NO) is not on file" in str(report.problems[0])
