"""Where a callback's time goes: `python -m bench.profile [--scale 100] [--calls 3]`.

Replays the callback bodies recorded by the last `python -m bench` run (bench/results/
latest.json, or --results FILE) through the Flask test client under cProfile, on a fresh
database at that scale, and prints each callback's hottest functions of this project
(cumulative time) and overall (own time).
"""

from __future__ import annotations

import argparse
import json
import pstats
import tempfile
from pathlib import Path

from bench import harness, suite

SYNTHETIC_CITY = "Synthville 00001"
PROJECT_PARTS = ("/callbacks/", "/dashboard/", "/data_loaders/", "/app.py")


def _summary(prof: Path, top: int) -> list[str]:
    stats = pstats.Stats(str(prof))
    total = stats.total_tt
    rows = []
    for (file, line, func), (_cc, nc, tt, ct, _callers) in stats.stats.items():
        rows.append((file, line, func, nc, tt, ct))

    def in_project(file: str) -> bool:
        return "site-packages" not in file and any(p in file for p in PROJECT_PARTS)

    mine = sorted((r for r in rows if in_project(r[0])), key=lambda r: -r[5])
    own = sorted(rows, key=lambda r: -r[4])

    def fmt(r):
        file = r[0].split("/site-packages/")[-1].replace(str(harness.ROOT) + "/", "")
        share = f"{r[5] / total * 100:5.1f}% cum {r[4] / total * 100:5.1f}% own"
        return f"{share} {r[3]:>9,} calls  {file}:{r[1]} {r[2]}"

    return (
        [f"total {total:.2f} s over the profiled calls", "project functions by cumulative time:"]
        + ["  " + fmt(r) for r in mine[:top]]
        + ["everything by own time:"]
        + ["  " + fmt(r) for r in own[: top // 2]]
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.profile")
    parser.add_argument("--results", default=str(suite.RESULTS / "latest.json"))
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--calls", type=int, default=3)
    parser.add_argument("--top", type=int, default=14)
    args = parser.parse_args()
    res = json.loads(Path(args.results).read_text())
    scales = res["scales"]
    # Bodies recorded at another scale serve too (the compare page's city is swapped).
    pages = scales.get(str(args.scale)) or next(iter(scales.values()))
    pages = json.loads(json.dumps(pages["pages"]).replace("Lisbon", SYNTHETIC_CITY))
    bodies = suite._distinct_bodies(pages)
    with tempfile.TemporaryDirectory(prefix="icc-profile-") as tmp:
        url = suite._sqlite_db(Path(tmp), args.scale)
        profs = Path(tmp) / "profiles"
        profs.mkdir()
        mode = suite.Mode(calls=args.calls, call_budget_s=0)
        spec_env = {"DATABASE_URL": url}
        results = suite._callbacks(spec_env, bodies, mode, profile=str(profs), min_calls=args.calls)
        for i, r in enumerate(results):
            print(f"\n## {r['page']} `{r['name']}`: cold {r['cold_ms']:.0f} ms, p50 "
                  f"{r['p50_ms']:.0f} ms, {r['bytes'] / 1e3:.0f} KB")  # fmt: skip
            for line in _summary(profs / f"{i:02d}.prof", args.top):
                print(line)


if __name__ == "__main__":
    main()
