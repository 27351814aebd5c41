"""Callback answers kept per data version (dashboard.wiring.AnswerMemo): the same controls
give the same answer as a fresh computation, and an import (a new data version) empties it."""

from __future__ import annotations

import json

import pytest
from plotly.utils import PlotlyJSONEncoder

from dashboard import wiring


def test_memo_computes_once_per_key_and_version_and_keeps_a_bounded_number():
    memo = wiring.AnswerMemo(size=2)
    calls: list[str] = []

    def compute(name):
        def run():
            calls.append(name)
            return {"answer": name}

        return run

    first = memo.get("a", 1, compute("a"))
    assert memo.get("a", 1, compute("a")) is first and calls == ["a"]
    memo.get("b", 1, compute("b"))
    memo.get("c", 1, compute("c"))  # "a" was the least recently used: dropped
    assert len(memo) == 2
    memo.get("a", 1, compute("a"))
    assert calls == ["a", "b", "c", "a"]
    memo.get("a", 2, compute("a"))  # a new data version: computed again
    assert calls == ["a", "b", "c", "a", "a"] and len(memo) == 1


def test_a_failing_computation_is_not_kept():
    memo = wiring.AnswerMemo()

    def broken():
        raise RuntimeError("database down")

    with pytest.raises(RuntimeError):
        memo.get("a", 1, broken)
    assert memo.get("a", 1, lambda: "drawn") == "drawn"


def test_keys_freeze_lists_and_mappings_and_refuse_what_cannot_be_a_key():
    assert wiring.memo_key("map", "en", {"country": ["PT", "ES"]}) == wiring.memo_key(
        "map", "en", {"country": ["PT", "ES"]}
    )
    assert wiring.memo_key("map", "en", {"year": 2017}) != wiring.memo_key(
        "map", "fr", {"year": 2017}
    )
    assert (
        wiring.memo_key("map", object.__new__(type("Unhashable", (), {"__hash__": None}))) is None
    )


def _json(answer) -> str:
    return json.dumps(answer, cls=PlotlyJSONEncoder, sort_keys=True)


@pytest.mark.parametrize("page", ["networks", "index", "map"])
def test_page_answer_from_the_memo_is_the_fresh_answer_and_a_new_version_recomputes(
    pages_app, monkeypatch, page
):
    from dashboard import data, views
    from data_loaders import db

    view = views.PAGES[page]
    values = {"lang": "fr", "year": None}
    fresh = wiring._render(view, values)
    kept = wiring.render(view, values)
    assert _json(kept) == _json(fresh)
    assert wiring.render(view, values) is kept  # the second call answers from the memo

    with db.session_scope(data.dm().url) as session:
        db.bump_data_version(session)
    data.dm().reload()
    again = wiring.render(view, values)
    assert again is not kept  # computed again for the new data version
    assert _json(again) == _json(fresh)  # same data, same answer


def test_index_results_are_prepared_once_for_every_view_that_needs_them(sample_frames, monkeypatch):
    from dashboard import peers, views
    from dashboard.views import common, compare, index

    calls = []
    prepare = peers.prepare_results

    def counted(rows):
        calls.append(len(rows))
        return prepare(rows)

    monkeypatch.setattr(peers, "prepare_results", counted)
    frames = views.Frames(sample_frames)
    shown = frames.prepared(index)["results"]
    frames.prepared(compare)
    assert len(calls) == 1  # compare and Index share one preparation
    assert common.index_results_with_status(frames) is frames.prepared(compare)["results"]
    assert shown.drop(columns="name_key").equals(prepare(sample_frames["index"]))


def _callback_body(app, needle: str, values: dict) -> str:
    """A browser's request for the callback whose outputs include `needle`."""
    key = next(k for k in app.callback_map if needle in k)
    spec = app.callback_map[key]
    parts = key[2:-2].split("...") if key.startswith("..") else [key]
    outputs = []
    for part in parts:
        cid, prop = part.rsplit(".", 1)
        outputs.append({"id": json.loads(cid) if cid.startswith("{") else cid, "property": prop})
    inputs = []
    for item in spec["inputs"]:
        cid = json.loads(item["id"]) if item["id"].startswith("{") else item["id"]
        name = cid["key"] if isinstance(cid, dict) else cid
        inputs.append({"id": cid, "property": item["property"], "value": values.get(name)})
    return json.dumps(
        {"output": key, "outputs": outputs, "inputs": inputs, "changedPropIds": [], "state": []}
    )


