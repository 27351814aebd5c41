"""Export: a dataset as the dashboard sees it, to CSV or XLSX, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import datetime as dt
import math
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from data_loaders import datasets, db, vocab
from data_loaders.datasets import ROW_STATUS
from data_loaders.readers import COMMENT_MARK, XLSX_ENDINGS
from data_loaders.safetext import safe_cell
from data_loaders.schema import MODELS
from data_loaders.validate import UsageError


def _plain(value: object) -> object:
    """A cell as written: no NaN, whole floats without `.0`, dates in ISO form."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item") and not isinstance(value, str | dt.date):
        value = value.item()  # numpy scalar -> Python
    if isinstance(value, pd.Timestamp):
        value = value.date() if value == value.normalize() else value.to_pydatetime()
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return safe_cell(value)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_table(df: pd.DataFrame, path: Path | str, header_lines: Iterable[str] = ()) -> None:
    """Write a frame as CSV (UTF-8 with BOM) or XLSX by the file's ending, formula-safe.

    `header_lines` are comment lines written above the header, each starting with `#`
    (the importer skips them, so an export can be imported again).
    """
    path = Path(path)
    comments = [
        line if line.startswith(COMMENT_MARK) else f"{COMMENT_MARK} {line}" for line in header_lines
    ]
    header = [str(c) for c in df.columns]
    rows = [[_plain(v) for v in record] for record in df.itertuples(index=False, name=None)]
    if str(path).lower().endswith(XLSX_ENDINGS):
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = (df.attrs.get("sheet") or "data")[:31]
        for line in comments:
            sheet.append([safe_cell(line)])
        sheet.append([safe_cell(h) for h in header])
        for row in rows:
            sheet.append(row)
        workbook.save(path)
        return
    # The BOM makes Excel read the file as UTF-8 (accents in city names).
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        # Each comment line is one cell (quoted where it holds a comma), on one line.
        writer.writerows([safe_cell(line)] for line in comments)
        writer.writerow([safe_cell(h) for h in header])
        writer.writerows([_text(v) for v in row] for row in rows)


def dataset_frame(kind: str, url: str | None = None) -> pd.DataFrame:
    """One dataset as the dashboard sees it: one row per key, the contract's columns.

    The provenance columns follow where they say more than the row's `source`: a row
    `status` where any row has one, `<field>_status` / `_source` where a field's differs
    from its row's, `_qualifier` / `_date` where any is given. Importing the export again
    changes nothing.
    """
    ds = datasets.find(kind)
    if ds is None:
        raise UsageError(f"unknown dataset {kind!r} (one of: {', '.join(datasets.KINDS)})")
    model = MODELS[ds.name]
    stored = {c.name for c in ds.columns if c.stored}
    base = [c for c in ds.exported if c in stored]
    if "source" not in base:
        base.append("source")
    columns = [*base, ROW_STATUS, *ds.provenance_columns]
    engine = db.init_schema(url)
    try:
        with Session(engine) as session:
            attrs = [getattr(model, c) for c in columns]
            rows = session.execute(select(*attrs).order_by(*[getattr(model, k) for k in ds.key]))
            frame = pd.DataFrame(rows.all(), columns=columns)
    except OperationalError as exc:
        raise db.DatabaseUnavailable(
            f"cannot use database {db.safe_url(str(engine.url))}: {db.first_line(exc)}"
        ) from exc
    provenance = provenance_columns(ds, frame)
    if ds.derived_totals:
        totals = _with_derived_totals(frame[base])
        extra = frame[[*ds.key, *provenance]].copy()
        for key in ds.key:  # the totals read dates as dates; the stored rows kept them as read
            if extra[key].dtype != totals[key].dtype:
                extra[key] = extra[key].astype(totals[key].dtype)
        frame = totals.merge(extra, on=list(ds.key), how="left") if provenance else totals
    frame = frame[[*ds.exported, *provenance]]
    if ROW_STATUS in provenance:
        frame = frame.rename(columns={ROW_STATUS: ds.row_status_column})
    frame.attrs["sheet"] = ds.name
    return frame


def provenance_columns(ds: datasets.Dataset, frame: pd.DataFrame) -> list[str]:
    """The provenance columns of a stored frame that say more than each row's source."""
    source = frame["source"].where(frame["source"].notna(), None)
    status = frame[ROW_STATUS]
    default = status.where(status.notna(), source.map(vocab.status_of_source))
    out = [ROW_STATUS] if status.notna().any() else []
    for f in ds.provenance:
        own_status, own_source = frame[f.column("status")], frame[f.column("source")]
        if (own_status.notna() & (own_status != default)).any():
            out.append(f.column("status"))
        if (own_source.notna() & (own_source.fillna("") != source.fillna(""))).any():
            out.append(f.column("source"))
        for part in ("qualifier", "date"):
            if frame[f.column(part)].fillna("").astype(str).str.len().gt(0).any():
                out.append(f.column(part))
    return out


def _with_derived_totals(frame: pd.DataFrame) -> pd.DataFrame:
    """Totals computed from changes where an anchor allows (data_loaders.followers)."""
    from data_loaders.followers import derive_totals

    out = derive_totals(frame.copy())
    return out.sort_values(["platform", "date"], kind="stable").reset_index(drop=True)


def export_dataset(kind: str, path: Path | str, url: str | None = None) -> int:
    """Write dataset `kind` to `path` (.csv or .xlsx); the number of rows written."""
    frame = dataset_frame(kind, url)
    write_table(frame, path)
    return len(frame)
