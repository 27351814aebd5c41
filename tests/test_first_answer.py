"""A page opens with its charts: the layout carries the page callback's first answer."""

from __future__ import annotations

import json

import dash
import pytest
from plotly.utils import PlotlyJSONEncoder

from dashboard import ids, views, wiring


def _layout_of(module):
    page = next(
        p
        for p in dash.page_registry.values()
        if p["module"].endswith(
            {"index": "index_page", "data": "data"}.get(module.PAGE, module.PAGE)
        )
    )
    return page["layout"]


def _json(value) -> str:
    """What the browser receives for a property value (components and figures as JSON)."""
    return json.dumps(value, cls=PlotlyJSONEncoder, sort_keys=True)


def _controls(module, tree) -> dict:
    found = wiring._by_id(tree)
    return {
        name: getattr(found[wiring._id_key(spec.component_id)], spec.component_property, None)
        for name, spec in wiring.inputs(module).items()
    }


@pytest.mark.parametrize("lang", [None, "fr"])
def test_every_page_opens_with_the_answer_its_callback_gives(pages_app, lang):
    """Each card's figure, source line, mark and caption are in the page's layout, and
    they are what the page callback answers (computed afresh) for the layout's controls."""
    for page, module in views.PAGES.items():
        wiring.clear_memos()
        tree = _layout_of(module)(**({"lang": lang} if lang else {}))
        found = wiring._by_id(tree)
        values = _controls(module, tree)
        assert values["lang"] == lang, page
        wiring.clear_memos()
        expected = wiring.render(module, values)
        for card in module.CARDS:
            graph = found[wiring._id_key(ids.chart_part(ids.CHART, card.id))]
            assert graph.figure is not None, (page, card.id)
            assert _json(graph.figure) == _json(expected[card.id]["figure"]), (page, card.id)
            source = found[wiring._id_key(ids.chart_part(ids.CHART_SOURCE, card.id))]
            assert _json(source.children) == _json(expected[card.id]["source"]), card.id
            caption = found[wiring._id_key(ids.chart_part(ids.CHART_CAPTION, card.id))]
            assert _json(caption.children) == _json(expected[card.id]["caption"]), card.id
        for name, (cid, prop) in module.OUTPUTS.items():
            if not isinstance(expected[name], dash._callback.NoUpdate):
                assert _json(getattr(found[wiring._id_key(cid)], prop)) == _json(expected[name]), (
                    name
                )


def test_a_page_in_french_opens_with_french_captions(pages_app):
    """The first answer is in the page's language (the trends page's first caption)."""
    from dashboard.views import trends

    card = trends.CARDS[0]
    captions = {}
    for lang in ("en", "fr"):
        tree = _layout_of(trends)(lang=lang)
        found = wiring._by_id(tree)
        captions[lang] = found[wiring._id_key(ids.chart_part(ids.CHART_CAPTION, card.id))].children
    assert captions["en"] and captions["fr"] and captions["en"] != captions["fr"]


def test_page_callbacks_run_only_when_a_control_changes(pages_app):
    """The page callbacks do not run when a page opens (its layout already holds their
    answer): one round trip less, and each chart drawn once instead of empty then full."""
    chart_outputs = {
        f'"chart":"{card.id}"' for module in views.PAGES.values() for card in module.CARDS
    }
    dependencies = pages_app.server.test_client().get("/_dash-dependencies").get_json()
    page_callbacks = [
        c
        for c in dependencies
        if any(k.replace(" ", "") in c["output"].replace(" ", "") for k in chart_outputs)
        and "role" in c["output"]
        and ".figure" in c["output"]
    ]
    # one per page that has cards (its outputs include every card's figure)
    assert len(page_callbacks) >= sum(1 for m in views.PAGES.values() if m.CARDS)
    assert all(c["prevent_initial_call"] for c in page_callbacks)


def test_a_layout_without_a_control_of_its_callback_is_refused(pages_app):
    """A page whose layout lost one of its callback's controls fails loudly in tests
    (its callback, never run at load, would otherwise leave the charts empty)."""
    from dash import html

    from dashboard.views import trends

    with pytest.raises(LookupError, match="control"):
        wiring.prefilled(trends, html.Div(id="nothing-here"))


def test_no_id_is_used_twice_on_a_page(pages_app):
    """Every component id is on a page once, answer included (the events table once had
    its container's id: a later answer could land in the table instead of its box)."""
    for page, module in views.PAGES.items():
        seen: dict[str, int] = {}
        for node in wiring.components_of(_layout_of(module)()):
            if getattr(node, "id", None) is not None:
                key = wiring._id_key(node.id)
                seen[key] = seen.get(key, 0) + 1
        assert [k for k, n in seen.items() if n > 1] == [], page
