"""The annual-meeting deck: opens with python-pptx, native charts, numbers of the database."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from pptx import Presentation
from pptx.util import Inches

from dashboard import deck, story
from dashboard.figures.common import ILLUSTRATIVE_TEXT


@pytest.fixture(scope="module")
def sample_url(tmp_path_factory) -> str:
    """A fresh database holding the bundled sample."""
    from data_loaders.importer import ensure_database

    url = f"sqlite:///{tmp_path_factory.mktemp('deck') / 'icc.sqlite3'}"
    ensure_database(url, sample=True)
    return url


@pytest.fixture(scope="module")
def frames(sample_url) -> dict[str, pd.DataFrame]:
    return deck.load_frames(sample_url)


@pytest.fixture(scope="module")
def prs(frames) -> Presentation:
    return Presentation(io.BytesIO(deck.build_deck(2017, "Lisbon", frames=frames)))


def texts(slide) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def test_deck_is_16_9_with_the_slides_of_the_story(prs, frames):
    assert (prs.slide_width, prs.slide_height) == (Inches(13.333), Inches(7.5))
    slides = story.build_story(frames, 2017, "Lisbon")
    assert len(prs.slides) == len(slides) == 9
    for pptx_slide, s in zip(prs.slides, slides, strict=True):
        assert s.title in texts(pptx_slide)


def test_key_charts_are_native_and_editable(prs):
    charts = [sh.chart for slide in prs.slides for sh in slide.shapes if sh.has_chart]
    assert len(charts) >= 6
    kinds = {c.chart_type for c in charts}
    from pptx.enum.chart import XL_CHART_TYPE

    assert {XL_CHART_TYPE.LINE_MARKERS, XL_CHART_TYPE.BAR_CLUSTERED} <= kinds
    assert XL_CHART_TYPE.RADAR_MARKERS in kinds  # the city's comparison


def test_numbers_on_the_slides_are_the_database_numbers(prs, frames):
    kpi_text = texts(prs.slides[1])
    assert "121" in kpi_text  # the reported member total of 2017
    members_on_file = len(story.members_on_file(frames["cities"], 2017))
    growth = next(sh.chart for sh in prs.slides[2].shapes if sh.has_chart)
    values = {p.name: list(p.values) for p in growth.plots[0].series}
    assert values["Cities on file"][-1] == members_on_file
    assert values["Reported total"][-1] == 121
    # 2011's total, derived from published figures, is its own series (legend), as on the page.
    assert [v for v in values["Derived total"] if v] == [21]
    followers = next(sh.chart for sh in prs.slides[6].shapes if sh.has_chart)
    by_name = {p.name: list(p.values) for p in followers.plots[0].series}
    last = frames["followers"].query("year == 2017").sort_values("date").groupby("platform").tail(1)
    for row in last.itertuples():
        assert by_name[row.platform][-1] == row.followers


def test_illustrative_mark_where_the_sample_is_illustrative_and_only_there(prs, frames):
    slides = story.build_story(frames, 2017, "Lisbon")
    shown = [
        s.extra["headline_illustrative"] if s.key == "title" else s.illustrative for s in slides
    ]  # the deck's title slide has no map: marked for its headline figures alone
    for pptx_slide, s, marked in zip(prs.slides, slides, shown, strict=True):
        assert (ILLUSTRATIVE_TEXT in texts(pptx_slide)) == marked, s.key
    assert any(shown) and not all(shown)


def test_every_slide_has_speaker_notes_and_a_source_line(prs):
    for slide in prs.slides:
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip()
        assert "Source:" in texts(slide)
    notes = prs.slides[6].notes_slide.notes_text_frame.text
    assert "+980 on 2016" in notes  # change on the year


def test_map_slide_is_an_image_drawn_offline(prs):
    pictures = [sh for sh in prs.slides[3].shapes if sh.shape_type == 13]
    assert len(pictures) == 2
    assert pictures[0].image.content_type == "image/png"
    # Shading means what it means on /map: countries with a national network.
    assert "Shaded: countries with a national network active in 2017." in texts(prs.slides[3])


def test_map_slide_shows_europe_large_with_the_world_beside_it(prs):
    pictures = {sh.name: sh for sh in prs.slides[3].shapes if sh.shape_type == 13}
    europe, world = pictures["Map of member cities in Europe"], pictures["Map of member cities"]
    assert europe.width > 1.5 * world.width  # Europe, where most members are, large
    legend = next(sh for sh in prs.slides[3].shapes if sh.name == "Map legend")
    assert legend.text_frame.word_wrap  # wraps inside its box, never runs past the slide
    assert legend.left + legend.width <= prs.slide_width
    assert legend.top + legend.height <= prs.slide_height


def test_group_points_joins_dots_that_would_overlap_and_counts_them():
    from dashboard import mapimage

    groups = mapimage.group_points(
        [(10, 10, False), (14, 10, False), (12, 11, True), (200, 200, False)], 8
    )
    assert sorted(n for *_, n in groups) == [1, 1, 2]  # another colour stays apart
    x, y, network, _ = max(groups, key=lambda g: g[3])
    assert (x, y, network) == (12, 10, False)  # at the mean of its points


def _pdf_words(pdf) -> tuple[float, float, list[tuple[str, float, float, float, float]]]:
    """Page size and every word's box on the page, from `pdftotext -bbox`."""
    import re
    import subprocess

    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True,
        timeout=60,
    ).stdout  # fmt: skip
    page = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', html)
    words = [
        (w, float(a), float(b), float(c), float(d))
        for a, b, c, d, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<',
            html,
        )
    ]
    return float(page.group(1)), float(page.group(2)), words


