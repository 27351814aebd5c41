"""Index page in headless Chromium: heatmap of many cities, URL parameters, notices."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from data_loaders import vocab
from tests.browser.pages import open_page, shown_mark

HEATMAP = "#card-index-heatmap"
CELLS_TEXT = HEATMAP + " .heatmaplayer"


def row_labels(driver) -> list[str]:
    ticks = driver.find_elements(By.CSS_SELECTOR, HEATMAP + " .yaxislayer-above .ytick text")
    # Top to bottom as the reader sees them (the DOM order need not be).
    return [t.text for t in sorted(ticks, key=lambda t: t.location["y"])]


def test_index_heatmap_shows_every_city_of_the_edition_sorted_from_the_url(dash_duo, dash_app):
    driver = open_page(dash_duo, dash_app, "/index?results=q2009&rows=100")
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
    dash_duo.wait_for_contains_text("#index-count", "sorted by city name", 20)
    assert dash_duo.get_logs() == []


def test_index_pages_forty_cities_and_keeps_the_page_in_the_url(dash_duo, dash_app):
    driver = open_page(dash_duo, dash_app, "/index?results=q2009&page=2")
    dash_duo.wait_for_contains_text("#index-count", "page 2 of", 20)
    WebDriverWait(driver, 10).until(lambda d: 0 < len(row_labels(d)) <= 40)
    second = row_labels(driver)
    page = driver.find_element(By.CSS_SELECTOR, "#index-controls input[type=number]")
    page.clear()
    page.send_keys("1\n")
    dash_duo.wait_for_contains_text("#index-count", "page 1 of", 20)
    WebDriverWait(driver, 10).until(lambda d: len(row_labels(d)) == 40)
    first = row_labels(driver)
    assert vocab.norm_key(first[-1]) < vocab.norm_key(second[0])
    assert "page=1" in driver.current_url
    assert dash_duo.get_logs() == []


def test_index_a_page_past_the_last_never_writes_nan_in_the_address(dash_duo, dash_app):
    """One page of cities: typing page 2 leaves the address without a page, never
    "page=NaN" (a shared link would carry it)."""
    from selenium.common.exceptions import StaleElementReferenceException

    driver = open_page(dash_duo, dash_app, "/index?results=q2009&pop=over&page=1")
    drawn = WebDriverWait(driver, 30, ignored_exceptions=(StaleElementReferenceException,))
    drawn.until(lambda d: len(row_labels(d)) > 0)
    page = driver.find_element(By.CSS_SELECTOR, "#index-controls input[type=number]")
    assert page.get_attribute("max") == "1"
    page.send_keys("\ue009a")  # select all
    page.send_keys("2\t")
    WebDriverWait(driver, 10).until(lambda d: "page=1" not in d.current_url)
    assert "NaN" not in driver.current_url
    drawn.until(lambda d: len(row_labels(d)) > 0)  # the cities still shown


def test_index_at_phone_width_lists_cities_with_scores_instead_of_the_heatmap(dash_duo, dash_app):
    driver = open_page(dash_duo, dash_app, "/index?results=q2009")
    driver.set_window_size(390, 844)
    dash_duo.wait_for_contains_text("#index-phone-list", "Overall", 20)
    items = driver.find_elements(By.CSS_SELECTOR, "#index-phone-list li")
    assert len(items) == 40 and items[0].is_displayed()
    # The sample's scores are illustrative: each city's name carries the mark.
    assert shown_mark(driver, items[0].find_element(By.TAG_NAME, "strong")) == "illustrative"
    assert "Overall" in items[0].text and "Commitment" in items[0].text
    assert not driver.find_element(By.CSS_SELECTOR, HEATMAP).is_displayed()
    assert dash_duo.get_logs() == []
