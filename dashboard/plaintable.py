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

NAMESPACE = "icc_components"  # window.icc_components, set by assets/01_plain_table.js


def cell_text(value: object) -> str:
    """A value as its cell shows it: empty when missing, runs of white space as one."""
    if value is None or (not isinstance(value, str | list) and bool(pd.isna(value))):
        return ""
    return " ".join(str(value).split())


class PlainTable(Component):
    """A table of text: `columns` (the header) and `rows` (lists of cell texts)."""

    _children_props: ClassVar[list[str]] = []
    _base_nodes: ClassVar[list[str]] = []
    _namespace = NAMESPACE
    _type = "PlainTable"

    def __init__(
        self,
        columns: Sequence[object] = (),
        rows: Iterable[Sequence[object]] = (),
        id: str | dict | None = None,
        className: str | None = None,
        **kwargs: object,
    ) -> None:
        self._prop_names = ["id", "className", "columns", "rows"]
        self._valid_wildcard_attributes: list[str] = []
        self.available_properties = list(self._prop_names)
        self.available_wildcard_properties: list[str] = []
        props = {
            "columns": [cell_text(c) for c in columns],
            "rows": [[cell_text(v) for v in row] for row in rows],
            "id": id,
            "className": className,
            **kwargs,
        }
        super().__init__(**{k: v for k, v in props.items() if v is not None})

    def cells(self) -> list[list[str]]:
        """The header row and every row, as the reader sees them."""
        return [list(self.columns), *(list(r) for r in self.rows)]


# The mark of an illustrative value drawn by the element holding it (the badge's look,
# `.illustrative-mark::after` in assets/app.css, its words from `data-mark`).
MARK_CLASS = "illustrative-mark"


class PlainList(Component):
    """An ordered list, one item per entry of `items`: `[title, marked, text, detail]`, the
    title in bold (with the "illustrative" mark `mark`, titled `markTitle`, when marked),
    `text` beside it and `detail` on a small line below."""

    _children_props: ClassVar[list[str]] = []
    _base_nodes: ClassVar[list[str]] = []
    _namespace = NAMESPACE
    _type = "PlainList"

    def __init__(
        self,
        items: Iterable[Sequence[object]] = (),
        mark: str | None = None,
        markTitle: str | None = None,
        id: str | dict | None = None,
        className: str | None = None,
        **kwargs: object,
    ) -> None:
        self._prop_names = ["id", "className", "items", "mark", "markTitle"]
        self._valid_wildcard_attributes: list[str] = []
        self.available_properties = list(self._prop_names)
        self.available_wildcard_properties: list[str] = []
        props = {
            "items": [
                [cell_text(title), bool(marked), cell_text(text), cell_text(detail)]
                for title, marked, text, detail in items
            ],
            "mark": mark,
            "markTitle": markTitle,
            "id": id,
            "className": className,
            **kwargs,
        }
        super().__init__(**{k: v for k, v in props.items() if v is not None})
