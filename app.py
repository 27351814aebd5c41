"""ICC Network Dashboard: builds the Dash app and its shell; `python app.py` serves it.

`create_app()` is the factory (one app per process: Dash pages and callbacks register
globally); `gunicorn app:server` and `import app; app.app` build it on first use, against
the configured database. Data, figures and callbacks live elsewhere: data_loaders/
(database and queries), dashboard/ (pages, views, cards, figures), callbacks/ (wiring).
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
import time
from html import escape as html_escape

import dash
import dash_bootstrap_components as dbc
import flask
from dash import dcc, html
from filelock import FileLock

from dashboard import components, deck, i18n, ids, opening, present, serving, urlstate, wiring
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


def _warm() -> None:
    """Prepare the compare page's data (the city pickers' other names of each city come
    from one read of the gazetteer file, a few seconds), so no first search waits."""
    try:
        from dashboard import views
        from dashboard.views import compare

        views.frames_of().prepared(compare)
    except Exception:  # the page prepares it on first use instead
        logging.getLogger(__name__).exception("warming the compare page failed")


# gunicorn.conf.py turns this off when the app is preloaded in gunicorn's master: a thread
# there could hold a lock of the data layer when the workers fork (they would wait on it for
# ever); each worker then starts the same warming after the fork (`post_fork`).
WARM_IN_BACKGROUND = True

# What the master prepares before forking (`warm_up`), so every worker starts with it:
# every page (at 100x about 5 s in all, 1.5 s of it the compare page's city names). With
# only the four slowest pages warmed, four workers on two cores each prepared the rest
# during the load test's first seconds (p95 413 ms at -w 4 against 168 ms at -w 2).
WARM_PAGES = (
    "overview", "map", "trends", "compare", "index", "networks", "outreach", "data",
)  # fmt: skip


def _warm_in_background() -> None:
    threading.Thread(target=_warm, name="warm-compare", daemon=True).start()


def warm_up(pages: tuple[str, ...] = WARM_PAGES) -> float:
    """Read the frames and prepare `pages` (default language) now; then close the database
    connections, so processes forked after it start warm and open their own. Seconds taken."""
    from dashboard import data, views

    started = time.perf_counter()
    try:
        frames = views.frames_of()
        data.choices()
        for page in pages:
            frames.prepared(views.PAGES[page])
        # Each page's first answer at its plain address (its layout carries it: see
        # wiring.with_first_answer) and the presentation's first slide, kept in the answer
        # memos: a worker forked after this answers them without computing (at 100x a cold
        # page took 0.2-1.5 s and the first slide 4.7 s in each of four workers).
        from callbacks import present as present_callbacks

        for entry in dash.page_registry.values():
            if callable(entry["layout"]):
                entry["layout"]()
        present_callbacks.slide_answer("?present=1")
    except Exception:  # each worker prepares on first use instead
        logging.getLogger(__name__).exception("warm-up failed")
    db.dispose_all()
    return time.perf_counter() - started


def shell() -> html.Div:
    """The layout around every page: navigation, URL writer, redirect target, page; with the
    page the browser opened and its presentation layer already in it (dashboard/opening.py)."""
    from callbacks import present as present_callbacks

    search = opening.address_query()
    first_slide = None if search is None else present_callbacks.slide_answer(search)
    return html.Div(
        [
            hardening.db_notice(),
            components.navbar(),
            dcc.Location(id=ids.REDIRECT, refresh="callback-nav"),
            dcc.Store(id=ids.URL_SYNC),
            dbc.Container(opening.page_container(), fluid=True, className="page-body", tag="main"),
            present.container(search, first_slide),
        ],
        id="shell",
    )


def document_language(app: dash.Dash) -> None:
    """`<html lang>` from the address's `?lang=` (urlstate.LANGUAGES; English by default),
    so a screen reader speaks the page in its language from the first byte;
    assets/url_state.js keeps it in step when the user moves between pages."""
    build = app.interpolate_index

    def interpolate_index(**kwargs: object) -> str:
        lang = urlstate.parse_language(flask.request.args.get(urlstate.LANG_KEY))
        # The tab's title from the first byte, in the page's language (the pages router sets
        # the same title when the user moves between pages).
        page = next(
            (p for p in dash.page_registry.values() if p["relative_path"] == flask.request.path),
            None,
        )
        if page is not None and callable(page.get("title")) and "title" in kwargs:
            kwargs["title"] = html_escape(page["title"]())
        return build(**kwargs).replace("<html>", f'<html lang="{lang}">', 1)

    app.interpolate_index = interpolate_index


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
        i18n.compile_catalogues()  # the .mo files, when missing or older than their .po
        app = dash.Dash(
            __name__,
            use_pages=True,
            pages_folder="dashboard/pages",
            title="ICC Network Dashboard",
            update_title=None,
            serve_locally=True,
            # assets/vendor holds the partial plotly.js bundle, which the page's head names
            # itself (dashboard/serving.py): Dash must not add it a second time.
            assets_path_ignore=[f"^{serving.VENDOR_DIR}$"],
            # Dash checks every callback's ids against a layout of every page, which it
            # builds by calling each page's layout (reading and preparing the data) on the
            # first request: 3 s before the first answer at 100x. The check only feeds
            # debug mode's error panel; in production tests/test_callback_ids.py checks the
            # same ids once, in CI, and the first answer does not wait for the data.
            suppress_callback_exceptions=not settings.get_bool("ICC_DEBUG"),
            meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
        )
        app.layout = shell
        document_language(app)
        deck.register_routes(app)
        import callbacks  # noqa: F401  (registers every callback)

        if WARM_IN_BACKGROUND:
            _warm_in_background()
        serving.serve_efficiently(app)  # compression and cache lifetimes
        wiring.serve_answers_once(app)  # a repeated page request answered from its bytes
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
    if args.debug:
        settings.override("ICC_DEBUG", "1")  # debug mode keeps Dash's callback id checks
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
