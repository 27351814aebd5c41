"""Callbacks through the Flask test client: `python -m bench.callbacks_bench IN.json OUT.json`.

Run in its own process (the app builds itself at import against DATABASE_URL). IN holds
{"requests": [{"page", "body" or "page_callback": path}], "calls": N, "budget_s": S,
"floor": bool, "profile": DIR}.
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


def _id(raw: str) -> object:
    return json.loads(raw) if raw.startswith("{") else raw


def page_callback_body(app, path: str) -> dict | None:
    """The body Dash's renderer posts when a control of the page at `path` changes: the
    page's callback (which no longer runs when the page opens: its layout carries the
    first answer), with the control values the page's layout holds for `path`."""
    from urllib.parse import parse_qs, urlsplit

    import dash

    from dashboard import views, wiring

    parts = urlsplit(path)
    page = next((p for p in dash.page_registry.values() if p["relative_path"] == parts.path), None)
    if page is None:
        return None
    module = page["module"].rsplit(".", 1)[-1]
    view = views.PAGES[{"index_page": "index"}.get(module, module)]
    kwargs = {k: v[0] for k, v in parse_qs(parts.query).items()}
    with app.server.test_request_context(path):
        found = wiring._by_id(page["layout"](**kwargs))
    first = wiring.outputs(view)[view.CARDS[0].id]["figure"] if view.CARDS else None
    deps = app.server.test_client().get("/_dash-dependencies").get_json()
    dep = next(d for d in deps if first is None or str(first) in d["output"])
    inputs = [
        {
            "id": _id(i["id"]),
            "property": i["property"],
            "value": getattr(found[wiring._id_key(_id(i["id"]))], i["property"], None),
        }
        for i in dep["inputs"]
    ]
    outputs = [
        {"id": _id(o.rsplit(".", 1)[0]), "property": o.rsplit(".", 1)[1]}
        for o in dep["output"].strip(".").split("...")
    ]
    changed = f"{dep['inputs'][0]['id']}.{dep['inputs'][0]['property']}"
    return {
        "output": dep["output"],
        "outputs": outputs,
        "inputs": inputs,
        "changedPropIds": [changed],
        "state": [],
    }


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
        body = item.get("body") or page_callback_body(app, item["page_callback"])
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
                "body": body,
            }
        )
    Path(argv[1]).write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
