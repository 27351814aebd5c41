"""Two languages: formats, the catalogue, captions in words, the French deck."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import plotly.graph_objects as go
import pytest
from babel.messages.pofile import read_po
from pptx import Presentation

from dashboard import deck, exports, formats, i18n, urlstate, views, wiring
from dashboard.urlstate import Filters, PageState
from dashboard.views import outreach, overview, trends

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
NNBSP = "\u202f"  # CLDR's French thousands separator


@pytest.fixture(scope="module")
def frames_once(sample_frames) -> views.Frames:
    """The sample's frames with each view's prepared data, computed once per language."""
    return views.frames_of(dict(sample_frames))


def run(page: str, frames: views.Frames, year: int = 2017, **filters: object) -> dict:
    """A page's view as its callback runs it, on the sample's frames, in the current language."""
    module = views.PAGES[page]
    state = PageState(Filters(**filters), year)
    return module.view(views.frames_of(frames).prepared(module), state)


def catalogue():
    with PO.open("rb") as handle:
        return read_po(handle, locale="fr")


def test_french_numbers_percentages_and_dates_follow_cldr():
    with i18n.language("fr"):
        assert formats.number(1234) == f"1{NNBSP}234"
        assert formats.percent(70).replace("\xa0", " ").replace(NNBSP, " ") == "70 %"
        assert formats.date("2017-12-15") == "15 déc. 2017"
        assert formats.qualified(130, "more than") == "plus de 130"
        assert formats.qualified(60, "at least") == "60+"


def test_english_numbers_and_dates_are_as_they_always_were():
    with i18n.language("en"):
        assert formats.number(1234) == "1,234"
        assert formats.percent(70) == "70%"
        assert formats.date("2017-12-15") == "15 Dec 2017"
        assert formats.qualified(130, "more than") == "more than 130"


def test_lang_in_the_url_is_english_or_french_and_anything_else_is_english():
    assert urlstate.parse_language("fr") == "fr"
    assert urlstate.parse_language(["FR"]) == "fr"
    assert urlstate.parse_language("de") == "en"
    assert urlstate.parse_language(None) == "en"
    assert "lang" in urlstate.SHELL_KEYS  # never an "ignored parameter" notice


def test_the_language_is_set_for_a_block_and_restored_after_it():
    assert i18n.current() == "en"
    with i18n.language("fr"):
        assert i18n._("Overview") == "Vue d'ensemble"
    assert i18n._("Overview") == "Overview"


def test_every_message_of_the_catalogue_has_a_french_translation():
    missing = [
        m.id
        for m in catalogue()
        if m.id and not all(m.string if isinstance(m.string, tuple) else [m.string])
    ]
    assert missing == []


def test_the_catalogue_holds_every_message_marked_in_the_code(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
         "-k", "_", "-k", "N_", "-k", "lazy", "-k", "ngettext:1,2", "-o", str(pot), "."],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    with pot.open("rb") as handle:
        marked = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    have = {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue() if m.id}
    assert sorted(marked - have) == [], "run `make translations` and translate the new messages"


def test_the_compiled_catalogue_is_made_from_the_po(tmp_path):
    written = i18n.compile_catalogues(force=True)
    assert PO.with_suffix(".mo") in written
    assert PO.with_suffix(".mo").stat().st_mtime >= PO.stat().st_mtime


def test_every_page_callback_reads_the_language():
    for view in views.PAGES.values():
        assert "lang" in wiring.inputs(view), view.PAGE


def test_growth_caption_says_what_the_chart_shows_in_both_languages(frames_once):
    with i18n.language("en"):
        en = run("overview", frames_once)[overview.GROWTH.id].caption
    with i18n.language("fr"):
        fr = run("overview", frames_once)[overview.GROWTH.id].caption
    assert en.startswith("Membership grew from 11 cities in 2008 to ")
    assert en.endswith(" are on file.")
    assert fr.startswith("Le nombre de membres est passé de 11 villes en 2008 à ")


def test_every_card_of_overview_trends_and_outreach_has_a_caption(frames_once):
    for page in ("overview", "trends", "outreach"):
        for lang in ("en", "fr"):
            with i18n.language(lang):
                result = run(page, frames_once)
            for card in views.PAGES[page].CARDS:
                assert result[card.id].caption, (page, lang, card.id)


def test_a_caption_keeps_the_qualifier_of_the_figures(frames_once):
    with i18n.language("fr"):
        caption = run("trends", frames_once)[trends.ACTIVITIES.id].caption
    assert "plus de" in caption  # participants summed over figures given as "more than"


def test_a_total_over_bounded_figures_is_a_bound_in_every_caption(frames_once):
    """2017's "more than 60" news items and 2015's "at least 4" newsletters: the sums over
    the years are lower bounds, never bare totals."""
    with i18n.language("en"):
        pubs = run("outreach", frames_once)[outreach.PUBLICATIONS.id].caption
        acts = run("trends", frames_once)[trends.ACTIVITIES.id].caption
    assert re.search(r"more than [\d,]+ news items", pubs), pubs
    assert re.search(r"[\d,]+\+ newsletters", pubs), pubs
    assert re.match(r"more than [\d,]+ activities", acts), acts
    with i18n.language("en"):
        only_2021 = run("outreach", frames_once, year_from=2021, year_to=2021)
    assert "more than" not in only_2021[outreach.PUBLICATIONS.id].caption  # 108 news: exact


def test_the_download_header_carries_the_caption_in_the_language(frames_once):
    with i18n.language("fr"):
        result = run("overview", frames_once)[overview.GROWTH.id]
        lines = exports.header_lines(result.download(overview.GROWTH))
    assert lines[0] == "Croissance du réseau : totaux publiés et villes enregistrées"
    assert lines[1] == "filtres : aucun (tout le réseau)"
    assert lines[2].startswith("Sources : ")
    assert lines[3] == result.caption


def test_prepared_labels_are_kept_per_language(sample_frames):
    frames = views.frames_of(dict(sample_frames))
    with i18n.language("en"):
        en = frames.prepared(trends)["cities"]
    with i18n.language("fr"):
        fr = frames.prepared(trends)["cities"]
    assert "Germany" in set(en["country_name"]) and "Allemagne" in set(fr["country_name"])


@pytest.fixture(scope="module")
def sample_url(tmp_path_factory) -> str:
    from data_loaders.importer import ensure_database

    url = f"sqlite:///{tmp_path_factory.mktemp('deck-fr') / 'icc.sqlite3'}"
    ensure_database(url, sample=True)
    return url


def test_the_french_deck_builds_from_the_command_line(sample_url, tmp_path, capsys):
    out = tmp_path / "deck-fr.pptx"
    assert deck.main([str(out), "--year", "2017", "--lang", "fr", "--db", sample_url]) == 0
    prs = Presentation(io.BytesIO(out.read_bytes()))
    text = [
        "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        for slide in prs.slides
    ]
    assert "Les Cités interculturelles en 2017" in text[0]
    assert "Chiffres clés de 2017" in text[1]
    assert "Croissance du réseau" in text[2]
    notes = prs.slides[2].notes_slide.notes_text_frame.text
    assert notes.startswith("Le nombre de membres est passé de")  # the caption, first
    assert "Le nombre de membres est passé de" in text[2]  # and on the slide
    assert prs.core_properties.language == "fr-FR"


def test_every_dataset_has_its_label_and_description_in_french():
    from data_loaders import datasets as registry

    with i18n.language("fr"):
        for ds in registry.DATASETS:
            assert i18n._(ds.label) != ds.label or ds.label == "Index", ds.name
            assert i18n._(ds.description) != ds.description, ds.name


def test_a_slide_caption_speaks_of_the_years_its_chart_shows(sample_frames):
    from dashboard import story

    slide = story.growth_slide(dict(sample_frames), 2017)
    assert "in 2017;" in slide.caption  # the chart stops at the slide's year
    assert slide.notes[0].startswith(slide.caption)  # with its mark when illustrative


def test_the_deck_route_builds_the_french_deck(pages_app):
    response = pages_app.server.test_client().get("/download/deck.pptx?year=2017&lang=fr")
    assert response.status_code == 200
    prs = Presentation(io.BytesIO(response.data))
    first = "\n".join(s.text_frame.text for s in prs.slides[0].shapes if s.has_text_frame)
    assert "Les Cités interculturelles en 2017" in first


def test_a_french_page_layout_is_french_and_an_english_one_english(pages_app):
    from dashboard.pages import overview as page

    def texts(component) -> str:
        return str(component.to_plotly_json())

    assert "Vue d'ensemble" in texts(page.layout(lang="fr"))
    assert "Vue d'ensemble" not in texts(page.layout())
    assert i18n.current() == "en"  # the layout's language does not leak into the process


def test_index_area_names_come_from_the_vocabulary_in_the_reader_language():
    from dashboard import peers
    from dashboard.figures import index as index_figs
    from data_loaders import vocab

    with i18n.language("fr"):
        assert peers.area_name("business") == "Entreprises et marché du travail"
        assert peers.short_name("welcoming") == "Accueil"
        assert index_figs.column_name("education") == "Éducation"
        assert index_figs.sort_label("public_space") == "Espace public"
        french = {peers.area_name(s) for s in vocab.AREA_SLUGS}
    with i18n.language("en"):
        assert peers.area_name("business") == "Business and labour market"
        english = {peers.area_name(s) for s in vocab.AREA_SLUGS}
    assert not french & english  # every full area name differs between the languages
    assert vocab.indicator_slug("Entreprises et marché du travail") is None  # slugs unchanged


def test_the_apps_own_notes_in_a_source_line_read_in_french_and_titles_stay_as_published():
    from dashboard.figures.common import publication, source_line

    derived = "derived: 4,551 followers less 980 gained in 2017 (Council of Europe: report)"
    weakest = "illustrative (generated, not published); published: language was the weakest area"
    with i18n.language("en"):
        assert publication(derived) == "derived: 4,551 followers less 980 gained in 2017"
        assert publication(weakest) == "illustrative; published: language was the weakest area"
    with i18n.language("fr"):
        assert publication(derived) == f"dérivé : 4{NNBSP}551 abonnés moins 980 gagnés en 2017"
        assert publication(weakest) == (
            "illustratif ; publié : le domaine le plus faible était langue"
        )
        line = source_line(["derived from ICC Newsletter No 14", "Ville de Genève: rapport"])
        assert line == "Source : dérivé de ICC Newsletter No 14 · Ville de Genève: rapport"


def test_the_data_coverage_hover_counts_values_in_french(frames_once):
    with i18n.language("fr"):
        out = views.run("data", {}, frames_once)
    hovers = [
        text
        for value in out.values()
        if hasattr(value, "figure")
        for trace in (
            value.figure if isinstance(value.figure, go.Figure) else value.figure(False)
        ).data
        if trace.type == "heatmap"
        for row in trace.customdata
        for text in row
    ]
    assert hovers and not any(re.search(r"\bvalues?\b|no value", h) for h in hovers)
    assert any("valeurs" in h for h in hovers) and any("aucune valeur" in h for h in hovers)


def test_published_places_read_in_french_on_a_french_page():
    from dashboard import peers

    published = {
        "places": [
            "4th among the global sample of 80 cities",
            "1st among cities under 15% foreign-born",
            "12th among cities over 200,000 inhabitants",
        ],
        "year": 2016,
        "source": "City of Ballarat",
    }
    with i18n.language("fr"):
        line = peers.published_line(published)
        percent = formats.percent(15).replace("15", "")  # CLDR's space before % in French
    assert line == (
        "Publié : 4e parmi l’échantillon mondial de 80 villes ; "
        f"1er parmi les villes de moins de 15{percent} de personnes nées à l’étranger ; "
        f"12e parmi les villes de plus de 200{NNBSP}000 habitants (2016), source : City of Ballarat"
    )
    with i18n.language("en"):
        assert peers.published_line(published).startswith(
            "Published: 4th among the global sample of 80 cities; 1st among"
        )


def test_french_counts_of_peer_groups_agree_with_the_number_before_the_noun():
    """French puts the noun after the count that governs it: "dans 1 des 3 groupes de
    pairs", never "dans 1 groupes de pairs sur 3" (the plural follows the total)."""
    from dashboard.i18n import _, ngettext

    def above(a: int, n: int) -> str:
        return ngettext(
            "above the mean in {above} of {n} peer group",
            "above the mean in {above} of {n} peer groups",
            n,
        ).format(above=a, n=n)

    with i18n.language("fr"):
        assert above(1, 3) == "au-dessus de la moyenne dans 1 des 3 groupes de pairs"
        assert above(0, 1) == "au-dessus de la moyenne dans 0 sur 1 groupe de pairs"
        group = _("Peer group: {group}, {n} of {total} cities with a result up to {year}")
        assert "0 sur 12 villes" in group.format(group="x", n=0, total=12, year=2012)
