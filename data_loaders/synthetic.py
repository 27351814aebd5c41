"""A synthetic network of N cities for benchmarks and demos: `init --synthetic N [--seed S]`.

Every value is made up and says so: cities are called "Synthville 0001", networks
"Synthetic national network ...", and every row's source is `illustrative (synthetic)`.
The same N and seed give the same data. The rows go through the import's own validation
(`validate.validate_table`, the same contract as a file) and are then written in bulk with
SQLAlchemy Core, in one transaction, with one import record per dataset and one data
version bump; nothing is written when the database already holds cities.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

import numpy as np
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from data_loaders import datasets, db, vocab
from data_loaders.problems import Problem, format_problems
from data_loaders.readers import Table
from data_loaders.schema import MODELS, City, ImportRecord
from data_loaders.validate import UsageError, validate_table
from data_loaders.vocab import norm_key

SOURCE = "illustrative (synthetic)"
# Ten Index editions: six of the first questionnaire (14 areas), four of the revised one (17).
EDITIONS: tuple[int, ...] = (2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022)
FOLLOWER_PLATFORMS: tuple[str, ...] = ("X (Twitter)", "Facebook", "LinkedIn")
FOLLOWER_START = dt.date(2016, 1, 1)
FOLLOWER_DAYS = 3653  # ten years, day by day
ACTIVITIES_PER_CITY = 0.4  # about 40 per 100 cities
FIRST_JOINED, LAST_JOINED = 2008, 2025
CHUNK = 10_000  # rows per INSERT statement batch
ACTIVITY_COLUMNS = [
    *("date", "kind", "title", "city", "country", "participants", "women", "men"),
    *("nationalities", "count", "source"),
]
# Countries the cities are spread over, with a rough centre (lat, lon) to scatter them
# around; the positions are as made up as the rest (they only keep the map plausible).
COUNTRY_CENTRES: dict[str, tuple[float, float]] = {
    "AT": (47.6, 14.1), "AU": (-33.0, 147.0), "BA": (44.2, 17.8), "BE": (50.6, 4.6),
    "CA": (46.0, -73.0), "CH": (46.8, 8.2), "CY": (35.0, 33.2), "DE": (51.0, 10.4),
    "DK": (56.0, 9.5), "ES": (40.2, -3.6), "FI": (62.0, 25.0), "FR": (46.6, 2.4),
    "GB": (53.0, -1.8), "GE": (42.0, 43.5), "GR": (39.0, 22.0), "HU": (47.2, 19.4),
    "IE": (53.2, -7.8), "IL": (31.5, 34.9), "IS": (64.5, -19.0), "IT": (42.8, 12.5),
    "JP": (36.0, 138.0), "KR": (36.4, 127.8), "LU": (49.7, 6.1), "MA": (32.0, -6.0),
    "MD": (47.2, 28.5), "MT": (35.9, 14.4), "MX": (21.0, -101.0), "NL": (52.2, 5.5),
    "NO": (61.0, 9.0), "PL": (52.0, 19.4), "PT": (39.6, -8.0), "RO": (45.9, 24.9),
    "RS": (44.0, 20.8), "RU": (56.0, 45.0), "SE": (60.0, 15.5), "TR": (39.0, 33.0),
    "UA": (49.0, 31.0), "US": (39.0, -95.0),
}  # fmt: skip


def _csv_free(cells: list[object]) -> list[object]:
    return ["" if c is None else c for c in cells]


def _cities(n: int, rng: np.random.Generator) -> tuple[list[str], list[list[object]]]:
    codes = list(COUNTRY_CENTRES)
    # Some countries hold many more members than others, as in the real network.
    weights = rng.pareto(1.2, len(codes)) + 0.2
    country = rng.choice(len(codes), size=n, p=weights / weights.sum())
    joined = rng.integers(FIRST_JOINED, LAST_JOINED + 1, size=n)
    leaves = rng.random(n) < 0.05
    left_after = rng.integers(1, 8, size=n)
    population = np.clip(rng.lognormal(11.8, 1.0, size=n), 5_000, 9_000_000).astype(int)
    foreign = np.clip(rng.normal(16.0, 8.0, size=n), 0.5, 70.0).round(1)
    jitter = rng.normal(0.0, 1.3, size=(n, 2))
    rows = []
    for i in range(n):
        code = codes[country[i]]
        lat0, lon0 = COUNTRY_CENTRES[code]
        left = int(joined[i] + left_after[i]) if leaves[i] else None
        if left is not None and left > LAST_JOINED:
            left = None
        rows.append(
            [
                f"Synthville {i + 1:05d}",
                code,
                int(joined[i]),
                left,
                int(population[i]),
                float(foreign[i]),
                round(float(np.clip(lat0 + jitter[i, 0], -89.0, 89.0)), 4),
                round(float(lon0 + jitter[i, 1]), 4),
                SOURCE,
            ]
        )
    cols = ["city", "country", "joined", "left", "population", "foreign_born_pct", "lat", "lon"]
    return [*cols, "source"], rows


def _index(cities: list[list[object]], rng: np.random.Generator) -> list[list[object]]:
    """Each city takes the Index in 0 to 3 editions (about one on average), from its joining."""
    n = len(cities)
    takes = rng.choice(4, size=n, p=(0.35, 0.35, 0.2, 0.1))
    ability = rng.normal(55.0, 12.0, size=n)
    rows: list[list[object]] = []
    for i, city in enumerate(cities):
        open_editions = [y for y in EDITIONS if y >= city[2]]
        k = min(int(takes[i]), len(open_editions))
        if not k:
            continue
        years = sorted(rng.choice(open_editions, size=k, replace=False).tolist())
        for year in years:
            areas = vocab.AREA_SLUGS if year >= vocab.REVISED_EDITION_YEAR else vocab.AREAS_2009
            level = ability[i] + (year - EDITIONS[0]) * 0.8
            scores = np.clip(level + rng.normal(0, 11, len(areas)), 0, 100).round().astype(int)
            for slug, score in zip(areas, scores, strict=True):
                rows.append([city[0], city[1], year, slug, int(score), SOURCE])
            rows.append([city[0], city[1], year, "overall", round(float(scores.mean()), 1), SOURCE])
    return rows


def _networks(
    cities: list[list[object]], rng: np.random.Generator
) -> tuple[list[list[object]], list[list[object]]]:
    """One national network per country with at least three cities; a third of them join."""
    by_country: dict[str, list[list[object]]] = {}
    for city in cities:
        by_country.setdefault(city[1], []).append(city)
    networks, members = [], []
    for number, code in enumerate(sorted(c for c, cs in by_country.items() if len(cs) >= 3), 1):
        founded = int(rng.integers(2010, 2024))
        status = "forming" if founded >= 2022 else "active"
        net = f"SYN-{code}"
        name = f"Synthetic national network {number:02d} ({code})"
        networks.append([net, name, code, founded, status, SOURCE])
        chosen = [c for c in by_country[code] if rng.random() < 1 / 3]
        for city in chosen:
            members.append([net, city[0], code, int(rng.integers(founded, 2026)), SOURCE])
    return networks, members


def _followers(rng: np.random.Generator) -> list[list[object]]:
    rows = []
    days = np.arange(FOLLOWER_DAYS)
    for platform, start, growth in zip(
        FOLLOWER_PLATFORMS, (800, 1500, 300), (2.2, 1.6, 1.1), strict=True
    ):
        steps = np.maximum(rng.normal(growth, growth, FOLLOWER_DAYS), -3.0)
        totals = np.maximum(start + np.cumsum(steps), 0).round().astype(int)
        for d, total in zip(days, totals, strict=True):
            date = FOLLOWER_START + dt.timedelta(days=int(d))
            rows.append([platform, date.isoformat(), int(total), SOURCE])
    return rows


def _activities(cities: list[list[object]], rng: np.random.Generator) -> list[list[object]]:
    count = max(1, round(len(cities) * ACTIVITIES_PER_CITY))
    kinds = vocab.ACTIVITY_KINDS
    rows = []
    for i in range(count):
        kind = kinds[int(rng.integers(len(kinds)))]
        year = int(rng.integers(2013, 2026))
        date = f"{year}-{int(rng.integers(1, 13)):02d}-{int(rng.integers(1, 29)):02d}"
        title = f"Synthetic {kind.replace('_', ' ')} {i + 1:05d}"
        host = cities[int(rng.integers(len(cities)))] if rng.random() < 0.6 else None
        city, country = (host[0], host[1]) if host else (None, None)
        participants = women = men = nationalities = items = None
        if kind in vocab.EVENT_KINDS:
            participants = int(rng.integers(10, 400))
            women = int(participants * rng.uniform(0.3, 0.6))
            men = int((participants - women) * rng.uniform(0.7, 1.0))
            nationalities = int(rng.integers(1, 40))
        else:
            items = int(rng.integers(1, 12))
        rows.append(
            [date, kind, title, city, country, participants, women, men, nationalities, items,
             SOURCE]
        )  # fmt: skip
    return rows


def _metrics(
    cities: list[list[object]], index: list[list[object]], networks: list[list[object]]
) -> list[list[object]]:
    """Network-level figures per year, computed from the synthetic rows themselves."""
    rows = []
    index_cities: dict[int, set[tuple[str, str]]] = {}
    for r in index:
        index_cities.setdefault(r[2], set()).add((r[0], r[1]))
    for year in range(FIRST_JOINED, LAST_JOINED + 1):
        members = [c for c in cities if c[2] <= year and (c[3] is None or c[3] > year)]
        rows.append([year, "members_total", len(members), SOURCE])
        rows.append([year, "countries_total", len({c[1] for c in members}), SOURCE])
        rows.append([year, "new_members", sum(1 for c in cities if c[2] == year), SOURCE])
        nets = [n for n in networks if n[3] <= year]
        rows.append([year, "networks_national", len(nets), SOURCE])
        if year in index_cities:
            rows.append([year, "index_sample", len(index_cities[year]), SOURCE])
    return rows


def build(n: int, seed: int = 0) -> dict[str, Table]:
    """The synthetic network as one table per dataset (as if read from canonical CSV files)."""
    if n < 1:
        raise UsageError("--synthetic needs at least 1 city")
    rng = np.random.default_rng(seed)
    city_cols, cities = _cities(n, rng)
    index = _index(cities, rng)
    networks, members = _networks(cities, rng)
    followers = _followers(rng)
    activities = _activities(cities, rng)
    metrics = _metrics(cities, index, networks)
    spec = {
        "cities": (city_cols, cities),
        "networks": (["network", "name", "country", "founded", "status", "source"], networks),
        "network-members": (["network", "city", "country", "joined", "source"], members),
        "index": (["city", "country", "year", "indicator", "score", "source"], index),
        "followers": (["platform", "date", "followers", "source"], followers),
        "activities": (list(ACTIVITY_COLUMNS), activities),
        "metrics": (["year", "metric", "value", "source"], metrics),
    }
    return {
        kind: Table(
            file=f"synthetic/{kind}.csv",
            columns=cols,
            rows=[(line, _csv_free(r)) for line, r in enumerate(rows, start=2)],
        )
        for kind, (cols, rows) in spec.items()
        if rows
    }


def _digest(table: Table) -> str:
    h = hashlib.sha256(",".join(table.columns).encode())
    for _, cells in table.rows:
        h.update(("\n" + ",".join(map(str, cells))).encode())
    return h.hexdigest()


class SyntheticRefused(Exception):
    """The generated rows broke the data contract (a bug here); nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(format_problems(problems[:5])))
        self.problems = problems


