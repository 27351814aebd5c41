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
    """A table of text: `columns` (the header) and `rows` (lists of cell texts).

    Optional: `marked` (rows of True/False, the same shape) puts the "illustrative" mark
    (`mark`, titled `markTitle`) after a value; `notes` (rows of texts, "" for none) adds a
    small line under a cell; `stacked` names each cell's column (`data-label`) for a table
    that stacks on a phone (assets/compare.css); `tableClassName` is the table's own class
    (`className` is its wrapper's)."""

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
        *,
        marked: Iterable[Sequence[bool]] | None = None,
        notes: Iterable[Sequence[str]] | None = None,
        stacked: bool | None = None,
        tableClassName: str | None = None,
        mark: str | None = None,
        markTitle: str | None = None,
        **kwargs: object,
    ) -> None:
        self._prop_names = [
            "id", "className", "tableClassName", "columns", "rows", "marked", "notes",
            "stacked", "mark", "markTitle",
        ]  # fmt: skip
        self._valid_wildcard_attributes: list[str] = []
        self.available_properties = list(self._prop_names)
        self.available_wildcard_properties: list[str] = []
        props = {
            "columns": [cell_text(c) for c in columns],
            "rows": [[cell_text(v) for v in row] for row in rows],
            "marked": None if marked is None else [[bool(m) for m in row] for row in marked],
            "notes": None if notes is None else [[cell_text(n) for n in row] for row in notes],
            "stacked": stacked,
            "tableClassName": tableClassName,
            "mark": mark,
            "markTitle": markTitle,
            "id": id,
            "className": className,
            **kwargs,
        }
        super().__init__(**{k: v for k, v in props.items() if v is not None})

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
