"""Derived results shared between processes: an optional Redis behind `DataManager.cached`.

Without `CACHE_REDIS_URL` nothing changes: each process keeps its own results (the
DataManager's dict). With it, a result is computed by ONE worker and read by the others:
values are stored under the database, the data version and the caller's key, so a new
import (a new data version) never serves an old result, and old versions expire on their
own (`TTL_SECONDS`). While one worker computes a key, the others wait for it (a short
Redis lock) instead of computing it too.

Values are pickled. Unpickling runs code chosen by whoever wrote the value, so the Redis
server must be as trusted as the app itself: local (127.0.0.1) or on a private network,
never shared with other applications or reachable by users. A Redis that cannot be reached
is never an error: the result is computed locally and a single warning is logged.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import threading
import time
from collections.abc import Callable
from typing import Any, Protocol

from data_loaders import settings

log = logging.getLogger(__name__)
TTL_SECONDS = 24 * 3600
LOCK_SECONDS = 120  # longest a worker may hold a key's lock while computing it
WAIT_STEP = 0.05
PREFIX = "icc"


class Backend(Protocol):
    """What a shared cache offers: bytes in, bytes out, and a lock per key."""

    def get(self, key: str) -> bytes | None: ...
    def set(self, key: str, value: bytes) -> None: ...
    def lock(self, key: str) -> bool: ...
    def unlock(self, key: str) -> None: ...


class RedisBackend:
    """redis-py, one client (and connection pool) per process."""

    def __init__(self, url: str) -> None:
        import redis

        self.client = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=2)

    def get(self, key: str) -> bytes | None:
        return self.client.get(key)

    def set(self, key: str, value: bytes) -> None:
        self.client.set(key, value, ex=TTL_SECONDS)

    def lock(self, key: str) -> bool:
        return bool(self.client.set(f"{key}:lock", b"1", nx=True, ex=LOCK_SECONDS))

    def unlock(self, key: str) -> None:
        self.client.delete(f"{key}:lock")


_backends: dict[str, Backend | None] = {}
_backends_lock = threading.Lock()
_warned: set[str] = set()


def backend() -> Backend | None:
    """The shared backend of this process, or None when CACHE_REDIS_URL is not set."""
    url = settings.get("CACHE_REDIS_URL")
    if not url:
        return None
    with _backends_lock:
        if url not in _backends:
            _backends[url] = RedisBackend(url)
        return _backends[url]


def _warn_once(what: str, exc: Exception) -> None:
    if what not in _warned:
        _warned.add(what)
        log.warning("shared cache unavailable (%s): %s; computing locally", what, exc)


def full_key(database_url: str, version: int, key: str) -> str:
    """The Redis key of a result: database (hashed, no password in Redis), version, key."""
    db = hashlib.sha256(database_url.encode()).hexdigest()[:16]
    return f"{PREFIX}:{db}:v{version}:{key}"


def compute_shared(
    database_url: str,
    version: int,
    key: str,
    fn: Callable[[], Any],
    shared: Backend | None = None,
    wait_seconds: float = LOCK_SECONDS,
) -> Any:
    """`fn()` for (database, version, key): from the shared cache, else computed and stored."""
    shared = shared if shared is not None else backend()
    if shared is None:
        return fn()
    name = full_key(database_url, version, key)
    try:
        deadline = time.monotonic() + wait_seconds
        while True:
            raw = shared.get(name)
            if raw is not None:
                return pickle.loads(raw)
            if shared.lock(name):
                break
            if time.monotonic() > deadline:
                return fn()
            time.sleep(WAIT_STEP)
    except Exception as exc:
        _warn_once("read", exc)
        return fn()
    try:
        value = fn()
        try:
            shared.set(name, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        except Exception as exc:
            _warn_once("write", exc)
        return value
    finally:
        try:
            shared.unlock(name)
        except Exception as exc:
            _warn_once("unlock", exc)


def reset() -> None:
    """Forget this process's clients (tests; after a fork the pool is re-made anyway)."""
    with _backends_lock:
        _backends.clear()
        _warned.clear()
