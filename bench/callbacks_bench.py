"""Callbacks through the Flask test client: `python -m bench.callbacks_bench IN.json OUT.json`.

Run in its own process (the app builds itself at import against DATABASE_URL). IN holds
{"requests": [{"page", "body"}], "calls": N, "budget_s": S, "floor": bool, "profile": DIR}.
Each request is posted once cold (first call after start), then up to N times (or until
the time budget of that callback is spent); response bytes as sent without and with
compression (Accept-Encoding: br, gzip).
"""

from __future__ import annotations

import cProfile
import json
import statistics
import sys
import time
from pathlib import Path

HEADERS = {"Content-Type": "application/json"}


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def name_of(body: dict) -> str:
    """A callback's name: its outputs, shortened."""
    out = body.get("output", "?").strip(".")
    return out if len(out) <= 70 else out[:67] + "..."


def main(argv: list[str]) -> int:
    spec = json.loads(Path(argv[0]).read_text())
    if spec.get("floor"):
        from bench.floor import app
    else:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from app import app
    client = app.server.test_client()
    results = []
    for item in spec["requests"]:
        body = item["body"]
        data = json.dumps(body)
        t0 = time.perf_counter()
        r = client.post("/_dash-update-component", data=data, headers=HEADERS)
        cold = (time.perf_counter() - t0) * 1000
        plain = len(r.get_data())
        status = r.status_code
        times: list[float] = []
        budget_end = time.perf_counter() + spec["budget_s"]
        profiler = cProfile.Profile() if spec.get("profile") else None
        least = spec.get("min_calls", 5)
        while len(times) < spec["calls"] and (
            len(times) < least or time.perf_counter() < budget_end
        ):
            t0 = time.perf_counter()
            if profiler:
                profiler.enable()
            client.post("/_dash-update-component", data=data, headers=HEADERS)
            if profiler:
                profiler.disable()
            times.append((time.perf_counter() - t0) * 1000)
        if profiler:
            out = Path(spec["profile"]) / f"{len(results):02d}.prof"
            profiler.dump_stats(out)
        rz = client.post(
            "/_dash-update-component",
            data=data,
            headers={**HEADERS, "Accept-Encoding": "br, gzip"},
        )
        results.append(
            {
                "page": item["page"],
                "name": name_of(body),
                "status": status,
                "cold_ms": cold,
                "n": len(times),
                "p50_ms": statistics.median(times),
                "p95_ms": _pct(times, 0.95),
                "bytes": plain,
                "wire_bytes": len(rz.get_data()),
                "encoding": rz.headers.get("Content-Encoding", ""),
            }
        )
    Path(argv[1]).write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
