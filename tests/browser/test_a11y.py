"""Accessibility (issue 12 point 5): axe-core, from npm (tests/browser/axe), injected into
headless Chromium on every page and slide, on a desktop and a phone: no serious or critical
violation, and no content outside a landmark ('region', moderate: the slides are named
regions); and every filter reached with Tab and used with the keyboard alone."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.phone import PAGES, SLIDES, as_phone, wait_drawn

AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
needs_axe = pytest.mark.skipif(
    not AXE.exists(),
    reason="axe-core is not installed: run `npm ci` in tests/browser/axe (.ci/run does)",
)
RUN_AXE = """
var done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']}).then(function (r) {
  done(r.violations.filter(function (v) {
    return v.impact === 'serious' || v.impact === 'critical' || v.id === 'region';
  }).map(function (v) {
    return v.id + ': ' + v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); })
      .join(', ');
  }));
});
"""


def serious_violations(dash_duo, phone: bool) -> dict[str, list[str]]:
    """Every page and slide (English and French addresses) -> axe's serious/critical findings."""
    dash_duo.start_server(dash_app_of(dash_duo))
    driver = dash_duo.driver
    driver.set_script_timeout(60)
    if phone:
        as_phone(driver)
    script = AXE.read_text(encoding="utf-8")
    found = {}
    for path in PAGES + SLIDES:
        for lang in ("en", "fr"):
            sep = "&" if "?" in path else "?"
            address = f"{path}{sep}year=2017" + (f"&lang={lang}" if lang != "en" else "")
            driver.get(dash_duo.server_url + address)
            wait_drawn(driver)
            assert driver.execute_script("return document.documentElement.lang") == lang
            driver.execute_script(script)
            problems = driver.execute_async_script(RUN_AXE)
            if problems:
                found[address] = problems
    return found


_APPS: dict = {}


def dash_app_of(dash_duo):
    return _APPS["app"]


@pytest.fixture(autouse=True)
def _remember_app(dash_app):
    _APPS["app"] = dash_app


@needs_axe
def test_axe_finds_no_serious_violation_on_any_page_or_slide_on_a_desktop(dash_duo):
    assert serious_violations(dash_duo, phone=False) == {}
    assert dash_duo.get_logs() == []


@needs_axe
def test_axe_finds_no_serious_violation_on_any_page_or_slide_on_a_phone(dash_duo):
    assert serious_violations(dash_duo, phone=True) == {}
    assert dash_duo.get_logs() == []


def _focused_key(driver) -> str:
    """The URL key of the filter control that has the focus ('' when none)."""
    raw = driver.execute_script("var a = document.activeElement; return a ? a.id : ''") or ""
    try:
        return json.loads(raw).get("key", "") if raw.startswith("{") else raw
    except ValueError:
        return raw


def test_every_filter_is_reached_with_tab_and_used_with_the_keyboard(dash_duo, dash_app):
    dash_duo.start_server(dash_app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/map?year=2017")
    wait_drawn(driver)
    reached = []
    actions = ActionChains(driver)
    for _ in range(40):
        actions.send_keys(Keys.TAB).perform()
        reached.append(_focused_key(driver))
        if reached[-1] == "filter-bar-clear":
            break
    for key in ("year", "continent", "country", "network", "filter-bar-clear"):
        assert key in reached, reached
    # Back to the continent filter, then choose one with the keyboard alone.
    while _focused_key(driver) != "continent":
        ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    WebDriverWait(driver, 10).until(lambda d: d.find_elements("css selector", "[role=option]"))

    def down_to_an_option(d) -> bool:
        # An arrow pressed while the list is still opening can be lost (it failed one CI
        # run under load): pressed again until an option has the focus.
        if d.execute_script("return document.activeElement.type === 'radio'"):
            return True
        ActionChains(d).send_keys(Keys.ARROW_DOWN).perform()
        return False

    WebDriverWait(driver, 20, poll_frequency=0.5).until(down_to_an_option)
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    WebDriverWait(driver, 10).until(
        lambda d: "continent" in parse_qs(urlsplit(d.current_url).query)
    )
    # "Clear filters" works from the keyboard too.
    while _focused_key(driver) != "filter-bar-clear":
        ActionChains(driver).send_keys(Keys.TAB).perform()
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    WebDriverWait(driver, 10).until(
        lambda d: "continent" not in parse_qs(urlsplit(d.current_url).query)
    )
    assert dash_duo.get_logs() == []
