"""What every benchmark needs: ports, servers started and timed, process memory, Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from bench.chromium import CHROME_FLAGS

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, seconds: float = 120) -> None:
    """Wait until `url` answers 200 (the server has started)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=30) as r:
                r.read()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{url} did not answer in {seconds:.0f} s")


@contextmanager
def serve(
    cmd: list[str], env: dict[str, str], port: int
) -> Iterator[tuple[subprocess.Popen, float]]:
    """Start a server; yield (process, seconds from start to the first answer of `/`)."""
    log = open(ROOT / "bench" / "results" / f".server-{port}.log", "w")  # noqa: SIM115
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        wait_http(f"http://127.0.0.1:{port}/")
        yield proc, time.perf_counter() - t0
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def app_cmd(port: int) -> list[str]:
    """The dashboard's development server (threaded Flask), as `make run` starts it."""
    return [PY, "app.py", "--port", str(port), "--host", "127.0.0.1"]


def gunicorn_cmd(target: str, port: int, workers: int) -> list[str]:
    """gunicorn with sync workers on 127.0.0.1."""
    return [
        PY, "-m", "gunicorn", target, "-w", str(workers), "-b", f"127.0.0.1:{port}",
        "--timeout", "120", "--log-level", "warning",
    ]  # fmt: skip


def children(pid: int) -> list[int]:
    """Direct child processes of `pid` (gunicorn's workers)."""
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with suppress(OSError):
            out += [int(c) for c in (task / "children").read_text().split()]
    return out


def peak_rss_mib(pid: int) -> float:
    """The process's peak resident memory (VmHWM), MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def bare_import_seconds(repeats: int = 3) -> float:
    """Median wall time of a fresh interpreter importing dash, plotly, pandas, SQLAlchemy."""
    times = []
    code = "import dash, plotly, plotly.graph_objects, pandas, sqlalchemy"
    for _ in range(repeats):
        t0 = time.perf_counter()
        subprocess.run([PY, "-c", code], check=True, cwd="/")
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def chrome(command_timeout: float = 60):
    """A headless Chromium driver with the DevTools performance log (Network events) on.

    A tab stuck drawing a huge figure can hold chromedriver past every WebDriver timeout:
    `command_timeout` bounds each command on the HTTP side so the caller can start afresh.
    """
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.remote.remote_connection import RemoteConnection

    RemoteConnection.set_timeout(command_timeout)

    options = webdriver.ChromeOptions()
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)


def have_chromium() -> bool:
    """True when headless Chromium and chromedriver are installed."""
    return bool(
        (shutil.which("chromium") or shutil.which("chromium-browser"))
        and shutil.which("chromedriver")
    )
