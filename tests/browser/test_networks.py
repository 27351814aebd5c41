"""Networks page in headless Chromium: tables, a member map drawn offline, one network."""

from __future__ import annotations

from selenium.webdriver.common.by import By

from tests.browser.conftest import request_hosts
from tests.browser.pages import open_page

MAP = "#card-networks-map"


def test_networks_page_lists_networks_and_maps_members_offline(dash_duo, dash_app):
    driver = open_page(dash_duo, dash_app, "/networks")
    dash_duo.wait_for_contains_text("#networks-summary", "Città del Dialogo", 20)
    dash_duo.wait_for_element(MAP + " .geo .scattergeo path.point", timeout=20)
    borders = driver.find_element(By.CSS_SELECTOR, MAP + " .geo .layer.countries path")
    assert len(borders.get_attribute("d")) > 10_000
    summary = driver.find_element(By.ID, "networks-summary-rows").text
    assert "RECI" in summary and "Active" in summary
    members = driver.find_elements(By.CSS_SELECTOR, "#networks-members-rows tbody tr")
    assert len(members) >= 50
    head = driver.find_elements(By.CSS_SELECTOR, "#networks-members-rows thead th[scope=col]")
    assert [h.text for h in head][:2] == ["Network", "City"]
    # The tables are plain text drawn by one component each: no Markdown parser fetched.
    fetched = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert not [n for n in fetched if "markdown" in n], fetched
    assert "also international ICC members" in driver.find_element(By.ID, "networks-count").text
    dash_duo.wait_for_element("#card-networks-growth .main-svg", timeout=20)
    assert request_hosts(driver) == {dash_duo.server_url.split("/")[2]}
    assert dash_duo.get_logs() == []


def test_one_network_from_the_url(dash_duo, dash_app):
    driver = open_page(dash_duo, dash_app, "/networks?network=RPCI")
    dash_duo.wait_for_contains_text("#networks-count", "1 network shown", 20)
    rows = driver.find_elements(By.CSS_SELECTOR, "#networks-members-rows tbody tr")
    assert rows and all(r.text.startswith("RPCI") for r in rows)
    assert dash_duo.get_logs() == []
