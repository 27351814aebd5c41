"""The optional shared cache (CACHE_REDIS_URL): one worker computes, the others read."""

from __future__ import annotations

import uuid

import pytest

from data_loaders import cache, queries
from data_loaders.importer import load_sample


class FakeRedis:
    """The Backend protocol over a dict (what two workers would see in one Redis)."""

    def __init__(self) -> None:
        self.data: dict[str, bytes] = {}

    def get(self, key):
        return self.data.get(key)

    def set(self, key, value):
        self.data[key] = value

    def lock(self, key):
        if f"{key}:lock" in self.data:
            return False
        self.data[f"{key}:lock"] = b"1"
        return True

    def unlock(self, key):
        self.data.pop(f"{key}:lock", None)


def _redis_or_skip() -> cache.RedisBackend:
    backend = cache.RedisBackend("redis://127.0.0.1:6379/0")
    try:
        backend.client.ping()
    except Exception as exc:
        pytest.skip(f"no Redis on 127.0.0.1:6379 ({exc})")
    return backend


def test_two_workers_compute_a_result_once_per_data_version():
    shared, calls = FakeRedis(), []
    url = f"sqlite:///{uuid.uuid4().hex}"

    def work():
        calls.append(1)
        return {"rows": [1, 2, 3]}

    first = cache.compute_shared(url, 7, "page", work, shared)
    second = cache.compute_shared(url, 7, "page", work, shared)  # another worker
    assert first == second == {"rows": [1, 2, 3]}
    assert len(calls) == 1
    cache.compute_shared(url, 8, "page", work, shared)  # an import bumped the version
    assert len(calls) == 2
    cache.compute_shared("sqlite:///other", 7, "page", work, shared)  # another database
    assert len(calls) == 3


def test_without_the_setting_each_process_computes_its_own(monkeypatch):
    monkeypatch.delenv("CACHE_REDIS_URL", raising=False)
    cache.reset()
    calls = []
    for _ in range(2):
        cache.compute_shared("sqlite:///x", 1, "k", lambda: calls.append(1) or 5)
    assert len(calls) == 2


def test_an_unreachable_redis_is_no_error(monkeypatch, caplog):
    monkeypatch.setenv("CACHE_REDIS_URL", "redis://127.0.0.1:1/0")
    cache.reset()
    try:
        assert cache.compute_shared("sqlite:///x", 1, "k", lambda: 42) == 42
        assert cache.compute_shared("sqlite:///x", 1, "k", lambda: 43) == 43
    finally:
        cache.reset()
    assert sum("shared cache unavailable" in r.message for r in caplog.records) == 1


def test_data_managers_share_prepared_data_through_redis(db_url, monkeypatch):
    backend = _redis_or_skip()
    load_sample(db_url)
    monkeypatch.setenv("CACHE_REDIS_URL", "redis://127.0.0.1:6379/0")
    cache.reset()
    key = f"test-{uuid.uuid4().hex}"
    calls = []

    def prepare():
        calls.append(1)
        return queries.DataManager(db_url).load("cities")["city"].tolist()

    try:
        a = queries.DataManager(db_url).cached(key, prepare)
        b = queries.DataManager(db_url).cached(key, prepare)  # a second worker
        assert a == b and len(a) > 100
        assert len(calls) == 1
    finally:
        version = queries.DataManager(db_url).version()
        backend.client.delete(cache.full_key(db_url, version, key))
        cache.reset()
