"""Index page in headless Chromium: heatmap of many cities, URL parameters, notices."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from data_loaders import vocab
from tests.browser.pages import open_page

HEATMAP = "#card-index-heatmap"
CELLS_TEXT = HEATMAP + " .heatmaplayer"


def row_labels(driver) -> list[str]:
    ticks = driver.find_elements(By.CSS_SELECTOR, HEATMAP + " .yaxislayer-above .ytick text")
    # Top to bottom as the reader sees them (the DOM order need not be).
    return [t.text for t in sorted(ticks, key=lambda t: t.location["y"])]


def test_index_heatmap_shows_every_city_of_the_edition_sorted_from_the_url(dash_duo, dash_app):
    driver = open_page(dash_duo, dash_app, "/index?results=q2009&sort=name")
    dash_duo.wait_for_contains_text("#index-count", "cities shown", 20)
    dash_duo.wait_for_element(CELLS_TEXT, timeout=20)
    WebDriverWait(driver, 10).until(lambda d: len(row_labels(d)) >= 60)
    labels = row_labels(driver)
    assert labels == sorted(labels, key=vocab.norm_key)  # Pécs between Pavlohrad and Pryluky
    assert "2009 questionnaire" in driver.find_element(By.ID, "index-count").text
    # The graph grows with its rows so that every city keeps a readable line.
    height = driver.find_element(By.CSS_SELECTOR, HEATMAP + " .js-plotly-plot").size["height"]
    assert height >= 60 * 18
    dash_duo.wait_for_element("#card-index-spread .main-svg", timeout=20)
    dash_duo.wait_for_element("#card-index-lens .main-svg", timeout=20)
    assert dash_duo.get_logs() == []


def test_index_country_filter_narrows_the_heatmap_and_stays_in_the_url(dash_duo, dash_app):
    driver = open_page(dash_duo, dash_app, "/index?country=PT&results=q2009")
    dash_duo.wait_for_contains_text("#index-count", "cities shown", 20)
    WebDriverWait(driver, 10).until(lambda d: row_labels(d))
    assert all(label.endswith("(PT)") for label in row_labels(driver))
    assert "country=PT" in driver.current_url
    assert dash_duo.get_logs() == []


def test_index_with_bad_parameters_falls_back_with_notices(dash_duo, dash_app):
    driver = open_page(dash_duo, dash_app, "/index?sort=height&pop=huge")
    dash_duo.wait_for_contains_text("#_pages_content", "Ignored sort='height'", 20)
    assert "Ignored pop='huge'" in driver.find_element(By.TAG_NAME, "body").text
    dash_duo.wait_for_contains_text("#index-count", "sorted by overall score", 20)
    assert dash_duo.get_logs() == []