def test_map_legend_stays_on_the_slide_in_libreoffice(frames, tmp_path):
    """Renders the deck with LibreOffice (as a projector laptop might show it) and
    checks every word of the legend lies inside the page, above the source line."""
    import shutil
    import subprocess

    if not shutil.which("soffice") or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice (soffice) or poppler (pdftotext) is not installed")
    path = tmp_path / "deck.pptx"
    path.write_bytes(deck.build_deck(2017, frames=frames))
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        capture_output=True, check=True, timeout=240,
    )  # fmt: skip
    pdf = tmp_path / "deck.pdf"
    slide4 = tmp_path / "slide4.pdf"
    subprocess.run(
        ["pdfseparate", "-f", "4", "-l", "4", str(pdf), str(slide4)], check=True, timeout=60
    ) if shutil.which("pdfseparate") else pytest.skip("poppler's pdfseparate is not installed")
    width, height, words = _pdf_words(slide4)
    legend = [w for w in words if w[0] in ("also", "grouped", "Shaded:", "active")]
    assert {w[0] for w in legend} == {"also", "grouped", "Shaded:", "active"}
    assert legend, "the legend's words were not found on the rendered map slide"
    source_top = min(w[2] for w in words if w[0] == "Source:")
    for word, x0, y0, x1, y1 in words:  # nothing on the slide runs past its edges
        assert x0 >= 0 and x1 <= width and y0 >= 0 and y1 <= height, word
    # The legend's lines stay under the map they explain (not across the table beside it).
    shapes = {sh.name: sh for sh in Presentation(str(path)).slides[3].shapes}
    europe = shapes["Map of member cities in Europe"]
    left, right = (europe.left / 12700, (europe.left + europe.width) / 12700)  # EMU -> pt
    lines = {round(w[2]) for w in legend}
    for word, x0, y0, x1, y1 in words:
        if round(y0) in lines:
            assert left - 2 <= x0 and x1 <= right + 2, word
            assert y1 <= source_top + 1, word  # not over the source line either


def test_command_line_writes_the_deck(sample_url, tmp_path, capsys):
    out = tmp_path / "deck.pptx"
    assert deck.main([str(out), "--year", "2017", "--db", sample_url]) == 0
    assert len(Presentation(str(out)).slides) == 8
    assert "8 slides for 2017" in capsys.readouterr().out
    assert deck.main([str(out), "--city", "Atlantis", "--db", sample_url]) == 2


def test_deck_file_name_names_year_and_city():
    assert deck.deck_filename(2017) == "icc-deck-2017.pptx"
    assert deck.deck_filename(2017, "Lisbon") == "icc-deck-2017-lisbon.pptx"


def test_a_deck_builds_for_every_year_on_file_and_empty_slides_say_so(frames):
    years = [*frames["metrics"]["year"], *frames["index"]["year"], *frames["activities"]["year"]]
    for year in range(2005, int(max(years)) + 1):
        prs = Presentation(io.BytesIO(deck.build_deck(year, "Lisbon", frames=frames)))
        assert len(prs.slides) == 9, year
        assert f"Intercultural Cities in {year}" in texts(prs.slides[0])
    prs = Presentation(io.BytesIO(deck.build_deck(2008, frames=frames)))
    assert "No Index results on file up to 2008" in texts(prs.slides[5])
    assert "could not be drawn" not in "".join(texts(s) for s in prs.slides)


