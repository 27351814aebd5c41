"""The benchmark table: every figure beside its floor, the issue's target, PASS or FAIL."""

from __future__ import annotations

import math

# The targets of issue 7 (this machine).
PAGE_READY_X = {1: 1.5, 100: 2.5}  # page ready / floor page ready
CALLBACK_P50_X_1X = 10.0  # callback p50 / no-op p50 at 1x (moonshot 3x)
CALLBACK_P95_MS_100X = 60.0
RESPONSE_BYTES_100X = 500_000  # before compression
FIRST_VISIT_BYTES = 2_000_000  # moonshot 1 MB
REPEAT_VISIT_BYTES = 50_000
START_X_IMPORT, START_PLUS_S = 3.0, 1.0
WORKER_MIB_100X = 600
LOAD_P95_MS = 300.0
SCALING_W2_W1 = 1.6


def _ok(cond: bool | None) -> str:
    return "-" if cond is None else ("PASS" if cond else "FAIL")


def _ms(v: float) -> str:
    return "never" if v is None or math.isnan(v) else f"{v:,.0f} ms" if v >= 10 else f"{v:.2f} ms"


def _b(v: float) -> str:
    if v is None or math.isnan(v):
        return "never"
    if v >= 1e6:
        return f"{v / 1e6:.2f} MB"
    return f"{v / 1e3:.1f} KB" if v >= 1e3 else f"{v:.0f} B"


def _x(a: float, b: float) -> str:
    if a is None or b in (None, 0) or math.isnan(a) or math.isnan(b):
        return "-"
    return f"{a / b:.1f}x"