@pytest.fixture
def version_trusted(monkeypatch):
    """The data version stays trusted for the whole test (ICC_DATA_CHECK_SECONDS is 2 s: a
    repeat request more than 2 s after the version was last checked, say after a slow test
    before this one, rightly runs the view, having no recent version to serve bytes for)."""
    from dashboard import data

    monkeypatch.setattr(data.dm(), "_check_every", 3600.0)
    data.dm().version()


def test_a_repeated_page_request_is_answered_with_the_same_bytes_without_the_view(
    pages_app, monkeypatch, version_trusted
):
    from dashboard import views

    client = pages_app.server.test_client()
    client.get("/")
    body = _callback_body(pages_app, "networks-count", {"year": 2017, "lang": "en"})
    post = {"data": body, "content_type": "application/json"}
    first = client.post("/_dash-update-component", **post)
    assert first.status_code == 200 and b"networks-count" in first.get_data()

    def no_view(*args, **kwargs):
        raise AssertionError("the view ran again")

    monkeypatch.setattr(views, "run", no_view)
    wiring._memo.clear()  # only the bytes are left
    again = client.post("/_dash-update-component", **post)
    assert again.status_code == 200
    assert again.get_data() == first.get_data()
    assert "Content-Security-Policy" in again.headers  # served like any other answer

    other = _callback_body(pages_app, "networks-count", {"year": 2016, "lang": "en"})
    ran = client.post("/_dash-update-component", data=other, content_type="application/json")
    assert ran.status_code == 500  # other controls: the view ran (and failed, patched)


def test_kept_bytes_are_not_served_for_another_data_version(pages_app, monkeypatch):
    from dashboard import data, views

    client = pages_app.server.test_client()
    client.get("/")
    body = _callback_body(pages_app, "networks-count", {"year": 2017, "lang": "fr"})
    post = {"data": body, "content_type": "application/json"}
    assert client.post("/_dash-update-component", **post).status_code == 200

    def no_view(*args, **kwargs):
        raise AssertionError("the view ran again")

    monkeypatch.setattr(views, "run", no_view)
    monkeypatch.setattr(data.dm(), "version", lambda: -1)  # an import happened
    monkeypatch.setattr(data.dm(), "recent_version", lambda: -1)
    assert client.post("/_dash-update-component", **post).status_code == 500  # the view ran


def test_the_page_router_answer_is_kept_as_bytes_too(pages_app, monkeypatch, version_trusted):
    """Dash's router answers a page's layout: a function of the address and the data."""
    import dash as dash_module

    client = pages_app.server.test_client()
    client.get("/")
    key = next(k for k in pages_app.callback_map if "_pages_content.children" in k)
    spec = pages_app.callback_map[key]
    values = {"pathname": "/trends", "search": "?lang=fr"}
    inputs = [
        {"id": i["id"], "property": i["property"], "value": values.get(i["property"])}
        for i in spec["inputs"]
    ]
    body = json.dumps(
        {
            "output": key,
            "outputs": [
                {"id": "_pages_content", "property": "children"},
                {"id": "_pages_store", "property": "data"},
            ],
            "inputs": inputs,
            "changedPropIds": [],
            "state": [],
        }
    )
    post = {"data": body, "content_type": "application/json"}
    first = client.post("/_dash-update-component", **post)
    assert first.status_code == 200 and b"Tendances" in first.get_data()
    page = next(p for p in dash_module.page_registry.values() if p["path"] == "/trends")

    def no_layout(**kwargs):
        raise AssertionError("the layout ran again")

    monkeypatch.setitem(page, "layout", no_layout)
    again = client.post("/_dash-update-component", **post)
    assert again.status_code == 200 and again.get_data() == first.get_data()
