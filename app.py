"""ICC Network Dashboard: builds the Dash app and its shell; `python app.py` serves it.

`create_app()` is the factory (one app per process: Dash pages and callbacks register
globally); `gunicorn app:server` and `import app; app.app` build it on first use, against
the configured database. Data, figures and callbacks live elsewhere: data_loaders/
(database and queries), dashboard/ (pages, views, cards, figures), callbacks/ (wiring).
"""

from __future__ import annotations

import argparse
import sys
import threading

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from filelock import FileLock

from dashboard import components, deck, ids, present, serving
from dashboard import server as hardening
from data_loaders import db, settings

_APP: dash.Dash | None = None
_APP_LOCK = threading.Lock()


def prepare_database(url: str | None = None) -> None:
    """Create the schema and load the bundled sample into an empty database, once.

    Several gunicorn workers may start together: a file lock (portable: `filelock` works
    on Linux, macOS and Windows) makes the first one load the sample while the others wait
    and then find it loaded.
    """
    from data_loaders.importer import ensure_database

    settings.INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    with FileLock(settings.INSTANCE_DIR / ".init.lock"):
        ensure_database(url, sample=settings.get_bool("ICC_AUTO_SAMPLE"))
    # The sample's cities were placed with the gazetteer; a web worker needs it no more.
    from data_loaders import gazetteer

    gazetteer.release()


def shell() -> html.Div:
    """The layout around every page: navigation, URL writer, redirect target, page."""
    return html.Div(
        [
            hardening.db_notice(),
            components.navbar(),
            dcc.Location(id=ids.REDIRECT, refresh="callback-nav"),
            dcc.Store(id=ids.URL_SYNC),
            dbc.Container(dash.page_container, fluid=True, className="page-body"),
            present.container(),
        ],
        id="shell",
    )


def create_app(database_url: str | None = None) -> dash.Dash:
    """The Dash app with its pages (dashboard/pages) and callbacks (callbacks/), on
    `database_url` (else DATABASE_URL, else the default SQLite file). Built once per
    process; a later call with another URL is refused (pages register globally)."""
    global _APP
    with _APP_LOCK:
        if _APP is not None:
            if database_url and settings.database_url() != database_url:
                raise RuntimeError("the app of this process is already built on another database")
            return _APP
        if database_url:
            settings.override("DATABASE_URL", database_url)
        prepare_database()
        app = dash.Dash(
            __name__,
            use_pages=True,
            pages_folder="dashboard/pages",
            title="ICC Network Dashboard",
            update_title=None,
            serve_locally=True,
            meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
        )
        app.layout = shell
        deck.register_routes(app)
        import callbacks  # noqa: F401  (registers every callback)

        serving.serve_efficiently(app)  # compression and cache lifetimes
        hardening.harden(app)  # last: headers, limits, plain errors (dashboard/server.py)
        _APP = app
        return app


def __getattr__(name: str) -> object:
    """`app.app` and `app.server` (gunicorn's `app:server`) build the app on first use; a
    database fault at start is one line and exit status 2, never a traceback."""
    if name in ("app", "server"):
        with db.faults_in_one_line():
            application = create_app()
        return application if name == "app" else application.server
    raise AttributeError(f"module 'app' has no attribute {name!r}")


def main(argv: list[str] | None = None) -> int:
    """Command line: `python app.py [--host H] [--port P] [--debug]`."""
    parser = argparse.ArgumentParser(description="Serve the ICC Network Dashboard.")
    parser.add_argument("--host", default=settings.get("ICC_HOST"))
    parser.add_argument("--port", type=int, default=int(settings.get("ICC_PORT")))
    parser.add_argument("--debug", action="store_true", default=settings.get_bool("ICC_DEBUG"))
    args = parser.parse_args(argv)
    with db.faults_in_one_line():
        application = create_app()
    print(
        f"ICC Network Dashboard on http://{args.host}:{args.port}/ "
        f"(database: {db.safe_url(settings.database_url())})",
        file=sys.stderr,
    )
    application.run(host=args.host, port=args.port, debug=args.debug)
    return 0


if __name__ == "__main__":
    sys.exit(main())
