"""ICC Network Dashboard: builds the Dash app and its shell; `python app.py` serves it.

`gunicorn app:server` serves the same app. Data, figures and callbacks live elsewhere:
data_loaders/ (database and queries), dashboard/ (pages, components, figures), callbacks/.
"""

from __future__ import annotations

import argparse
import fcntl
import sys

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import components, deck, ids, present, serving
from data_loaders import db, settings


def prepare_database(url: str | None = None) -> None:
    """Create the schema and load the bundled sample into an empty database, once.

    Several gunicorn workers may start together: a file lock makes the first one load the
    sample while the others wait and then find it loaded.
    """
    from data_loaders.importer import ensure_database

    settings.INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    with open(settings.INSTANCE_DIR / ".init.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        ensure_database(url, sample=settings.get_bool("ICC_AUTO_SAMPLE"))
    # The sample's cities were placed with the gazetteer; a web worker needs it no more.
    from data_loaders import gazetteer

    gazetteer.release()


def shell() -> html.Div:
    """The layout around every page: navigation, URL writer, redirect target, page."""
    return html.Div(
        [
            components.navbar(),
            dcc.Location(id=ids.REDIRECT, refresh="callback-nav"),
            dcc.Store(id=ids.URL_SYNC),
            dbc.Container(dash.page_container, fluid=True, className="page-body"),
            present.container(),
        ],
        id="shell",
    )


def create_app() -> dash.Dash:
    """The Dash app with its pages (dashboard/pages) and callbacks (callbacks/)."""
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

    serving.serve_efficiently(app)
    return app


app = create_app()
server = app.server


def main(argv: list[str] | None = None) -> int:
    """Command line: `python app.py [--host H] [--port P] [--debug]`."""
    parser = argparse.ArgumentParser(description="Serve the ICC Network Dashboard.")
    parser.add_argument("--host", default=settings.get("ICC_HOST"))
    parser.add_argument("--port", type=int, default=int(settings.get("ICC_PORT")))
    parser.add_argument("--debug", action="store_true", default=settings.get_bool("ICC_DEBUG"))
    args = parser.parse_args(argv)
    print(
        f"ICC Network Dashboard on http://{args.host}:{args.port}/ "
        f"(database: {db.safe_url(settings.database_url())})",
        file=sys.stderr,
    )
    app.run(host=args.host, port=args.port, debug=args.debug)
    return 0


if __name__ == "__main__":
    sys.exit(main())
