"""Values computed once per key, by threads that read each other's caches."""

from __future__ import annotations

import threading

import pytest

from dashboard.views import Frames
from data_loaders import queries
from data_loaders.importer import ensure_database
from data_loaders.once import Once


def test_each_key_is_computed_once_and_other_keys_do_not_wait():
    once = Once()
    calls: list[str] = []
    slow_started, release = threading.Event(), threading.Event()

    def slow() -> str:
        calls.append("slow")
        slow_started.set()
        release.wait(10)
        return "slow value"

    waiters = [
        threading.Thread(target=once.get, args=("slow", slow), daemon=True) for _ in range(3)
    ]
    for t in waiters:
        t.start()
    assert slow_started.wait(10)
    # While "slow" is being computed, another key answers at once.
    assert once.get("fast", lambda: "fast value") == "fast value"
    release.set()
    for t in waiters:
        t.join(10)
    assert calls == ["slow"]
    assert once.get("slow", lambda: "again") == "slow value"


def test_a_failed_computation_is_not_kept():
    once = Once()

    def boom() -> str:
        raise ValueError("no")

    with pytest.raises(ValueError):
        once.get("k", boom)
    assert "k" not in once
    assert once.get("k", lambda: "ok") == "ok"


def test_manager_and_frames_reading_each_other_in_opposite_orders_do_not_hang(db_url):
    """A request computed a manager value that reads a frame, while the warming thread
    prepared a view that read the manager: each held the lock the other waited for, and
    the gunicorn worker hung for ever."""
    ensure_database(db_url, sample=False)
    manager = queries.DataManager(db_url)
    frames = Frames(load=manager.load)
    first_inside, second_inside = threading.Event(), threading.Event()
    got: dict[str, object] = {}

    def request() -> None:  # manager value -> frames
        def derived() -> int:
            first_inside.set()
            second_inside.wait(5)
            return len(frames["cities"])

        got["request"] = manager.cached("derived", derived)

    def warming() -> None:  # view's prepared data -> manager
        def prepare(f: Frames) -> int:
            second_inside.set()
            first_inside.wait(5)
            return len(manager.load("index")) + len(manager.cached("other", lambda: "x"))

        got["warming"] = frames.shared("prepared", prepare)

    threads = [threading.Thread(target=f, daemon=True) for f in (request, warming)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert not any(t.is_alive() for t in threads), "deadlock: a thread is still waiting"
    assert got == {"request": 0, "warming": 1}