def table(res: dict) -> str:
    """Markdown tables of one run (see bench/suite.py for what each figure is)."""
    fl = res["floor"]
    scales = res["scales"]
    keys = list(scales)
    lines = [
        f"Run {res['when']} ({res['mode']}), commit {res['git']}, {res['machine']}, "
        f"{res.get('seconds', 0):.0f} s. Floor: one-graph page ready "
        f"{_ms(fl['page']['ready_ms'])}, first visit {_b(fl['page']['first_bytes'])}, repeat "
        f"{_b(fl['page']['repeat_bytes'])}; no-op callback p50 {_ms(fl['noop']['p50_ms'])}; "
        f"bare import {fl['bare_import_s']:.2f} s; floor app start {fl['start_s']:.2f} s.",
        "",
        "| page | "
        + " | ".join(
            f"{k}x ready (x the floor beside it) | {k}x first visit | {k}x repeat visit"
            for k in keys
        )
        + " | result |",
        "|---|" + "---|---|---|" * len(keys) + "---|",
    ]  # fmt: skip
    paths = list(next(iter(scales.values()))["pages"]) if scales else []
    for i, _ in enumerate(paths):
        cells, oks = [], []
        for k in keys:
            pages = scales[k]["pages"]
            path = list(pages)[i]
            p = pages[path]
            ready = p["ready_ms"]
            # The floor page visited beside this page (bench/browser_bench.measure), else
            # the run's floor (results from before the floor was measured beside each page).
            floor = p.get("floor_ready_ms", fl["page"]["ready_ms"])
            cells.append(f"{_ms(ready)} ({_x(ready, floor)} of {_ms(floor)})")
            cells += [_b(p["first_bytes"]), _b(p["repeat_bytes"])]
            limit = PAGE_READY_X.get(int(k))
            if limit:
                oks.append(not math.isnan(ready) and ready <= limit * floor)
            oks.append(p["first_bytes"] <= FIRST_VISIT_BYTES)
            oks.append(p["repeat_bytes"] < REPEAT_VISIT_BYTES)
        name = paths[i].split("?")[0] + (" (present)" if "present" in paths[i] else "")
        lines.append(f"| `{name}` | " + " | ".join(cells) + f" | {_ok(all(oks))} |")
    lines.append(
        f"| floor page | {_ms(fl['page']['ready_ms'])} | {_b(fl['page']['first_bytes'])} | "
        f"{_b(fl['page']['repeat_bytes'])} |" + " | | |" * (len(keys) - 1) + " |"
    )
    lines += [
        "",
        f"Targets: ready within {PAGE_READY_X[1]}x the floor page visited beside it at 1x and "
        f"{PAGE_READY_X[100]}x "
        f"at 100x; first visit at most {_b(FIRST_VISIT_BYTES)}; repeat visit under "
        f"{_b(REPEAT_VISIT_BYTES)}.",
        "",
        "| page | callback | "
        + " | ".join(f"{k}x p50 (x no-op) | {k}x p95 | {k}x bytes (compressed)" for k in keys)
        + " | result |",
        "|---|---|" + "---|---|---|" * len(keys) + "---|",
    ]  # fmt: skip
    noop = fl["noop"]["p50_ms"]
    by_key: dict[tuple[str, str], dict[str, dict]] = {}
    for k in keys:
        for c in scales[k]["callbacks"]:
            by_key.setdefault((c["page"], c["name"]), {})[k] = c
    for (page, name), per in by_key.items():
        cells, oks = [], []
        for k in keys:
            c = per.get(k)
            if c is None:
                cells += ["-", "-", "-"]
                continue
            cells.append(f"{_ms(c['p50_ms'])} ({_x(c['p50_ms'], noop)})")
            cells.append(_ms(c["p95_ms"]))
            cells.append(f"{_b(c['bytes'])} ({_b(c['wire_bytes'])})")
            oks.append(c["status"] < 400 or c["status"] == 204)
            if int(k) == 1:
                oks.append(c["p50_ms"] <= CALLBACK_P50_X_1X * noop)
            if int(k) >= 100:
                oks.append(c["p95_ms"] < CALLBACK_P95_MS_100X)
                oks.append(c["bytes"] < RESPONSE_BYTES_100X)
        lines.append(f"| `{page}` | `{name}` | " + " | ".join(cells) + f" | {_ok(all(oks))} |")
    lines += [
        "",
        f"Targets: p50 within {CALLBACK_P50_X_1X:.0f}x the no-op at 1x; p95 under "
        f"{CALLBACK_P95_MS_100X:.0f} ms and response under {_b(RESPONSE_BYTES_100X)} (before "
        "compression) at 100x. Calls through the Flask test client, after one cold call.",
        "",
        "| figure | floor | " + " | ".join(f"{k}x" for k in keys) + " | target | result |",
        "|---|---|" + "---|" * len(keys) + "---|---|",
    ]  # fmt: skip
    bare = fl["bare_import_s"]
    start_limit = START_X_IMPORT * bare + START_PLUS_S
    starts = [scales[k]["start_s"] for k in keys]
    lines.append(
        f"| start to first answer (`python app.py`) | bare import {bare:.2f} s; floor app "
        f"{fl['start_s']:.2f} s | "
        + " | ".join(f"{s:.2f} s ({s / bare:.1f}x import)" for s in starts)
        + f" | <= {START_X_IMPORT:.0f}x import + {START_PLUS_S:.0f} s = {start_limit:.1f} s | "
        f"{_ok(all(s <= start_limit for s in starts))} |"
    )  # fmt: skip
    peaks = [scales[k]["peak_mib"] for k in keys]
    big = [scales[k]["peak_mib"] for k in keys if int(k) >= 100]
    loads = {k: scales[k] for k in keys if "load" in scales[k]}
    worker_peaks = [v["load"]["peak_worker_mib"] for v in loads.values()]
    mem_ok = all(p <= WORKER_MIB_100X for p in big + worker_peaks) if big else None
    lines.append(
        f"| peak memory, one process after every page | {fl['peak_mib']:.0f} MiB | "
        + " | ".join(f"{p:.0f} MiB" for p in peaks)
        + f" | <= {WORKER_MIB_100X} MiB at 100x | {_ok(mem_ok)} |"
    )  # fmt: skip
    floor_load = fl["load"]
    for k, v in loads.items():
        ld, w1, w2 = v["load"], v["load_w1"], v["load_w2"]
        cols = ["-"] * len(keys)
        cols[keys.index(k)] = (
            f"{ld['rps']:.1f} req/s, p95 {_ms(ld['p95_ms'])}, {ld['errors']} errors, "
            f"peak worker {ld['peak_worker_mib']:.0f} MiB"
        )
        lines.append(
            f"| load, gunicorn -w 4, {ld['clients']} clients, {ld['seconds']:.0f} s, PostgreSQL | "
            f"{floor_load['rps']:.0f} req/s, p95 {_ms(floor_load['p95_ms'])} | " + " | ".join(cols)
            + f" | 0 errors, p95 < {LOAD_P95_MS:.0f} ms | "
            f"{_ok(ld['errors'] == 0 and ld['p95_ms'] < LOAD_P95_MS)} |"
        )  # fmt: skip
        ratio = w2["rps"] / w1["rps"] if w1["rps"] else float("nan")
        cols[keys.index(k)] = (
            f"-w 1 {w1['rps']:.1f} req/s, -w 2 {w2['rps']:.1f} req/s: {ratio:.2f}x"
        )
        lines.append(
            "| two workers against one | - | " + " | ".join(cols)
            + f" | >= {SCALING_W2_W1}x | {_ok(ratio >= SCALING_W2_W1)} |"
        )  # fmt: skip
    return "\n".join(lines) + "\n"
