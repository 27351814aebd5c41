"""The web server's protections: security headers, request limits, plain errors, bad callbacks.

`harden(app)` is called once, at the end of `app.create_app()`, after every callback is
registered. It adds, on the app's Flask server:

- security headers on every response (flask-talisman): a Content-Security-Policy that allows
  only the app's own host (Dash's inline scripts by hash), `X-Content-Type-Options: nosniff`,
  frame protection, a Referrer-Policy; HTTPS is forced only when ICC_FORCE_HTTPS asks for it
  (the app normally runs on 127.0.0.1 behind the organisation's proxy);
- MAX_CONTENT_LENGTH (ICC_MAX_REQUEST_KB): a larger request body is refused with 413;
- a malformed callback request (`/_dash-update-component` with bad JSON or the wrong shape)
  answers 400; no response ever carries a stack trace;
- the database notice: a callback that fails because the database is away shows a notice on
  the page (element `ids.DB_NOTICE` in the shell) instead of an empty page, and the page
  comes back by itself once the database answers again.
"""

from __future__ import annotations

import logging

import dash
import flask
from dash import ClientsideFunction, Input, Output, State, dcc, html, no_update, set_props
from flask_talisman import Talisman
from sqlalchemy.exc import DBAPIError, DisconnectionError, OperationalError
from werkzeug.exceptions import BadRequest, HTTPException, RequestURITooLarge

from dashboard import ids
from data_loaders import db, settings

log = logging.getLogger(__name__)

CALLBACK_PATH = "_dash-update-component"
# The database notice and its parts (children of ids.DB_NOTICE).
DB_NOTICE_TEXT = ids.child(ids.DB_NOTICE, "text")
DB_NOTICE_POLL = ids.child(ids.DB_NOTICE, "poll")  # asks the database while it is away
DB_NOTICE_BACK = ids.child(ids.DB_NOTICE, "back")  # set when it answers again: page reloads
DB_NOTICE_RELOAD = ids.child(ids.DB_NOTICE, "reload")  # output of the clientside reload
POLL_MS = 2000
NOTICE_TEXT = (
    "The dashboard cannot reach its database just now, so this page cannot show its "
    "figures. It will come back by itself as soon as the database answers."
)
# The longest address the dashboard writes is well under 1 KB (gunicorn refuses a request
# line over 4094 bytes; this holds under `python app.py` too).
MAX_URL_CHARS = 4096


def content_security_policy(app: dash.Dash) -> dict[str, str | list[str]]:
    """The CSP: everything from the app's own host; inline scripts only by their hash.

    Styles allow 'unsafe-inline' because React and Plotly set `style` attributes on
    elements (a style cannot run code); images allow data: and blob: for Plotly's PNG export
    and the map's legend swatches.
    """
    ancestors = settings.get("ICC_FRAME_ANCESTORS").split()
    return {
        "default-src": "'self'",
        "script-src": ["'self'", *app.csp_hashes()],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": "'self'",
        "worker-src": ["'self'", "blob:"],
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": ancestors or "'none'",
    }


def harden(app: dash.Dash) -> None:
    """Add security headers, request limits, plain errors and the database notice to `app`."""
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = int(settings.get("ICC_MAX_REQUEST_KB")) * 1024
    force_https = settings.get_bool("ICC_FORCE_HTTPS")
    framed = bool(settings.get("ICC_FRAME_ANCESTORS").split())
    talisman = Talisman(
        server,
        content_security_policy=content_security_policy(app),
        content_security_policy_nonce_in=[],
        force_https=force_https,
        strict_transport_security=force_https,
        session_cookie_secure=force_https,
        # With allowed ancestors, the CSP's frame-ancestors says who may frame the app
        # (X-Frame-Options cannot name origins); otherwise nobody may.
        frame_options=None if framed else "DENY",
        referrer_policy="same-origin",
        x_content_type_options=True,
    )

    first_request = {"done": False}

    @server.before_request
    def _late_inline_scripts() -> None:
        # Callbacks registered with dash.callback reach the app at its first request: hash
        # any inline script they brought, so none is blocked.
        if not first_request["done"]:
            first_request["done"] = True
            talisman.content_security_policy = content_security_policy(app)

    @server.before_request
    def _refuse_malformed_request() -> None:
        request = flask.request
        if len(request.full_path) > MAX_URL_CHARS:
            raise RequestURITooLarge(f"The address is longer than {MAX_URL_CHARS} characters.")
        if request.method != "POST" or not request.path.endswith("/" + CALLBACK_PATH):
            return
        body = request.get_json(silent=True)
        problem = callback_body_problem(body, app.callback_map)
        if problem:
            raise BadRequest(f"Malformed callback request: {problem}.")

    server.register_error_handler(Exception, _plain_error)
    _add_database_notice(app)


