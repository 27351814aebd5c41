"""The one rule for the "illustrative" mark: decided from the values actually shown.

A value is shown as published when its own status is published, or derived from published
values. Where the data carries a status per value (`<field>_status`), the mark follows the
fields shown; otherwise it falls back to the row's `illustrative` flag (or its source's
wording). A change on the year before is judged apart from the value: it is marked when
either end is unpublished.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from data_loaders import vocab

TRUSTED = frozenset({"published", "derived"})


def _status_columns(frame: pd.DataFrame, fields: Iterable[str]) -> list[str]:
    return [f"{f}_status" for f in fields if f"{f}_status" in frame.columns]


def unpublished_rows(frame: pd.DataFrame | None, fields: Iterable[str] = ()) -> pd.Series:
    """Per row: does any value shown (of `fields`) carry a status other than published?"""
    if frame is None or frame.empty:
        return pd.Series(False, index=getattr(frame, "index", None), dtype=bool)
    columns = _status_columns(frame, fields)
    if columns:
        statuses = frame[columns].fillna("published").astype(str)
        return (~statuses.isin(TRUSTED)).any(axis=1)
    if "illustrative" in frame.columns:
        return frame["illustrative"].fillna(False).astype(bool)
    if "source" in frame.columns:  # rows not prepared by the query layer: the source says
        return frame["source"].map(vocab.is_illustrative).astype(bool)
    return pd.Series(False, index=frame.index, dtype=bool)


def shows_unpublished(frame: pd.DataFrame | None, fields: Iterable[str] = ()) -> bool:
    """True when any value shown from `frame` is not published: the chart, KPI or slide
    carries the illustrative mark."""
    return bool(unpublished_rows(frame, fields).any())


def change_unpublished(
    now: pd.DataFrame | None, before: pd.DataFrame | None, fields: Iterable[str] = ()
) -> bool:
    """A change on the year before is marked when the value or the one it is compared with
    is not published (the value itself is judged alone, by `shows_unpublished`)."""
    fields = tuple(fields)
    return shows_unpublished(now, fields) or shows_unpublished(before, fields)
