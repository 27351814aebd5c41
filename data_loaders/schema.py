"""SQLAlchemy 2 models: one table per dataset of the registry, the import history, meta."""

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
    event,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from data_loaders import datasets


class Base(DeclarativeBase):
    """Declarative base of every table."""


_SQL_TYPES: dict[str, type] = {
    "country": String(2),
    "year": Integer,
    "count": Integer,
    "int": Integer,
    "number": Float,
    "pct": Float,
    "score": Float,
    "lat": Float,
    "lon": Float,
    "date": Date,
    "partial_date": String(10),
}


def _sql_type(column: datasets.Column):
    return _SQL_TYPES.get(column.type, Text)


def _model(dataset: datasets.Dataset) -> type[Base]:
    """The table of one dataset, from its registry entry.

    Key columns matched folded get a stored `<column>_key` beside them, and the unique
    constraint is on those: the database itself refuses two spellings of one key.
    """
    attrs: dict[str, object] = {
        "__tablename__": dataset.table,
        "__doc__": f"{dataset.label}: {dataset.description} (see data_loaders.datasets).",
        "id": mapped_column(Integer, primary_key=True),
    }
    for column in dataset.columns:
        if not column.stored:
            continue
        required = column.required and column.name in dataset.key
        attrs[column.name] = mapped_column(_sql_type(column), nullable=not required)
    for name in dataset.key:
        stored = dataset.stored_key_column(name)
        if stored != name:
            attrs[stored] = mapped_column(Text, nullable=False)
    attrs[datasets.ROW_STATUS] = mapped_column(String(20))
    for name in dataset.provenance_columns:
        attrs[name] = mapped_column(Text)
    attrs["__table_args__"] = (
        UniqueConstraint(*dataset.unique_columns, name=f"uq_{dataset.table}_key"),
    )
    class_name = "".join(part.title() for part in dataset.table.split("_"))
    model = type(class_name, (Base,), attrs)
    folded = [(k, dataset.stored_key_column(k)) for k in dataset.key]
    folded = [(k, stored) for k, stored in folded if stored != k]
    if folded:

        def set_keys(_mapper, _connection, row) -> None:
            # Every writer (import, sample, tests) stores the same folded keys.
            for name, stored in folded:
                setattr(row, stored, dataset.fold(name, getattr(row, name)))

        event.listen(model, "before_insert", set_keys)
        event.listen(model, "before_update", set_keys)
    return model


# Dataset KIND -> model, in the registry's order.
MODELS: dict[str, type[Base]] = {d.name: _model(d) for d in datasets.DATASETS}
KEYS: dict[str, tuple[str, ...]] = {d.name: d.key for d in datasets.DATASETS}
KINDS: tuple[str, ...] = datasets.KINDS

# The models under the names the rest of the project has always used.
City = MODELS["cities"]
Network = MODELS["networks"]
NetworkMember = MODELS["network-members"]
IndexScore = MODELS["index"]
Follower = MODELS["followers"]
Activity = MODELS["activities"]
Metric = MODELS["metrics"]


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
