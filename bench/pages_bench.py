"""Page figures: how long each page takes to draw in headless Chromium, and its callbacks.

Starts `python app.py` on a fresh sample database, opens every page a few times and
prints the median time from navigation to the last chart drawn, with the number and the
slowest of the page's callback requests (`_dash-update-component`, Resource Timing).
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.chromium import CHROME_FLAGS

ROOT = Path(__file__).resolve().parent.parent
PAGES = (
    "/",
    "/map",
    "/trends",
    "/compare?city=Lisbon",
    "/index",
    "/networks",
    "/outreach",
    "/data",
    "/?present=1",
)
# Done = graphs present, nothing loading, and the count of drawn graphs stable for 300 ms.
READY_JS = """
const graphs = document.querySelectorAll('.js-plotly-plot').length;
const loading = document.querySelectorAll('[data-dash-is-loading="true"]').length;
return [graphs, loading, document.readyState];
"""
TIMINGS_JS = """
return performance.getEntriesByType('resource')
  .filter(e => e.name.includes('_dash-update-component'))
  .map(e => e.duration);
"""


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, seconds: float = 90) -> None:
    """Wait until `url` answers (the app has started)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer in {seconds:.0f} s")


def draw_time(driver, url: str, timeout: float = 30) -> tuple[float, list[float]]:
    """Open `url`; ms until every chart is drawn, and the callback request durations."""
    start = time.perf_counter()
    driver.get(url)
    stable_since, last = None, None
    while time.perf_counter() - start < timeout:
        graphs, loading, state = driver.execute_script(READY_JS)
        now = time.perf_counter()
        if state == "complete" and graphs > 0 and loading == 0:
            if last == graphs and stable_since is not None:
                if now - stable_since >= 0.3:
                    return (stable_since - start) * 1000, driver.execute_script(TIMINGS_JS)
            else:
                stable_since = now
            last = graphs
        else:
            stable_since, last = None, None
        time.sleep(0.05)
    return float("nan"), driver.execute_script(TIMINGS_JS)


@contextmanager
def app_and_browser() -> Iterator[tuple[str, object]]:
    """`python app.py` on a fresh sample database and a headless Chromium driver:
    yields (base URL, driver); stops both and removes the database afterwards."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    tmp = Path(tempfile.mkdtemp(prefix="icc-bench-"))
    port = free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}"}
    server = subprocess.Popen(
        [sys.executable, "app.py", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    options = webdriver.ChromeOptions()
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    driver = None
    try:
        wait_http(f"http://127.0.0.1:{port}/")
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
        yield f"http://127.0.0.1:{port}", driver
    finally:
        if driver is not None:
            driver.quit()
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)


def run(repeats: int = 3) -> None:
    """Print the figures (skips with a message when Chromium is not installed)."""
    print("== pages in headless Chromium (sample database)")
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        print("skipped: chromium and chromedriver are not installed")
        return
    t0 = time.perf_counter()
    with app_and_browser() as (base, driver):
        print(f"first start with sample load: {time.perf_counter() - t0:6.1f} s (and browser)")
        for path in PAGES:
            draws, slowest, counts = [], [], []
            for _ in range(repeats):
                ms, callbacks = draw_time(driver, base + path)
                draws.append(ms)
                counts.append(len(callbacks))
                slowest.append(max(callbacks) if callbacks else 0.0)
            print(
                f"{path:<22} drawn in {statistics.median(draws):7.0f} ms (median of "
                f"{repeats}) | callbacks {max(counts):2d}, slowest "
                f"{statistics.median(slowest):6.0f} ms"
            )
