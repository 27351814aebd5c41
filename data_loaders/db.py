"""Engines (one per process and URL, so forked web workers never share a pool), schema, version."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from data_loaders import settings
from data_loaders.schema import Base, Meta

_engines: dict[tuple[int, str], Engine] = {}
_lock = threading.Lock()


class DatabaseUnavailable(RuntimeError):
    """The database cannot be opened or reached; the message is one plain line."""


def _prepare_sqlite_path(url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def get_engine(url: str | None = None) -> Engine:
    """The engine of this process for `url` (default: the configured database)."""
    url = settings.database_url(url)
    key = (os.getpid(), url)
    with _lock:
        engine = _engines.get(key)
        if engine is None:
            try:
                _prepare_sqlite_path(url)
                if url.startswith("postgres://"):
                    url_to_use = "postgresql+psycopg://" + url[len("postgres://") :]
                elif url.startswith("postgresql://"):
                    url_to_use = "postgresql+psycopg://" + url[len("postgresql://") :]
                else:
                    url_to_use = url
                engine = create_engine(url_to_use, pool_pre_ping=True)
            except (ArgumentError, ValueError, ImportError, OSError) as exc:
                raise DatabaseUnavailable(
                    f"cannot use database {safe_url(url)}: {first_line(exc)}"
                ) from exc
            if engine.dialect.name == "sqlite":
                event.listen(engine, "connect", _sqlite_pragmas)
            _engines[key] = engine
        return engine


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    # WAL lets several gunicorn workers read while one import writes.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def safe_url(url: str) -> str:
    """The URL with any password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return url


def first_line(exc: BaseException) -> str:
    """The first line of an exception's message (drivers add SQL and links below it)."""
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def init_schema(url: str | None = None) -> Engine:
    """Create every table that is missing; a clear DatabaseUnavailable when it cannot."""
    engine = get_engine(url)
    try:
        Base.metadata.create_all(engine)
    except (OperationalError, SQLAlchemyError) as exc:
        raise DatabaseUnavailable(
            f"cannot open database {safe_url(str(engine.url))}: {first_line(exc)}"
        ) from exc
    return engine


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back on any error."""
    engine = get_engine(url)
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def data_version(url: str | None = None) -> int:
    """The data version: grows by one with every committed import (0 for a new database)."""
    engine = get_engine(url)
    with Session(engine) as session:
        value = session.scalar(select(Meta.value).where(Meta.key == "data_version"))
    return int(value) if value else 0


def bump_data_version(session: Session) -> int:
    """Increase the data version inside the caller's transaction; the new value."""
    row = session.get(Meta, "data_version")
    if row is None:
        row = Meta(key="data_version", value="1")
        session.add(row)
    else:
        row.value = str(int(row.value) + 1)
    session.flush()
    return int(row.value)


def dispose_all() -> None:
    """Drop this process's engines (tests, and workers after a fork)."""
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()
