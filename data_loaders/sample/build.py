"""Build the bundled sample CSVs from published facts, filling the gaps with marked values.

Run `python -m data_loaders.sample.build` to rewrite the CSV files beside this module; the
output is the same byte for byte on every run (every generated value comes from a random
generator seeded with a fixed string per value, so adding a city changes no other city).

The published facts live in `facts/*.csv` beside this module, each with the publication it
comes from (`facts/publications.csv`: title, date and address of every publication cited).
This module holds no published fact of its own, only the rules that fill the gaps.

Rules of the sample (the per-value provenance contract of issue 9):

- Every value carries its own status (`published`, `derived`, `estimated`, `illustrative`)
  and source: in a row that mixes statuses, the columns `<field>_status`,
  `<field>_source`, `<field>_qualifier` and `<field>_date` say so per value. A city with a
  published joining year and a generated foreign-born share has `joined_status`
  published and `foreign_born_pct_status` illustrative. A generated value's source
  contains the word "illustrative".
- A figure published with a qualifier ("more than 60", "about 40", "over 130", "some 121")
  keeps it in `<field>_qualifier`; the value is the number as written.
- cities.csv lists every city of the sample: the international members the sources name
  (with a published joining year, or a generated one marked illustrative within the bounds
  the sources leave, `facts/named.csv`), the cities named only as members of a national
  or regional network, the cities named only for an Index result, and the venues of
  events. A city that no source names as an international member has no `joined`.
- No member is invented to reach the published totals: the dashboard shows the published
  timeline (metrics.csv) beside the cities on file.
- Populations come from the offline gazetteer (GeoNames, a settlement's population) where
  the gazetteer's place is the ICC city itself; where the ICC member is a municipality,
  district, council or island that the gazetteer knows only by its seat or parent city,
  the population is illustrative. lat/lon stay empty (the importer places each city with
  the gazetteer) except for a council the gazetteer lacks, placed at its seat.
"""

from __future__ import annotations

import csv
import random
import statistics
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from data_loaders import gazetteer, vocab

SAMPLE_DIR = Path(__file__).resolve().parent
FACTS_DIR = SAMPLE_DIR / "facts"
SEED = "icc-sample-v1"

ILLUSTRATIVE = "illustrative (generated, not published)"
PUBLISHED, DERIVED, ESTIMATED, GENERATED = "published", "derived", "estimated", "illustrative"
STATUSES = (PUBLISHED, DERIVED, ESTIMATED, GENERATED)
QUALIFIERS = ("", "more than", "at least", "about", "over", "some", "fewer than", "up to")

City = tuple[str, str]  # (name as used throughout the sample, ISO alpha-2 country)
Row = dict[str, object]


# --- Facts and their citations --------------------------------------------------------------


