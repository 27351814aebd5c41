"""Bad URL values never break a page, and no request can ask a running server for unbounded work."""

from __future__ import annotations

import concurrent.futures
import os
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import dash
import pytest

from bench.pages_bench import free_port

ROOT = Path(__file__).resolve().parent.parent
HOSTILE_YEARS = ("²", "2⁰17", "٢٠١٧", "99999", "9" * 3000, "1991")


@pytest.fixture(scope="module")
def pages(pages_app):
    """Every registered page (the app must exist: pages register when it is built)."""
    return list(dash.page_registry.values())


@pytest.mark.parametrize("raw", HOSTILE_YEARS)
def test_every_page_lays_out_a_hostile_year_with_a_notice(pages, raw):
    for page in pages:
        for key in ("year", "from", "to", "edition"):
            layout = page["layout"](**{key: raw})
            assert layout is not None, (page["path"], key)
            if key != "edition":
                assert "Ignored" in str(layout), (page["path"], key)


def fetch(url: str, data: bytes | None = None, timeout: float = 30) -> tuple[int, float]:
    """(status, seconds) of one request."""
    start = time.perf_counter()
    request = urllib.request.Request(url, data=data)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        exc.read()
        status = exc.code
    return status, time.perf_counter() - start


@pytest.fixture(scope="module")
def running_server(tmp_path_factory):
    """`python app.py` on a free port, on a fresh SQLite file with the sample."""
    port = free_port()
    url = f"sqlite:///{tmp_path_factory.mktemp('served') / 'icc.sqlite3'}"
    env = {**os.environ, "DATABASE_URL": url, "ICC_DEBUG": "0"}
    process = subprocess.Popen(
        [sys.executable, "app.py", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if fetch(base + "/", timeout=5)[0] == 200:
                break
        except OSError:
            time.sleep(0.3)
    else:
        process.kill()
        pytest.fail("the app did not start")
    try:
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


EXPENSIVE = {
    "/download/deck.pptx?year=99999": 400,
    "/download/deck.pptx?year=%C2%B2": 400,  # ²
    "/download/deck.pptx?year=1991": 400,  # before the data
    "/download/deck.pptx?year=" + "9" * 3000: 400,
    "/download/deck.pptx?city=" + "x" * 10_000: 414,
    "/?year=" + "9" * 10_000: 414,
}


@pytest.mark.parametrize("path", list(EXPENSIVE))
def test_an_expensive_request_is_refused_at_once(running_server, path):
    fetch(running_server + path)  # the first request of a data version prepares the choices
    timings = []
    for _ in range(3):
        status, seconds = fetch(running_server + path)
        assert status == EXPENSIVE[path]
        timings.append(seconds)
    assert statistics.median(timings) < 0.1, timings


def test_a_huge_callback_body_is_refused(running_server):
    body = b'{"output": "x", "pad": "' + b"x" * (2 * 1024 * 1024) + b'"}'
    status, _ = fetch(running_server + "/_dash-update-component", data=body)
    assert status == 413


def test_the_home_page_answers_while_expensive_requests_arrive(running_server):
    paths = ["/download/deck.pptx?year=99999"] * 8 + ["/download/deck.pptx?year=%C2%B2"] * 8
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        refused = list(pool.map(lambda p: fetch(running_server + p)[0], paths))
        status, seconds = fetch(running_server + "/", timeout=5)
    assert set(refused) == {400}
    assert status == 200
    assert seconds < 2
