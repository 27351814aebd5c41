"""A bounded load test: C client threads on 127.0.0.1 for S seconds, one request at a time each.

Each client walks the same list of requests (page HTML and recorded callback bodies) from
its own starting point, opening a connection per request (gunicorn's sync workers close
them). An error is a status >= 400, a refused or reset connection, or a timeout.
"""

from __future__ import annotations

import http.client
import threading
import time


def _one(port: int, method: str, path: str, body: bytes | None) -> bool:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        headers = {"Content-Type": "application/json"} if body else {}
        headers["Accept-Encoding"] = "br, gzip"
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        resp.read()
        return resp.status < 400
    except OSError:
        return False
    finally:
        conn.close()


def run(port: int, requests: list[tuple[str, str, bytes | None]], clients: int, seconds: float,
        warmup: float = 3.0) -> dict:  # fmt: skip
    """Requests/s, latency p50/p95 (ms) and errors over the measured window (after warm-up)."""
    lock = threading.Lock()
    lat: list[float] = []
    errors = [0]
    start = time.monotonic() + warmup
    stop = start + seconds

    def client(k: int) -> None:
        i = k * 7
        while time.monotonic() < stop:
            method, path, body = requests[i % len(requests)]
            i += 1
            t0 = time.monotonic()
            ok = _one(port, method, path, body)
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
        "clients": clients,
        "seconds": seconds,
        "requests": n,
        "rps": n / seconds,
        "p50_ms": lat[n // 2] if n else float("nan"),
        "p95_ms": lat[min(n - 1, int(0.95 * n))] if n else float("nan"),
        "errors": errors[0],
    }
