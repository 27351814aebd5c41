"""Problems and warnings found in input files, and how they are printed."""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_PRINTED = 50
# Characters a terminal would act on (escape sequences, carriage returns, bells...).
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: object) -> str:
    """Text safe to print on a terminal: control characters shown as escapes (\\x1b)."""
    return _UNPRINTABLE.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), str(text))


@dataclass(frozen=True, order=True)
class Problem:
    """One problem with an input: `FILE:LINE: COLUMN: message` (LINE as a spreadsheet shows it).

    `line` is 0 for a problem of the whole file (unreadable, empty, wrong form); `column`
    is "" when no single column is at fault.
    """

    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:" if self.line else f"{self.file}:"
        if self.column:
            return f"{where} {self.column}: {self.message}"
        return f"{where} {self.message}"


def format_problems(problems: list[Problem], limit: int = MAX_PRINTED) -> list[str]:
    """The lines to print: the first `limit` problems, then `... and N more`."""
    ordered = sorted(problems, key=lambda p: (p.file, p.line))
    lines = [printable(p) for p in ordered[:limit]]
    if len(ordered) > limit:
        lines.append(f"... and {len(ordered) - limit} more")
    return lines
