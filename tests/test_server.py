"""The web server's protections (dashboard/server.py): headers, limits, plain errors, 400s."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import pytest

from dashboard import cards, ids, server


@pytest.fixture(scope="module")
def dash_app(pages_app):
    """The dashboard's app on a fresh sample database (built by its factory)."""
    return pages_app


@pytest.fixture
def client(dash_app):
    return dash_app.server.test_client()


def csp_of(response) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    out = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def test_every_page_carries_the_security_headers(client):
    for path in ("/", "/map", "/_dash-layout", "/assets/app.css", "/no-such-page"):
        response = client.get(path)
        assert response.headers["X-Content-Type-Options"] == "nosniff", path
        assert response.headers["X-Frame-Options"] == "DENY", path
        assert response.headers["Referrer-Policy"] == "same-origin", path
        csp = csp_of(response)
        assert csp["default-src"] == ["'self'"], path
        assert csp["frame-ancestors"] == ["'none'"], path
        assert csp["object-src"] == ["'none'"], path


def test_csp_allows_the_pages_own_inline_scripts_and_no_other(client):
    response = client.get("/")
    # Scripts inside HTML comments (Dash's old-browser notice) never run.
    html = re.sub(r"<!--.*?-->", "", response.get_data(as_text=True), flags=re.S)
    csp = csp_of(response)
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    # Every inline script that runs (not JSON data) is allowed by its hash.
    scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", html, flags=re.S)
    runnable = [body for attrs, body in scripts if "application/json" not in attrs]
    assert runnable, "the index page has inline scripts"
    for body in runnable:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp["script-src"], body[:60]
    # Every script file comes from the app's own host.
    for src in re.findall(r'<script[^>]*\bsrc="([^"]+)"', html):
        assert src.startswith("/"), src


def test_plain_http_is_served_without_a_redirect_by_default(client):
    response = client.get("/", base_url="http://127.0.0.1:8050")
    assert response.status_code == 200
    assert "Strict-Transport-Security" not in response.headers


def test_no_chart_toolbar_button_sends_the_chart_anywhere():
    config = cards.graph_config("icc-test")
    assert config["showSendToCloud"] is False
    assert config["showEditInChartStudio"] is False
    assert config["plotlyServerURL"] == ""
    assert config["displaylogo"] is False


def callback_body(dash_app) -> dict:
    """A well-formed request for one of the app's callbacks (the navbar toggler)."""
    output = next(k for k in dash_app.callback_map if k.endswith(".is_open"))
    spec = dash_app.callback_map[output]
    component, prop = output.rsplit(".", 1)

    def dep(d):
        return {"id": d["id"], "property": d["property"], "value": None}

    return {
        "output": output,
        "outputs": {"id": component, "property": prop},
        "inputs": [dep(d) for d in spec["inputs"]],
        "state": [dep(d) for d in spec["state"]],
        "changedPropIds": [],
    }


def post_callback(client, data: str | bytes):
    return client.post(
        "/_dash-update-component", data=data, headers={"Content-Type": "application/json"}
    )


def test_a_well_formed_callback_request_is_answered(client, dash_app):
    client.get("/")  # the first request moves the callbacks into the app
    response = post_callback(client, json.dumps(callback_body(dash_app)))
    assert response.status_code in (200, 204)


@pytest.mark.parametrize(
    "change",
    [
        "not json",
        "[]",
        "{}",
        "null",
        {"output": "no-such.children"},
        {"inputs": "x"},
        {"inputs": []},
        {"inputs": [{"id": "x"}]},
        {"state": [1, 2]},
        {"outputs": [5]},
        {"changedPropIds": {"a": 1}},
    ],
)
def test_a_malformed_callback_request_answers_400_without_a_trace(client, dash_app, change):
    client.get("/")
    if isinstance(change, str):
        data = change
    else:
        body = callback_body(dash_app)
        body.update(change)
        data = json.dumps(body)
    response = post_callback(client, data)
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "Traceback" not in text
    assert 'File "' not in text


def test_a_request_over_the_size_limit_is_refused(client):
    big = b"{" + b" " * (1024 * 1024 + 10) + b"}"
    response = post_callback(client, big)
    assert response.status_code == 413


