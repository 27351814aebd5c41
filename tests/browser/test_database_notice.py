"""PostgreSQL goes away and comes back: the page says so within 5 s and recovers within 10 s.

The app (`python app.py`) reaches PostgreSQL through a TCP proxy this test controls; closing
the proxy is the database going away, opening it again is its return. No restart.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from sqlalchemy.engine import make_url

from bench.pages_bench import free_port
from dashboard import ids

ROOT = Path(__file__).resolve().parents[2]
MAP_POINTS = ".geo .scattergeo path.point"


class Proxy:
    """A TCP proxy to PostgreSQL that can be cut and restored (same port)."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self.port = free_port()
        self.listener: socket.socket | None = None
        self.conns: list[socket.socket] = []
        self.lock = threading.Lock()

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self) -> None:
        if self.listener is not None:
            # shutdown wakes the thread blocked in accept(); close alone would not.
            with contextlib.suppress(OSError):
                self.listener.shutdown(socket.SHUT_RDWR)
            self.listener.close()
            self.listener = None
        with self.lock:
            for conn in self.conns:
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)
                conn.close()
            self.conns.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            with self.lock:
                self.conns += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for conn in (source, target):
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)


@pytest.fixture
def app_behind_proxy(pg_url):
    """`python app.py` on the test schema (sample loaded at start), through the proxy."""
    direct = make_url(pg_url)
    proxy = Proxy((direct.host or "127.0.0.1", direct.port or 5432))
    proxy.start()
    url = direct.set(port=proxy.port).render_as_string(hide_password=False)
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "ICC_DATA_CHECK_SECONDS": "1"}
    process = subprocess.Popen(
        [sys.executable, "app.py", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(os.environ.get("ICC_TEST_APP_LOG", os.devnull), "w"),  # noqa: SIM115
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/", timeout=5).read()
            break
        except OSError:
            time.sleep(0.5)
    try:
        yield base, proxy
    finally:
        process.terminate()
        process.wait(timeout=30)
        proxy.stop()


def notice_shown(driver) -> bool:
    found = driver.find_elements(By.ID, ids.DB_NOTICE)
    return bool(found) and found[0].is_displayed()


def wait_until(condition, seconds: float) -> float:
    """Seconds until `condition()` held; fails after `seconds`."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        try:
            if condition():
                return time.monotonic() - start
        except StaleElementReferenceException:
            pass  # the page reloaded between finding an element and reading it: look again
        time.sleep(0.2)
    pytest.fail(f"not within {seconds} s")


def test_a_page_shows_the_notice_while_postgres_is_away_and_recovers(dash_duo, app_behind_proxy):
    base, proxy = app_behind_proxy
    driver = dash_duo.driver
    driver.get(base + "/map")
    dash_duo.wait_for_element(MAP_POINTS, timeout=60)
    assert not notice_shown(driver)

    proxy.stop()
    # Past ICC_DATA_CHECK_SECONDS (1 s here): the next answer asks the database. Within it,
    # the answers come from the frames in memory (and kept answers): nothing to notice yet.
    time.sleep(1.5)
    driver.get(base + "/trends")
    shown_after = wait_until(lambda: notice_shown(driver), 5)
    assert "cannot reach its database" in driver.find_element(By.ID, ids.DB_NOTICE).text

    proxy.start()
    back_after = wait_until(
        lambda: (
            not notice_shown(driver)
            and driver.find_elements(By.CSS_SELECTOR, "#card-trends-members .scatterlayer .trace")
        ),
        10,
    )
    print(f"notice after {shown_after:.1f} s; page back after {back_after:.1f} s")
