"""Data-path figures: sample import, and the query layer's full read at 1x, 10x, 100x the sample."""

from __future__ import annotations

import resource
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

from data_loaders import db, queries
from data_loaders.importer import load_sample
from data_loaders.schema import City, IndexScore, NetworkMember


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def _int_or_none(value: object) -> int | None:
    return None if value is None or str(value) in ("<NA>", "nan") else int(value)


def _scale_up(url: str, factor: int) -> None:
    """Copy every city (with its Index results and network memberships) factor-1 times."""
    if factor <= 1:
        return
    frames = queries.read_all(url)
    cities = frames["cities"]
    index = frames["index"]
    index = index[~index["computed"]]
    members = frames["network_members"]
    city_rows, index_rows, member_rows = [], [], []
    for n in range(2, factor + 1):
        suffix = f" #{n}"
        for r in cities.itertuples():
            city_rows.append(
                {
                    "city": r.city + suffix,
                    "country": r.country,
                    "joined": None
                    if r.joined is None or str(r.joined) == "<NA>"
                    else int(r.joined),
                    "population": None if str(r.population) == "<NA>" else int(r.population),
                    "foreign_born_pct": r.foreign_born_pct,
                    "lat": r.lat,
                    "lon": r.lon,
                    "source": "bench copy; illustrative",
                }
            )
        for r in index.itertuples():
            index_rows.append(
                {
                    "city": r.city + suffix,
                    "country": r.country,
                    "year": int(r.year),
                    "indicator": r.indicator,
                    "score": float(r.score),
                    "source": "bench copy; illustrative",
                }
            )
        for r in members.itertuples():
            member_rows.append(
                {"network": r.network, "city": r.city + suffix, "country": r.country}
            )
    with db.session_scope(url) as s:
        s.execute(insert(City), city_rows)
        s.execute(insert(IndexScore), index_rows)
        s.execute(insert(NetworkMember), member_rows)
        db.bump_data_version(s)


def run(scales: list[int]) -> None:
    """Print the figures."""
    print("== data path (SQLite file, one process)")
    for factor in scales:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
            db.init_schema(url)
            t0 = time.perf_counter()
            load_sample(url)
            t_sample = time.perf_counter() - t0
            _scale_up(url, factor)
            best = float("inf")
            for _ in range(3):
                t0 = time.perf_counter()
                frames = queries.read_all(url)
                best = min(best, time.perf_counter() - t0)
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"scale {factor:>4}x: cities {len(frames['cities']):>6}, index rows "
                f"{len(frames['index']):>7} | sample import {_ms(t_sample)} | "
                f"read_all (best of 3) {_ms(best)} | peak RSS so far {rss:7.0f} MiB"
            )
            db.dispose_all()
