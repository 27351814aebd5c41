"""URL state in the browser: an ignored parameter is named in a notice and leaves the address."""

from __future__ import annotations

import time


def _wait_url(driver, predicate, timeout: float = 15) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate(driver.current_url):
            return driver.current_url
        time.sleep(0.2)
    return driver.current_url


def test_unknown_parameter_is_noticed_then_dropped_while_page_state_stays(dash_duo, dash_app):
    dash_duo.start_server(dash_app)
    dash_duo.driver.get(dash_duo.server_url + "/map?foo=bar&colour=network&year=2017")
    dash_duo.wait_for_contains_text(".url-notice", "Ignored unknown parameter(s): foo", timeout=20)
    url = _wait_url(dash_duo.driver, lambda u: "foo=" not in u)
    assert "foo=" not in url
    assert "colour=network" in url and "year=2017" in url
    assert dash_duo.get_logs() == []
