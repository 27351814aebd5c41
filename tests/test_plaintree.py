"""PlainTree: a block of static elements as one component, text only."""

from __future__ import annotations

import json

import plotly
import pytest

from dashboard.plaintable import PlainTree


def test_a_tree_keeps_its_elements_text_and_attributes_and_drops_empty_children():
    tree = PlainTree(
        [
            "div",
            {"className": "card", "id": "k"},
            ["span", {"title": "t", "style": None}, "a"],
            None,
            "",
        ],
        id="box",
    )
    assert tree.tree == ["div", {"className": "card", "id": "k"}, ["span", {"title": "t"}, "a"]]
    assert tree.text() == "a"
    assert tree.find("card") == [tree.tree]
    # What the browser receives: the component, its namespace and the tree as JSON.
    sent = json.loads(json.dumps(tree, cls=plotly.utils.PlotlyJSONEncoder))
    assert sent["namespace"] == "icc_components" and sent["type"] == "PlainTree"
    assert sent["props"] == {"id": "box", "tree": tree.tree}


@pytest.mark.parametrize(
    "node",
    [
        ["script", {}, "alert(1)"],
        ["a", {"href": "https://example.org"}, "away"],
        ["div", {"onClick": "x"}],
        ["div", {"dangerouslySetInnerHTML": {"__html": "<b>x</b>"}}],
        ["div", {}, ["img", {}]],
        ["div", {"style": "color: red"}],
        ["div", {}, 12],
        ["div"],
        "just text",
    ],
)
def test_a_tree_refuses_what_it_does_not_draw(node):
    with pytest.raises(ValueError, match="PlainTree"):
        PlainTree(node)


def test_markup_in_a_tree_stays_text():
    tree = PlainTree(["p", {}, "<b>bold</b> & <script>x</script>"])
    assert tree.tree[2] == "<b>bold</b> & <script>x</script>"  # drawn as a React text node
