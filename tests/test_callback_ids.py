"""Every callback's component ids exist in the pages' layouts.

In production the app does not let Dash check this (`suppress_callback_exceptions`, so
the first answer does not wait while every page's layout reads the data); this test is
that check, done once: a renamed id in a page and not in its callback fails here instead
of leaving a control that silently does nothing.
"""

from __future__ import annotations

import json

import dash
import plotly.utils
import pytest

WILDCARDS = (["ALL"], ["MATCH"], ["ALLSMALLER"])


def _ids(node: object, found: list) -> None:
    if isinstance(node, dict):
        is_component = "props" in node and "type" in node and "namespace" in node
        if is_component and (cid := node["props"].get("id")) is not None:
            found.append(cid)
        for value in node.values():
            _ids(value, found)
    elif isinstance(node, list):
        for value in node:
            _ids(value, found)


def _parse(raw: str) -> str | dict:
    return json.loads(raw) if raw.startswith("{") else raw


def _outputs(key: str) -> list[str | dict]:
    parts = key[2:-2].split("...") if key.startswith("..") else [key]
    return [_parse(part.rsplit(".", 1)[0]) for part in parts]


def _matches(wanted: str | dict, present: str | dict) -> bool:
    if isinstance(wanted, str) or isinstance(present, str):
        return wanted == present
    if set(wanted) != set(present):
        return False
    return all(v in WILDCARDS or present[k] == v for k, v in wanted.items())


@pytest.fixture(scope="module")
def layout_ids(pages_app) -> list:
    client = pages_app.server.test_client()
    assert client.get("/").status_code == 200  # Dash moves the pages' callbacks in here
    found: list = []
    with pages_app.server.test_request_context("/"):
        layouts = [pages_app.layout()] + [
            page["layout"]() if callable(page["layout"]) else page["layout"]
            for page in dash.page_registry.values()
        ]
    _ids(json.loads(json.dumps(layouts, cls=plotly.utils.PlotlyJSONEncoder)), found)
    return found


def test_production_does_not_build_every_page_on_the_first_request(pages_app):
    assert pages_app.config.suppress_callback_exceptions is True
    assert pages_app.validation_layout is None


def test_every_callback_id_is_in_a_page_layout(pages_app, layout_ids):
    missing = []
    for key, spec in pages_app.callback_map.items():
        wanted = _outputs(key) + [_parse(d["id"]) for d in spec["inputs"] + spec["state"]]
        missing += [(w, key[:80]) for w in wanted if not any(_matches(w, p) for p in layout_ids)]
    assert not missing, missing
    assert len(pages_app.callback_map) > 20


def test_the_check_catches_a_renamed_id(layout_ids):
    present = next(i for i in layout_ids if isinstance(i, dict))
    assert any(_matches(present, p) for p in layout_ids)
    renamed = {**present, next(iter(present)): "renamed"}
    assert not any(_matches(renamed, p) for p in layout_ids)
    assert not any(_matches("no-such-id", p) for p in layout_ids)
