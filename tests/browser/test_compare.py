"""Compare page in headless Chromium: opens on the city in the URL, peer group changes."""

from __future__ import annotations

import json
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.pages import open_page, shown_mark

BARS = "#card-compare-bars .main-svg"
RADAR = "#card-compare-radar .main-svg"


def param(driver, key: str):
    """The control of page parameter `key` (Dash writes dict IDs as sorted JSON)."""
    dom_id = json.dumps({"key": key, "role": "param"}, separators=(",", ":"))
    return driver.find_element(By.XPATH, f"//*[@id='{dom_id}']")


def test_compare_opens_on_the_city_of_the_url(dash_duo, dash_app):
    driver = open_page(dash_duo, dash_app, "/compare?city=lisbon")
    dash_duo.wait_for_contains_text("#compare-summary", "Lisbon is above its peer group", 20)
    dash_duo.wait_for_element(BARS, timeout=20)
    dash_duo.wait_for_element(RADAR, timeout=20)
    city = param(driver, "city")
    assert "Lisbon (Portugal)" in city.text
    assert "2019" in param(driver, "edition").text
    rows = driver.find_elements(By.CSS_SELECTOR, "#compare-table-rows tbody tr")
    assert len(rows) >= 14
    # Where the city stands in words ("highest of 18", "mid-range"), and its places as a
    # range across peer groups: no percentile, no single place as the headline.
    head = driver.find_element(By.CSS_SELECTOR, "#compare-table-rows thead").text
    assert "Percentile" not in head and "Across peer groups" in head
    assert any(w in rows[0].text for w in ("highest", "lowest", "mid-range"))
    assert any(re.search(r"above the mean in \d+ of \d+ peer group", r.text) for r in rows)
    assert "learning" in driver.find_element(By.ID, "compare-summary").text
    # The illustrative mark shows: the sample's scores are generated.
    badge = driver.find_element(By.ID, "compare-summary-badge")
    assert badge.is_displayed()
    WebDriverWait(driver, 10).until(lambda d: "edition=2019" in d.current_url)
    assert "city=Lisbon" in driver.current_url
    assert dash_duo.get_logs() == []


def test_changing_the_peer_group_updates_the_summary_and_the_url(dash_duo, dash_app):
    driver = open_page(dash_duo, dash_app, "/compare?city=Lisbon&edition=2012")
    dash_duo.wait_for_contains_text("#compare-summary", "In 2012, Lisbon", 20)
    dash_duo.select_dcc_dropdown(param(driver, "peer"), "Same country")
    dash_duo.wait_for_contains_text("#compare-summary", "Peer group: same country", 20)
    WebDriverWait(driver, 10).until(lambda d: "peer=country" in d.current_url)
    assert "edition=2012" in driver.current_url
    assert dash_duo.get_logs() == []


def test_hand_picked_peers_from_the_url_are_shown_and_used(dash_duo, dash_app):
    driver = open_page(dash_duo, dash_app, "/compare?city=Lisbon&peer=custom&peers=Oeiras,Amadora")
    dash_duo.wait_for_contains_text("#compare-summary", "hand-picked cities", 20)
    picked = driver.find_element(By.ID, "compare-picked")
    assert picked.is_displayed()
    assert "Oeiras" in picked.text and "Amadora" in picked.text
    assert dash_duo.get_logs() == []


def test_unknown_city_falls_back_with_a_notice(dash_duo, dash_app):
    dash_duo.start_server(dash_app)
    dash_duo.driver.get(dash_duo.server_url + "/compare?city=Atlantis&peer=nonsense")
    dash_duo.wait_for_contains_text(
        ".url-notice", "No Index results on file for city='Atlantis'", 20
    )
    notices = dash_duo.driver.find_element(By.CSS_SELECTOR, "body").text
    assert "Ignored peer='nonsense'" in notices
    dash_duo.wait_for_element(BARS, timeout=20)
    assert dash_duo.get_logs() == []


def test_another_spelling_in_the_url_opens_that_city(dash_duo, dash_app):
    driver = open_page(dash_duo, dash_app, "/compare?city=Odessa")
    dash_duo.wait_for_contains_text("#compare-summary", "In 2021, Odesa", 30)
    assert "Odesa (Ukraine)" in param(driver, "city").text
    assert not driver.find_elements(By.CSS_SELECTOR, ".url-notice")
    summary = driver.find_element(By.ID, "compare-summary").text
    assert " 0 of " not in summary
    # Odesa's previous result (2017) is in the 2009 questionnaire: the bars say so.
    dash_duo.wait_for_contains_text("#card-compare-change", "Different questionnaire", 20)
    WebDriverWait(driver, 10).until(lambda d: "city=Odesa" in d.current_url)
    assert dash_duo.get_logs() == []


def type_in(driver, key: str, text: str) -> None:
    """Open the picker of page parameter `key` and type `text` in its search box."""
    param(driver, key).click()
    box = WebDriverWait(driver, 10).until(
        lambda d: d.find_element(By.CSS_SELECTOR, ".dash-dropdown-search")
    )
    box.send_keys(text)


def test_typing_another_name_in_the_picker_offers_the_city(dash_duo, dash_app):
    driver = open_page(dash_duo, dash_app, "/compare?city=Oslo")
    dash_duo.wait_for_contains_text("#compare-summary", "Oslo", 20)
    # The page carries only the city shown: the picker searches on the server.
    type_in(driver, "city", "lisboa")
    dash_duo.wait_for_contains_text(".dash-dropdown-options", "Lisbon (Portugal)", 20)
    option = driver.find_element(By.CSS_SELECTOR, ".dash-dropdown-options .dash-dropdown-option")
    option.click()
    dash_duo.wait_for_contains_text("#compare-summary", "Lisbon", 20)
    WebDriverWait(driver, 10).until(lambda d: "city=Lisbon" in d.current_url)
    assert dash_duo.get_logs() == []


