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