def test_an_unexpected_error_answers_500_in_one_plain_line(client, dash_app, monkeypatch):
    adapter = dash_app.server.url_map.bind("localhost")
    endpoint, _ = adapter.match("/_dash-layout")

    def broken():
        raise RuntimeError("secret detail /etc/passwd")

    monkeypatch.setitem(dash_app.server.view_functions, endpoint, broken)
    response = client.get("/_dash-layout")
    assert response.status_code == 500
    text = response.get_data(as_text=True)
    assert "secret detail" not in text
    assert "Traceback" not in text
    assert len(text.splitlines()) == 1


def test_debug_tools_and_the_werkzeug_console_are_off(client, dash_app):
    assert dash_app.server.debug is False
    for path in ("/console", "/?__debugger__=yes&cmd=resource&f=debugger.js"):
        response = client.get(path)
        assert "Werkzeug" not in response.get_data(as_text=True), path
        assert response.mimetype == "text/html", path  # the dashboard, not the debugger
    # Dash's dev tools (hot reload) are off.
    assert client.get("/_reload-hash").get_json()["reloadHash"] is None


def test_callback_body_problem_accepts_a_dispatchable_body(dash_app):
    assert server.callback_body_problem(callback_body(dash_app), dash_app.callback_map) is None


def test_gunicorn_config_bounds_request_size_and_time():
    from pathlib import Path

    from gunicorn.config import Config

    conf_file = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"
    namespace: dict = {}
    exec(compile(conf_file.read_text(), str(conf_file), "exec"), namespace)
    cfg = Config()
    for key, value in namespace.items():
        if key in cfg.settings:
            cfg.set(key, value)
    assert 0 < cfg.limit_request_line <= 8190
    assert 0 < cfg.limit_request_fields <= 100
    assert 0 < cfg.limit_request_field_size <= 8190
    assert 0 < cfg.timeout <= 120
    assert 0 < cfg.graceful_timeout <= cfg.timeout


def test_database_faults_are_told_apart_from_other_errors():
    from sqlalchemy.exc import OperationalError

    from data_loaders import db

    refused = OperationalError("SELECT 1", {}, Exception("connection refused"))
    assert server.is_database_fault(refused)
    assert server.is_database_fault(db.DatabaseUnavailable("cannot use database x"))
    try:
        try:
            raise refused
        except OperationalError as exc:
            raise KeyError("frame") from exc
    except KeyError as wrapped:
        assert server.is_database_fault(wrapped)
    assert not server.is_database_fault(ValueError("bad value"))


def test_a_callback_error_that_is_not_the_database_is_raised_as_before():
    with pytest.raises(ValueError):
        server.on_callback_error(ValueError("a bug"))


def test_the_notice_stays_while_the_database_is_away_and_goes_when_it_answers(monkeypatch):
    from dash import no_update

    from data_loaders import db

    def away():
        raise db.DatabaseUnavailable("cannot use database x")

    monkeypatch.setattr(db, "ping", away)
    assert server.update_db_notice(3, None) == (no_update, no_update, no_update)
    monkeypatch.setattr(db, "ping", lambda: None)
    hidden, poll_disabled, back = server.update_db_notice(4, None)
    assert hidden is True and poll_disabled is True and back == 1


def test_the_shell_carries_the_database_notice(dash_app):
    layout = dash_app.layout() if callable(dash_app.layout) else dash_app.layout
    assert ids.DB_NOTICE in str(layout)


def test_allowed_frame_ancestors_come_from_the_setting(dash_app, monkeypatch):
    monkeypatch.setenv("ICC_FRAME_ANCESTORS", "https://www.coe.int https://rm.coe.int")
    policy = server.content_security_policy(dash_app)
    assert policy["frame-ancestors"] == ["https://www.coe.int", "https://rm.coe.int"]
    monkeypatch.delenv("ICC_FRAME_ANCESTORS")
    assert server.content_security_policy(dash_app)["frame-ancestors"] == "'none'"


def test_the_document_says_its_language_from_the_address(client):
    assert '<html lang="en">' in client.get("/map").get_data(as_text=True)
    assert '<html lang="fr">' in client.get("/map?lang=fr").get_data(as_text=True)
    assert '<html lang="en">' in client.get("/?lang=xx%22").get_data(as_text=True)
