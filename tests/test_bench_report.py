"""The bench table divides each page's ready time by the floor page visited beside it."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from bench import report

RUN = Path(__file__).resolve().parent.parent / "bench" / "results" / "s10.json"


def _row(table: str, page: str) -> str:
    return next(line for line in table.splitlines() if line.startswith(f"| `{page}` |"))


def test_a_page_is_judged_against_the_floor_measured_beside_it():
    run = json.loads(RUN.read_text())
    page = run["scales"]["1"]["pages"]["/"]
    page["ready_ms"], page["floor_ready_ms"] = 900.0, 500.0
    run["floor"]["page"]["ready_ms"] = 1000.0  # the run's one floor measure: not used
    row = _row(report.table(run), "/")
    assert "900 ms (1.8x of 500 ms)" in row and row.endswith("| FAIL |")
    faster = copy.deepcopy(run)
    faster["scales"]["1"]["pages"]["/"]["floor_ready_ms"] = 650.0
    row = _row(report.table(faster), "/")
    assert "(1.4x of 650 ms)" in row and row.endswith("| PASS |")


def test_an_older_run_without_a_floor_beside_each_page_uses_the_runs_floor():
    run = json.loads(RUN.read_text())
    for scale in run["scales"].values():
        for page in scale["pages"].values():
            page.pop("floor_ready_ms", None)
    run["floor"]["page"]["ready_ms"] = 400.0
    run["scales"]["1"]["pages"]["/"]["ready_ms"] = 700.0
    assert "700 ms (1.8x of 400 ms)" in _row(report.table(run), "/")
