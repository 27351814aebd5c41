"""Database faults in one line: every program names the database and the fix, and stops."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from bench.pages_bench import free_port
from data_loaders import db, settings

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "s3cret-pw"


def corrupt_sqlite(tmp_path: Path) -> str:
    path = tmp_path / "corrupt.sqlite3"
    path.write_bytes(b"this is not a database file " * 800)
    return f"sqlite:///{path}"


def refused_postgres(_tmp_path: Path) -> str:
    return f"postgresql+psycopg://icc:{PASSWORD}@127.0.0.1:{free_port()}/icc"


@pytest.fixture(scope="module")
def silent_port():
    """A port that accepts connections and never answers."""
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            with contextlib.suppress(OSError):
                held.append(listener.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    listener.close()


COMMANDS = {
    "python app.py": lambda port: [sys.executable, "app.py", "--port", str(port)],
    "gunicorn app:server": lambda port: [
        sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "app:server",
    ],
    "status": lambda _port: [sys.executable, "-m", "data_loaders", "status"],
    "init": lambda _port: [sys.executable, "-m", "data_loaders", "init"],
    "export": lambda _port: [sys.executable, "-m", "data_loaders", "export", "cities", "o.csv"],
}  # fmt: skip


def run(command: str, url: str, tmp_path: Path) -> tuple[int, list[str], float]:
    env = {**os.environ, "DATABASE_URL": url, "ICC_DB_CONNECT_TIMEOUT": "1"}
    start = time.monotonic()
    done = subprocess.run(
        COMMANDS[command](free_port()),
        cwd=ROOT,
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    if command.startswith("gunicorn"):
        # gunicorn's own start-up log line is not part of the error.
        lines = [ln for ln in done.stderr.splitlines() if "[INFO]" not in ln]
    else:
        lines = done.stderr.splitlines()
    return done.returncode, [ln for ln in lines if ln.strip()], time.monotonic() - start


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("fault", ["corrupt", "refused", "silent"])
def test_a_database_fault_ends_every_program_with_one_line(
    command, fault, tmp_path, silent_port, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    if fault == "corrupt":
        url = corrupt_sqlite(tmp_path)
    elif fault == "refused":
        url = refused_postgres(tmp_path)
    else:
        url = f"postgresql+psycopg://icc:{PASSWORD}@127.0.0.1:{silent_port}/icc"
    status, lines, seconds = run(command, url, tmp_path)
    assert status != 0
    assert len(lines) == 1, lines
    (line,) = lines
    assert db.safe_url(url) in line
    assert PASSWORD not in line
    assert "(fix: " in line
    assert seconds < 60


def test_a_missing_postgres_database_names_the_fix(tmp_path):
    base = settings.get("TEST_DATABASE_URL")
    if not base:
        pytest.skip("TEST_DATABASE_URL is not set (PostgreSQL tests need it)")
    url = base.rsplit("/", 1)[0] + "/icc_no_such_database"
    status, lines, _ = run("status", url, tmp_path)
    assert status != 0
    assert len(lines) == 1 and "createdb" in lines[0], lines


def test_a_statement_over_the_timeout_is_cancelled_on_postgres(pg_url, monkeypatch):
    monkeypatch.setenv("ICC_DB_STATEMENT_TIMEOUT", "1")
    db.dispose_all()
    engine = db.get_engine(pg_url)
    start = time.monotonic()
    with pytest.raises(OperationalError, match="statement timeout"), engine.connect() as conn:
        conn.execute(text("SELECT pg_sleep(5)"))
    assert time.monotonic() - start < 4
    # The URL's own options (the test schema's search_path) are kept.
    with engine.connect() as conn:
        assert "t_" in conn.execute(text("SHOW search_path")).scalar()


def test_a_lock_held_on_sqlite_gives_up_after_the_timeout(db_url, monkeypatch):
    import sqlite3

    monkeypatch.setenv("ICC_DB_STATEMENT_TIMEOUT", "1")
    db.dispose_all()
    holder = sqlite3.connect(db_url.removeprefix("sqlite:///"))
    holder.execute("BEGIN EXCLUSIVE")
    try:
        engine = db.get_engine(db_url)
        start = time.monotonic()
        with pytest.raises(OperationalError, match="locked"), engine.begin() as conn:
            conn.execute(text("INSERT INTO meta (key, value) VALUES ('x', '1')"))
        assert time.monotonic() - start < 4
    finally:
        holder.rollback()
        holder.close()
