"""One rule for text from data in every output: spreadsheets, deck, Plotly, terminal."""

from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
import pandas as pd
import pytest

from dashboard import deck, present
from dashboard import exports as downloads
from dashboard.story import Chart, Series, Slide
from data_loaders.safetext import escape_plotly, escape_terminal, safe_cell, short_label

LINK = '<a href="https://evil.example/">x</a>'
FORMULAS = ("=1+2", '=HYPERLINK("http://evil.example/","x")', "+cmd", "-x", "@SUM(A1)")


@pytest.mark.parametrize("text", [*FORMULAS, "\t=1+2", "\r=1+2", " =1+2", "\n=1+2"])
def test_safe_cell_never_leaves_a_formula(text):
    cell = safe_cell(text)
    assert cell.startswith("'")
    assert "\n" not in cell and "\r" not in cell


def test_safe_cell_keeps_numbers_plain_text_and_folds_line_breaks():
    assert safe_cell("-5") == "-5"
    assert safe_cell("+3.5") == "+3.5"
    assert safe_cell(-5) == -5
    assert safe_cell(None) is None
    assert safe_cell("Kyiv") == "Kyiv"
    assert safe_cell("ICC report\n=1+2") == "ICC report =1+2"
    assert safe_cell("a\r\nb\u2028c") == "a b c"
    assert safe_cell("nul\x00here") == "nul\ufffdhere"
    assert safe_cell("-inf").startswith("'")


def test_escape_plotly_leaves_no_tag():
    assert escape_plotly(LINK) == '&lt;a href="https://evil.example/"&gt;x&lt;/a&gt;'
    assert escape_plotly("R&D") == "R&amp;D"
    assert escape_plotly(None) == ""


def test_short_label_cuts_long_names_with_an_ellipsis():
    assert short_label("Lisbon") == "Lisbon"
    label = short_label("x" * 300)
    assert len(label) == 60 and label.endswith("…")
    assert "<" not in short_label("<b>" * 40)


def test_escape_terminal_shows_control_codes_instead_of_running_them():
    assert escape_terminal("\x1b[31mred\x1b[0m") == "\\x1b[31mred\\x1b[0m"
    assert escape_terminal("a\nb") == "a\\nb".replace("\\n", "\\x0a")
    assert escape_terminal("abc\u202edcba") == "abc\\u202edcba"
    assert escape_terminal("Київ\tOdesa") == "Київ\tOdesa"


def hostile_chart_data() -> dict:
    """A chart's data store whose sources hold a formula after a line break and a comma."""
    return {
        "title": "Followers by platform",
        "filters": "filters: none (whole network)",
        "sources": ["ICC annual report 2017\n=1+2", 'report, =HYPERLINK("http://evil.example/")'],
        "illustrative": False,
        "columns": ["platform", "followers"],
        "rows": [["=1+2", 5], [LINK, 7], ["line\nbreak", 1]],
    }


def test_chart_csv_has_no_formula_cell_and_one_line_per_header():
    payload = downloads.export_bytes(hostile_chart_data(), "csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(payload)))
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c.lstrip().startswith(("=", "+", "@")) or c.startswith("-")]
    # Each header line is one cell on one physical line.
    comment_rows = [row for row in rows if row and row[0].startswith("#")]
    assert all(len(row) == 1 for row in comment_rows)
    lines = payload.splitlines()
    assert sum(1 for line in lines if line.lstrip('"').startswith("#")) == len(comment_rows)
    assert len(lines) == len(rows)


def test_chart_xlsx_has_no_formula_cell():
    payload = downloads.export_bytes(hostile_chart_data(), "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(payload)).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells)
    assert not [c for c in cells if str(c.value).startswith(("=", "+", "@"))]


def hostile_slide() -> Slide:
    chart = Chart(
        kind="bar",
        categories=("=1+2", LINK, '=HYPERLINK("http://evil.example/","x")'),
        series=(Series(name="@SUM(A1)", values=(1.0, 2.0, 3.0)),),
    )
    return Slide(
        key="outreach",
        title="Outreach",
        chart=chart,
        notes=("=1+2 followers", "line\nbreak"),
    )


def test_deck_chart_workbooks_and_notes_hold_no_formula():
    from pptx import Presentation

    slide = hostile_slide()
    prs = Presentation()
    pptx_slide = deck._frame_slide(prs, slide, 1, 1, 2017)
    deck._chart_slide(pptx_slide, slide)
    out = io.BytesIO()
    prs.save(out)
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as pptx:
        workbooks = [n for n in pptx.namelist() if n.endswith(".xlsx")]
        assert workbooks
        for name in workbooks:
            book = openpyxl.load_workbook(io.BytesIO(pptx.read(name)))
            for sheet in book.worksheets:
                for row in sheet.iter_rows():
                    for cell in row:
                        assert cell.data_type != "f", (name, cell.coordinate, cell.value)
                        assert not str(cell.value or "").startswith(("=", "+", "@"))
        names = [n for n in pptx.namelist() if "notesSlide" in n and n.endswith(".xml")]
        notes = "".join(pptx.read(n).decode() for n in names)
        assert "&apos;=1+2 followers" in notes or "'=1+2 followers" in notes


def test_presentation_chart_carries_no_link_from_data():
    fig = present.chart_figure(hostile_slide().chart)
    assert "<a" not in fig.to_json()


def test_figures_from_hostile_names_carry_no_link():
    from dashboard.figures import maps, overview, trends

    followers = pd.DataFrame(
        {
            "platform": [LINK, LINK, "=1+2"],
            "date": pd.to_datetime(["2017-01-01", "2017-06-01", "2017-01-01"]),
            "followers": [10, 20, 5],
            "derived": [False, False, False],
            "illustrative": [False, False, True],
        }
    )
    members = pd.DataFrame({"year": [2016, 2017], "group": [LINK, LINK], "members": [1, 2]})
    growth = pd.DataFrame(
        {
            "year": [2016, 2017],
            "cities_on_file": [1, 2],
            "reported_total": [None, 5.0],
            "reported_source": [None, LINK],
        }
    )
    figures = [
        trends.followers_figure(followers),
        trends.members_figure(members, "continent"),
        overview.growth_figure(growth),
    ]
    texts = maps.hover_texts(pd.DataFrame({"city": [LINK], "country": ["PT"]}))
    for fig in figures:
        assert "<a" not in fig.to_json(), fig.data[0].name
    assert "<a" not in "".join(texts)
