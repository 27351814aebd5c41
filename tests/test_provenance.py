"""Per-value provenance: status, source, qualifier and date of each value, in and out."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from data_loaders import cli, importer, queries, vocab
from data_loaders.export import dataset_frame, export_dataset
from tests.conftest import write_file

pytestmark = pytest.mark.usefixtures("no_gazetteer")


def _import(url: str, kind: str, path: Path) -> importer.ImportReport:
    report = importer.import_files(kind, [path], url=url)
    assert report.ok, [str(p) for p in report.problems]
    return report


def _frames(url: str) -> dict[str, pd.DataFrame]:
    queries.reset_managers()
    return queries.read_all(url)


MIXED = (
    "city,country,joined,population,foreign_born_pct,source,"
    "foreign_born_pct_status,foreign_born_pct_source,joined_date\n"
    "Oslo,NO,2010,700000,28.5,ICC annual report 2017,illustrative,generated,2010-05\n"
    "Bergen,NO,2012,285000,,illustrative (generated),,,\n"
)


def test_a_row_may_mix_published_and_illustrative_values(db_any, tmp_path):
    _import(db_any, "cities", write_file(tmp_path, "c.csv", MIXED))
    cities = _frames(db_any)["cities"].set_index("city")
    oslo = cities.loc["Oslo"]
    assert oslo["joined_status"] == "published"
    assert oslo["joined_source"] == "ICC annual report 2017"
    assert oslo["joined_date"] == "2010-05"
    assert oslo["foreign_born_pct_status"] == "illustrative"
    assert oslo["foreign_born_pct_source"] == "generated"
    assert oslo["population_qualifier"] == ""
    assert bool(oslo["illustrative"])  # one of its values is illustrative
    # Today's files mean what they meant: the source's wording marks every value.
    bergen = cities.loc["Bergen"]
    assert bergen["joined_status"] == bergen["population_status"] == "illustrative"


def test_a_row_of_published_values_is_not_marked_for_an_empty_illustrative_field(db_url, tmp_path):
    text = "city,country,joined,foreign_born_pct_status\nOslo,NO,2010,illustrative\n"
    _import(db_url, "cities", write_file(tmp_path, "c.csv", text))
    oslo = _frames(db_url)["cities"].iloc[0]
    assert oslo["joined_status"] == "published"
    assert not oslo["illustrative"]


@pytest.mark.parametrize(
    ("cell", "value", "qualifier", "shown"),
    [
        ("more than 60", 60, "more than", "more than 60"),
        ("60+", 60, "at least", "60+"),
        ("about 100", 100, "about", "about 100"),
        ("over 130", 130, "over", "over 130"),
        ("some 121", 121, "some", "some 121"),
        ("121", 121, "", "121"),
    ],
)
def test_a_qualified_figure_keeps_its_qualifier(db_url, tmp_path, cell, value, qualifier, shown):
    text = f'year,metric,value,source\n2017,news_items,"{cell}",ICC annual report 2017\n'
    _import(db_url, "metrics", write_file(tmp_path, "m.csv", text))
    row = _frames(db_url)["metrics"].iloc[0]
    assert (row["value"], row["value_qualifier"]) == (value, qualifier)
    assert vocab.format_qualified(row["value"], row["value_qualifier"]) == shown


def test_a_word_that_is_no_qualifier_is_refused_with_its_place(db_url, tmp_path):
    text = "year,metric,value\n2017,news_items,lots of 60\n"
    report = importer.import_files("metrics", [write_file(tmp_path, "m.csv", text)], url=db_url)
    assert [str(p).split(": ", 2)[:2] for p in report.problems] == [
        [f"{tmp_path}/m.csv:2", "value"]
    ]


def test_a_qualifier_in_the_cell_and_another_in_its_column_disagree(db_url, tmp_path):
    text = "year,metric,value,value_qualifier\n2017,news_items,more than 60,about\n"
    report = importer.import_files("metrics", [write_file(tmp_path, "m.csv", text)], url=db_url)
    assert "value_qualifier: qualifier 'about' disagrees with the figure's own 'more than'" in str(
        report.problems[0]
    )


TIMELINE = (
    "year,metric,network,date,value,source,status,value_date\n"
    "2016,members_total,,2016-09,about 100,ICC news 2016,,2016-09\n"
    "2017,members_total,,2017-05-09,118,ICC news 2017,,\n"
    "2017,members_total,,2017-11,121,ICC annual report 2017,,\n"
    "2017,network_members,RECI,,16,ICC annual report 2017,,\n"
    "2017,network_members,CDD,,25,ICC annual report 2017,estimated,\n"
    "2018,members_total,,undated,over 130,ICC news 2018,,undated\n"
)


@pytest.mark.parametrize("ending", [".csv", ".xlsx"])
def test_export_then_import_changes_nothing(db_any, tmp_path, ending):
    _import(db_any, "metrics", write_file(tmp_path, "m.csv", TIMELINE))
    _import(db_any, "cities", write_file(tmp_path, "c.csv", MIXED))
    for kind in ("metrics", "cities"):
        path = tmp_path / f"out-{kind}{ending}"
        export_dataset(kind, path, url=db_any)
        again = _import(db_any, kind, path)
        assert again.files[0].summary() == f"0 new, 0 updated, {again.files[0].unchanged} unchanged"
        assert again.files[0].unchanged > 0


def test_export_writes_the_provenance_columns_that_say_something(db_url, tmp_path):
    _import(db_url, "metrics", write_file(tmp_path, "m.csv", TIMELINE))
    frame = dataset_frame("metrics", url=db_url)
    assert list(frame.columns) == [
        "year", "metric", "value", "network", "date", "source", "status", "value_qualifier",
        "value_date",
    ]  # fmt: skip
    over = frame[frame["date"] == "undated"].iloc[0]
    assert (over["value"], over["value_qualifier"], over["value_date"]) == (130, "over", "undated")
    assert frame.set_index("network").loc["CDD", "status"] == "estimated"
    # A file of today's columns exports as it did.
    _import(
        db_url,
        "cities",
        write_file(tmp_path, "c.csv", "city,country,joined,source\nOslo,NO,2010,x\n"),
    )
    assert "joined_status" not in dataset_frame("cities", url=db_url).columns


def test_the_metrics_key_tells_dates_and_networks_apart(db_url, tmp_path):
    _import(db_url, "metrics", write_file(tmp_path, "m.csv", TIMELINE))
    metrics = _frames(db_url)["metrics"]
    assert len(metrics) == 6
    sizes = metrics[metrics["metric"] == "network_members"].set_index("network")
    assert sizes.loc["CDD", "value_status"] == "estimated"
    assert sizes.loc["RECI", "value_status"] == "published"


def test_a_computed_overall_is_derived_or_as_weak_as_its_inputs(db_url, tmp_path):
    cities = "city,country\nOslo,NO\nBergen,NO\n"
    index = (
        "city,country,year,indicator,score,source,score_status\n"
        "Oslo,NO,2017,education,60,report,\n"
        "Oslo,NO,2017,business,70,report,\n"
        "Bergen,NO,2017,education,50,report,\n"
        "Bergen,NO,2017,business,40,report,estimated\n"
    )
    _import(db_url, "cities", write_file(tmp_path, "c.csv", cities))
    _import(db_url, "index", write_file(tmp_path, "i.csv", index))
    overall = _frames(db_url)["index"].query("indicator == 'overall'").set_index("city")
    assert overall.loc["Oslo", "score_status"] == "derived"
    assert overall.loc["Bergen", "score_status"] == "estimated"


def test_networks_take_their_row_status_as_row_status(db_url, tmp_path):
    text = (
        "network,name,country,founded,status,scope,active_since,members,row_status,"
        "members_qualifier\n"
        "CDD,Città del Dialogo,IT,2010,active,national,2010,28,published,at least\n"
        "UKICC,UK network,GB,2020,forming,,,,illustrative,\n"
    )
    _import(db_url, "networks", write_file(tmp_path, "n.csv", text))
    networks = _frames(db_url)["networks"].set_index("network")
    assert networks.loc["CDD", "members"] == 28
    assert networks.loc["CDD", "members_qualifier"] == "at least"
    assert networks.loc["CDD", "status"] == "active"
    assert networks.loc["UKICC", "status_status"] == "illustrative"
    assert networks.loc["UKICC", "scope"] == "national"
    # Without a published size, the size is the count on file, derived.
    assert networks.loc["UKICC", "members_status"] == "derived"


def test_every_frame_carries_the_resolved_provenance_columns(db_url):
    importer.load_sample(db_url)
    frames = _frames(db_url)
    for name, columns in queries.COLUMNS.items():
        assert list(frames[name].columns) == list(columns), name
    for column in [c for c in queries.COLUMNS["cities"] if c.endswith("_status")]:
        assert frames["cities"][column].isin(vocab.STATUSES).all()
    assert (
        queries.manager(db_url)
        .load("network-members")
        .equals(queries.manager(db_url).load("network_members"))
    )


def test_provenance_counts_count_filled_values_per_dataset_year_and_status(db_url, tmp_path):
    _import(db_url, "cities", write_file(tmp_path, "c.csv", MIXED))
    counts = queries.provenance_counts(_frames(db_url))
    cities = counts[counts["dataset"] == "cities"]
    as_dict = {(int(r.year), r.status): r.values for r in cities.itertuples()}
    # Oslo (2010): joined, population published, foreign-born illustrative; Bergen (2012):
    # joined and population illustrative.
    assert as_dict == {(2010, "published"): 2, (2010, "illustrative"): 1, (2012, "illustrative"): 2}
    assert list(counts.columns) == ["dataset", "year", "status", "values"]


def test_status_prints_values_per_status(db_url, tmp_path, capsys):
    _import(db_url, "cities", write_file(tmp_path, "c.csv", MIXED))
    capsys.readouterr()
    assert cli.main(["status", "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert "  cities                  2 rows; values: 2 published, 3 illustrative" in out


def test_format_qualified_never_changes_the_number():
    assert vocab.format_qualified(60.0, "more than") == "more than 60"
    assert vocab.format_qualified(60, "at least") == "60+"
    assert vocab.format_qualified(1234, "") == "1,234"
    assert vocab.format_qualified(12.5, None) == "12.5"
    assert vocab.format_qualified(None, "about") == ""
