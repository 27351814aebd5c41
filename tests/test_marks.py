"""The mark follows the values shown: a published value is never marked for a neighbour's
sake, a change is marked when either end is not published, and every slide of every year
carries the mark exactly when it shows an unpublished value."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from pptx import Presentation

from dashboard import deck, marks, present, story
from dashboard.figures.common import ILLUSTRATIVE_TEXT
from dashboard.kpis import Kpi, compute_kpis, qualified_change


def test_a_published_value_beside_an_illustrative_one_is_not_marked():
    rows = pd.DataFrame(
        {
            "joined": [2017, 2016],
            "joined_status": ["published", "published"],
            "foreign_born_pct": [12.0, 30.0],
            "foreign_born_pct_status": ["illustrative", "illustrative"],
        }
    )
    assert not marks.shows_unpublished(rows, ("joined",))
    assert marks.shows_unpublished(rows, ("joined", "foreign_born_pct"))


def test_the_change_is_marked_apart_from_the_value():
    now = pd.DataFrame({"value": [121], "value_status": ["published"]})
    before = pd.DataFrame({"value": [100], "value_status": ["illustrative"]})
    assert not marks.shows_unpublished(now, ("value",))
    assert marks.change_unpublished(now, before, ("value",))
    kpi = Kpi("members", "Member cities", 121, 100, illustrative=False, change_illustrative=True)
    assert kpi.value_text() == "121"
    assert kpi.change_text(2017) == "+21 on 2016 (illustrative)"


def test_a_change_against_a_bound_says_so():
    assert qualified_change(6, "", "more than") == "at most +6"
    assert qualified_change(4, "over", "") == "at least +4"
    assert qualified_change(5, "about", "") == "about +5"
    assert qualified_change(10, "over", "more than") is None
    kpi = Kpi("news", "News items", 60, 51, qualifier="more than")
    assert kpi.value_text() == "more than 60"


@pytest.fixture(scope="module")
def frames(sample_frames) -> dict[str, pd.DataFrame]:
    """Every frame of the data layer over the bundled sample."""
    return sample_frames


def test_the_key_figures_of_2017_are_published_and_keep_their_qualifiers(frames):
    kpis = {k.key: k for k in compute_kpis(frames, 2017)}
    assert kpis["members"].value_text() == "121" and not kpis["members"].illustrative
    assert kpis["news"].value_text() == "more than 60" and not kpis["news"].illustrative
    assert not kpis["continents"].illustrative  # "five continents" is in the report
    # The 2016 figures behind the changes are generated: the change alone is marked.
    assert kpis["events"].change_illustrative and not kpis["events"].illustrative
    # The Lisbon training (about 40) was held during the 270-person event: counted once.
    assert kpis["participants"].value == 270


def test_the_title_slide_names_counts_of_cities_on_file_as_illustrative(frames):
    published = story.title_slide(frames, 2017)
    assert "(illustrative)" not in published.highlights[0]  # 121, 32 and 6 are published
    # ...but its map shows the members on file, some with generated joining years.
    assert published.illustrative and published.points
    counted = story.title_slide(frames, 2013)  # no published total, joining years generated
    assert counted.illustrative and "(illustrative)" in counted.highlights[0]


def _deck_texts(payload: bytes) -> list[str]:
    prs = Presentation(io.BytesIO(payload))
    return [
        " ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
        for slide in prs.slides
    ]


@pytest.mark.parametrize("year", range(2008, 2023))
def test_every_slide_is_marked_exactly_when_it_shows_an_unpublished_value(frames, year, pages_app):
    slides = story.build_story(frames, year)
    texts = _deck_texts(deck.build_deck(year, frames=frames))
    assert len(texts) == len(slides)
    for slide, text in zip(slides, texts, strict=True):
        on_deck = ILLUSTRATIVE_TEXT.lower() in text.lower()
        # The deck's title slide has no map: it is marked for its headline figures alone.
        shown = slide.extra["headline_illustrative"] if slide.key == "title" else slide.illustrative
        assert on_deck == shown, (year, slide.key)
        view = present.slide_view(slide, 1, len(slides), year)
        mark = next(c for c in _walk(view) if "present-mark" in str(getattr(c, "className", "")))
        assert mark.hidden == (not slide.illustrative), (year, slide.key)
        if slide.key == "kpis":
            shown = slide.kpis
            expected = any(k.illustrative or (k.change_illustrative and k.change is not None)
                           for k in shown)  # fmt: skip
            assert slide.illustrative == expected, year


def _walk(component):
    yield component
    children = getattr(component, "children", None)
    if isinstance(children, list | tuple):
        for child in children:
            yield from _walk(child)
    elif children is not None and not isinstance(children, str | int | float):
        yield from _walk(children)


def test_the_growth_chart_shows_the_published_membership_points_with_qualifiers(frames):
    from dashboard import views
    from dashboard.urlstate import Filters, PageState
    from dashboard.views import overview

    source = views.frames_of(frames)
    result = overview.growth(source.prepared(overview), PageState(Filters(), 2021))
    fig = result.built_figure()
    reported = next(t for t in fig.data if t.name == "Reported total")
    published = [
        (x, label)
        for x, label, symbol in zip(reported.x, reported.text, reported.marker.symbol, strict=True)
        if symbol == "diamond" and 2008 <= x < 2022
    ]
    assert len(published) >= 10
    labels = set(reported.text)  # one label per year: the year's figure, as the KPI shows it
    assert {"11", "121", "over 130", "136", "141"} <= labels
    assert "130" not in labels  # "over 130" is never shown as an exact 130
    hovers = " ".join(reported.customdata)  # every point, its qualifier and source
    assert "some 121 member cities" in hovers and "more than 120 member cities" in hovers


def test_a_total_dated_only_by_its_year_sits_at_the_years_end_and_says_so(frames):
    """The annual report's 121 (2017, no day) is drawn after May 2017's 118, not before it:
    the line of reported totals must not show a fall the sources never reported."""
    from dashboard import views
    from dashboard.urlstate import Filters, PageState
    from dashboard.views import overview

    source = views.frames_of(frames)
    result = overview.growth(source.prepared(overview), PageState(Filters(), 2021))
    fig = result.built_figure()
    reported = next(t for t in fig.data if t.name == "Reported total")
    in_2017 = sorted(
        (x, hover.split(" member cities")[0])
        for x, hover in zip(reported.x, reported.customdata, strict=True)
        if 2017 <= x < 2018
    )
    assert [h for _x, h in in_2017] == [
        "2017-05-09: 118",
        "2017-11: some 121",
        "2017-12-07: 120",
        "2017 (no exact date): 121",
    ]
    legend = [t.name for t in fig.data]  # the hollow diamonds are explained
    assert "Total derived from published figures" in legend
