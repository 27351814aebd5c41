"""SQLAlchemy 2 models: the seven datasets of the data contract, the import history, meta."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Date,
    DateTime,
    Float,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Declarative base of every table."""


class City(Base):
    """A member city (international network), keyed by name + ISO alpha-2 country."""

    __tablename__ = "cities"
    __table_args__ = (UniqueConstraint("city", "country", name="uq_cities_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    city: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2))
    joined: Mapped[int | None] = mapped_column(Integer)
    left: Mapped[int | None] = mapped_column(Integer)
    population: Mapped[int | None] = mapped_column(Integer)
    foreign_born_pct: Mapped[float | None] = mapped_column(Float)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    # Where coordinates / population came from when not in the file: "gazetteer: <name>".
    geo_source: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)


class Network(Base):
    """A national or regional network of intercultural cities."""

    __tablename__ = "networks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    network: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(Text)
    country: Mapped[str] = mapped_column(String(2))
    founded: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str | None] = mapped_column(String(20))
    source: Mapped[str | None] = mapped_column(Text)


class NetworkMember(Base):
    """A city's membership of a national network (the city need not be an ICC member)."""

    __tablename__ = "network_members"
    __table_args__ = (
        UniqueConstraint("network", "city", "country", name="uq_network_members_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    network: Mapped[str] = mapped_column(String(40))
    city: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2))
    joined: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str | None] = mapped_column(Text)


class IndexScore(Base):
    """One ICC Index score (0-100) of a city, edition year and indicator slug."""

    __tablename__ = "index_scores"
    __table_args__ = (
        UniqueConstraint("city", "country", "year", "indicator", name="uq_index_scores_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    city: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2))
    year: Mapped[int] = mapped_column(Integer)
    indicator: Mapped[str] = mapped_column(String(40))
    score: Mapped[float] = mapped_column(Float)
    source: Mapped[str | None] = mapped_column(Text)


class Follower(Base):
    """What is known of one platform on one day: a reported total and/or a net change.

    Totals derived from changes are computed when read (data_loaders.followers), so that
    they always follow the anchors on file and are never stored as if reported.
    """

    __tablename__ = "followers"
    __table_args__ = (UniqueConstraint("platform", "date", name="uq_followers_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(40))
    date: Mapped[dt.date] = mapped_column(Date)
    followers: Mapped[int | None] = mapped_column(Integer)
    net_change: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str | None] = mapped_column(Text)


class Activity(Base):
    """An event, publication or outreach item; `date` keeps the precision given."""

    __tablename__ = "activities"
    __table_args__ = (UniqueConstraint("date", "kind", "title", name="uq_activities_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    date: Mapped[str] = mapped_column(String(10))  # YYYY, YYYY-MM or YYYY-MM-DD
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(Text)
    city: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(2))
    participants: Mapped[int | None] = mapped_column(Integer)
    women: Mapped[int | None] = mapped_column(Integer)
    men: Mapped[int | None] = mapped_column(Integer)
    nationalities: Mapped[int | None] = mapped_column(Integer)
    count: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str | None] = mapped_column(Text)


class Metric(Base):
    """A network-level figure reported without city detail (e.g. members_total)."""

    __tablename__ = "metrics"
    __table_args__ = (UniqueConstraint("year", "metric", name="uq_metrics_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    metric: Mapped[str] = mapped_column(String(80))
    value: Mapped[float] = mapped_column(Float)
    source: Mapped[str | None] = mapped_column(Text)


class ImportRecord(Base):
    """One import: when, which file (name and SHA-256), and what it did."""

    __tablename__ = "imports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    kind: Mapped[str] = mapped_column(String(40))
    file_name: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    rows_new: Mapped[int] = mapped_column(Integer, default=0)
    rows_updated: Mapped[int] = mapped_column(Integer, default=0)
    rows_unchanged: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[int] = mapped_column(Integer, default=0)
    sources: Mapped[str | None] = mapped_column(Text)  # distinct `source` values, "; "-joined


class Meta(Base):
    """Key/value facts about the database; `data_version` grows with every write."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# Dataset KIND (command line) -> model. Key columns per KIND, as the data contract says.
MODELS: dict[str, type[Base]] = {
    "cities": City,
    "networks": Network,
    "network-members": NetworkMember,
    "index": IndexScore,
    "followers": Follower,
    "activities": Activity,
    "metrics": Metric,
}
KEYS: dict[str, tuple[str, ...]] = {
    "cities": ("city", "country"),
    "networks": ("network",),
    "network-members": ("network", "city", "country"),
    "index": ("city", "country", "year", "indicator"),
    "followers": ("platform", "date"),
    "activities": ("date", "kind", "title"),
    "metrics": ("year", "metric"),
}
KINDS: tuple[str, ...] = tuple(MODELS)

__all__ = [
    "KEYS",
    "KINDS",
    "MODELS",
    "Activity",
    "Base",
    "City",
    "Follower",
    "ImportRecord",
    "IndexScore",
    "Meta",
    "Metric",
    "Network",
    "NetworkMember",
]
