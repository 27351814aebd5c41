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


def test_a_year_without_index_results_draws_every_slide_with_its_empty_state(dash_duo, dash_app):
    _open(dash_duo, dash_app, "?present=1&year=2008&slide=6", ready=".present-slide")
    dash_duo.wait_for_text_to_equal(".present-title", "ICC Index overview", timeout=20)
    assert dash_duo.find_element(".present-count").text == "6 / 8"
    dash_duo.wait_for_contains_text(".present-slide", "No Index results on file up to 2008")
    body = dash_duo.find_element("body")
    body.send_keys(Keys.HOME)
    dash_duo.wait_for_text_to_equal(".present-title", "Intercultural Cities in 2008", timeout=20)
    for number in range(2, 9):  # every slide of the year draws: none is the failure message
        body.send_keys(Keys.ARROW_RIGHT)
        dash_duo.wait_for_text_to_equal(".present-count", f"{number} / 8", timeout=20)
        text = dash_duo.driver.execute_script(
            "return document.querySelector('.present-slide').innerText;"
        )
        assert "could not be drawn" not in text, number
    assert dash_duo.get_logs() == []


def test_a_year_not_on_file_falls_back_with_a_notice_on_the_slide(dash_duo, dash_app):
    _open(dash_duo, dash_app, "?present=1&year=2026", ready=".present-notice")
    assert "Ignored year=2026" in dash_duo.find_element(".present-notice").text
    assert "2026" not in dash_duo.find_element(".present-title").text
    assert dash_duo.get_logs() == []


def test_on_a_phone_the_key_sentences_and_source_stack_under_the_chart(dash_duo, dash_app):
    dash_duo.start_server(dash_app)
    driver = dash_duo.driver
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True},
    )
    try:
        driver.get(dash_duo.server_url + "/?present=1&year=2017&slide=3")
        dash_duo.wait_for_element(".present-slide .xtick", timeout=20)
        boxes = driver.execute_script(
            "var out = {}; ['.present-graph', '.present-points', '.present-source']"
            ".forEach(function (c) { var r = document.querySelector(c).getBoundingClientRect();"
            " out[c] = {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; });"
            "var g = document.querySelector('.present-graph').getBoundingClientRect();"
            "out.ticks = Array.from(document.querySelectorAll('.present-graph .xtick text'))"
            ".map(function (t) { var r = t.getBoundingClientRect();"
            " return r.bottom <= g.bottom + 1 && r.left >= g.left - 1"
            " && r.right <= g.right + 1; });"
            "out.width = window.innerWidth; return out;"
        )
        assert boxes["width"] == 390
        graph, points, source = (boxes[c] for c in (".present-graph", ".present-points",
                                                    ".present-source"))  # fmt: skip
        assert points["top"] >= graph["bottom"] - 1, boxes
        assert source["top"] >= points["bottom"] - 1, boxes
        assert boxes["ticks"] and all(boxes["ticks"]), boxes  # year labels not cut off
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert dash_duo.get_logs() == []


def test_on_a_phone_the_map_slide_note_is_whole_text_under_the_map(dash_duo, dash_app):
    dash_duo.start_server(dash_app)
    driver = dash_duo.driver
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True},
    )
    try:
        driver.get(dash_duo.server_url + "/?present=1&year=2017&slide=4&lang=fr")
        dash_duo.wait_for_element(".present-slide .scattergeo", timeout=30)
        note = dash_duo.wait_for_element(".present-shade-note", timeout=20)
        assert note.text == "Ombrés : pays ayant un réseau national actif en 2017."
        box = driver.execute_script(
            "var n = document.querySelector('.present-shade-note').getBoundingClientRect();"
            "var g = document.querySelector('.present-graph').getBoundingClientRect();"
            "return {left: n.left, right: n.right, top: n.top, graph: g.bottom,"
            " W: document.documentElement.clientWidth};"
        )
        assert box["left"] >= 0 and box["right"] <= box["W"] + 0.5, box  # nothing cut
        assert box["top"] >= box["graph"] - 1, box  # under the map, not over it
        # The map itself carries no note its width could cut.
        texts = driver.execute_script(
            "return Array.from(document.querySelectorAll('.present-graph .annotation-text'))"
            ".map(function (t) { return t.textContent; });"
        )
        assert not any("Ombrés" in t for t in texts), texts
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_with_in_the_url_adds_the_side_by_side_slide_as_the_deck_does(dash_duo, dash_app):
    query = "?present=1&year=2019&city=Lisbon&with=Oeiras,Oslo&slide=10"
    _open(dash_duo, dash_app, query, ready=".present-slide[data-slide='10']")
    dash_duo.wait_for_text_to_equal(".present-count", "10 / 10", timeout=20)
    dash_duo.wait_for_text_to_equal(
        ".present-title", "Lisbon · Oeiras · Oslo: side by side", timeout=20
    )
    dash_duo.wait_for_element(".present-slide .main-svg .trace", timeout=20)
    text = dash_duo.driver.execute_script(
        "return document.querySelector('.present-slide').innerText;"
    )
    assert "Oeiras: 2019 (2019 questionnaire)" in text
    assert "side by side in" in text  # the caption, from the compare view
    body = dash_duo.find_element("body")
    body.send_keys(Keys.ARROW_LEFT)
    dash_duo.wait_for_text_to_equal(".present-title", "Lisbon and its peers", timeout=20)
    assert dash_duo.get_logs() == []
