"""Trends page in headless Chromium: every chart draws; `by` and the years go to the URL."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import request_hosts
from tests.browser.pages import open_page

CHARTS = ("members", "index", "followers", "growth", "activities")


def test_trends_draws_every_chart_with_the_international_days(dash_duo, dash_app):
    driver = open_page(dash_duo, dash_app, "/trends?from=2015&to=2017")
    for chart in CHARTS:
        dash_duo.wait_for_element(f"#card-trends-{chart} .main-svg .trace", timeout=20)
    legend = driver.find_element(By.CSS_SELECTOR, "#card-trends-followers .legend").text
    assert "International days" in legend
    # Five days a year for three years, each marked, but for 18 December 2017: the
    # sample's follower totals end on 15 December 2017.
    days = driver.execute_script(
        "var gd = document.querySelector('#card-trends-followers .js-plotly-plot');"
        "return gd.data.filter(function (t) { return t.name === 'International days'; })"
        "[0].text;"
    )
    assert len(days) == 14
    assert "World Refugee Day, 20 Jun 2016" in days
    source = driver.find_element(By.CSS_SELECTOR, "#card-trends-activities .source-line").text
    assert source.startswith("Source:")
    assert request_hosts(driver) == {dash_duo.server_url.split("/")[2]}
    assert dash_duo.get_logs() == []


def test_trends_members_by_country_round_trips_through_the_url(dash_duo, dash_app):
    driver = open_page(dash_duo, dash_app, "/trends?by=country")
    dash_duo.wait_for_element("#card-trends-members .main-svg .trace", timeout=20)
    assert driver.find_element(By.CSS_SELECTOR, "input[type=radio][value=country]").is_selected()
    dash_duo.wait_for_contains_text("#card-trends-members .legend", "Spain", timeout=15)
    driver.find_element(By.CSS_SELECTOR, "input[type=radio][value=continent]").click()
    dash_duo.wait_for_contains_text("#card-trends-members .legend", "Europe", timeout=15)
    WebDriverWait(driver, 10).until(lambda d: "by=continent" in d.current_url)
    assert dash_duo.get_logs() == []