def test_a_deck_builds_on_an_empty_database(tmp_path):
    from data_loaders.importer import ensure_database

    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    ensure_database(url, sample=False)
    prs = Presentation(io.BytesIO(deck.build_deck(2017, "Lisbon", url=url)))
    assert len(prs.slides) == 9
    assert "No member city on file in 2017" in texts(prs.slides[3])


def test_command_line_gives_one_line_errors_never_a_traceback(sample_url, tmp_path, capsys):
    out = tmp_path / "deck.pptx"
    assert deck.main([str(out), "--year", "2008", "--db", sample_url]) == 0
    assert "8 slides for 2008" in capsys.readouterr().out
    missing_dir = tmp_path / "no-such-folder" / "deck.pptx"
    assert deck.main([str(missing_dir), "--year", "2017", "--db", sample_url]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: could not write the deck:") and len(err.splitlines()) == 1
    assert "Traceback" not in err


@pytest.fixture
def deck_client(sample_url):
    """A Flask client of the deck route alone, on the sample database."""
    import flask

    from data_loaders import settings

    class App:
        server = flask.Flask(__name__)

    before = settings._OVERRIDES.get("DATABASE_URL")
    settings.override("DATABASE_URL", sample_url)
    deck.register_routes(App)
    yield App.server.test_client()
    settings.override("DATABASE_URL", before)


def test_the_download_route_serves_a_deck_for_years_without_index_results(sample_url, deck_client):
    from dashboard import data
    from data_loaders import queries

    client = deck_client

    index_years = set(queries.manager(sample_url).load("index")["year"])
    years = [y for y in data.choices().years if y not in index_years][:2]
    assert years  # years on file (members, reported totals) with no Index result
    for year in years:
        response = client.get(f"/download/deck.pptx?year={year}")
        assert response.status_code == 200, year
        assert f"icc-deck-{year}.pptx" in response.headers["Content-Disposition"]


def test_the_download_route_refuses_a_year_not_on_file_as_the_pages_do(deck_client):
    client = deck_client
    for year in ("2000", "2600", "99999", "abc"):
        response = client.get(f"/download/deck.pptx?year={year}")
        assert response.status_code == 400, year
        assert response.mimetype == "text/plain"
        assert response.get_data(as_text=True).startswith("Ignored year=")
        assert year in response.get_data(as_text=True)


def test_the_side_by_side_comparison_exports_as_a_slide(tmp_path, capsys, sample_url):
    out = tmp_path / "side.pptx"
    args = [str(out), "--year", "2019", "--city", "Lisbon", "--with", "Oeiras,Amadora"]
    assert deck.main([*args, "--db", sample_url]) == 0
    prs = Presentation(str(out))
    assert len(prs.slides) == 10
    last = texts(prs.slides[9])
    assert "Lisbon · Oeiras · Amadora: side by side" in last
    assert "Oeiras: 2019 (2019 questionnaire)" in last
    assert "10 slides for 2019, Lisbon" in capsys.readouterr().out
    assert deck.main([str(out), "--city", "Lisbon", "--with", "Atlantis", "--db", sample_url]) == 2


def test_the_download_route_takes_the_cities_set_side_by_side(deck_client):
    response = deck_client.get("/download/deck.pptx?year=2019&city=Lisbon&with=Oeiras,Amadora")
    assert response.status_code == 200
    prs = Presentation(io.BytesIO(response.get_data()))
    assert len(prs.slides) == 10
    assert "Lisbon · Oeiras · Amadora: side by side" in texts(prs.slides[9])


def test_the_french_city_and_side_slides_stay_on_the_slide_in_libreoffice(frames, tmp_path):
    """The city slide and the side-by-side slide in French: their words are French
    (titles, questionnaires, the learning-tool line) and, rendered by LibreOffice, every
    word lies inside the page and the side panel stays above the source line (the longer
    French bullets shrink to fit rather than run off)."""
    import shutil
    import subprocess

    from dashboard import i18n

    if not shutil.which("soffice") or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice (soffice) or poppler (pdftotext) is not installed")
    if not shutil.which("pdfseparate"):
        pytest.skip("poppler's pdfseparate is not installed")
    with i18n.language("fr"):
        payload = deck.build_deck(2019, "Lisbon", frames=frames, with_=["Oeiras", "Oslo"])
    prs = Presentation(io.BytesIO(payload))
    city, side = texts(prs.slides[8]), texts(prs.slides[9])
    assert "Lisbon et ses pairs" in city and "questionnaire de 2019" in city
    assert "Lisbon · Oeiras · Oslo : côte à côte" in side
    assert "Oeiras : 2019 (questionnaire de 2019)" in side
    assert "côte à côte dans" in side  # the caption, as on the page
    path = tmp_path / "deck.pptx"
    path.write_bytes(payload)
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        capture_output=True, check=True, timeout=240,
    )  # fmt: skip
    for number in (9, 10):
        page = tmp_path / f"slide{number}.pdf"
        subprocess.run(
            ["pdfseparate", "-f", str(number), "-l", str(number), str(tmp_path / "deck.pdf"),
             str(page)], check=True, timeout=60,
        )  # fmt: skip
        width, height, words = _pdf_words(page)
        for word, x0, y0, x1, y1 in words:
            assert x0 >= 0 and x1 <= width and y0 >= 0 and y1 <= height, (number, word)
        source_top = min(w[2] for w in words if w[0] == "Source")
        # The panel's last bullet (the learning-tool line) ends above the source line.
        last = [w for w in words if w[0] == "classement." and w[1] > 0.6 * width]
        assert last, number
        assert max(w[4] for w in last) <= source_top, number


