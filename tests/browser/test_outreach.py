"""Outreach page in headless Chromium: followers, publications, events and their table."""

from __future__ import annotations

from selenium.webdriver.common.by import By

from tests.browser.conftest import request_hosts
from tests.browser.pages import open_page


def test_outreach_draws_its_charts_and_lists_the_events(dash_duo, dash_app):
    driver = open_page(dash_duo, dash_app, "/outreach?from=2017&to=2017")
    for chart in ("followers", "publications", "events"):
        dash_duo.wait_for_element(f"#card-outreach-{chart} .main-svg .trace", timeout=20)
    dash_duo.wait_for_contains_text("#outreach-events-count", "events", timeout=15)
    rows = driver.find_elements(By.CSS_SELECTOR, "#outreach-events-table tbody tr")
    assert len(rows) > 2  # header row plus events
    assert "2017" in rows[1].text
    legend = driver.find_element(By.CSS_SELECTOR, "#card-outreach-followers .legend").text
    assert "International days" in legend
    # The events of 2017 are all from the published annual report: no illustrative mark.
    badge = driver.find_element(By.CSS_SELECTOR, "#card-outreach-events .illustrative-badge")
    assert not badge.is_displayed()
    assert (
        "Annual report 2017"
        in driver.find_element(By.CSS_SELECTOR, "#card-outreach-events .source-line").text
    )
    assert request_hosts(driver) == {dash_duo.server_url.split("/")[2]}
    assert dash_duo.get_logs() == []


def test_outreach_for_years_without_events_says_so(dash_duo, dash_app):
    dash_duo.start_server(dash_app)
    dash_duo.driver.get(dash_duo.server_url + "/outreach?from=2009&to=2010")
    dash_duo.wait_for_contains_text(
        "#card-outreach-events", "No event on file for these filters and years", timeout=20
    )
    assert dash_duo.get_logs() == []
