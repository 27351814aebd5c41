"""Security headers in headless Chromium: the pages work under the CSP, injected code does not."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

PAGES = {
    "/": "#card-overview-growth .scatterlayer .trace",
    "/map": ".geo .scattergeo path.point",
}


@pytest.mark.parametrize("path", list(PAGES))
def test_page_draws_under_the_csp_with_a_clean_console(dash_duo, dash_app, path):
    dash_duo.start_server(dash_app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + path)
    dash_duo.wait_for_element(PAGES[path], timeout=30)
    # No toolbar button offers to send the chart anywhere.
    titles = [
        b.get_attribute("data-title") or ""
        for b in driver.find_elements(By.CSS_SELECTOR, ".modebar-btn")
    ]
    assert titles, "the chart toolbar is there"
    assert not [t for t in titles if "Chart Studio" in t or "Share" in t or "cloud" in t.lower()]
    assert dash_duo.get_logs() == []


def test_an_injected_inline_script_does_not_run(dash_duo, dash_app):
    dash_duo.start_server(dash_app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/")
    dash_duo.wait_for_element(PAGES["/"], timeout=30)
    ran = driver.execute_script(
        "var s = document.createElement('script');"
        "s.textContent = 'window.__injected = true;';"
        "document.head.appendChild(s);"
        "return window.__injected === true;"
    )
    assert ran is False
    logs = dash_duo.get_logs()
    assert logs and all("Content Security Policy" in entry["message"] for entry in logs)