def _pdf_pages(pdf) -> list[tuple[float, float, list[tuple[str, float, float, float, float]]]]:
    """Each page's size and words' boxes, from `pdftotext -bbox`."""
    import re
    import subprocess

    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True,
        timeout=60,
    ).stdout  # fmt: skip
    pages = []
    for chunk in html.split("<page ")[1:]:
        size = re.match(r'width="([\d.]+)" height="([\d.]+)"', chunk)
        words = [
            (w, float(a), float(b), float(c), float(d))
            for a, b, c, d, w in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<',
                chunk,
            )
        ]
        pages.append((float(size.group(1)), float(size.group(2)), words))
    return pages


def overlapping_words(words, share: float = 0.3) -> list[tuple[str, str]]:
    """Pairs of words whose boxes overlap by more than `share` of the smaller box (text
    drawn over other text: bullets over a table, a tile's note over the next line)."""
    pairs = []
    for i, (a, ax0, ay0, ax1, ay1) in enumerate(words):
        for b, bx0, by0, bx1, by1 in words[i + 1 :]:
            w, h = min(ax1, bx1) - max(ax0, bx0), min(ay1, by1) - max(ay0, by0)
            if w > 0 and h > 0:
                smaller = min((ax1 - ax0) * (ay1 - ay0), (bx1 - bx0) * (by1 - by0))
                if w * h > share * smaller:
                    pairs.append((a, b))
    return pairs


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_slide_draws_words_over_words_or_out_of_their_tiles_in_libreoffice(
    frames, tmp_path, lang
):
    """Every slide of the deck, in English and in French, rendered by LibreOffice (which
    draws a font wider than Calibri where Calibri is missing): no word outside the page,
    no word drawn over another (the map slide's bullets once ran over its table), and on
    the key-figures slide every word inside its tile (a long French note once ran out)."""
    import shutil
    import subprocess

    from dashboard import i18n

    if not shutil.which("soffice") or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice (soffice) or poppler (pdftotext) is not installed")
    year = story.default_year(frames)  # the deck the command line builds
    with i18n.language(lang):
        payload = deck.build_deck(year, frames=frames)
    path = tmp_path / "deck.pptx"
    path.write_bytes(payload)
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        capture_output=True, check=True, timeout=240,
    )  # fmt: skip
    pages = _pdf_pages(tmp_path / "deck.pdf")
    prs = Presentation(io.BytesIO(payload))
    assert len(pages) == len(prs.slides)
    for number, (width, height, words) in enumerate(pages, start=1):
        assert words, number
        for word, x0, y0, x1, y1 in words:
            assert x0 >= 0 and x1 <= width and y0 >= 0 and y1 <= height, (number, word)
        assert overlapping_words(words) == [], number
    tiles = [
        (
            sh.left / 12700,
            sh.top / 12700,
            (sh.left + sh.width) / 12700,
            (sh.top + sh.height) / 12700,
        )
        for sh in prs.slides[1].shapes
        if sh.name.startswith("KPI ")
    ]
    assert tiles
    grid_top, grid_bottom = min(t[1] for t in tiles), max(t[3] for t in tiles)
    for word, x0, y0, x1, y1 in pages[1][2]:
        if y1 > grid_top and y0 < grid_bottom:
            inside = any(
                x0 >= left - 1 and y0 >= t - 1 and x1 <= r + 1 and y1 <= b + 1
                for left, t, r, b in tiles
            )
            assert inside, word
