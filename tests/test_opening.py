"""The app's layout holds the page the browser opened (dashboard/opening.py)."""

from __future__ import annotations

import json

import dash
from dash._utils import to_json


def _layout(client, referrer: str | None) -> dict:
    headers = {"Referer": referrer} if referrer else {}
    answer = client.get("/_dash-layout", headers=headers)
    assert answer.status_code == 200
    return answer.get_json()


def _find(tree, wanted: str):
    """The props of the component with id `wanted` in a layout's JSON."""
    if isinstance(tree, list):
        for item in tree:
            found = _find(item, wanted)
            if found is not None:
                return found
    elif isinstance(tree, dict):
        props = tree.get("props", {})
        if props.get("id") == wanted:
            return props
        for value in props.values():
            found = _find(value, wanted)
            if found is not None:
                return found
    return None


def test_the_layout_holds_the_opened_page_as_the_router_would_lay_it_out(pages_app):
    client = pages_app.server.test_client()
    tree = _layout(client, "http://localhost/trends?lang=fr")
    location = _find(tree, "_pages_location")
    assert location["pathname"] == "/trends" and location["search"] == "?lang=fr"
    content = _find(tree, "_pages_content")["children"]
    page = next(p for p in dash.page_registry.values() if p["path"] == "/trends")
    expected = json.loads(to_json(page["layout"](lang="fr")))
    assert content == expected  # the same layout the router answers
    assert _find(tree, "_pages_store")["data"]["title"].startswith("Tendances")
    assert _find(tree, "shell-navbar-brand")["children"] == "Tableau de bord du réseau ICC"
    assert _find(tree, "present-query")["data"] == "?lang=fr"
    assert _find(tree, "present-root")["hidden"] is True


def test_a_presentation_address_opens_with_its_slide(pages_app):
    client = pages_app.server.test_client()
    tree = _layout(client, "http://localhost/?present=1&slide=3")
    root = _find(tree, "present-root")
    assert root["hidden"] is False and root["children"]
    assert _find(tree, "present-query")["data"] == "?present=1&slide=3"


def test_without_a_usable_referrer_the_router_lays_the_page_out(pages_app, monkeypatch):
    """No Referer, another site, a path that is no page, or a page whose layout fails: the
    container is Dash's own, empty, and the router answers as before."""
    client = pages_app.server.test_client()
    for referrer in (None, "http://elsewhere.example/trends", "http://localhost/nowhere"):
        tree = _layout(client, referrer)
        assert _find(tree, "_pages_content").get("children") is None, referrer
        assert "pathname" not in _find(tree, "_pages_location"), referrer
        assert _find(tree, "shell-navbar-brand")["children"] == "ICC Network Dashboard"
    page = next(p for p in dash.page_registry.values() if p["path"] == "/trends")

    def broken(**kwargs):
        raise RuntimeError("the database is away")

    monkeypatch.setitem(page, "layout", broken)
    tree = _layout(client, "http://localhost/trends")
    assert _find(tree, "_pages_content").get("children") is None


def test_a_repeated_layout_request_is_answered_with_the_same_bytes_without_the_page(
    pages_app, monkeypatch
):
    """The layout holding an opened page follows from its address and the data version:
    a second visit of the same address is served its first bytes; another address, a new
    data version or the router's fallback are laid out afresh."""
    from dashboard import data

    monkeypatch.setattr(data.dm(), "_check_every", 3600.0)  # the version stays trusted
    client = pages_app.server.test_client()
    headers = {"Referer": "http://localhost/trends?lang=fr"}
    first = client.get("/_dash-layout", headers=headers)
    assert first.status_code == 200 and b"Tendances" in first.get_data()
    page = next(p for p in dash.page_registry.values() if p["path"] == "/trends")
    laid_out = []

    def counted(**kwargs):
        laid_out.append(kwargs)
        raise RuntimeError("the database is away")

    monkeypatch.setitem(page, "layout", counted)
    again = client.get("/_dash-layout", headers=headers)
    assert again.status_code == 200 and again.get_data() == first.get_data()
    assert "Content-Security-Policy" in again.headers  # served like any other answer
    assert laid_out == []

    # Another address runs the page (which fails: the router's fallback, never kept).
    english = _layout(client, "http://localhost/trends")
    assert _find(english, "_pages_content").get("children") is None
    _layout(client, "http://localhost/trends")
    assert len(laid_out) == 2

    # An import happened: the kept bytes are not served for the new version.
    monkeypatch.setattr(data.dm(), "recent_version", lambda: -1)
    client.get("/_dash-layout", headers=headers)
    assert len(laid_out) == 3
