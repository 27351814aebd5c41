"""The one place that reads the environment: every setting, its default and its help text."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = PROJECT_ROOT / "instance"
DEFAULT_SQLITE_PATH = INSTANCE_DIR / "icc.sqlite3"


@dataclass(frozen=True)
class Setting:
    """One setting read from the environment."""

    env: str
    default: str
    help: str


# Declared once; the README documents each (a test checks that it does).
SETTINGS: tuple[Setting, ...] = (
    Setting(
        "DATABASE_URL",
        f"sqlite:///{DEFAULT_SQLITE_PATH}",
        "SQLAlchemy URL of the database (SQLite file by default, e.g. "
        "postgresql+psycopg://user@host/db for shared deployments).",
    ),
    Setting("ICC_HOST", "127.0.0.1", "Address `python app.py` listens on (or --host)."),
    Setting("ICC_PORT", "8050", "Port `python app.py` listens on (or --port)."),
    Setting("ICC_DEBUG", "0", "1 turns on Dash debug mode (or --debug). Off by default."),
    Setting(
        "ICC_AUTO_SAMPLE",
        "1",
        "1 loads the bundled sample into an empty database on the first start of the app.",
    ),
    Setting(
        "ICC_DATA_CHECK_SECONDS",
        "2",
        "How often (seconds) a running dashboard checks whether an import changed the data.",
    ),
    Setting(
        "ICC_DB_CONNECT_TIMEOUT",
        "5",
        "Seconds to wait for the database to accept a connection before giving up.",
    ),
    Setting(
        "ICC_DB_STATEMENT_TIMEOUT",
        "30",
        "Seconds one database statement may run (PostgreSQL statement_timeout; on SQLite, "
        "how long to wait for a lock held by an import).",
    ),
    Setting(
        "ICC_MAX_REQUEST_KB",
        "1024",
        "Largest request body the web app accepts, in KiB; a larger one is refused (413).",
    ),
    Setting(
        "ICC_FORCE_HTTPS",
        "0",
        "1 redirects plain HTTP to HTTPS and sends Strict-Transport-Security. Off by default: "
        "the app listens on 127.0.0.1 behind the organisation's TLS proxy.",
    ),
    Setting(
        "ICC_FRAME_ANCESTORS",
        "",
        "Space-separated origins allowed to show the dashboard in a frame "
        "(e.g. https://www.coe.int); empty: no site may frame it.",
    ),
    Setting(
        "ICC_MAX_IMPORT_MB",
        "50",
        "Largest file (megabytes) `python -m data_loaders import` reads; bigger ones are "
        "refused before being read.",
    ),
    Setting(
        "CACHE_REDIS_URL",
        "",
        "Optional redis://127.0.0.1:6379/0: workers share prepared page data (a local, "
        "trusted Redis only; values are pickled). Unset: each worker keeps its own.",
    ),
    Setting(
        "TEST_DATABASE_URL",
        "",
        "Tests only: a PostgreSQL URL; when set, the loader tests also run against it.",
    ),
)

_BY_NAME = {s.env: s for s in SETTINGS}


_OVERRIDES: dict[str, str] = {}


def override(name: str, value: str | None) -> None:
    """Set `name` for this process (an app built with `create_app(database_url=...)`), in
    place of the environment; None removes the override."""
    if name not in _BY_NAME:
        raise KeyError(f"unknown setting {name!r}")
    if value is None:
        _OVERRIDES.pop(name, None)
    else:
        _OVERRIDES[name] = value


def get(name: str) -> str:
    """The value of setting `name`: this process's override, else the environment's, else
    the declared default."""
    setting = _BY_NAME[name]
    value = _OVERRIDES.get(name, os.environ.get(name))
    return value if value not in (None, "") else setting.default


def get_bool(name: str) -> bool:
    """A setting read as a yes/no flag."""
    return get(name).strip().lower() in {"1", "true", "yes", "on"}


def database_url(explicit: str | None = None) -> str:
    """The database URL: an explicit one (--db), else DATABASE_URL, else the default file."""
    return explicit or get("DATABASE_URL")
