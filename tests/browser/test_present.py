"""Presentation view in headless Chromium: full screen, navigation hidden, a large chart,
arrow keys step, Escape leaves; every request stays on the app's host."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.browser.conftest import request_hosts


def _open(dash_duo, dash_app, query: str, ready: str = ".present-slide .main-svg") -> None:
    dash_duo.start_server(dash_app)
    dash_duo.driver.get(dash_duo.server_url + "/" + query)
    dash_duo.wait_for_element(ready, timeout=20)


def _rect(driver, css: str) -> dict:
    return driver.execute_script(
        "var r = document.querySelector(arguments[0]).getBoundingClientRect();"
        "return {w: r.width, h: r.height, W: window.innerWidth, H: window.innerHeight};",
        css,
    )


def test_present_hides_navigation_and_a_chart_fills_half_the_screen(dash_duo, dash_app):
    _open(dash_duo, dash_app, "?present=1&year=2017")
    driver = dash_duo.driver
    assert not driver.find_element(By.ID, "shell-navbar").is_displayed()
    assert all(not el.is_displayed() for el in driver.find_elements(By.CSS_SELECTOR, ".filter-bar"))
    r = _rect(driver, ".present-graph")
    assert r["w"] * r["h"] >= 0.5 * r["W"] * r["H"], r
    assert dash_duo.find_element(".present-title").text == "Intercultural Cities in 2017"
    assert request_hosts(driver) == {dash_duo.server_url.split("/")[2]}
    assert dash_duo.get_logs() == []


def test_arrow_keys_step_through_the_slides_and_escape_leaves(dash_duo, dash_app):
    _open(dash_duo, dash_app, "?present=1&year=2017&slide=2", ready=".present-kpis")
    dash_duo.wait_for_text_to_equal(".present-count", "2 / 8")
    assert "121" in dash_duo.find_element(".present-kpis").text
    body = dash_duo.find_element("body")
    body.send_keys(Keys.ARROW_RIGHT)
    dash_duo.wait_for_text_to_equal(".present-title", "Membership growth")
    assert "slide=3" in dash_duo.driver.current_url
    body.send_keys(Keys.ARROW_LEFT)
    dash_duo.wait_for_text_to_equal(".present-count", "2 / 8")
    body.send_keys(Keys.ESCAPE)
    dash_duo.wait_for_style_to_equal("#shell-navbar", "display", "flex", timeout=10)
    assert "present=" not in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []


def test_present_button_turns_the_view_on_with_the_city_slide(dash_duo, dash_app):
    dash_duo.start_server(dash_app)
    dash_duo.driver.get(dash_duo.server_url + "/?year=2017&city=Lisbon")
    dash_duo.wait_for_element(".kpi-value", timeout=20)  # the page is ready
    dash_duo.find_element("#shell-present-toggle").click()
    dash_duo.wait_for_text_to_equal(".present-count", "1 / 9", timeout=20)
    dash_duo.find_element("body").send_keys(Keys.END)
    dash_duo.wait_for_text_to_equal(".present-title", "Lisbon and its peers", timeout=20)
    assert dash_duo.get_logs() == []
