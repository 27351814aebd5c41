"""Data page: dataset summary, coverage, imports, illustrative shares, and downloads."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from dashboard.figures import datasets as figs
from dashboard.figures.common import ILLUSTRATIVE_TEXT

ILL = "illustrative (generated, not published)"


def cities() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "city": ["Lisbon", "Oslo", "Izhevsk", "Botkyrka"],
            "joined": pd.array([2011, 2008, 2008, None], dtype="Int64"),
            "left": pd.array([None, None, 2014, None], dtype="Int64"),
            "source": ["ICC report", ILL, "ICC report", ILL],
            "illustrative": [False, True, False, True],
        }
    )


def metrics() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": [2008, 2011, 2011],
            "metric": ["members_total", "members_total_x", "members_total"],
            "value": [11.0, 99.0, 4.0],
            "source": ["Newsletter 9", "other", "Newsletter 14"],
            "illustrative": [False, False, False],
        }
    )


def imports() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "at": pd.to_datetime(["2025-01-02 10:00", "2025-03-04 11:30", "2024-12-01 09:00"]),
            "kind": ["cities", "cities", "metrics"],
            "file_name": ["old.csv", "cities.csv", "metrics.csv"],
            "sha256": ["a" * 64, "0123456789abcdef" * 4, "b" * 64],
            "rows_new": [4, 0, 3],
            "rows_updated": [0, 1, 0],
            "rows_unchanged": [0, 3, 0],
            "warnings": [0, 1, 0],
            "sources": ["ICC report", "ICC report; " + "x" * 300, "Newsletter 9"],
        }
    )


def test_coverage_counts_members_on_file_each_year_against_the_reported_total():
    table = figs.coverage(cities(), metrics()).set_index("year")
    assert table.loc[2008, "on_file"] == 2
    assert table.loc[2008, "reported"] == 11
    assert table.loc[2008, "coverage_pct"] == pytest.approx(18.2)
    assert table.loc[2011, "on_file"] == 3
    assert table.loc[2014, "on_file"] == 2  # Izhevsk left in 2014
    assert pd.isna(table.loc[2012, "reported"])


def test_coverage_figure_shows_bars_on_file_and_reported_marks():
    fig = figs.coverage_figure(figs.coverage(cities(), metrics()), illustrative=True)
    bars, marks = fig.data
    assert bars.type == "bar" and marks.name.startswith("Reported total")
    assert list(marks.x) == [2008, 2011]
    assert ILLUSTRATIVE_TEXT in [a.text for a in fig.layout.annotations]
    empty = figs.coverage(cities().iloc[0:0], metrics().iloc[0:0])
    assert [a.text for a in figs.coverage_figure(empty).layout.annotations] == [
        "No member city or reported total on file"
    ]


def test_dataset_summary_counts_rows_illustrative_share_and_last_import():
    index = pd.DataFrame(
        {"source": [ILL, ILL, "computed: mean"], "illustrative": [True, True, True],
         "computed": [False, False, True]}
    )  # fmt: skip
    summary = figs.dataset_summary(
        {"cities": cities(), "metrics": metrics(), "index": index}, imports()
    ).set_index("dataset")
    assert summary.loc["cities", "rows"] == 4
    assert summary.loc["cities", "illustrative_rows"] == 2
    assert summary.loc["cities", "illustrative_pct"] == 50
    assert summary.loc["cities", "last_file"] == "cities.csv"
    assert summary.loc["cities", "last_import"] == "2025-03-04 11:30"
    assert summary.loc["index", "rows"] == 2  # the computed overall is not a stored row
    assert summary.loc["followers", "rows"] == 0
    assert summary.loc["followers", "last_file"] == ""
    fig = figs.illustrative_figure(summary.reset_index())
    assert dict(zip(fig.data[0].y, fig.data[0].text, strict=True))["cities"] == "50% (2 of 4)"


@pytest.mark.parametrize(
    ("part", "whole", "text", "pct"),
    [
        (1659, 1665, "99.6%", 99.6),
        (9999, 10000, ">99.9%", 99.9),
        (1665, 1665, "100%", 100.0),
        (0, 8, "0%", 0.0),
        (1, 10000, "<0.1%", 0.1),
        (3, 1000, "0.3%", 0.3),
        (140, 144, "97%", 97.2),
    ],
)
def test_a_share_reads_0_or_100_percent_only_when_exact(part, whole, text, pct):
    assert figs.share_text(part, whole) == text
    assert figs.share_pct(part, whole) == pct


def test_summary_and_chart_never_round_a_partial_share_to_100_percent():
    index = pd.DataFrame(
        {"source": [ILL] * 1659 + ["ICC report"] * 6, "illustrative": [True] * 1659 + [False] * 6}
    )
    summary = figs.dataset_summary({"index": index}, imports())
    shown = figs.summary_display(summary).set_index("Dataset")
    assert shown.loc["index", "Illustrative rows"] == "1,659 (99.6%)"
    fig = figs.illustrative_figure(summary)
    labels = dict(zip(fig.data[0].y, fig.data[0].text, strict=True))
    assert labels["index"] == "99.6% (1,659 of 1,665)"


def test_illustrative_chart_leaves_room_above_the_plot_for_its_mark():
    summary = figs.dataset_summary({"cities": cities()}, imports())
    fig = figs.illustrative_figure(summary)
    assert ILLUSTRATIVE_TEXT in [a.text for a in fig.layout.annotations]
    # The mark's box (~20 px) sits above the plot, below the mode bar (~28 px).
    assert fig.layout.margin.t >= 50


def test_coverage_axis_ends_at_the_last_year_with_data():
    table = figs.coverage(cities(), metrics())
    fig = figs.coverage_figure(table)
    low, high = fig.layout.xaxis.range
    assert table["year"].max() == 2014
    assert 2014 < high < 2015 and 2007 < low < 2008


def test_imports_table_newest_first_with_a_short_fingerprint_and_clipped_sources():
    table = figs.imports_table(imports())
    assert list(table["File"]) == ["cities.csv", "old.csv", "metrics.csv"]
    assert table.loc[0, "SHA-256"] == "0123456789ab"
    assert len(table.loc[0, "Sources"]) == figs.SOURCES_SHOWN
    assert table.loc[0, "Sources"].endswith("…")


def test_html_table_shows_markup_in_the_data_as_plain_text():
    city = "<b>Lisbon</b> | *x*, [link](http://e.com) &lt; \\"
    table = figs.html_table(pd.DataFrame({"City": [city], "n": [None]}))
    cells = figs.table_cells(table)
    assert cells == [["City", "n"], [city, ""]]  # as it was: text, never markup
    assert table.to_plotly_json()["type"] == "PlainTable"  # one component, drawn as text


def test_callback_fills_tables_and_both_charts():
    from dashboard.cards import render
    from dashboard.urlstate import PageState
    from dashboard.views import datasets as view

    summary = figs.dataset_summary({"cities": cities(), "metrics": metrics()}, imports())
    prepared = {
        "summary": summary,
        "coverage": figs.coverage(cities(), metrics()),
        "coverage_basis": pd.DataFrame({"source": ["Newsletter 9"], "illustrative": [False]}),
        "imports": imports(),
        "provenance": figs.provenance_matrix(pd.DataFrame()),
    }
    result = view.view(prepared, PageState())
    out = render(result)
    assert out["data-summary"].id == "data-summary-rows"
    assert out["data-imports"].id == "data-imports-rows"
    coverage = out[view.COVERAGE.id]
    assert coverage["source"].startswith("Source: Newsletter 9")
    assert coverage["badge"] == {"display": "none"}
    data = result[view.COVERAGE.id].download(view.COVERAGE)
    assert data["columns"] == ["year", "on_file", "reported", "coverage_pct", "reported_as"]
    # some rows are illustrative
    assert out[view.ILLUSTRATIVE.id]["badge"] == {"display": "inline"}


@pytest.fixture
def sample_db(db_url):
    """A database with the bundled sample and one metric whose source looks like a formula."""
    from data_loaders import db
    from data_loaders.importer import load_sample
    from data_loaders.schema import Metric

    load_sample(db_url)
    with db.session_scope(db_url) as session:
        session.add(Metric(year=2030, metric="trap", value=1, source='=HYPERLINK("x")'))
    return db_url


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_dataset_download_is_formula_safe_and_importable(sample_db, fmt):
    from dashboard.exports import dataset_file

    content, name = dataset_file("metrics", fmt, sample_db)
    assert name.startswith("icc-metrics-") and name.endswith("." + fmt)
    if fmt == "csv":
        text = content.decode("utf-8-sig")
        # Header lines are one quoted cell each (a comma in them never starts a new cell).
        records = list(csv.reader(io.StringIO(text)))
        assert records[0][0].startswith("# ICC Network Dashboard: dataset metrics")
        assert len(records[0]) == 1
        assert records[2][:5] == ["year", "metric", "value", "network", "date"]
        assert "source" in records[2] and "value_qualifier" in records[2]
        assert "'=HYPERLINK" in text
        frame = pd.read_csv(io.StringIO(text), skiprows=2)
    else:
        frame = pd.read_excel(io.BytesIO(content), skiprows=2)
        assert '\'=HYPERLINK("x")' in list(frame["source"])
    assert "members_total" in set(frame["metric"])


def test_dataset_download_refuses_an_unknown_dataset():
    from dashboard.exports import dataset_file

    with pytest.raises(ValueError):
        dataset_file("passwords", "csv")
