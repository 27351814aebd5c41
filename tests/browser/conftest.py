"""Browser tests: headless Chromium through dash_duo, against the app on a fresh sample database.

Skipped with a clear reason where Chromium or chromedriver is not installed (`.ci/run`
installs Debian's `chromium` and `chromium-driver`, so there they run).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bench.chromium import CHROME_FLAGS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
SKIP_REASON = (
    "headless Chromium and chromedriver are not installed "
    "(apt-get install chromium chromium-driver)"
)


def pytest_configure(config: pytest.Config) -> None:
    """`DASH_TEST_PORT=N` moves dash_duo's first port (58050 by default), so two test runs on
    one machine (two checkouts, two developers) do not fight over the same ports."""
    if os.environ.get("DASH_TEST_PORT", "").isdigit():
        from dash.testing.application_runners import BaseDashRunner

        BaseDashRunner._next_port = int(os.environ["DASH_TEST_PORT"])


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip this folder's tests with a clear reason when there is no browser."""
    if CHROMIUM and CHROMEDRIVER:
        return
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


def pytest_setup_options():
    """Chrome options for dash_duo: headless Chromium with no background network traffic."""
    from selenium.webdriver.chrome.options import Options

    options = Options()
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    if CHROMIUM:
        options.binary_location = CHROMIUM
    return options


@pytest.fixture(scope="session")
def dash_app(pages_app):
    """The dashboard's Dash app (built once by its factory, on a fresh sample database)."""
    return pages_app


def request_hosts(driver) -> set[str]:
    """Every host the page has loaded a resource from (Resource Timing: scripts, styles,
    fetches, topojson, fonts, images), plus the page's own host."""
    urls = driver.execute_script(
        "return [location.href].concat("
        "performance.getEntriesByType('resource').map(function (e) { return e.name; }))"
    )
    return {u.split("/")[2] for u in urls if u.startswith(("http://", "https://", "ws"))}
