"""Plain tables and lists as one Dash component each: text only, drawn by React.

`PlainTable(columns=[...], rows=[[...], ...])` and `PlainList(items=[...])` are drawn by
`assets/01_plain_table.js`
(React: every value is a text node, so nothing in the data is ever read as HTML or
Markdown). One component for the whole table: Dash's renderer spends about half a
millisecond on each component it lays out, so a table of `html.Td` cells (1,577
components for 200 rows) kept /networks drawing for seconds at 100x; `dcc.Markdown`,
used before, fetched and ran a Markdown parser (async-markdown.js: about 40 ms of the
page's first drawing on /networks) and needed every punctuation character escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

import pandas as pd
from dash.development.base_component import Component

from dashboard.figures.common import ILLUSTRATIVE_TEXT
from dashboard.i18n import _

NAMESPACE = "icc_components"  # window.icc_components, set by assets/01_plain_table.js


def cell_text(value: object) -> str:
    """A value as its cell shows it: empty when missing, runs of white space as one."""
    if value is None or (not isinstance(value, str | list) and bool(pd.isna(value))):
        return ""
    return " ".join(str(value).split())


class _Plain(Component):
    """What both components share: their namespace, no child components, and the words of
    the "illustrative" mark (`mark`, titled `markTitle`: the badge's, in the request's
    language) wherever a value is marked."""

    _children_props: ClassVar[list[str]] = []
    _base_nodes: ClassVar[list[str]] = []
    _namespace = NAMESPACE

    def _set(self, props: dict[str, object], marks: bool) -> None:
        if marks:
            props = {"mark": _("illustrative"), "markTitle": _(ILLUSTRATIVE_TEXT), **props}
        names = [*props, "mark", "markTitle"]
        self._prop_names = list(dict.fromkeys(names))
        self._valid_wildcard_attributes: list[str] = []
        self.available_properties = list(self._prop_names)
        self.available_wildcard_properties: list[str] = []
        super().__init__(**{k: v for k, v in props.items() if v is not None})


class PlainTable(_Plain):
    """A table of text: `columns` (the header) and `rows` (lists of cell texts).

    Optional: `marked` (rows of True/False, the same shape) puts the "illustrative" mark
    after a value; `notes` (rows of texts, "" for none) adds a small line under a cell;
    `stacked` names each cell's column (`data-label`) for a table that stacks on a phone
    (assets/compare.css); `tableClassName` is the table's own class (`className` is its
    wrapper's)."""

    _type = "PlainTable"

    def __init__(
        self,
        columns: Sequence[object] = (),
        rows: Iterable[Sequence[object]] = (),
        id: str | dict | None = None,
        className: str | None = None,
        *,
        marked: Iterable[Sequence[bool]] | None = None,
        notes: Iterable[Sequence[str]] | None = None,
        stacked: bool | None = None,
        tableClassName: str | None = None,
    ) -> None:
        self._set(
            {
                "id": id,
                "className": className,
                "tableClassName": tableClassName,
                "columns": [cell_text(c) for c in columns],
                "rows": [[cell_text(v) for v in row] for row in rows],
                "marked": None if marked is None else [[bool(m) for m in r] for r in marked],
                "notes": None if notes is None else [[cell_text(n) for n in r] for r in notes],
                "stacked": stacked,
            },
            marks=marked is not None,
        )

    def cells(self) -> list[list[str]]:
        """The header row and every row, as the reader sees them."""
        return [list(self.columns), *(list(r) for r in self.rows)]

    def cell(self, row: int, column: int) -> tuple[str, bool, str]:
        """(text, marked, note) of a body cell: what it shows."""
        marked = getattr(self, "marked", None)
        notes = getattr(self, "notes", None)
        return (
            self.rows[row][column],
            bool(marked[row][column]) if marked else False,
            notes[row][column] if notes else "",
        )


class PlainList(_Plain):
    """An ordered list, one item per entry of `items`: `[title, marked, text, detail]`, the
    title in bold (with the "illustrative" mark after it when marked), `text` beside it and
    `detail` on a small line below."""

    _type = "PlainList"

    def __init__(
        self,
        items: Iterable[Sequence[object]] = (),
        id: str | dict | None = None,
        className: str | None = None,
    ) -> None:
        self._set(
            {
                "id": id,
                "className": className,
                "items": [
                    [cell_text(title), bool(marked), cell_text(text), cell_text(detail)]
                    for title, marked, text, detail in items
                ],
            },
            marks=True,
        )


# The elements and attributes a PlainTree may draw (assets/01_plain_table.js draws nothing
# else): static text blocks, no links, forms or scripts.
TREE_TAGS = frozenset({"div", "span", "p", "strong", "em", "small", "br"})
TREE_ATTRIBUTES = frozenset({"className", "id", "title", "role", "style"})


def _tree(node: object) -> object:
    if isinstance(node, str):
        return node
    if not isinstance(node, list | tuple) or len(node) < 2 or not isinstance(node[1], dict):
        raise ValueError(f"a PlainTree node is text or [tag, attributes, *children]: {node!r}")
    tag, attributes, *children = node
    if tag not in TREE_TAGS:
        raise ValueError(f"a PlainTree draws {sorted(TREE_TAGS)}, not {tag!r}")
    unknown = set(attributes) - TREE_ATTRIBUTES
    if unknown:
        raise ValueError(f"a PlainTree element takes {sorted(TREE_ATTRIBUTES)}, not {unknown}")
    if not isinstance(attributes.get("style") or {}, dict):
        raise ValueError(f"a PlainTree element's style is a dict: {attributes['style']!r}")
    kept = {k: v for k, v in attributes.items() if v is not None}
    return [tag, kept, *(_tree(c) for c in children if c is not None and c != "")]


class PlainTree(_Plain):
    """A block of static elements as one component: `tree` is `[tag, attributes,
    *children]`, each child text or another such list (TREE_TAGS, TREE_ATTRIBUTES). For
    blocks that no callback reads or writes piece by piece, such as a KPI card: as Dash
    components a card was eight, each laid out by the renderer (about half a millisecond
    each). Text is text: nothing is read as HTML."""

    _type = "PlainTree"

    def __init__(self, tree: Sequence[object] = ("div", {}), id: str | dict | None = None):
        self._set({"id": id, "tree": _tree(list(tree))}, marks=False)

    def text(self) -> str:
        """Every text of the tree, in order, joined by spaces (what a reader reads)."""

        def walk(node: object) -> list[str]:
            if isinstance(node, str):
                return [node]
            return [t for child in node[2:] for t in walk(child)]

        return " ".join(walk(self.tree))

    def find(self, class_name: str) -> list:
        """The elements of the tree carrying `class_name`, in order."""
        found = []

        def walk(node: object) -> None:
            if isinstance(node, str):
                return
            if class_name in str(node[1].get("className", "")).split():
                found.append(node)
            for child in node[2:]:
                walk(child)

        walk(self.tree)
        return found
