"""Retake the README's screenshots: `python docs/make_screenshots.py` (headless Chromium).

Starts the app on a fresh sample database, opens each page, waits until every chart is
drawn, and saves a full-page PNG under docs/screenshots/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.chromium import CHROME_FLAGS  # noqa: E402
from bench.pages_bench import draw_time, free_port, wait_http  # noqa: E402

SHOTS = {
    "overview": "/?year=2017",
    "map": "/map",
    "trends": "/trends",
    "compare": "/compare?city=Lisbon",
    "index": "/index",
    "networks": "/networks",
    "outreach": "/outreach",
    "data": "/data",
    "present-kpis": "/?present=1&year=2017&slide=2",
}


def main() -> None:
    """Take every screenshot."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    out = ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="icc-shots-"))
    port = free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp / 'shots.sqlite3'}"}
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
        for name, path in SHOTS.items():
            draw_time(driver, f"http://127.0.0.1:{port}{path}")
            time.sleep(0.5)
            height = driver.execute_script("return document.body.scrollHeight")
            if "present" not in path:
                driver.set_window_size(1400, min(max(height, 1000), 2400))
            else:
                driver.set_window_size(1600, 900)
            time.sleep(0.8)
            driver.save_screenshot(str(out / f"{name}.png"))
            driver.set_window_size(1400, 1000)
            print(f"{name}: {path}")
    finally:
        if driver is not None:
            driver.quit()
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
