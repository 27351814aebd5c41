"""Loader test fixtures: a fresh SQLite file; PostgreSQL when TEST_DATABASE_URL is set."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

from data_loaders import db, settings
from data_loaders.schema import Base

PG_SKIP_REASON = "TEST_DATABASE_URL is not set (PostgreSQL tests need it)"


@pytest.fixture
def db_url(tmp_path) -> Iterator[str]:
    """A fresh SQLite database file with the schema."""
    url = f"sqlite:///{tmp_path / 'test.sqlite3'}"
    db.init_schema(url)
    yield url
    db.dispose_all()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A clean PostgreSQL schema of its own (others may test on the same database at once)."""
    base = settings.get("TEST_DATABASE_URL")
    if not base:
        pytest.skip(PG_SKIP_REASON)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    url = f"{base}{separator}options={quote(f'-csearch_path={schema}')}"
    db.init_schema(url)
    try:
        yield url
    finally:
        db.dispose_all()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_any(request) -> str:
    """The test once on SQLite and once on PostgreSQL (skipped without TEST_DATABASE_URL)."""
    return request.getfixturevalue("db_url" if request.param == "sqlite" else "pg_url")


def dump_database(url: str) -> dict[str, list[tuple]]:
    """Every row of every table, ordered: compared before and after a refused import."""
    engine = db.get_engine(url)
    out: dict[str, list[tuple]] = {}
    with Session(engine) as session:
        for table in Base.metadata.sorted_tables:
            rows = session.execute(select(table)).all()
            out[table.name] = sorted((tuple(r) for r in rows), key=repr)
    return out


@pytest.fixture
def dump() -> Callable[[str], dict[str, list[tuple]]]:
    """The function that dumps a database (see dump_database)."""
    return dump_database


@pytest.fixture(scope="session")
def pages_app(tmp_path_factory):
    """The dashboard's app, built once by its factory on a throwaway database (Dash pages
    register only on an app; no environment variable needs setting first)."""
    import app

    if app._APP is not None:
        return app.create_app()
    return app.create_app(f"sqlite:///{tmp_path_factory.mktemp('app') / 'pages.sqlite3'}")


@pytest.fixture
def no_gazetteer(monkeypatch):
    """What the offline gazetteer knows is not the subject of the test."""
    from data_loaders import importer

    monkeypatch.setattr(importer, "_gazetteer_lookup", lambda city, country: None)


def write_file(tmp_path, name: str, text: str):
    """A UTF-8 text file in `tmp_path` (the inline input of a loader test)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def sample_frames(tmp_path_factory) -> dict:
    """Every frame of the data layer over a fresh database holding the bundled sample."""
    from data_loaders import queries
    from data_loaders.importer import ensure_database

    url = f"sqlite:///{tmp_path_factory.mktemp('sample') / 'icc.sqlite3'}"
    ensure_database(url, sample=True)
    loaded = {name: queries.manager(url).load(name) for name in queries.COLUMNS}
    db.dispose_all()
    return loaded


@pytest.fixture(autouse=True)
def fresh_answer_memos():
    """Each test computes its page and slide answers afresh (tests patch what a view reads;
    the memos of dashboard.wiring and callbacks.present keep answers per data version)."""
    import sys

    yield
    names = (("dashboard.wiring", "_memo"), ("dashboard.wiring", "_bytes_memo"))
    for module, name in (*names, ("callbacks.present", "_slide_memo")):
        memo = getattr(sys.modules.get(module), name, None)
        if memo is not None:
            memo.clear()