def db_notice() -> html.Div:
    """The shell's notice while the database is away (hidden otherwise), with its poller."""
    return html.Div(
        [
            html.Div(
                [html.Strong("Database unavailable. "), html.Span(NOTICE_TEXT, id=DB_NOTICE_TEXT)],
                id=ids.DB_NOTICE,
                hidden=True,
                role="alert",
                className="alert alert-warning m-2",
            ),
            dcc.Interval(id=DB_NOTICE_POLL, interval=POLL_MS, disabled=True),
            dcc.Store(id=DB_NOTICE_BACK),
            dcc.Store(id=DB_NOTICE_RELOAD),
        ]
    )


def is_database_fault(exc: BaseException | None) -> bool:
    """Whether an error (or one it was raised from) says the database cannot be used."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(
            exc, db.DatabaseUnavailable | OperationalError | DisconnectionError | TimeoutError
        ):
            return True
        if isinstance(exc, DBAPIError) and exc.connection_invalidated:
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def on_callback_error(exc: Exception) -> None:
    """Dash's callback error hook: a database fault shows the notice (the callback's outputs
    stay as they are); any other error is raised as before (a plain 500)."""
    if not is_database_fault(exc):
        raise exc
    log.warning("database unavailable: %s", db.first_line(exc))
    set_props(ids.DB_NOTICE, {"hidden": False})
    set_props(DB_NOTICE_POLL, {"disabled": False})
    return None


def update_db_notice(_n: int | None, back: int | None) -> tuple[object, object, object]:
    """While the notice shows: ask the database; when it answers, hide the notice, stop
    asking and reload the page (clientside) so every chart is drawn."""
    try:
        db.ping()
    except Exception as exc:  # still away: keep the notice
        log.info("database still unavailable: %s", db.first_line(exc))
        return no_update, no_update, no_update
    return True, True, (back or 0) + 1


def _add_database_notice(app: dash.Dash) -> None:
    previous = getattr(app, "_on_error", None)

    def handler(exc: Exception) -> object:
        if previous is not None and not is_database_fault(exc):
            return previous(exc)
        return on_callback_error(exc)

    # Dash reads the app's error hook at each request (Dash(on_error=...) sets the same).
    app._on_error = handler
    app.callback(
        Output(ids.DB_NOTICE, "hidden"),
        Output(DB_NOTICE_POLL, "disabled"),
        Output(DB_NOTICE_BACK, "data"),
        Input(DB_NOTICE_POLL, "n_intervals"),
        State(DB_NOTICE_BACK, "data"),
        prevent_initial_call=True,
    )(update_db_notice)
    app.clientside_callback(
        ClientsideFunction(namespace="icc_db", function_name="reload"),
        Output(DB_NOTICE_RELOAD, "data"),
        Input(DB_NOTICE_BACK, "data"),
        prevent_initial_call=True,
    )


def _plain_error(exc: Exception) -> flask.Response | HTTPException:
    """An error as one plain line: the status for HTTP errors, never a stack trace."""
    if isinstance(exc, HTTPException):
        text = f"{exc.code} {exc.name}: {exc.description}" if exc.description else exc.name
        response = flask.Response(text, status=exc.code, mimetype="text/plain")
        return response
    log.exception("request %s failed", flask.request.path)
    return flask.Response(
        "500 Internal Server Error: the dashboard could not answer this request.",
        status=500,
        mimetype="text/plain",
    )


def _is_dependency(value: object) -> bool:
    return isinstance(value, dict) and "id" in value and isinstance(value.get("property"), str)


def _dependencies_problem(values: object, name: str, expected: int) -> str | None:
    if not isinstance(values, list):
        return f"{name} is not a list"
    if len(values) != expected:
        return f"{name} has {len(values)} entries, the callback takes {expected}"
    for value in values:
        items = value if isinstance(value, list) else [value]
        if not all(_is_dependency(item) for item in items):
            return f"{name} holds an entry without id and property"
    return None


def callback_body_problem(body: object, callback_map: dict) -> str | None:
    """What is wrong with a callback request body, or None when Dash can dispatch it."""
    if not isinstance(body, dict):
        return "the body is not a JSON object"
    output = body.get("output")
    if not isinstance(output, str) or output not in callback_map:
        return "no callback has that output"
    callback = callback_map[output]
    for name, key in (("inputs", "inputs"), ("state", "state")):
        problem = _dependencies_problem(body.get(name, []), name, len(callback.get(key, [])))
        if problem:
            return problem
    outputs = body.get("outputs", [])
    items = outputs if isinstance(outputs, list) else [outputs]
    for item in items:
        for dep in item if isinstance(item, list) else [item]:
            if not _is_dependency(dep):
                return "outputs holds an entry without id and property"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        return "changedPropIds is not a list of text"
    return None
