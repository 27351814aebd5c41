"""Compare page in headless Chromium: opens on the city in the URL, peer group changes."""

from __future__ import annotations

import json
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.pages import open_page

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
    # Where the city stands in words ("highest of 18", "mid-range"), not "1st of 18".
    assert any(w in rows[0].text for w in ("highest", "lowest", "mid-range"))
    assert not any(re.search(r"\d+(?:st|nd|rd|th) of \d+", r.text) for r in rows)
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
