"""Retake the README's screenshots: `python docs/make_screenshots.py` (headless Chromium).

Starts the app on a fresh sample database, opens each page, waits until every chart is
drawn, and saves a full-page PNG under docs/screenshots/.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pages_bench import app_and_browser, draw_time  # noqa: E402

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
    out = ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with app_and_browser() as (base, driver):
        for name, path in SHOTS.items():
            draw_time(driver, base + path)
            time.sleep(0.5)
            height = driver.execute_script("return document.body.scrollHeight")
            if "present" in path:
                driver.set_window_size(1600, 900)
            else:
                driver.set_window_size(1400, min(max(height, 1000), 2400))
            time.sleep(0.8)
            driver.save_screenshot(str(out / f"{name}.png"))
            driver.set_window_size(1400, 1000)
            print(f"{name}: {path}")


if __name__ == "__main__":
    main()
