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
