"""The year's story (shared by the presentation view and the deck) on the bundled sample."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import present, story
from dashboard.kpis import compute_kpis, members_on_file
from dashboard.urlstate import Filters
from dashboard.views import common


@pytest.fixture(scope="module")
def frames(sample_frames) -> dict[str, pd.DataFrame]:
    """Every frame of the data layer over the bundled sample."""
    return sample_frames


def by_key(slides: list[story.Slide]) -> dict[str, story.Slide]:
    return {s.key: s for s in slides}


def test_story_has_the_slides_of_the_meeting_in_order(frames):
    keys = [s.key for s in story.build_story(frames, 2017)]
    assert keys == [
        "title", "kpis", "growth", "map", "networks", "index", "outreach", "activities"
    ]  # fmt: skip
    with_city = story.build_story(frames, 2017, "Lisbon")
    assert with_city[-1].key == "city" and with_city[-1].title == "Lisbon and its peers"


def test_kpi_slide_is_compute_kpis_and_shows_the_121_members_of_2017(frames):
    slide = story.kpi_slide(frames, 2017)
    assert slide.kpis == tuple(compute_kpis(frames, 2017))
    members = next(k for k in slide.kpis if k.key == "members")
    assert members.value_text() == "121"
    assert any(note.startswith("Member cities: 121") for note in slide.notes)
    assert slide.illustrative  # some KPIs of the sample are illustrative


def test_growth_slide_has_the_reported_totals_and_the_cities_on_file(frames):
    slide = story.growth_slide(frames, 2017)
    chart = slide.chart
    assert chart.kind == "line" and chart.categories[-1] == "2017"
    series = {s.name: s.values for s in chart.series}
    assert series["Reported total"][-1] == 121
    on_file = len(members_on_file(frames["cities"], 2017))
    assert series["Cities on file"][-1] == on_file
    assert any("121 member cities reported in 2017" in h for h in slide.highlights)
    # 2011's total is derived (11 pilot cities and 10 new): its own series, named in the
    # legend as on the page, never among the reported totals, and said in the notes.
    derived = series["Derived total"]
    assert [y for y, v in zip(chart.categories, derived, strict=True) if v] == ["2011"]
    assert series["Reported total"][chart.categories.index("2011")] is None
    assert "Derived from published figures, not published as a total: 2011: 21." in slide.notes


def test_a_year_whose_total_is_derived_is_not_called_reported(frames):
    slide = story.growth_slide(frames, 2021)
    assert any(
        h.startswith("153 member cities in 2021 (derived from published figures)")
        for h in slide.highlights
    )
    assert not any("reported in 2021" in h for h in slide.highlights)


def test_networks_slide_counts_the_networks_founded_by_the_year(frames):
    slide = story.networks_slide(frames, 2017)
    networks = frames["networks"]
    founded = networks[networks["founded"] <= 2017]
    assert len(slide.chart.categories) == len(founded)
    # The Australian network, founded in 2017, was still forming then (active from 2022).
    assert any(c.startswith("ICANN") for c in slide.chart.categories)
    assert slide.highlights[0].startswith("6 national networks reported for 2017")
    # A network under construction in 2017 is never said to have been founded then.
    notes = " ".join(slide.notes)
    assert "founded 2017" not in notes
    assert "ICANN (Australia, forming in 2017)" in notes


def test_index_slide_words_the_index_as_a_learning_tool_and_is_marked_illustrative(frames):
    slide = story.index_slide(frames, 2017)
    # Its chart in words, the Index page's words: the caption and the first speaker note.
    assert slide.caption.startswith("Mean score per area, ")
    assert slide.notes[0].startswith(slide.caption)
    assert story.LEARNING_TOOL in slide.highlights
    assert slide.illustrative  # the sample's area scores are generated
    assert "Includes illustrative values" in slide.source_text()
    assert all(0 <= v <= 100 for v in slide.chart.series[0].values)


def test_outreach_slide_gives_followers_and_their_change_on_the_year(frames):
    slide = story.outreach_slide(frames, 2017)
    assert "Facebook: 4,551 followers at the end of 2017 (+980 on 2016)." in slide.notes
    assert "X (Twitter): 2,475 followers at the end of 2017 (+526 on 2016)." in slide.notes


def test_city_slide_compares_with_the_peer_mean_and_unknown_city_says_so(frames):
    slide = story.city_slide(frames, 2017, "LISBON")
    assert slide.chart.kind == "radar"
    assert [s.name for s in slide.chart.series] == ["Lisbon", "Peer mean"]
    assert any("above its peer group mean" in h for h in slide.highlights)
    missing = story.city_slide(frames, 2017, "Atlantis")
    assert missing.chart is None and "No Index results on file for Atlantis" in missing.empty


def test_a_filter_that_matches_nothing_gives_empty_slides_that_say_so(frames):
    nowhere = Filters(country="ZZ")
    assert story.map_slide(frames, 2017, nowhere).empty == "No member city matches these filters"
    assert story.index_slide(frames, 2017, nowhere).empty.startswith("No city with Index")


def test_present_view_draws_each_slide_with_its_chart_and_mark(frames):
    slides = story.build_story(frames, 2017, "Lisbon")
    kpis = present.slide_view(slides[1], 2, len(slides), 2017)
    assert kpis.className == "present-slide present-slide-kpis"
    assert kpis.children[1].className == "present-kpis" and len(kpis.children[1].children) >= 8
    for slide in slides:
        fig = present.slide_figure(slide)
        if slide.key != "kpis":
            assert fig is not None and len(fig.data) >= 1, slide.key
    growth = present.chart_figure(story.growth_slide(frames, 2017).chart)
    reported = next(t for t in growth.data if t.name == "Reported total")
    assert reported.mode == "markers"  # sparse totals are points, not an invented line


def test_slide_number_falls_back_within_the_deck():
    assert present.slide_number("3", 8) == 3
    assert present.slide_number("99", 8) == 8
    assert present.slide_number("x", 8) == 1
    assert present.slide_number(None, 8) == 1
    assert present.parse_query("?present=1&slide=2&year=2017") == {
        "present": "1", "slide": "2", "year": "2017"
    }  # fmt: skip


def last_year_on_file(frames) -> int:
    years = [*frames["metrics"]["year"], *frames["index"]["year"], *frames["activities"]["year"]]
    return int(max(years))


def test_every_year_from_2005_has_a_story_whose_empty_slides_say_so(frames):
    last = last_year_on_file(frames)
    assert last >= 2021
    for year in range(2005, last + 1):
        slides = story.build_story(frames, year, "Lisbon")
        assert [s.key for s in slides][-1] == "city" and len(slides) == 9, year
        assert not [s.key for s in slides if s.failed], year
        for s in slides:
            has_data = s.kpis or (s.chart and s.chart.categories and not s.empty) or s.points
            assert has_data or s.empty, (year, s.key)  # no data: the slide says why in words
    index_2008 = story.index_slide(frames, 2008)
    assert index_2008.empty == "No Index results on file up to 2008"
    assert story.map_slide(frames, 2005).empty == "No member city on file in 2005"
    assert story.networks_slide(frames, 2008).empty == "No national network on file founded by 2008"


def test_an_empty_database_gives_a_story_that_says_there_is_no_data(tmp_path):
    from data_loaders import db, queries
    from data_loaders.importer import ensure_database

    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    ensure_database(url, sample=False)
    empty = {name: queries.manager(url).load(name) for name in queries.COLUMNS}
    db.dispose_all()
    slides = by_key(story.build_story(empty, 2017, "Lisbon"))
    assert len(slides) == 9
    assert not any(s.failed for s in slides.values())
    for key in ("growth", "map", "networks", "index", "outreach", "activities"):
        assert "on file" in slides[key].empty, key
    assert slides["city"].empty == "No Index results on file for Lisbon up to 2017"


def test_one_slide_that_cannot_be_built_leaves_the_others(frames, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("indicator")

    keys = [key for key, _, _ in story.SLIDES]
    monkeypatch.setattr(
        story,
        "SLIDES",
        tuple((k, t, broken if k == "index" else b) for k, t, b in story.SLIDES),
    )
    slides = story.build_story(frames, 2017)
    assert [s.key for s in slides] == keys
    failed = [s for s in slides if s.failed]
    assert [s.title for s in failed] == ["ICC Index overview"]
    assert failed[0].empty == story.FAILED
    assert by_key(slides)["growth"].chart.series  # the others are drawn as usual
    view = present.slide_view(failed[0], 6, len(slides), 2017)
    assert story.FAILED in str(view) and view.className.endswith("present-slide-index")


def test_maps_shade_national_network_countries_as_on_the_map_page(frames, pages_app):
    slide = story.map_slide(frames, 2017)
    networks = frames["networks"]
    founded = networks[(networks["founded"] <= 2017) & (networks["active_since"] <= 2017)]
    assert set(slide.extra["shade_iso3"]) == set(founded["iso3"])
    assert "AUS" not in slide.extra["shade_iso3"]  # founded 2017, forming until 2022
    assert slide.extra["shade_caption"] == common.SHADE_CAPTION.format(year=2017)
    assert story.title_slide(frames, 2017).extra["shade_iso3"] == slide.extra["shade_iso3"]
    fig = present.map_figure(slide)
    shade = next(t for t in fig.data if t.type == "choropleth")
    assert set(shade.locations) == set(founded["iso3"])
    # The note on the shading is text beside the map (a phone cut it inside the figure).
    assert not any("national network" in a.text for a in fig.layout.annotations)
    view = str(present.slide_view(slide, 4, 8, 2017))
    assert "present-shade-note" in view and slide.extra["shade_caption"] in view


def test_presentation_callback_shows_a_failing_slide_alone_with_its_message(
    frames, monkeypatch, pages_app
):
    import callbacks.present as cb

    slides = story.build_story(frames, 2017)
    monkeypatch.setattr(cb, "slides_for", lambda search: (slides, 4, 2017, []))
    draw = present.slide_view

    def broken(slide, *args, **kwargs):
        if not slide.failed:
            raise ValueError("no map today")
        return draw(slide, *args, **kwargs)

    monkeypatch.setattr(cb.present, "slide_view", broken)
    view, hidden = cb.update_present("?present=1&slide=4")
    assert not hidden and story.FAILED in str(view)
    assert "Where the member cities are" in str(view)
    assert view.className.endswith("present-slide-map")  # the slide frame: navigation works
    monkeypatch.setattr(cb.present, "slide_view", draw)
    view, _ = cb.update_present("?present=1&slide=3")  # the other slides draw as usual
    assert story.FAILED not in str(view)


@pytest.mark.parametrize("year", range(2008, 2023))
def test_every_slide_shows_the_numbers_of_its_page_in_every_year(frames, year):
    """Page and slide call the same views: per year, the growth, map, networks and key
    figures slides carry the numbers (and the mark) of the overview, map and networks pages."""
    from dashboard import views
    from dashboard.urlstate import PageState
    from dashboard.views import map as map_view
    from dashboard.views import networks as networks_view
    from dashboard.views import overview as overview_view

    source = views.frames_of(frames)
    state = PageState(Filters(), year)
    slides = by_key(story.build_story(source, year))

    growth = overview_view.growth(source.prepared(overview_view), state)
    # The chart's table (one row per year); the download holds one row per dated total.
    years_table = overview_view.growth_years(source.prepared(overview_view), state)
    page_rows = years_table[years_table["year"] <= year]
    series = {s.name: s.values for s in slides["growth"].chart.series}
    assert list(series["Cities on file"]) == [float(v) for v in page_rows["cities_on_file"]]
    reported = [None if pd.isna(v) else float(v) for v in page_rows["reported_total"]]
    # Published and derived totals are two series of the slide: together, the page's.
    published = series.get("Reported total", [None] * len(reported))
    derived = series.get("Derived total", [None] * len(reported))
    assert [p if p is not None else d for p, d in zip(published, derived, strict=True)] == reported
    assert slides["growth"].illustrative == growth.illustrative

    page_map = map_view.view(source.prepared(map_view), state)[map_view.CHART.id]
    assert len(slides["map"].points) == int(page_map.rows[["lat", "lon"]].notna().all(axis=1).sum())
    assert sum(int(r[1]) for r in slides["map"].table) == len(page_map.rows)
    assert slides["map"].illustrative == page_map.illustrative

    shown, rows = networks_view.selected(source.prepared(networks_view), Filters(), year)
    chart = slides["networks"].chart
    assert len(chart.categories) == len(shown)
    assert sum(chart.series[0].values) == len(rows)

    assert slides["kpis"].kpis == tuple(overview_view.kpis(source.prepared(overview_view), state))


def test_city_slide_names_the_leaders_of_the_areas_where_the_city_trails(frames):
    slide = story.city_slide(frames, 2019, "Lisbon")
    assert story.LEARN_FROM in slide.highlights
    lines = slide.highlights[slide.highlights.index(story.LEARN_FROM) + 1 : -1]
    assert 1 <= len(lines) <= story.LEADER_LINES
    assert all(":" in line and "(" in line for line in lines)
    # Every trailing area's leaders in the notes, as the compare page words them.
    assert any("lead your peer group; you are at" in n for n in slide.notes)
    assert slide.extra["leaders"]


def test_side_by_side_slide_sets_the_cities_beside_each_other(frames):
    slides = story.build_story(frames, 2019, "Lisbon", with_=["Oeiras", "Amadora"])
    side = slides[-1]
    assert side.key == "side" and not side.failed
    assert [s.name for s in side.chart.series] == ["Lisbon", "Oeiras", "Amadora"]
    assert side.chart.kind == "barh"
    assert any(h.startswith("Oeiras: 2019") for h in side.highlights)
    lonely = story.side_slide(frames, 2019, "Lisbon", ["Atlantis"])
    assert lonely.chart is None and "Fewer than two" in lonely.empty


def test_city_slide_marks_values_from_illustrative_peers_and_quotes_the_published_places(frames):
    """Ballarat 2016: its overall (84) is published, its peers' scores are illustrative."""
    slide = story.city_slide(frames, 2016, "Ballarat")
    notes = slide.notes_text()
    assert "Published: 4th among the global sample of 80 cities;" in notes
    assert any(h.startswith("Published: 4th among") for h in slide.highlights)
    overall = next(n for n in slide.notes if n.startswith("Overall: "))
    # The published score unmarked, the peer mean computed from illustrative scores marked.
    assert overall.startswith("Overall: 84, peer mean ") and "(illustrative)" in overall
    assert slide.caption.endswith("Computed from illustrative values (not published).")


def test_side_slide_shows_every_city_overall_with_its_status(frames):
    slide = story.side_slide(frames, 2017, "Odesa", ["Barcelona"])
    line = next(h for h in slide.highlights if h.startswith("Status of each overall score"))
    assert "Odesa 70 (published)" in line and "Barcelona 72 (published)" in line


def test_activities_notes_give_each_kind_its_figure_as_published(frames):
    slide = story.activities_slide(frames, 2017)
    # "more than 60" news items: the qualifier is the value, not a label beside a bare 60.
    assert "News: more than 60" in slide.notes
    assert not any(n.startswith("News (more than 60)") for n in slide.notes)
    assert "News (more than 60)" in slide.chart.categories