def read_facts(name: str) -> list[dict[str, str]]:
    """One facts file as a list of rows (every cell a string, empty cells "")."""
    with (FACTS_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@dataclass(frozen=True)
class Publication:
    """A publication or page a fact comes from."""

    title: str
    date: str
    address: str

    def citation(self) -> str:
        where = f"{self.date}, {self.address}" if self.address else self.date
        return f"{self.title} ({where})"


PUBLICATIONS: dict[str, Publication] = {
    p["id"]: Publication(p["title"], p["date"], p["address"]) for p in read_facts("publications")
}


def cite(ids: str, note: str = "") -> str:
    """The source text of a published value: its publications, then what they say."""
    unknown = [i for i in ids.split(";") if i not in PUBLICATIONS]
    if not ids or unknown:
        raise ValueError(f"facts cite unknown publications: {unknown or ids!r}")
    text = "; ".join(PUBLICATIONS[i].citation() for i in ids.split(";"))
    return f"{text}: {note}" if note else text


def _int(text: str) -> int | None:
    return int(text) if text.strip() else None


# --- International members ------------------------------------------------------------------


@dataclass(frozen=True)
class Joined:
    """A published joining year."""

    year: int
    qualifier: str
    date: str
    source: str


PUBLISHED_JOINED: dict[City, Joined] = {
    (r["city"], r["country"]): Joined(
        int(r["joined"]), r["qualifier"], r["date"], cite(r["publications"], r["note"])
    )
    for r in read_facts("joined")
}

NAMED: list[dict[str, str]] = read_facts("named")


def _named(role: str, year: int | None = None) -> tuple[City, ...]:
    """Cities named in a role (and year), in file order, each once."""
    seen: dict[City, None] = {}
    for r in NAMED:
        if r["role"] == role and (year is None or int(r["year"]) == year):
            seen.setdefault((r["city"], r["country"]))
    return tuple(seen)


PILOTS_2008: tuple[City, ...] = tuple(c for c, j in PUBLISHED_JOINED.items() if j.year == 2008)
JOINED_2011: tuple[City, ...] = tuple(
    c for c, j in PUBLISHED_JOINED.items() if "second phase" in j.source
)
WELCOMED_2017: tuple[City, ...] = tuple(
    c for c, j in PUBLISHED_JOINED.items() if j.year == 2017 and "welcomed in 2017" in j.source
)
# Cities that completed the Index by May 2014 (Lisbon report) and in 2017 (annual report).
INDEX_BY_MAY_2014: tuple[City, ...] = _named("index", 2014)
INDEX_2017: tuple[City, ...] = _named("index", 2017)
OEIRAS: City = ("Oeiras", "PT")


@dataclass(frozen=True)
class NamedMember:
    """A city a source names as an international member without giving its joining year."""

    source: str
    earliest: int  # bounds of a generated joining year that the sources leave
    latest: int


def named_members() -> dict[City, NamedMember]:
    """Members named without a published year: where, and the bounds of a generated year."""
    found: dict[City, list[dict[str, str]]] = {}
    for r in NAMED:
        if r["role"] == "member":
            found.setdefault((r["city"], r["country"]), []).append(r)
    members = {}
    for city, rows in found.items():
        bounded = [r for r in rows if r["earliest"]]
        members[city] = NamedMember(
            "; ".join(cite(r["publications"], r["note"]) for r in rows),
            max((int(r["earliest"]) for r in bounded), default=2012),
            min((int(r["latest"]) for r in bounded), default=2015),
        )
    return members


def international_members() -> dict[City, str]:
    """Every city the sources name as an international member -> where they name it."""
    named: dict[City, str] = {c: j.source for c, j in PUBLISHED_JOINED.items()}
    for city, member in named_members().items():
        named.setdefault(city, member.source)
    return named


# --- Networks -------------------------------------------------------------------------------


@dataclass(frozen=True)
class NetworkMember:
    city: City
    joined: int | None
    date: str
    source: str


@dataclass(frozen=True)
class NetworkFacts:
    """A national or regional network as published, with the members the sources name."""

    code: str
    name: str
    country: str
    scope: str
    founded: int
    founded_source: str
    active_since: int | None
    status: str
    status_source: str
    members_total: int | None
    members_qualifier: str
    members_date: str
    members_source: str
    members: tuple[NetworkMember, ...]


def _networks() -> tuple[NetworkFacts, ...]:
    members: dict[str, list[NetworkMember]] = {}
    for r in read_facts("network-members"):
        members.setdefault(r["network"], []).append(
            NetworkMember(
                (r["city"], r["country"]),
                _int(r["joined"]),
                r["date"],
                cite(r["publications"], r["note"]),
            )
        )
    return tuple(
        NetworkFacts(
            code=r["network"],
            name=r["name"],
            country=r["country"],
            scope=r["scope"],
            founded=int(r["founded"]),
            founded_source=cite(r["founded_publications"], r["founded_note"]),
            active_since=_int(r["active_since"]),
            status=r["status"],
            status_source=cite(r["status_publications"], r["status_note"]),
            members_total=_int(r["members"]),
            members_qualifier=r["members_qualifier"],
            members_date=r["members_date"],
            members_source=(
                cite(r["members_publications"], r["members_note"]) if r["members"] else ""
            ),
            members=tuple(members.get(r["network"], ())),
        )
        for r in read_facts("networks")
    )


NETWORKS: tuple[NetworkFacts, ...] = _networks()

# --- Published Index scores -----------------------------------------------------------------


@dataclass(frozen=True)
class PublishedEdition:
    overall: int | None
    areas: dict[str, int]
    date: str
    source: str


def _published_index() -> tuple[dict[tuple[City, int], PublishedEdition], dict]:
    editions: dict[tuple[City, int], PublishedEdition] = {}
    weakest: dict[tuple[City, int], tuple[str, str]] = {}
    for r in read_facts("index-scores"):
        key = ((r["city"], r["country"]), int(r["year"]))
        source = cite(r["publications"], r["note"])
        overall = int(r["score"]) if r["indicator"] == "overall" else None
        areas = {} if overall is not None else {r["indicator"]: int(r["score"])}
        editions[key] = PublishedEdition(overall, areas, r["date"], source)
        if r["weakest_area"]:
            weakest[key] = (r["weakest_area"], source)
    return editions, weakest


PUBLISHED_INDEX, WEAKEST_AREA = _published_index()

# --- Generated parts: plans (which city has which edition) --------------------------------
# Editions of the revised questionnaire (2019+). 2021 and 2022 have 9 editions each, as
# many as the published index_reports of those years; the cities are illustrative.
REVISED_EDITIONS: dict[int, tuple[City, ...]] = {
    2019: (OEIRAS, ("Lisbon", "PT"), ("Geneva", "CH"), ("Reggio Emilia", "IT"), ("Bergen", "NO")),
    2020: (("Neuchâtel", "CH"), ("Limassol", "CY"), ("Getxo", "ES"), ("Tenerife", "ES")),
    2021: (
        ("Sherbrooke", "CA"),
        ("Kraków", "PL"),
        ("Bilbao", "ES"),
        ("Donostia-San Sebastián", "ES"),
        ("Ballarat", "AU"),
        ("Odesa", "UA"),
        ("Stavanger", "NO"),
        ("Erlangen", "DE"),
        ("Amadora", "PT"),
    ),
    2022: (
        ("Salisbury", "AU"),
        ("Zaragoza", "ES"),
        ("Mechelen", "BE"),
        ("Barcelona", "ES"),
        ("Dublin", "IE"),
        ("Botkyrka", "SE"),
        ("Lublin", "PL"),
        ("Cascais", "PT"),
        ("Coimbra", "PT"),
    ),
}
# Expert visits "confirm Index results": these cities get an (illustrative) 2016 edition.
INDEX_2016_OTHER: tuple[City, ...] = (("Braga", "PT"), ("Viseu", "PT"))

# ICC units that the gazetteer knows only by their seat or parent city (or not at all): the
# gazetteer's settlement population would mislead, so the population is illustrative.
UNIT_POPULATION: dict[City, int] = {
    ("Botkyrka", "SE"): 95_000,
    ("Melton", "AU"): 180_000,
    ("Maribyrnong", "AU"): 90_000,
    ("London Lewisham", "GB"): 300_000,
    ("Amsterdam South East", "NL"): 90_000,
    ("Kyiv Shevchenkivskyi district", "UA"): 220_000,
    ("Berlin Neukölln", "DE"): 330_000,
    ("Tenerife", "ES"): 930_000,
    ("Venezia", "IT"): 255_000,
    ("Santa Maria da Feira", "PT"): 140_000,
    ("San Giuliano Terme", "IT"): 31_000,
    ("Castelvetro di Modena", "IT"): 11_000,
    ("Calderdale", "GB"): 210_000,
    ("Kirklees", "GB"): 430_000,
}
# Councils the gazetteer lacks: placed at the gazetteer's place of their seat.
SEATS: dict[City, str] = {("Calderdale", "GB"): "Halifax", ("Kirklees", "GB"): "Huddersfield"}
# Published population and foreign-born share: city -> (value, qualifier, publication, note).
PUBLISHED_PEOPLE: dict[City, dict[str, tuple[float, str, str, str]]] = {
    ("Salisbury", "AU"): {
        "population": (140_000, "over", "coe-salisbury-2021", "over 140,000 residents"),
        "foreign_born_pct": (30, "over", "coe-salisbury-2021", "over 30% born overseas"),
    },
}
# Typical foreign-born share (%) by country, the centre of the generated shares.
FOREIGN_BORN_CENTRE: dict[str, float] = {
    "AU": 28, "BE": 20, "CA": 25, "CH": 35, "CY": 20, "DE": 20, "DK": 13, "ES": 13,
    "FO": 8, "FR": 14, "GB": 15, "GR": 8, "HR": 8, "HU": 4, "IE": 17, "IL": 25, "IT": 10,
    "JP": 3, "LT": 3, "LU": 47, "MA": 2, "MX": 2, "NL": 20, "NO": 18, "PL": 2.5, "PT": 9,
    "RO": 2, "RS": 6, "RU": 6, "SE": 25, "UA": 5,
}  # fmt: skip
# Generated shares kept on the side of the published peer groups (under / over 15%).
FOREIGN_BORN_FIXED: dict[City, tuple[float, str]] = {
    ("Ballarat", "AU"): (9.5, "consistent with its published peer group: under 15%"),
    ("Odesa", "UA"): (16.0, "consistent with its published peer group: over 15%"),
}

COLUMNS: dict[str, tuple[str, ...]] = {
    "cities": (
        "city",
        "country",
        "joined",
        "joined_qualifier",
        "joined_date",
        "joined_status",
        "joined_source",
        "left",
        "population",
        "population_qualifier",
        "population_status",
        "population_source",
        "foreign_born_pct",
        "foreign_born_pct_qualifier",
        "foreign_born_pct_status",
        "foreign_born_pct_source",
        "lat",
        "lon",
        "location_status",
        "location_source",
        "source",
        "status",
    ),
    # No row-level `status` here: in this dataset `status` is the network's own (active or
    # forming); its provenance is `status_status`.
    "networks": (
        "network",
        "name",
        "country",
        "scope",
        "founded",
        "founded_status",
        "founded_source",
        "active_since",
        "status",
        "status_status",
        "status_source",
        "members",
        "members_qualifier",
        "members_date",
        "members_status",
        "members_source",
        "source",
    ),
    "network-members": ("network", "city", "country", "joined", "joined_date", "source", "status"),
    "index": ("city", "country", "year", "indicator", "score", "score_date", "source", "status"),
    "followers": ("platform", "date", "followers", "source", "status"),
    "activities": (
        "date",
        "kind",
        "title",
        "city",
        "country",
        "participants",
        "participants_qualifier",
        "women",
        "men",
        "nationalities",
        "count",
        "count_qualifier",
        "source",
        "status",
    ),
    "metrics": (
        "year",
        "metric",
        "network",
        "date",
        "value",
        "value_qualifier",
        "source",
        "status",
    ),
}

# The value columns whose status can differ within a row (provenance contract).
PROVENANCE_FIELDS: dict[str, tuple[str, ...]] = {
    "cities": ("joined", "left", "population", "foreign_born_pct", "location"),
    "networks": ("founded", "status", "members"),
    "network-members": ("joined",),
    "index": ("score",),
    "followers": ("followers",),
    "activities": ("participants", "women", "men", "nationalities", "count"),
    "metrics": ("value",),
}


def _rng(*parts: object) -> random.Random:
    """A generator of its own for one generated value (seeded by a string: stable)."""
    return random.Random(":".join([SEED, *map(str, parts)]))


def _round(x: float) -> int:
    """Half-up rounding (Python's round() goes to even on .5)."""
    return int(x + 0.5) if x >= 0 else -int(-x + 0.5)


def _joined(city: City) -> tuple[int, str, str]:
    """(year, status, source) of a member: published where given, else generated."""
    if city in PUBLISHED_JOINED:
        fact = PUBLISHED_JOINED[city]
        return fact.year, PUBLISHED, fact.source
    member = named_members()[city]
    low, high = member.earliest, member.latest
    first_index = min((y for (c, y) in _first_editions() if c == city), default=None)
    if first_index is not None:
        high = max(low, min(high, first_index))
    year = _rng("joined", *city).randint(low, high)
    why = (
        f"{ILLUSTRATIVE}: the sources name it as a member without a year; a year drawn from "
        f"{low}-{high}"
        if low != high
        else f"{ILLUSTRATIVE}: the only year the sources leave"
    )
    return year, GENERATED, why


def _first_editions() -> list[tuple[City, int]]:
    """(city, year) of every Index edition of the 2009 questionnaire (years up to 2018)."""
    editions: list[tuple[City, int]] = []
    for city in INDEX_BY_MAY_2014:
        rng = _rng("first-index", *city)
        if city in PILOTS_2008:
            year = rng.choice((2009, 2010))
        elif city in JOINED_2011 or city in (("Montréal", "CA"), ("Sabadell", "ES")):
            year = rng.choice((2011, 2012))
        else:
            year = rng.randint(2012, 2014)
        editions.append((city, year))
    editions += [(city, 2017) for city in INDEX_2017]
    editions += [(city, year) for (city, year) in PUBLISHED_INDEX if year < 2019]
    editions += [(city, 2016) for city in INDEX_2016_OTHER]
    return sorted(set(editions), key=lambda e: (e[1], e[0]))


def index_editions() -> list[tuple[City, int]]:
    """Every (city, edition year) of the sample's Index, both questionnaires."""
    revised = [(c, y) for y, cities in REVISED_EDITIONS.items() for c in cities]
    return sorted({*_first_editions(), *revised}, key=lambda e: (e[1], e[0]))


def _areas(year: int) -> tuple[str, ...]:
    return vocab.AREA_SLUGS if year >= vocab.REVISED_EDITION_YEAR else vocab.AREAS_2009


def _clip(x: float, low: int = 20, high: int = 100) -> int:
    return max(low, min(high, _round(x)))


def _city_level(city: City) -> float:
    """The generated general level of a city's scores (most cities 45-70)."""
    return max(35.0, min(78.0, _rng("level", *city).gauss(57, 9)))


def _fit_total(
    rng: random.Random, scores: dict[str, int], total: int, fixed: set[str], floor: int = 20
) -> None:
    """Nudge the non-fixed scores one point at a time until they sum to `total`."""
    free = [a for a in scores if a not in fixed]
    guard = 0
    while (diff := total - sum(scores.values())) != 0:
        area = rng.choice(free)
        step = 1 if diff > 0 else -1
        if floor <= scores[area] + step <= 100:
            scores[area] += step
        guard += 1
        if guard > 100_000:
            raise ValueError(f"cannot fit scores to a total of {total}")


def _edition_scores(city: City, year: int) -> list[tuple[str, int, str, str, str]]:
    """(indicator, score, source, status, date) of one edition: published, else generated."""
    rng = _rng("index", *city, year)
    areas = _areas(year)
    published = PUBLISHED_INDEX.get((city, year), PublishedEdition(None, {}, "", ""))
    first_year = min(y for c, y in index_editions() if c == city)
    centre = published.overall or _city_level(city) + 0.8 * (year - first_year) + rng.gauss(0, 3)
    scores = {a: _clip(centre + rng.gauss(0, 12)) for a in areas}
    scores.update(published.areas)
    fixed = set(published.areas)
    weakest, weakest_source = WEAKEST_AREA.get((city, year), ("", ""))
    if weakest:
        fixed.add(weakest)
        others = [s for a, s in scores.items() if a != weakest]
        scores[weakest] = max(20, min(others) - rng.randint(4, 10))
    floor = scores[weakest] + 1 if weakest else 20
    if published.overall is not None:
        # Published overall: generated areas whose mean is exactly the published figure.
        _fit_total(rng, scores, published.overall * len(areas), fixed, floor)
        overall = published.overall
    else:
        total = sum(scores.values())
        if (2 * total) % len(areas) == 0 and (2 * total // len(areas)) % 2 == 1:
            # A mean ending in .5 would round differently by convention: move one point.
            _fit_total(rng, scores, total + 1, fixed, floor)
        overall = _round(sum(scores.values()) / len(areas))
    generated = (
        f"{ILLUSTRATIVE}; areas generated around the published overall ({published.source})"
        if published.overall is not None
        else ILLUSTRATIVE
    )
    rows = []
    for area in areas:
        if area in published.areas:
            rows.append((area, scores[area], published.source, PUBLISHED, published.date))
        elif area == weakest:
            why = f"{ILLUSTRATIVE}; published: {weakest} was the weakest area ({weakest_source})"
            rows.append((area, scores[area], why, GENERATED, ""))
        else:
            rows.append((area, scores[area], generated, GENERATED, ""))
    if published.overall is not None:
        rows.append(("overall", overall, published.source, PUBLISHED, published.date))
    else:
        rows.append(("overall", overall, ILLUSTRATIVE, GENERATED, ""))
    return rows


# --- Builders: one list of rows per dataset -----------------------------------------------


def _why_on_file() -> dict[City, list[str]]:
    """Every city of the sample -> why it is on file (its row-level source parts)."""
    why: dict[City, list[str]] = {}
    members = international_members()
    for city, source in members.items():
        why.setdefault(city, []).append(f"member: {source}")
    for net in NETWORKS:
        for m in net.members:
            if m.city not in members:
                why.setdefault(m.city, []).append(
                    f"member of {net.name} ({net.code}), not named as an international member: "
                    f"{m.source}"
                )
    for r in NAMED:
        city = (r["city"], r["country"])
        if r["role"] != "member" and city not in members:
            why.setdefault(city, []).append(f"{r['role']}: {cite(r['publications'], r['note'])}")
    return why


def build_cities() -> list[Row]:
    """Every city of the sample: members, network-only members, Index cities and venues."""
    members = international_members()
    rows = []
    for city, why in sorted(_why_on_file().items(), key=lambda item: (item[0][1], item[0][0])):
        # The row's own status: its part in the programme is published. Its `source` names
        # every value apart as well ("joined: ...; foreign-born share: illustrative ..."),
        # so that a reader of the row alone, or an importer that knows only the row's
        # source, still sees which values are generated.
        row: Row = {"city": city[0], "country": city[1], "status": PUBLISHED}
        if city in PUBLISHED_JOINED:
            why = [w for w in why if not w.startswith("member: ")]  # said by `joined:`
        if city in members:
            year, status, source = _joined(city)
            fact = PUBLISHED_JOINED.get(city)
            row.update(
                joined=year,
                joined_qualifier=fact.qualifier if fact else "",
                joined_date=fact.date if fact else "",
                joined_status=status,
                joined_source=source,
            )
        for field, (value, status, source, qualifier) in _people(city).items():
            row.update(
                {
                    field: value,
                    f"{field}_status": status,
                    f"{field}_source": source,
                    f"{field}_qualifier": qualifier,
                }
            )
        if city in SEATS:
            hit = gazetteer.lookup(SEATS[city], city[1])
            if hit is None:
                raise ValueError(f"the gazetteer lacks the seat of {city}")
            row.update(
                lat=hit.lat,
                lon=hit.lon,
                location_status=PUBLISHED,
                location_source=f"gazetteer (GeoNames: {hit.name}, the council's seat)",
            )
        labels = {
            "joined": "joined",
            "population": "population",
            "foreign_born_pct": "foreign-born share",
            "location": "location",
        }
        parts = [
            f"{label}: {row[f'{f}_source']}" for f, label in labels.items() if f"{f}_source" in row
        ]
        row["source"] = "; ".join([*why, *parts])
        rows.append(row)
    return rows


def _people(city: City) -> dict[str, tuple[float, str, str, str]]:
    """population and foreign_born_pct: (value, status, source, qualifier)."""
    published = {
        field: (value, PUBLISHED, cite(pub, note), qualifier)
        for field, (value, qualifier, pub, note) in PUBLISHED_PEOPLE.get(city, {}).items()
    }
    return {
        "population": published.get("population") or _population(city),
        "foreign_born_pct": published.get("foreign_born_pct") or _foreign_born(city),
    }


def _population(city: City) -> tuple[int, str, str, str]:
    hit = gazetteer.lookup(*city)
    if city in UNIT_POPULATION:
        seat = f"the gazetteer has only the settlement {hit.name}" if hit else "not in gazetteer"
        return UNIT_POPULATION[city], GENERATED, f"{ILLUSTRATIVE} ({seat})", ""
    if hit is not None and hit.population:
        return hit.population, PUBLISHED, f"gazetteer (GeoNames: {hit.name})", ""
    value = _round(_rng("population", *city).uniform(20_000, 150_000) / 1000) * 1000
    return value, GENERATED, ILLUSTRATIVE, ""


def _foreign_born(city: City) -> tuple[float, str, str, str]:
    if city in FOREIGN_BORN_FIXED:
        value, why = FOREIGN_BORN_FIXED[city]
        return value, GENERATED, f"{ILLUSTRATIVE}, {why}", ""
    centre = FOREIGN_BORN_CENTRE.get(city[1], 10.0)
    value = centre * _rng("foreign-born", *city).uniform(0.65, 1.35)
    return round(max(2.0, min(45.0, value)), 1), GENERATED, ILLUSTRATIVE, ""


def build_networks() -> list[Row]:
    """The national and regional networks of the sources, with founding and activity years."""
    rows = []
    for n in NETWORKS:
        row: Row = {
            "network": n.code,
            "name": n.name,
            "country": n.country,
            "scope": n.scope,
            "founded": n.founded,
            "founded_status": PUBLISHED,
            "founded_source": n.founded_source,
            "active_since": n.active_since,
            "status": n.status,
            "status_status": PUBLISHED,
            "status_source": n.status_source,
            "source": f"{n.founded_source}; {n.status_source}",
        }
        if n.members_total is not None:
            row.update(
                members=n.members_total,
                members_qualifier=n.members_qualifier,
                members_date=n.members_date,
                members_status=PUBLISHED,
                members_source=n.members_source,
            )
        rows.append(row)
    return rows


def build_network_members() -> list[Row]:
    """Every network member the sources name, with the joining year where published."""
    return [
        {
            "network": n.code,
            "city": m.city[0],
            "country": m.city[1],
            "joined": m.joined,
            "joined_date": m.date,
            "source": m.source,
            "status": PUBLISHED,
        }
        for n in NETWORKS
        for m in n.members
    ]


def build_index() -> list[Row]:
    """Long-form Index scores: the published ones and generated editions around them."""
    rows = []
    for city, year in index_editions():
        for indicator, score, source, status, date in _edition_scores(city, year):
            rows.append(
                {
                    "city": city[0],
                    "country": city[1],
                    "year": year,
                    "indicator": indicator,
                    "score": score,
                    "score_date": date,
                    "source": source,
                    "status": status,
                }
            )
    return rows


def _curve(rng: random.Random, start: int, end: int, steps: int, growth: float) -> list[int]:
    """`steps` rising totals after `start`, the last exactly `end` (smooth, never falling)."""
    weights = [growth**i * rng.uniform(0.85, 1.15) for i in range(steps)]
    total = sum(weights)
    values, cumulative = [], 0.0
    for w in weights:
        cumulative += w
        values.append(start + _round((end - start) * cumulative / total))
    values[-1] = end
    return values


def _growth_to_reach(total: float, steps: int, last: float) -> float:
    """Monthly growth factor of increments summing to `total` whose last one is `last`."""
    low, high = 1.0, 1.2
    for _ in range(60):
        g = (low + high) / 2
        weights = [g**i for i in range(steps)]
        if total * weights[-1] / sum(weights) < last:
            low = g
        else:
            high = g
    return round(low, 6)


FOLLOWERS_FIRST_YEAR = 2012
# Generated totals of January 2012 (no figure is published before December 2016).
FOLLOWERS_START = {"X (Twitter)": 160, "Facebook": 820}


def build_followers() -> list[Row]:
    """Monthly totals 2012-01..2017-12 on the 15th through the published December totals."""
    rows = []
    months = [(y, m) for y in range(FOLLOWERS_FIRST_YEAR, 2018) for m in range(1, 13)]
    for fact in read_facts("followers"):
        platform = fact["platform"]
        total_2017, gain = int(fact["followers"]), int(fact["gain_in_year"])
        published = cite(fact["publications"], fact["note"])
        rng = _rng("followers", platform)
        total_2016 = total_2017 - gain
        start = FOLLOWERS_START[platform]
        n_before = len(months) - 12  # months from 2012-01 to 2016-12
        # Growth speeds up slowly to the 2017 pace, so the two pieces meet without a kink.
        growth = _growth_to_reach(total_2016 - start, n_before - 1, gain / 12)
        before = [start, *_curve(rng, start, total_2016, n_before - 1, growth)]
        after = _curve(rng, total_2016, total_2017, 12, 1.0)
        for (y, m), value in zip(months, before + after, strict=True):
            if (y, m) == (2017, 12):
                source, status = published, PUBLISHED
            elif (y, m) == (2016, 12):
                source = (
                    f"derived: {total_2017:,} followers less {gain} gained in 2017 ({published})"
                )
                status = DERIVED
            else:
                source = f"{ILLUSTRATIVE}; a smooth curve through the published totals"
                status = GENERATED
            rows.append(
                {
                    "platform": platform,
                    "date": f"{y}-{m:02d}-15",
                    "followers": value,
                    "source": source,
                    "status": status,
                }
            )
    return rows


# Generated yearly activities: (kind, title, month, participants range or None, count range).
_YEARLY: tuple[tuple[str, str, int, tuple[int, int] | None, tuple[int, int] | None], ...] = (
    ("coordinators_meeting", "Annual meeting of the ICC coordinators", 11, (50, 120), None),
    ("seminar", "Thematic seminar", 6, (60, 150), None),
    ("study_visit", "Study visit", 10, (20, 45), None),
    ("training", "Anti-rumour training", 4, (20, 45), None),
    ("newsletter", "ICC newsletter issues", 0, None, (4, 6)),
    ("news", "News items on the ICC website", 0, None, (20, 80)),
    ("campaign", "Joint campaigns", 0, None, (2, 5)),
    ("publication", "Policy briefs", 0, None, (1, 3)),
    ("webinar", "Webinars", 0, None, (6, 15)),
    ("expert_visit", "Expert visits", 0, None, (3, 8)),
)
GENERATED_ACTIVITY_YEARS = (2012, 2013, 2014, 2015, 2016, 2018, 2019, 2020, 2021, 2022)
ACTIVITY_VALUES = ("participants", "women", "men", "nationalities", "count")


def published_activities() -> list[Row]:
    """The activities of facts/activities.csv, each with its citation."""
    rows = []
    for r in read_facts("activities"):
        row: Row = {k: r[k] for k in ("date", "kind", "title", "city", "country")}
        for value in ACTIVITY_VALUES:
            row[value] = _int(r[value])
        row["participants_qualifier"] = r["participants_qualifier"]
        row["count_qualifier"] = r["count_qualifier"]
        row["source"] = cite(r["publications"], r["note"])
        row["status"] = PUBLISHED
        rows.append(row)
    return rows


def build_activities() -> list[Row]:
    """The published activities plus generated yearly ones (2012-2016, 2018-2022)."""
    rows = published_activities()
    published = {(str(a["date"])[:4], a["kind"]) for a in rows}
    members = sorted(international_members())
    for year in GENERATED_ACTIVITY_YEARS:
        for kind, title, month, people, count in _YEARLY:
            if (str(year), kind) in published:
                continue  # never add a generated figure beside a published one
            if kind == "webinar" and year < 2020:
                continue  # webinars start with the pandemic
            if year in (2020, 2021) and kind in ("study_visit", "seminar", "training"):
                continue  # no travel in the pandemic years
            rng = _rng("activity", year, kind)
            row: Row = {
                "date": str(year),
                "kind": kind,
                "title": title,
                "source": ILLUSTRATIVE,
                "status": GENERATED,
            }
            if count is not None:
                row["count"] = rng.randint(*count)
                if kind == "news":
                    row["count"] = rng.randint(*count) + 4 * (year - 2012)
            else:
                city = rng.choice([c for c in members if _joined(c)[0] <= year])
                participants = rng.randint(*people)
                women = _round(participants * rng.uniform(0.5, 0.62))
                row.update(
                    date=f"{year}-{month:02d}",
                    title=f"{title} ({city[0]})",
                    city=city[0],
                    country=city[1],
                    participants=participants,
                    women=women,
                    men=participants - women - rng.randint(0, 3),
                    nationalities=min(rng.randint(5, 30), participants),  # never more than people
                )
                if kind == "coordinators_meeting":
                    # No invented venue: a meeting's host is a published fact (Lewisham
                    # hosted the 2018 summit), so a generated meeting names no city.
                    row.update(title=title, city="", country="")
            rows.append(row)
    return sorted(rows, key=lambda r: (str(r["date"]), str(r["kind"]), str(r["title"])))


def build_metrics() -> list[Row]:
    """Network-level figures as published (or derived from published figures), dated."""
    rows = []
    for r in read_facts("metrics"):
        if r["status"] not in (PUBLISHED, DERIVED) or r["qualifier"] not in QUALIFIERS:
            raise ValueError(f"facts/metrics.csv: bad status or qualifier in {r}")
        source = cite(r["publications"], r["note"])
        rows.append(
            {
                "year": int(r["year"]),
                "metric": r["metric"],
                "network": r["network"],
                "date": r["date"],
                "value": int(r["value"]),
                "value_qualifier": r["qualifier"],
                "source": f"derived from {source}" if r["status"] == DERIVED else source,
                "status": r["status"],
            }
        )
    return sorted(rows, key=lambda r: (r["year"], r["metric"], r["network"], r["date"]))


BUILDERS = {
    "cities": build_cities,
    "networks": build_networks,
    "network-members": build_network_members,
    "index": build_index,
    "followers": build_followers,
    "activities": build_activities,
    "metrics": build_metrics,
}


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}" if value != int(value) else str(int(value))
    return str(value)


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[Row]) -> None:
    """Write rows as UTF-8 CSV with `\\n` line ends (the same bytes on every platform)."""
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            unknown = set(row) - set(columns)
            if unknown:
                raise ValueError(f"{path.name}: values without a column: {sorted(unknown)}")
            writer.writerow([_cell(row.get(c)) for c in columns])


