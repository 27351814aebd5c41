"""Pages in headless Chromium: ready time, bytes on first and repeat visit, callback bodies.

Ready = charts present, nothing loading, chart count stable for 300 ms (pages_bench's rule).
Bytes = the sum of `encodedDataLength` of every Network.loadingFinished event (DevTools
performance log), i.e. what crossed the wire, headers included. First visit: browser cache
cleared. Repeat visit: the same page opened again from about:blank (normal navigation, so
the cache works as it would for a user coming back).
"""

from __future__ import annotations

import json
import math
import statistics

from bench.pages_bench import draw_time

UPDATE = "_dash-update-component"


class NeverReady(Exception):
    """The page was not ready within the timeout (the tab may still be busy drawing)."""


def _events(driver) -> list[dict]:
    return [json.loads(e["message"])["message"] for e in driver.get_log("performance")]


def _visit(driver, url: str, timeout: float) -> dict:
    from selenium.common.exceptions import WebDriverException

    driver.get("about:blank")
    _events(driver)
    try:
        ready_ms, _ = draw_time(driver, url, timeout=timeout)
        if math.isnan(ready_ms):
            raise NeverReady(url)
    except WebDriverException as exc:  # the page or a probe took longer than `timeout`
        raise NeverReady(url) from exc
    try:
        events = _events(driver)
    except WebDriverException:
        events = []
    sent = {}
    for e in events:
        if e["method"] == "Network.requestWillBeSent":
            req = e["params"]["request"]
            sent[e["params"]["requestId"]] = req
    transferred = 0
    by_url: dict[str, int] = {}
    for e in events:
        if e["method"] == "Network.loadingFinished":
            n = int(e["params"].get("encodedDataLength", 0))
            transferred += n
            req = sent.get(e["params"]["requestId"])
            if req is not None and n:
                key = req["url"].split("?")[0].rsplit("/", 1)[-1] or "/"
                by_url[key] = by_url.get(key, 0) + n
    bodies = [r["postData"] for r in sent.values() if UPDATE in r["url"] and r.get("postData")]
    biggest = dict(sorted(by_url.items(), key=lambda kv: -kv[1])[:6])
    return {"ready_ms": ready_ms, "bytes": transferred, "biggest": biggest, "bodies": bodies}


def measure(driver, url: str, repeats: int, timeout: float, floor_url: str | None = None) -> dict:
    """One page: first visit (cold cache) and `repeats` repeat visits.

    With `floor_url` (the floor app's page, served beside it), each repeat visit of the page
    follows a visit of the floor page in the same browser (after one to warm it): the
    page's ratio is to the floor measured at the same moment, so a machine that slows down
    or speeds up during the run (a shared VM: the floor alone moved 435-528 ms between
    runs) moves both alike."""
    driver.set_page_load_timeout(timeout)
    driver.set_script_timeout(timeout)
    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    first = _visit(driver, url, timeout)
    floors: list[float] = []
    again = []
    if floor_url:
        _visit(driver, floor_url, timeout)
    for _ in range(repeats):
        if floor_url:
            floors.append(_visit(driver, floor_url, timeout)["ready_ms"])
        again.append(_visit(driver, url, timeout))
    readies = [v["ready_ms"] for v in again]
    out = {
        "url": url,
        "first_ready_ms": first["ready_ms"],
        "ready_ms": float("nan") if any(map(math.isnan, readies)) else statistics.median(readies),
        "ready_all_ms": readies,
        "first_bytes": first["bytes"],
        "first_biggest": first["biggest"],
        "repeat_bytes": statistics.median(v["bytes"] for v in again),
        "repeat_biggest": again[-1]["biggest"],
        "callback_bodies": first["bodies"],
    }
    if floors:
        out["floor_ready_ms"] = statistics.median(floors)
        out["floor_ready_all_ms"] = floors
    return out
