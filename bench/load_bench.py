"""A bounded load test: C clients on 127.0.0.1 for S seconds, one request at a time each.

Each client walks the same list of requests (page HTML, the app's layout with the page named
in its Referer, as the renderer asks for it, and callback bodies) from
its own starting point, opening a connection per request (gunicorn's sync workers close
them). An error is a status >= 400, a refused or reset connection, or a timeout.

The clients are `wrk` (Debian's `wrk`, written in C) when it is installed, else Python
threads. The client shares the machine's two cores with the server: at several hundred
answers a second the Python client (one core at most, under the GIL) is what limits, and
"two workers against one" measured the client more than the workers. The JSON says which
client ran.
"""

from __future__ import annotations

import http.client
import json
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path


def _one(port: int, method: str, path: str, body: bytes | None, referer: str = "") -> bool:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        headers = {"Content-Type": "application/json"} if body else {}
        headers["Accept-Encoding"] = "br, gzip"
        if referer:  # the app's layout, holding the page named (dashboard/opening.py)
            headers["Referer"] = f"http://127.0.0.1:{port}{referer}"
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        resp.read()
        return resp.status < 400
    except OSError:
        return False
    finally:
        conn.close()


WRK_SCRIPT = r"""
local reqs = {}
%s
local i = 0
setup = function(thread) thread:set("first", math.random(#reqs)) end
init = function(args) i = first end
request = function() i = i %% #reqs + 1; return reqs[i] end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK-JSON {\"requests\": %%d, \"errors\": %%d, \"p50_us\": %%d, "
    .. "\"p95_us\": %%d, \"duration_us\": %%d}\n", summary.requests,
    e.connect + e.read + e.write + e.status + e.timeout, latency:percentile(50),
    latency:percentile(95), summary.duration))
end
"""


def _lua_string(text: str) -> str:
    level = "=" * 8
    return f"[{level}[{text}]{level}]"


def run_wrk(port: int, requests: list[tuple[str, str, bytes | None]], clients: int,
            seconds: float, warmup: float = 3.0) -> dict:  # fmt: skip
    """The same figures as `run`, measured by wrk (C): a warm-up run, then the measured one."""
    lines = []
    for n, (method, path, body, *rest) in enumerate(requests, 1):
        headers = '{["Accept-Encoding"] = "br, gzip"'
        if rest and rest[0]:
            headers += f', ["Referer"] = {_lua_string(f"http://127.0.0.1:{port}{rest[0]}")}'
        headers += ', ["Content-Type"] = "application/json"}' if body else "}"
        payload = _lua_string(body.decode()) if body else "nil"
        lines.append(
            f"reqs[{n}] = wrk.format({_lua_string(method)}, {_lua_string(path)}, "
            f"{headers}, {payload})"
        )
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "requests.lua"
        script.write_text(WRK_SCRIPT % "\n".join(lines))

        def wrk(duration: float) -> dict:
            out = subprocess.run(
                ["wrk", "-t", "2", "-c", str(clients), "-d", f"{max(1, round(duration))}s",
                 "--timeout", "60s", "-s", str(script), f"http://127.0.0.1:{port}/"],
                capture_output=True, text=True, check=True,
            ).stdout  # fmt: skip
            line = next(x for x in out.splitlines() if x.startswith("WRK-JSON "))
            return json.loads(line.removeprefix("WRK-JSON "))

        if warmup > 0:
            wrk(warmup)
        res = wrk(seconds)
    measured = res["duration_us"] / 1e6
    return {
        "client": "wrk",
        "clients": clients,
        "seconds": measured,
        "requests": res["requests"],
        "rps": res["requests"] / measured,
        "p50_ms": res["p50_us"] / 1000,
        "p95_ms": res["p95_us"] / 1000,
        "errors": res["errors"],
    }


def run(port: int, requests: list[tuple[str, str, bytes | None]], clients: int, seconds: float,
        warmup: float = 3.0, client: str | None = None) -> dict:  # fmt: skip
    """Requests/s, latency p50/p95 (ms) and errors over the measured window (after warm-up),
    with wrk when it is installed (or `client="wrk"`), else (or `client="python"`) threads."""
    if client == "wrk" or (client is None and shutil.which("wrk")):
        return run_wrk(port, requests, clients, seconds, warmup)
    lock = threading.Lock()
    lat: list[float] = []
    errors = [0]
    start = time.monotonic() + warmup
    stop = start + seconds

    def client(k: int) -> None:
        i = k * 7
        while time.monotonic() < stop:
            method, path, body, *rest = requests[i % len(requests)]
            i += 1
            t0 = time.monotonic()
            ok = _one(port, method, path, body, *rest)
            t1 = time.monotonic()
            if t0 >= start and t1 <= stop:
                with lock:
                    lat.append((t1 - t0) * 1000)
                    if not ok:
                        errors[0] += 1

    threads = [threading.Thread(target=client, args=(k,), daemon=True) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + warmup + 120)
    lat.sort()
    n = len(lat)
    return {
        "client": "python",
        "clients": clients,
        "seconds": seconds,
        "requests": n,
        "rps": n / seconds,
        "p50_ms": lat[n // 2] if n else float("nan"),
        "p95_ms": lat[min(n - 1, int(0.95 * n))] if n else float("nan"),
        "errors": errors[0],
    }
