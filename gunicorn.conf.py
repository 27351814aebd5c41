"""gunicorn settings for `gunicorn app:server` (read from this folder; flags given on the
command line win). Bounds on what one request may ask of a worker."""

# Request size: the longest URL the dashboard writes is well under 1 KB; headers stay few.
# (Bodies are limited by the app itself: ICC_MAX_REQUEST_KB.)
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190

# Time: a worker silent for longer is restarted (the deck, the slowest page, takes seconds);
# on shutdown or reload, requests under way get this long to finish.
timeout = 60
graceful_timeout = 20
keepalive = 5

bind = "127.0.0.1:8050"  # behind the organisation's proxy; -b overrides


def on_starting(server) -> None:
    """Before any worker starts: a database that cannot be used stops gunicorn in one line."""
    from data_loaders import db

    with db.faults_in_one_line():
        db.check()


# Workers start warm: the app is built once in the master (`preload_app`), which reads the
# data and prepares the main pages (`app.warm_up`, in `when_ready`, before any worker is
# forked); the workers share those pages (copy-on-write) instead of each reading and
# preparing them on its first requests. Start-up waits for the warm-up (a few seconds at
# 100 times the network); the compare page's other names are still warmed by each worker
# in the background, after the fork (a thread in the master could hold a lock at the fork).
preload_app = True


def _no_thread_in_master() -> None:
    import app

    app.WARM_IN_BACKGROUND = False


_no_thread_in_master()


def when_ready(server) -> None:
    """Master, listening, before the first worker forks: prepare the data once for all."""
    import app

    app.app  # noqa: B018  (built here when not preloaded yet)
    seconds = app.warm_up()
    server.log.info("warm-up: data read and main pages prepared in %.1f s", seconds)


def post_fork(server, worker) -> None:
    """Each worker: warm the compare page's city names in the background."""
    import app

    app._warm_in_background()
