"""Chart exports: the rows behind a chart as CSV or XLSX, under lines naming the chart, the
filters, the sources and the illustrative note; formula-safe (`data_loaders.export`)."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

import pandas as pd

from dashboard import formats
from dashboard.figures.common import ILLUSTRATIVE_TEXT
from dashboard.i18n import _
from data_loaders import export, vocab
from data_loaders.export import write_table

FORMATS = ("csv", "xlsx")


def export_filename(chart: str, filters: str, fmt: str) -> str:
    """`icc-<chart>-<filters>.<fmt>`, e.g. icc-overview-growth-year2017-countryPT.csv."""
    # The words of either language: the file's name is the same in both.
    text = re.sub(r"^(filters|filtres)\s*:\s*", "", filters or "").strip()
    if not text or text.startswith(("none", "aucun")):
        text = "all"
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text.replace("=", "")).strip("-") or "all"
    name = re.sub(r"[^A-Za-z0-9]+", "-", chart).strip("-") or "chart"
    return f"icc-{name}-{slug}.{fmt}"[:150]


def header_lines(data: dict) -> list[str]:
    """The comment lines above the table: title, filters, sources, caption, illustrative
    note."""
    sources = [str(s) for s in data.get("sources") or [] if str(s).strip()]
    lines = [
        str(data.get("title") or _("ICC Network Dashboard chart")),
        str(data.get("filters") or _("filters: none (whole network)")),
        _("Sources: ") + ("; ".join(sources) if sources else _("no source recorded")),
    ]
    if data.get("caption"):  # the chart in words, as under the chart on screen
        lines.append(str(data["caption"]))
    if data.get("illustrative"):
        lines.append(_(ILLUSTRATIVE_TEXT) + _(": some values are generated, not published figures"))
    lines.append(
        _("Exported from the ICC Network Dashboard on {day}").format(
            day=formats.date(dt.date.today())
        )
    )
    return lines


def export_bytes(data: dict, fmt: str) -> bytes:
    """The chart's rows as a CSV or XLSX file (formula-safe), with its header lines."""
    frame = pd.DataFrame(data.get("rows") or [], columns=data.get("columns") or [])
    frame.attrs["sheet"] = "data"
    with tempfile.TemporaryDirectory(prefix="icc-export-") as tmp:
        path = Path(tmp) / f"export.{fmt}"
        write_table(frame, path, header_lines(data))
        return path.read_bytes()


def dataset_file(kind: str, fmt: str, url: str | None = None) -> tuple[bytes, str]:
    """Dataset `kind` as a CSV or XLSX file (bytes and file name), formula-safe, with a few
    comment lines on top (the importer skips them, so the file can be imported again)."""
    from data_loaders.schema import KINDS

    if kind not in KINDS or fmt not in FORMATS:
        raise ValueError(f"unknown dataset or format: {kind!r}, {fmt!r}")
    frame = export.dataset_frame(kind, url)
    ill = int(frame["source"].map(vocab.is_illustrative).sum()) if "source" in frame else 0
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    header = [
        f"ICC Network Dashboard: dataset {kind}, {len(frame)} rows, exported {stamp}",
        f"{ill} of {len(frame)} rows are illustrative (not published): see each row's source",
    ]
    name = f"icc-{kind}-{dt.date.today().isoformat()}.{fmt}"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        write_table(frame, path, header)
        return path.read_bytes(), name
