"""The whole benchmark in one run, at 1x (bundled sample) and 100x (synthetic 12,000 cities).

Every figure is printed beside its floor, measured in the same run (bench/floor.py: a Dash
page with one 150-bar go.Bar and a no-op callback; the bare import of dash, plotly, pandas
and SQLAlchemy), with the issue's target and PASS/FAIL. Results go to bench/results/.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, select, text

from bench import browser_bench, harness, load_bench
from bench.floor import noop_payload
from bench.pages_bench import PAGES

RESULTS = harness.ROOT / "bench" / "results"
SYNTHETIC_CITIES = 12_000
SYNTHETIC_SEED = 1
PG_URL = os.environ.get(
    "BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/icc_perf_bench"
)
MB = 1_000_000


@dataclass(frozen=True)
class Mode:
    """How long each part runs (full: the issue's figures; quick: a few minutes)."""

    repeats: int = 5  # repeat visits per page (median; the first two warm the browser)
    page_timeout: float = 30.0
    calls: int = 50
    call_budget_s: float = 15.0  # per callback: stop earlier when a callback is slow
    load_clients: int = 20
    load_seconds: float = 30.0
    load_warmup: float = 10.0
    scaling_seconds: float = 20.0  # each of -w 1 and -w 2


FULL = Mode()
QUICK = Mode(repeats=3, page_timeout=20, calls=15, call_budget_s=3, load_seconds=10,
             load_warmup=5, scaling_seconds=8)  # fmt: skip


def _log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


# ---- data ----


def _sqlite_db(tmp: Path, scale: int) -> str:
    url = f"sqlite:///{tmp / f'bench-{scale}x.sqlite3'}"
    _prepare(url, scale)
    return url


def _prepare(url: str, scale: int) -> None:
    args = (
        ["--sample"]
        if scale == 1
        else ["--synthetic", str(SYNTHETIC_CITIES), "--seed", str(SYNTHETIC_SEED)]
    )
    subprocess.run(
        [harness.PY, "-m", "data_loaders", "init", *args, "--db", url],
        cwd=harness.ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def _pg_db(scale: int) -> str:
    """A fresh PostgreSQL database of its own (dropped and made again every run)."""
    base, _, name = PG_URL.rpartition("/")
    admin = create_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    _prepare(PG_URL, scale)
    return PG_URL


def _compare_city(url: str) -> str:
    from data_loaders.schema import IndexScore

    engine = create_engine(url)
    with engine.connect() as conn:
        names = [r[0] for r in conn.execute(select(IndexScore.city).distinct())]
    engine.dispose()
    return "Lisbon" if "Lisbon" in names else min(names)


# ---- parts ----


def _pages(base: str, compare_city: str, mode: Mode, floor_url: str | None = None) -> dict:
    from urllib.parse import quote

    driver = harness.chrome()
    out = {}
    try:
        for path in PAGES:
            path = path.replace("city=Lisbon", f"city={quote(compare_city)}")
            try:
                out[path] = browser_bench.measure(
                    driver, base + path, mode.repeats, mode.page_timeout, floor_url
                )
            except Exception as exc:  # never ready, or the tab crashed: a fresh browser
                _log(
                    f"  {path}: never ready within {mode.page_timeout:.0f} s ({type(exc).__name__})"
                )
                out[path] = {"url": base + path, "ready_ms": float("nan"),
                             "first_ready_ms": float("nan"), "first_bytes": float("nan"),
                             "repeat_bytes": float("nan"), "callback_bodies": []}  # fmt: skip
                driver.quit()
                driver = harness.chrome()
                continue
            _log(
                f"  {path}: ready {out[path]['ready_ms']:.0f} ms (floor beside it "
                f"{out[path].get('floor_ready_ms', float('nan')):.0f} ms), first "
                f"{out[path]['first_bytes'] / 1e6:.2f} MB, repeat "
                f"{out[path]['repeat_bytes'] / 1e3:.0f} KB"
            )
    finally:
        driver.quit()
    return out


def _callbacks(env: dict, requests: list[dict], mode: Mode, floor: bool = False,
               profile: str | None = None, min_calls: int = 5) -> list[dict]:  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        spec = Path(tmp) / "in.json"
        result = Path(tmp) / "out.json"
        spec.write_text(json.dumps({"requests": requests, "calls": mode.calls,
                                    "budget_s": mode.call_budget_s, "floor": floor,
                                    "profile": profile, "min_calls": min_calls}))  # fmt: skip
        subprocess.run(
            [harness.PY, "-m", "bench.callbacks_bench", str(spec), str(result)],
            cwd=harness.ROOT, env={**os.environ, **env}, check=True,
        )  # fmt: skip
        return json.loads(result.read_text())


def _distinct_bodies(pages: dict) -> list[dict]:
    seen, out = set(), []
    for path, page in pages.items():
        for raw in page["callback_bodies"]:
            body = json.loads(raw)
            key = json.dumps(body, sort_keys=True)
            if key not in seen:
                seen.add(key)
                out.append(
                    {
                        "page": path.split("?")[0] + ("?present" if "present" in path else ""),
                        "body": body,
                    }
                )
    return out


def _load(target: str, env: dict, workers: int, requests: list, seconds: float, mode: Mode) -> dict:
    port = harness.free_port()
    with harness.serve(harness.gunicorn_cmd(target, port, workers), env, port) as (proc, start_s):
        res = load_bench.run(port, requests, mode.load_clients, seconds, mode.load_warmup)
        res["workers"] = workers
        res["start_s"] = start_s
        res["peak_worker_mib"] = max(
            (harness.peak_rss_mib(p) for p in harness.children(proc.pid)), default=float("nan")
        )
    _log(
        f"  load {target} -w {workers}: {res['rps']:.1f} req/s, p95 {res['p95_ms']:.0f} ms, "
        f"errors {res['errors']}, peak worker {res['peak_worker_mib']:.0f} MiB"
    )
    return res


def floor_figures(mode: Mode) -> dict:
    """Everything measured on the floor app, and the bare import time."""
    _log("floor: bare import")
    out: dict = {"bare_import_s": harness.bare_import_seconds()}
    port = harness.free_port()
    _log("floor: page in Chromium")
    with harness.serve([harness.PY, "-m", "bench.floor", "--port", str(port)], {}, port) as (
        proc,
        start_s,
    ):
        out["start_s"] = start_s
        driver = harness.chrome()
        try:
            out["page"] = browser_bench.measure(
                driver, f"http://127.0.0.1:{port}/", mode.repeats, mode.page_timeout
            )
        finally:
            driver.quit()
        out["peak_mib"] = harness.peak_rss_mib(proc.pid)
    _log(
        f"  floor ready {out['page']['ready_ms']:.0f} ms, "
        f"first {out['page']['first_bytes'] / 1e6:.2f} MB, start {start_s:.2f} s"
    )
    out["noop"] = _callbacks(
        {},
        [{"page": "floor", "body": noop_payload()}],
        Mode(calls=200, call_budget_s=10),
        floor=True,
    )[0]
    _log(f"  no-op callback p50 {out['noop']['p50_ms']:.2f} ms")
    reqs = [
        ("GET", "/", None),
        ("POST", "/_dash-update-component", json.dumps(noop_payload()).encode()),
    ]
    out["load"] = _load("bench.floor:server", {}, 4, reqs, mode.load_seconds, mode)
    return out


_recorded: dict[str, list[str]] = {}  # page (city-free) -> callback bodies seen at 1x


def _page_key(path: str) -> str:
    return path.split("city=")[0]


def scale_figures(scale: int, mode: Mode, do_load: bool) -> dict:
    """Pages, callbacks, start, memory (and the load test) at one scale."""
    out: dict = {"scale": scale}
    with tempfile.TemporaryDirectory(prefix="icc-bench-") as tmp:
        _log(f"{scale}x: preparing SQLite data")
        url = _sqlite_db(Path(tmp), scale)
        env = {"DATABASE_URL": url}
        city = _compare_city(url)
        port = harness.free_port()
        _log(f"{scale}x: pages in Chromium (python app.py), the floor page beside each")
        floor_port = harness.free_port()
        floor_cmd = [harness.PY, "-m", "bench.floor", "--port", str(floor_port)]
        with (
            harness.serve(floor_cmd, {}, floor_port),
            harness.serve(harness.app_cmd(port), env, port) as (proc, start_s),
        ):
            out["start_s"] = start_s
            out["pages"] = _pages(
                f"http://127.0.0.1:{port}", city, mode, f"http://127.0.0.1:{floor_port}/"
            )
            for path, page in out["pages"].items():
                if page["callback_bodies"]:
                    _recorded.setdefault(_page_key(path), page["callback_bodies"])
                else:  # never ready here: replay what the page asked for at a smaller scale
                    page["callback_bodies"] = [
                        b.replace("Lisbon", city) for b in _recorded.get(_page_key(path), [])
                    ]
            out["peak_mib"] = harness.peak_rss_mib(proc.pid)
        _log(f"  start {start_s:.2f} s, peak {out['peak_mib']:.0f} MiB")
        from urllib.parse import quote

        bodies = _distinct_bodies(out["pages"])
        # A page's own callback no longer runs when it opens (its layout carries the first
        # answer): its body is made as the renderer would post it when a control changes.
        bodies += [
            {"page": path.split("?")[0], "page_callback": path.replace("Lisbon", quote(city))}
            for path in PAGES
            if "present" not in path
        ]
        _log(f"{scale}x: {len(bodies)} callbacks through the Flask test client")
        out["callbacks"] = _callbacks(env, bodies, mode)
        bodies = [{"page": c["page"], "body": c["body"]} for c in out["callbacks"]]
        for c in out["callbacks"]:
            _log(
                f"  {c['page']:<10} {c['name'][:50]:<50} p50 {c['p50_ms']:8.1f} "
                f"p95 {c['p95_ms']:8.1f} ms, {c['bytes'] / 1e3:8.1f} KB"
            )
    if do_load:
        _log(f"{scale}x: load test on PostgreSQL")
        pg = _pg_db(scale)
        env = {"DATABASE_URL": pg}
        addresses = [p.replace("city=Lisbon", f"city={city}").replace(" ", "%20") for p in PAGES]
        reqs: list[tuple] = [("GET", a, None) for a in addresses]
        # Each page's layout, as the renderer asks for it once the page's scripts ran: it
        # holds the page (dashboard/opening.py), which no callback lays out any more.
        reqs += [("GET", "/_dash-layout", None, a) for a in addresses]
        reqs += [
            ("POST", "/_dash-update-component", json.dumps(b["body"]).encode()) for b in bodies
        ]
        out["load"] = _load("app:server", env, 4, reqs, mode.load_seconds, mode)
        out["load_w1"] = _load("app:server", env, 1, reqs, mode.scaling_seconds, mode)
        out["load_w2"] = _load("app:server", env, 2, reqs, mode.scaling_seconds, mode)
    return out


def run(scales: list[int], quick: bool, label: str, load: bool = True) -> dict:
    """Measure, print the table, write bench/results/<label>.json and latest.json."""
    if not harness.have_chromium():
        raise SystemExit(
            "headless Chromium and chromedriver are needed "
            "(apt-get install chromium chromium-driver)"
        )
    mode = QUICK if quick else FULL
    t0 = time.perf_counter()
    if (harness.ROOT / "dashboard" / "serving.py").is_file():
        _log("precompressing static files (once; kept in instance/precompressed)")
        subprocess.run([harness.PY, "-m", "dashboard.serving", "precompress"], cwd=harness.ROOT,
                       check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    res = {
        "label": label,
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "mode": "quick" if quick else "full",
        "git": os.environ.get("BENCH_GIT")
        or subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=harness.ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "floor": floor_figures(mode),
        "scales": {},
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    for scale in scales:
        res["scales"][str(scale)] = scale_figures(scale, mode, do_load=load and scale >= 100)
        (RESULTS / f"{label}.partial.json").write_text(json.dumps(res, indent=1, default=str))
    res["seconds"] = time.perf_counter() - t0
    from bench.report import table

    text_table = table(res)
    res["table"] = text_table
    RESULTS.mkdir(parents=True, exist_ok=True)
    for name in {label, "latest"}:
        (RESULTS / f"{name}.json").write_text(json.dumps(res, indent=1, default=str))
    print(text_table)
    _log(f"done in {res['seconds']:.0f} s; wrote bench/results/{label}.json")
    return res


def median(values):
    """statistics.median that tolerates an empty list."""
    values = list(values)
    return statistics.median(values) if values else float("nan")


__all__ = ["run", "shutil"]
