"""Overview page in headless Chromium: KPI cards, growth chart, small map; URL state."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import request_hosts
from tests.browser.pages import open_page


def test_overview_shows_the_kpis_of_the_year_in_the_url(dash_duo, dash_app):
    driver = open_page(dash_duo, dash_app, "/?year=2017")
    dash_duo.wait_for_text_to_equal("#overview-kpi-title", "Key figures of 2017", timeout=20)
    dash_duo.wait_for_text_to_equal("#overview-kpi-members .kpi-value", "121")
    source = driver.find_element(By.CSS_SELECTOR, "#overview-kpi-members .kpi-source")
    assert "Annual report 2017" in source.get_attribute("title")
    # 2017's figures are all published (the annual report): no card is marked.
    badges = driver.find_elements(By.CSS_SELECTOR, "#overview-kpis .illustrative-badge")
    assert not [b for b in badges if b.is_displayed()]
    # The growth chart draws both series; the small map draws its cities.
    dash_duo.wait_for_element("#card-overview-growth .scatterlayer .trace", timeout=15)
    legend = {
        e.text for e in driver.find_elements(By.CSS_SELECTOR, "#card-overview-growth .legendtext")
    }
    # Both series, and the hollow diamonds of totals derived from published figures, explained.
    assert {"Cities on file", "Reported total", "Total derived from published figures"} <= legend
    dash_duo.wait_for_element("#card-overview-map .geo path.point", timeout=15)
    line = driver.find_element(By.CSS_SELECTOR, "#card-overview-growth .source-line").text
    assert line.startswith("Source: ") and "cities on file: the cities dataset" in line
    assert request_hosts(driver) == {dash_duo.server_url.split("/")[2]}
    assert dash_duo.get_logs() == []
    # In 2019 some cards count values that are not published: they are marked; the member
    # count is published and is not.
    driver.get(dash_duo.server_url + "/?year=2019")
    dash_duo.wait_for_text_to_equal("#overview-kpi-title", "Key figures of 2019", timeout=20)
    badge = driver.find_element(By.CSS_SELECTOR, "#overview-kpi-countries .illustrative-badge")
    assert badge.is_displayed() and badge.text == "illustrative"
    assert not driver.find_elements(By.CSS_SELECTOR, "#overview-kpi-members .illustrative-badge")


def test_overview_filter_change_goes_to_the_url_and_the_cards(dash_duo, dash_app):
    driver = open_page(dash_duo, dash_app, "/?year=2017&country=NO")
    dash_duo.wait_for_contains_text("#overview-kpi-title", "country=NO", timeout=20)
    dash_duo.select_dcc_dropdown('[id*=\'"key":"year"\']', value="2015")
    dash_duo.wait_for_contains_text("#overview-kpi-title", "Key figures of 2015", timeout=15)
    WebDriverWait(driver, 10).until(lambda d: "year=2015" in d.current_url)
    assert "country=NO" in driver.current_url
    assert dash_duo.get_logs() == []
