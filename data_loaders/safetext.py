"""Text from data made safe for where it goes: spreadsheets, Plotly, the terminal.

Pure functions, no Dash import. Every writer of a file cell (dataset exports, chart CSV/XLSX,
the deck's chart workbooks and notes) calls `safe_cell`; every figure that shows a name from
data calls `escape_plotly` (and `short_label` for what is drawn on the chart); the command
line prints names through `escape_terminal`.
"""

from __future__ import annotations

import re
import unicodedata

# A cell starting with one of these is run as a formula by Excel, LibreOffice or Sheets
# (tab and carriage return too: some programs strip them and read what follows).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
# Line breaks of every kind (a break inside a CSV header line would start a new row).
_LINE_BREAKS = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
# Control characters no spreadsheet cell may hold (openpyxl refuses them; NUL cuts text).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# Bidirectional overrides can make a terminal line read differently from what it holds.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
ELLIPSIS = "…"
LABEL_CHARS = 60


def fold_lines(text: str) -> str:
    """The text on one line: each line break becomes one space."""
    return _LINE_BREAKS.sub(" ", text)


def safe_cell(value: object) -> object:
    """A value fit for a spreadsheet cell: text on one line, no control character, and a
    leading `'` where a spreadsheet would run it as a formula; numbers and "-5" unchanged."""
    if not isinstance(value, str):
        return value
    text = _CONTROL.sub("\ufffd", value)
    starts_formula = text.startswith(FORMULA_STARTS)
    text = fold_lines(text)
    # Some programs trim leading blanks (and the breaks now folded into them) before reading.
    starts_formula = starts_formula or text.lstrip(" \t").startswith(FORMULA_STARTS)
    if starts_formula and not _NUMBER.fullmatch(text.strip()):
        return "'" + text
    return text


def escape_plotly(text: object) -> str:
    """Text for a Plotly trace name, label, tick or hover: `&`, `<`, `>` as entities, so no
    name from data can become a link or a tag (Plotly renders a subset of HTML)."""
    if text is None:
        return ""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def short_label(text: object, limit: int = LABEL_CHARS) -> str:
    """A label drawn on a chart, at most `limit` characters (an ellipsis marks the cut);
    escaped for Plotly. Put the full `escape_plotly(text)` in the hover."""
    raw = "" if text is None else str(text)
    if len(raw) > limit:
        raw = raw[: limit - 1].rstrip() + ELLIPSIS
    return escape_plotly(raw)


def escape_terminal(text: object) -> str:
    """Text for a terminal line: control characters (escape codes, line breaks) and
    bidirectional overrides shown as `\\x1b`-style escapes instead of acting."""
    out = []
    for char in "" if text is None else str(text):
        if char != "\t" and (unicodedata.category(char) == "Cc" or _BIDI.match(char)):
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)
