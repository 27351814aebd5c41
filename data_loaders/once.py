"""Compute a value once per key, with no lock held across keys.

A cache that holds one lock while it computes a value deadlocks as soon as two caches call
each other in opposite orders: the data manager's derived values read the views' frames,
and the views' prepared data read the data manager. Two gunicorn threads (a request and the
warming thread) did exactly that and hung a worker for ever. Here the lock of the whole
store guards its dictionary only for a moment; the computation runs under the lock of its
own key, so only callers of the same key wait for it, and a chain of keys cannot close
into a cycle (a key whose value needed itself would recurse, not hang).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, MutableMapping
from typing import Any


class Once:
    """Values of `store` computed once per key under a per-key lock."""

    def __init__(self, store: MutableMapping[Hashable, Any] | None = None) -> None:
        self.store: MutableMapping[Hashable, Any] = {} if store is None else store
        self._lock = threading.Lock()
        self._key_locks: dict[Hashable, threading.RLock] = {}

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The value under `key`, computed by `compute()` by the first caller; callers of the
        same key meanwhile wait for it, callers of other keys do not."""
        with self._lock:
            if key in self.store:
                return self.store[key]
            key_lock = self._key_locks.setdefault(key, threading.RLock())
        with key_lock:
            with self._lock:
                if key in self.store:
                    return self.store[key]
            value = compute()
            with self._lock:
                self.store[key] = value
                self._key_locks.pop(key, None)
            return value

    def __contains__(self, key: Hashable) -> bool:
        with self._lock:
            return key in self.store
