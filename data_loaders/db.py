"""Engines (one per process and URL, so forked web workers never share a pool), schema, version."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, select, text
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
                engine = create_engine(
                    url_to_use, pool_pre_ping=True, connect_args=_connect_args(url_to_use)
                )
            except (ArgumentError, ValueError, ImportError, OSError) as exc:
                raise DatabaseUnavailable(fault_message(url, exc)) from exc
            if engine.dialect.name == "sqlite":
                event.listen(engine, "connect", _sqlite_pragmas)
            _engines[key] = engine
        return engine


def _connect_args(url: str) -> dict:
    """Timeouts, so a database that is away, silent or locked never hangs a request."""
    # At least 2 s: measured with psycopg 3.3, connect_timeout=1 waited until the silent
    # server closed the connection (libpq documents values under 2 as 2).
    connect = max(2, int(settings.get("ICC_DB_CONNECT_TIMEOUT")))
    statement = int(settings.get("ICC_DB_STATEMENT_TIMEOUT"))
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return {"timeout": statement}  # waits this long for a lock, then "database is locked"
    if backend == "postgresql":
        # Keep any options of the URL (e.g. -csearch_path=...): connect_args replaces them.
        options = str(parsed.query.get("options") or "")
        return {
            "connect_timeout": connect,
            "options": f"{options} -c statement_timeout={statement * 1000}".strip(),
        }
    return {}


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    # WAL lets several gunicorn workers read while one import writes.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute(f"PRAGMA busy_timeout={int(settings.get('ICC_DB_STATEMENT_TIMEOUT')) * 1000}")
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


# What to do about a database fault, by words of the driver's message (first match wins).
FIXES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("password authentication", "authentication failed", "role "), "check the user and "
     "password in DATABASE_URL"),
    (("does not exist",), "create the database (createdb NAME) or correct DATABASE_URL"),
    (("not a database", "malformed", "disk image", "file is encrypted"), "the SQLite file is "
     "damaged: restore it from a backup, or point DATABASE_URL at a new file"),
    (("timeout", "timed out"), "the server does not answer: check that it is up and that "
     "DATABASE_URL names the right host and port (ICC_DB_CONNECT_TIMEOUT)"),
    (("connection refused", "could not connect", "connection failed", "no route",
      "name or service not known", "could not translate host", "nodename nor servname"),
     "start the database server, or correct the host and port in DATABASE_URL"),
    (("unable to open", "permission denied", "readonly", "read-only"), "check that the "
     "database file's folder exists and is writable, or correct DATABASE_URL"),
    (("locked", "canceling statement"), "another process holds the database: wait for the "
     "import to end, or raise ICC_DB_STATEMENT_TIMEOUT"),
)  # fmt: skip


def fault_message(url: str, exc: BaseException) -> str:
    """One line: the database (password hidden), what went wrong, and the fix."""
    detail = first_line(exc)
    lowered = detail.lower()
    fix = next(
        (fix for words, fix in FIXES if any(w in lowered for w in words)), "check DATABASE_URL"
    )
    return f"cannot use database {safe_url(url)}: {detail} (fix: {fix})"


def init_schema(url: str | None = None) -> Engine:
    """Create every table that is missing; a clear DatabaseUnavailable when it cannot."""
    engine = get_engine(url)
    try:
        Base.metadata.create_all(engine)
    except (OperationalError, SQLAlchemyError) as exc:
        raise DatabaseUnavailable(fault_message(str(engine.url), exc)) from exc
    return engine


def ping(url: str | None = None) -> None:
    """Ask the database one trivial question (raises when it cannot answer)."""
    with get_engine(url).connect() as conn:
        conn.execute(text("SELECT 1"))


def check(url: str | None = None) -> None:
    """Open the database and create its tables, or raise DatabaseUnavailable in one line."""
    try:
        init_schema(url)
    except DatabaseUnavailable:
        raise
    except Exception as exc:  # e.g. a driver error outside SQLAlchemy's hierarchy
        raise DatabaseUnavailable(fault_message(settings.database_url(url), exc)) from exc


@contextmanager
def faults_in_one_line() -> Iterator[None]:
    """Around a program's start: a database fault ends it with one line and status 2."""
    try:
        yield
    except DatabaseUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    except (OperationalError, SQLAlchemyError) as exc:
        print(f"error: {fault_message(settings.database_url(), exc)}", file=sys.stderr)
        raise SystemExit(2) from None


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
