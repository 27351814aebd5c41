"""Every French page and slide in headless Chromium: no English message left on screen.

The English left on a French page is found the way a reader finds it: the visible text
nodes (HTML and the charts' SVG) and the controls' placeholders are compared with the
catalogue's English messages (`translations/fr/LC_MESSAGES/messages.po`; a message with
`{placeholders}` matches any values). City names, sources and other data are not
messages, so they never match.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from selenium.webdriver.support.ui import WebDriverWait

from dashboard import components
from data_loaders import vocab
from tests.browser.pages import open_page

PO = Path(__file__).resolve().parents[2] / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
# The pages that are wholly French (docs/notes/i18n.md says which are not yet).
FRENCH_PAGES = (
    "/",
    "/trends",
    "/outreach",
    "/networks",
    "/data",
    "/map?year=2017",
    "/index?year=2017",
    "/compare?city=Lisbon",
    "/compare?city=Lisbon&with=Oeiras,Oslo",
)
# Every slide of the presentation view (Index area names included: the vocabulary's French).
FRENCH_SLIDES = (1, 2, 3, 4, 5, 6, 7, 8, "9&city=Lisbon", "10&city=Lisbon&with=Oeiras,Oslo")
READY = {
    "/": "#card-overview-growth .main-svg .trace",
    "/trends": "#card-trends-activities .main-svg .trace",
    "/outreach": "#card-outreach-events .main-svg .trace",
    "/networks": "#card-networks-both .main-svg .trace",
    "/data": "#card-data-coverage .main-svg .trace",
    "/map": "#card-map-cities .geo .scattergeo path.point",
    "/index": "#card-index-spread .main-svg .trace",
    "/compare?city=Lisbon": "#card-compare-bars .main-svg .trace",
    "/compare?city=Lisbon&with=Oeiras,Oslo": "#card-compare-side .main-svg .trace",
}
# The visible text: HTML and SVG text nodes shown (not in a hidden region), the source
# lines left out (publication names stay as published), and the controls' placeholders.
# An element whose children are all text gives its whole text once (a Markdown table cell
# is several text nodes, split where a character reference stood).
VISIBLE_TEXT = """
const out = [];
const seen = new Set();
const skip = ".source-line, .kpi-source, .present-source, .chart-source";
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  const el = node.parentElement;
  if (!el || seen.has(el)) continue;
  const onlyText = [...el.childNodes].every(function (c) { return c.nodeType === 3; });
  if (onlyText) seen.add(el);
  const text = (onlyText ? el.textContent : node.textContent).trim();
  if (!text || el.closest(skip) || el.closest("script, style")) continue;
  if (!el.getClientRects().length) continue;
  const style = getComputedStyle(el);
  if (style.visibility === "hidden" || style.display === "none") continue;
  out.push(text);
}
document.querySelectorAll("[placeholder], .Select-placeholder").forEach(function (el) {
  if (el.getClientRects().length) out.push(el.getAttribute("placeholder") || el.textContent);
});
return out;
"""


def english_messages() -> tuple[set[str], list[re.Pattern]]:
    """The catalogue's English messages that French changes: whole texts, and patterns for
    messages with placeholders."""
    with PO.open("rb") as handle:
        catalogue = read_po(handle, locale="fr")
    exact, patterns = set(), []
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for english in ids:
            if english in strings or len(english.strip()) < 3:
                continue  # the same word in both languages ("Source", "Europe")
            if "{" in english:
                parts = re.split(r"\{[^}]*\}", english)
                if sum(len(p.strip()) for p in parts) >= 8:
                    patterns.append(re.compile(".+".join(map(re.escape, parts)) + "$"))
            else:
                exact.add(english.strip())
    # Index area names are the vocabulary's, not the catalogue's: English ones count too.
    for ind in vocab.INDICATORS:
        exact |= {ind.name, ind.short} - {ind.name_fr, ind.short_fr}
    return exact, patterns


def english_left(texts: list[str]) -> list[str]:
    """The texts that are English messages of the catalogue."""
    exact, patterns = english_messages()
    return sorted({t for t in texts if t in exact or any(p.match(t) for p in patterns)})


def visible_texts(driver) -> list[str]:
    return driver.execute_script(VISIBLE_TEXT)


@pytest.mark.parametrize("path", FRENCH_PAGES)
def test_a_french_page_shows_no_english_message(dash_duo, dash_app, path):
    driver = open_page(dash_duo, dash_app, path + ("&" if "?" in path else "?") + "lang=fr")
    dash_duo.wait_for_element(READY.get(path) or READY[path.split("?")[0]], timeout=30)
    dash_duo.wait_for_element(".chart-caption:not(:empty)", timeout=20)
    assert driver.find_element("css selector", "#shell-navbar-brand").text == (
        "Tableau de bord du réseau ICC"
    )
    texts = visible_texts(driver)
    assert english_left(texts) == []
    assert dash_duo.get_logs() == []


def test_the_language_switch_keeps_the_filters(dash_duo, dash_app):
    driver = open_page(dash_duo, dash_app, "/?lang=fr&year=2017")
    dash_duo.wait_for_element(READY["/"], timeout=30)
    dash_duo.wait_for_contains_text("#overview-kpi-title", "Chiffres clés de 2017", timeout=20)
    english = driver.find_element("css selector", "#shell-navbar-lang-en")
    assert english.get_attribute("href").endswith("/?year=2017")
    english.click()
    dash_duo.wait_for_contains_text("#overview-kpi-title", "Key figures of 2017", timeout=30)
    assert "lang=" not in driver.current_url  # English, the default, is not written
    assert dash_duo.get_logs() == []


def test_the_language_switch_keeps_a_filter_changed_on_the_page(dash_duo, dash_app):
    """The switch's links follow the address as the filters change, not the address the page
    opened with."""
    driver = open_page(dash_duo, dash_app, "/?year=2017")
    dash_duo.wait_for_contains_text("#overview-kpi-title", "Key figures of 2017", timeout=30)
    dash_duo.select_dcc_dropdown('[id*=\'"key":"year"\']', value="2015")
    dash_duo.wait_for_contains_text("#overview-kpi-title", "Key figures of 2015", timeout=20)
    french = driver.find_element("css selector", "#shell-navbar-lang-fr")
    WebDriverWait(driver, 15).until(lambda d: "year=2015" in french.get_attribute("href"))
    french.click()
    dash_duo.wait_for_contains_text("#overview-kpi-title", "Chiffres clés de 2015", timeout=30)
    assert "year=2015" in driver.current_url and "lang=fr" in driver.current_url


def test_a_chart_is_a_figure_described_by_its_caption(dash_duo, dash_app):
    driver = open_page(dash_duo, dash_app, "/?lang=fr&year=2017")
    dash_duo.wait_for_contains_text("#caption-overview-growth", "Le nombre de membres", timeout=30)
    figure = driver.find_element("css selector", "#card-overview-growth [role=figure]")
    assert figure.get_attribute("aria-describedby") == "caption-overview-growth"


@pytest.mark.parametrize("number", FRENCH_SLIDES)
def test_a_french_slide_shows_no_english_message(dash_duo, dash_app, number):
    driver = open_page(dash_duo, dash_app, f"/?lang=fr&year=2017&present=1&slide={number}")
    dash_duo.wait_for_element(
        f".present-slide[data-slide='{str(number).split('&')[0]}']", timeout=30
    )
    texts = visible_texts(driver)
    assert texts, "the slide shows nothing"
    assert english_left(texts) == []
    assert dash_duo.get_logs() == []


def test_the_navigation_keeps_the_language(dash_duo, dash_app):
    driver = open_page(dash_duo, dash_app, "/?lang=fr&year=2017")
    dash_duo.wait_for_element(READY["/"], timeout=30)
    link = "#shell-navbar a.nav-link[href^='/trends']"
    dash_duo.wait_for_text_to_equal(link, "Tendances", timeout=20)
    WebDriverWait(driver, 20).until(
        lambda d: "lang=fr" in (d.find_element("css selector", link).get_attribute("href") or "")
    )
    driver.find_element("css selector", link).click()
    dash_duo.wait_for_element(READY["/trends"], timeout=30)
    dash_duo.wait_for_contains_text(
        "#card-trends-members .chart-title", "Villes membres", timeout=20
    )
    assert "lang=fr" in driver.current_url
    assert dash_duo.get_logs() == []


def test_the_tab_title_is_in_the_page_language(dash_duo, dash_app):
    import requests

    driver = open_page(dash_duo, dash_app, "/map?lang=fr&year=2017")
    french = "Carte · Tableau de bord du réseau ICC"
    WebDriverWait(driver, 20).until(lambda d: d.title == french)
    # From the first byte: the page's HTML carries it.
    page = requests.get(dash_duo.server_url + "/map?lang=fr", timeout=20).text
    assert f"<title>{french}</title>" in page
    # Moving to another page keeps the language of the tab.
    link = "#shell-navbar a.nav-link[href^='/index']"
    WebDriverWait(driver, 20).until(
        lambda d: "lang=fr" in (d.find_element("css selector", link).get_attribute("href") or "")
    )
    driver.find_element("css selector", link).click()
    WebDriverWait(driver, 30).until(
        lambda d: d.title == "Index ICC · Tableau de bord du réseau ICC"
    )
    # English stays as it was.
    driver.get(dash_duo.server_url + "/map?year=2017")
    WebDriverWait(driver, 20).until(lambda d: d.title == "Map · ICC Network Dashboard")
    assert dash_duo.get_logs() == []


def test_the_phone_filter_button_and_clear_filters_are_french(dash_duo, dash_app):
    from tests.browser.phone import as_desktop, as_phone

    dash_duo.start_server(dash_app)
    driver = dash_duo.driver
    as_phone(driver)
    try:
        driver.get(dash_duo.server_url + "/map?lang=fr&year=2017")
        dash_duo.wait_for_element(READY["/map"], timeout=30)
        dash_duo.wait_for_text_to_equal(".filter-toggle", "Filtres : 2017", timeout=20)
        driver.find_element("css selector", ".filter-toggle").click()
        dash_duo.wait_for_text_to_equal(
            "#" + components.FILTER_CLEAR, "Effacer les filtres", timeout=20
        )
    finally:
        as_desktop(driver)


@pytest.mark.parametrize("number", (9, 10))
def test_the_french_city_and_side_by_side_slides_show_no_english_message(
    dash_duo, dash_app, number
):
    query = "/?lang=fr&year=2019&present=1&city=Lisbon&with=Oeiras,Oslo"
    driver = open_page(dash_duo, dash_app, f"{query}&slide={number}")
    dash_duo.wait_for_element(f".present-slide[data-slide='{number}'] .main-svg", timeout=30)
    title = driver.find_element("css selector", ".present-title").text
    assert title == (
        "Lisbon et ses pairs" if number == 9 else "Lisbon · Oeiras · Oslo : côte à côte"
    )
    texts = visible_texts(driver)
    assert english_left(texts) == []
    assert not driver.find_elements("css selector", ".present-notice")  # `with` is known
    # The longer French panel (caption and sentences) stays above the slide's foot.
    fits = (
        "return document.querySelector('.present-points').getBoundingClientRect().bottom"
        " <= document.querySelector('.present-foot').getBoundingClientRect().top + 1;"
    )
    WebDriverWait(driver, 10).until(lambda d: d.execute_script(fits))  # once laid out
    assert dash_duo.get_logs() == []