def load_synthetic(
    url: str | None, n: int, seed: int = 0, progress: Callable[[str], None] | None = None
) -> dict[str, int]:
    """Validate and write a synthetic network of n cities into an empty database; rows per kind.

    UsageError when the database already holds cities (synthetic rows are never mixed with
    real ones); SyntheticRefused when a generated row breaks the contract.
    """
    say = progress or (lambda _line: None)
    engine = db.init_schema(url)
    with Session(engine) as session:
        if session.scalar(select(func.count()).select_from(City)):
            raise UsageError(
                f"{db.safe_url(str(engine.url))} already holds cities: "
                "a synthetic network goes into an empty database"
            )
    tables = build(n, seed)
    say(f"generated {sum(len(t.rows) for t in tables.values()):,} rows")
    known: dict[tuple[str, str], str] = {}
    parsed_by_kind = {}
    problems: list[Problem] = []
    for kind, table in tables.items():
        checks_cities = kind in ("index", "network-members")
        parsed = validate_table(kind, table, known_cities=known if checks_cities else None)
        problems.extend(parsed.problems)
        if kind == "cities":
            known = {(r["country"], norm_key(r["city"])): r["city"] for r in parsed.records}
        parsed_by_kind[kind] = parsed
    if problems:
        raise SyntheticRefused(problems)
    say("validated every row")
    counts: dict[str, int] = {}
    with db.session_scope(url) as session:
        for kind, parsed in parsed_by_kind.items():
            table = MODELS[kind].__table__
            stored = set(table.c.keys()) - {"id"}
            rows = []
            ds = datasets.get(kind)
            for rec in parsed.records:
                for column in ds.columns:  # as the importer: computed columns, folded keys
                    if column.compute is not None:
                        rec[column.name] = column.compute(rec)
                rec.update({ds.stored_key_column(k): ds.fold(k, rec.get(k)) for k in ds.key})
                row = {k: v for k, v in rec.items() if k in stored}
                if kind == "activities":
                    row["year"] = int(rec["date"][:4])
                rows.append(row)
            for start in range(0, len(rows), CHUNK):
                session.execute(insert(table), rows[start : start + CHUNK])
            counts[kind] = len(rows)
            session.add(
                ImportRecord(
                    at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
                    kind=kind,
                    file_name=f"synthetic --synthetic {n} --seed {seed}",
                    sha256=_digest(tables[kind]),
                    rows_new=len(rows),
                    rows_updated=0,
                    rows_unchanged=0,
                    warnings=len(parsed.warnings),
                    sources=SOURCE,
                )
            )
            say(f"{kind}: {len(rows):,} rows")
        db.bump_data_version(session)
    return counts