# --- Counting values by status (the contract's defaults) -----------------------------------


def value_status(row: dict[str, str], field: str) -> str | None:
    """The status of one value of a CSV row as the contract resolves it; None if empty.

    A field's own `<field>_status` wins; else the row's `status` (in networks `status` is a
    value, not a provenance status); else illustrative when the row's source contains the
    word "illustrative", published otherwise.
    """
    cells = ("lat", "lon") if field == "location" else (field,)
    if all(not row.get(c, "").strip() for c in cells):
        return None
    own = row.get(f"{field}_status", "").strip()
    if own:
        return own
    row_status = row.get("status", "").strip()
    if row_status in STATUSES:
        return row_status
    return GENERATED if vocab.is_illustrative(row.get("source")) else PUBLISHED


def status_counts(directory: Path) -> dict[str, Counter]:
    """Per dataset, how many values of the CSV files in `directory` have each status."""
    counts: dict[str, Counter] = {}
    for kind, fields in PROVENANCE_FIELDS.items():
        with (directory / f"{kind}.csv").open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        counts[kind] = Counter(
            s for row in rows for field in fields if (s := value_status(row, field)) is not None
        )
    return counts


def summary(tables: dict[str, list[Row]]) -> dict[str, int]:
    """Counts worth printing: cities, members, Index coverage."""
    cities = tables["cities"]
    index = tables["index"]
    editions = Counter((r["city"], r["country"]) for r in index if r["indicator"] == "overall")
    return {
        "cities": len(cities),
        "international members": sum(1 for r in cities if r.get("joined") is not None),
        "joined published": sum(1 for r in cities if r.get("joined_status") == PUBLISHED),
        "cities with Index": len(editions),
        "cities in 2+ editions": sum(1 for n in editions.values() if n >= 2),
        "Index editions": sum(editions.values()),
        "median Index overall": int(
            statistics.median(r["score"] for r in index if r["indicator"] == "overall")
        ),
    }


def main(out_dir: Path | None = None) -> dict[str, int]:
    """Write the sample CSVs into `out_dir` (default: beside this module); return counts."""
    out = Path(out_dir) if out_dir is not None else SAMPLE_DIR
    out.mkdir(parents=True, exist_ok=True)
    tables = {kind: build() for kind, build in BUILDERS.items()}
    for kind, rows in tables.items():
        write_csv(out / f"{kind}.csv", COLUMNS[kind], rows)
    counts = summary(tables)
    for kind, by_status in status_counts(out).items():
        for status in STATUSES:
            counts[f"{kind}: {status} values"] = by_status.get(status, 0)
    for name, value in counts.items():
        print(f"{name}: {value}")
    return counts


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
