"""Chart downloads: the rows behind a chart as CSV/XLSX, with header lines, formula-safe."""

from __future__ import annotations

import base64
import csv
import io

import openpyxl
import pandas as pd
import pytest
from dash._callback_context import context_value
from dash._utils import AttributeDict

from dashboard import exports as downloads
from dashboard import ids
from dashboard.components import chart_values
from dashboard.figures.common import figure


def chart_data(illustrative: bool = True) -> dict:
    """The data store of a card, as a page callback fills it through chart_values."""
    table = pd.DataFrame(
        {
            "city": ["Lisbon", "=1+1", "@SUM(A1)", "Oslo"],
            "score": [64.0, 50.0, None, -3.0],
            "note": ["ok", "+cmd", "-x", "-5"],
        }
    )
    _, _, _, data = chart_values(
        figure(),
        table,
        title="Overall Index by city",
        filters="filters: year=2017, country=PT",
        sources=["ICC annual report 2017", "illustrative (generated, not published)"],
        illustrative=illustrative,
        source_text="Source: ICC annual report 2017",
    )
    return data


def read_csv(payload: bytes) -> tuple[list[str], list[list[str]]]:
    # Each header line is one cell (quoted where it holds a comma), so no part of it can
    # land in a cell of its own.
    records = list(csv.reader(io.StringIO(payload.decode("utf-8-sig"))))
    comments = [r[0] for r in records if r and r[0].startswith("#")]
    assert all(len(r) == 1 for r in records if r and r[0].startswith("#"))
    rows = [r for r in records if r and not r[0].startswith("#")]
    return comments, rows


def test_csv_carries_every_row_under_a_header_naming_title_filters_and_sources():
    comments, rows = read_csv(downloads.export_bytes(chart_data(), "csv"))
    assert comments[0] == "# Overall Index by city"
    assert comments[1] == "# filters: year=2017, country=PT"
    assert "ICC annual report 2017" in comments[2] and comments[2].startswith("# Sources:")
    assert any("Illustrative values" in c for c in comments)
    assert rows[0] == ["city", "score", "note"]
    assert [r[0] for r in rows[1:]] == ["Lisbon", "'=1+1", "'@SUM(A1)", "Oslo"]
    assert rows[1][1] == "64" and rows[3][1] == ""


def test_csv_neutralises_formulas_but_keeps_negative_numbers():
    _, rows = read_csv(downloads.export_bytes(chart_data(), "csv"))
    notes = [r[2] for r in rows[1:]]
    assert notes == ["ok", "'+cmd", "'-x", "-5"]
    assert rows[4][1] == "-3"


def test_no_illustrative_line_when_the_chart_shows_none():
    comments, _ = read_csv(downloads.export_bytes(chart_data(illustrative=False), "csv"))
    assert not any("Illustrative" in c for c in comments)


def test_xlsx_has_the_header_lines_rows_and_no_live_formula():
    payload = downloads.export_bytes(chart_data(), "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(payload)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "# Overall Index by city"
    header_at = next(i for i, row in enumerate(values) if row[0] == "city")
    body = values[header_at + 1 :]
    assert [r[0] for r in body] == ["Lisbon", "'=1+1", "'@SUM(A1)", "Oslo"]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_file_name_names_the_chart_and_the_filters():
    assert (
        downloads.export_filename("overview-growth", "filters: year=2017, country=PT", "csv")
        == "icc-overview-growth-year2017-countryPT.csv"
    )
    assert (
        downloads.export_filename("trends-members", "filters: none (whole network)", "xlsx")
        == "icc-trends-members-all.xlsx"
    )


@pytest.fixture(scope="module")
def update_chart_download(tmp_path_factory):
    """The download callback as a plain function (the app must exist: pages register then)."""
    import os

    os.environ.setdefault(
        "DATABASE_URL", f"sqlite:///{tmp_path_factory.mktemp('db') / 'icc.sqlite3'}"
    )
    import app  # noqa: F401
    from callbacks.downloads import update_chart_download

    return update_chart_download


def run_callback(fn, role: str, data: dict | None) -> object:
    trigger = {"prop_id": f'{{"chart":"overview-growth","role":"{role}"}}.n_clicks', "value": 1}
    context_value.set(AttributeDict(triggered_inputs=[trigger]))
    return fn(1, None, data)


def test_callback_sends_the_clicked_format_with_its_file_name(update_chart_download):
    sent = run_callback(update_chart_download, ids.CHART_DL_XLSX, chart_data())
    assert sent["filename"] == "icc-overview-growth-year2017-countryPT.xlsx"
    workbook = openpyxl.load_workbook(io.BytesIO(base64.b64decode(sent["content"])))
    assert workbook.active.max_row == 1 + 4 + len(downloads.header_lines(chart_data()))
    sent = run_callback(update_chart_download, ids.CHART_DL_CSV, chart_data())
    assert sent["filename"].endswith(".csv")


def test_callback_sends_nothing_before_the_chart_has_data(update_chart_download):
    from dash import no_update

    assert run_callback(update_chart_download, ids.CHART_DL_CSV, None) is no_update
