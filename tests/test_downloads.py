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
from dashboard.cards import Card, ChartResult
from dashboard.figures.common import figure


def chart_data(illustrative: bool = True) -> dict:
    """What a card's download carries, as a view's ChartResult gives it."""
    table = pd.DataFrame(
        {
            "city": ["Lisbon", "=1+1", "@SUM(A1)", "Oslo"],
            "score": [64.0, 50.0, None, -3.0],
            "note": ["ok", "+cmd", "-x", "-5"],
        }
    )
    basis = pd.DataFrame(
        {
            "source": ["ICC annual report 2017", "illustrative (generated, not published)"],
            "illustrative": [False, illustrative],
        }
    )
    card = Card("test-chart", "overview", "Overall Index by city")
    result = ChartResult(figure(), table, basis, filters="filters: year=2017, country=PT")
    return result.download(card)


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
def update_chart_download(pages_app):
    """The download callback as a plain function, over the bundled sample."""
    from callbacks.downloads import update_chart_download

    return update_chart_download


def run_callback(fn, role: str, clicks: int | None, values: dict) -> object:
    """The callback as Dash calls it: the clicked button and the page's controls."""
    trigger = {
        "prop_id": f'{{"chart":"overview-growth","role":"{role}"}}.n_clicks',
        "value": clicks,
    }
    filters = [{"id": ids.filter_id(k), "property": "value", "value": v} for k, v in values.items()]
    context_value.set(
        AttributeDict(triggered_inputs=[trigger], states_list=[filters, []], inputs_list=[])
    )
    return fn(clicks, None, list(values.values()), [])


def test_callback_computes_the_rows_on_demand_for_the_page_controls(update_chart_download):
    values = {"year": 2017, "country": "PT"}
    sent = run_callback(update_chart_download, ids.CHART_DL_XLSX, 1, values)
    assert sent["filename"] == "icc-overview-growth-year2017-countryPT.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(base64.b64decode(sent["content"]))).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "# Membership growth: reported totals and cities on file"
    assert rows[1][0] == "# filters: year=2017, country=PT"
    header = next(i for i, r in enumerate(rows) if r[0] == "year")
    years = [r[0] for r in rows[header + 1 :]]
    assert years[0] <= 2017 <= years[-1]
    assert all(r[1] is None for r in rows[header + 1 :])  # no network total under a country
    sent = run_callback(update_chart_download, ids.CHART_DL_CSV, 1, values)
    assert sent["filename"].endswith(".csv")


def test_callback_sends_nothing_without_a_click(update_chart_download):
    from dash import no_update

    assert run_callback(update_chart_download, ids.CHART_DL_CSV, None, {}) is no_update


def test_a_french_page_downloads_every_header_line_in_french(update_chart_download):
    sent = run_callback(update_chart_download, ids.CHART_DL_CSV, 1, {"year": 2017, "lang": "fr"})
    text = base64.b64decode(sent["content"]).decode("utf-8-sig")
    comments = [line for line in text.splitlines() if line.startswith("#")]
    assert any(
        line.startswith("# Exporté du tableau de bord du réseau ICC le") for line in comments
    )
    assert not any(
        "Exported from" in line or "some values are generated" in line for line in comments
    )
