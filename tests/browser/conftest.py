"""Browser tests: headless Chromium through dash_duo, against the app on a fresh sample database.

Skipped with a clear reason where Chromium or chromedriver is not installed (`.ci/run`
installs Debian's `chromium` and `chromium-driver`, so there they run).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from bench.chromium import CHROME_FLAGS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
SKIP_REASON = (
    "headless Chromium and chromedriver are not installed "
    "(apt-get install chromium chromium-driver)"
)

# The app module builds its app at import against DATABASE_URL: point it at a fresh file
# (filled with the bundled sample on start) before any browser test imports it.
_DB_DIR = Path(tempfile.mkdtemp(prefix="icc-browser-"))
os.environ["DATABASE_URL"] = f"sqlite:///{_DB_DIR / 'browser.sqlite3'}"


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
def dash_app():
    """The dashboard's Dash app (imported once, on the browser tests' sample database)."""
    import app as app_module

    return app_module.app


def request_hosts(driver) -> set[str]:
    """Every host the page has loaded a resource from (Resource Timing: scripts, styles,
    fetches, topojson, fonts, images), plus the page's own host."""
    urls = driver.execute_script(
        "return [location.href].concat("
        "performance.getEntriesByType('resource').map(function (e) { return e.name; }))"
    )
    return {u.split("/")[2] for u in urls if u.startswith(("http://", "https://", "ws"))}