def test_leaders_are_named_with_links_keeping_the_shared_filters(dash_duo, dash_app):
    driver = open_page(dash_duo, dash_app, "/compare?city=Lisbon&year=2019")
    dash_duo.wait_for_contains_text("#compare-leaders", "lead your peer group; you are at", 20)
    links = driver.find_elements(By.CSS_SELECTOR, "#compare-leaders a.compare-leader")
    assert links
    href = links[0].get_attribute("href")
    assert "/compare?" in href and "year=2019" in href and "city=" in href
    top = driver.find_element(By.CSS_SELECTOR, "#compare-summary .compare-lead-top").text
    assert top.startswith("In ") and "lead your peer group; you are at " in top
    # The sample's scores are illustrative: the city's score says so where it is given.
    assert top.endswith("(illustrative).")
    name = links[0].text
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", links[0])
    driver.execute_script("arguments[0].click();", links[0])
    dash_duo.wait_for_contains_text("#compare-summary", name, 20)
    assert "year=2019" in driver.current_url
    assert dash_duo.get_logs() == []


def test_a_small_peer_group_says_so_and_offers_the_whole_sample(dash_duo, dash_app):
    driver = open_page(dash_duo, dash_app, "/compare?city=Lisbon&peer=custom&peers=Oeiras,Amadora")
    dash_duo.wait_for_contains_text(".compare-small", "fewer than 5", 20)
    assert "no position" in driver.find_element(By.CSS_SELECTOR, ".compare-small").text
    rows = driver.find_elements(By.CSS_SELECTOR, "#compare-table-rows tbody tr")
    assert not any(w in r.text for r in rows for w in ("highest of", "lowest of", "mid-range"))
    wider = driver.find_element(By.ID, "compare-wider")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", wider)
    driver.execute_script("arguments[0].click();", wider)
    dash_duo.wait_for_contains_text("#compare-summary", "Peer group: whole sample", 20)
    WebDriverWait(driver, 10).until(lambda d: "peer=all" in d.current_url)
    assert not driver.find_elements(By.CSS_SELECTOR, ".compare-small")
    assert dash_duo.get_logs() == []


def test_cities_side_by_side_from_the_url(dash_duo, dash_app):
    driver = open_page(dash_duo, dash_app, "/compare?city=Lisbon&with=Oeiras,Amadora")
    dash_duo.wait_for_contains_text("#compare-side-table", "Edition", 20)
    head = driver.find_element(By.CSS_SELECTOR, "#compare-side-table-rows thead").text
    assert "Lisbon" in head and "Oeiras" in head and "Amadora" in head
    dash_duo.wait_for_element("#card-compare-side .main-svg", timeout=20)
    legend = driver.find_element(By.CSS_SELECTOR, "#card-compare-side").text
    assert "Oeiras" in legend
    assert "with=Oeiras%2CAmadora" in driver.current_url or "with=Oeiras,Amadora" in (
        driver.current_url
    )
    assert dash_duo.get_logs() == []


def test_compare_tables_stack_at_phone_width(dash_duo, dash_app):
    driver = open_page(dash_duo, dash_app, "/compare?city=Lisbon&with=Oeiras")
    driver.set_window_size(390, 844)
    dash_duo.wait_for_contains_text("#compare-side-table", "Edition", 20)
    dash_duo.wait_for_element("#compare-table-rows tbody tr", timeout=20)
    wide = driver.execute_script(
        "return document.documentElement.scrollWidth > window.innerWidth + 1"
    )
    assert not wide, driver.execute_script(
        "return Array.from(document.querySelectorAll('body *')).filter("
        "e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 8).map("
        "e => e.tagName + '#' + e.id + '.' + e.className)"
    )
    assert dash_duo.get_logs() == []


def test_published_overall_shows_its_published_places_beside_illustrative_ones(dash_duo, dash_app):
    """Ballarat 2016: its overall (84) is published with its places, which stand in the
    overall row instead of places computed from the sample's illustrative peers."""
    driver = open_page(dash_duo, dash_app, "/compare?city=Ballarat&edition=2016")
    dash_duo.wait_for_contains_text("#compare-summary", "Published: 4th among the global", 20)
    rows = driver.find_elements(By.CSS_SELECTOR, "#compare-table-rows tbody tr")
    overall = next(r for r in rows if r.text.startswith("Overall ICC Index"))
    cells = overall.find_elements(By.CSS_SELECTOR, "td")
    assert not shown_mark(driver, cells[1])  # 84, published
    for cell in cells[2:4]:  # peer mean, difference
        assert shown_mark(driver, cell) == "illustrative", cell.text
    assert "highest" not in cells[4].text and " of " not in cells[4].text  # no computed place
    assert "Published: 4th among the global sample of 80 cities;" in cells[5].text
    assert "between" not in cells[5].text
    # The cell holds only the note: it starts with it, not with an empty line.
    first = driver.execute_script("return arguments[0].firstElementChild.tagName", cells[5])
    assert first == "SPAN" and cells[5].text.startswith("Published")
    assert dash_duo.get_logs() == []


def test_side_by_side_shows_each_city_overall_with_its_status(dash_duo, dash_app):
    open_page(dash_duo, dash_app, "/compare?city=Odesa&edition=2017&with=Barcelona")
    dash_duo.wait_for_contains_text("#compare-side-table", "Status of each overall score", 20)
    text = dash_duo.find_element("#compare-side-table").text
    assert "Odesa 70 (published)" in text and "Barcelona 72 (published)" in text
    assert dash_duo.get_logs() == []
