"""Chart exports: the rows behind a chart as CSV or XLSX, under lines naming the chart, the
filters, the sources and the illustrative note; formula-safe (`data_loaders.export`)."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

import pandas as pd

from dashboard.figures.common import ILLUSTRATIVE_TEXT
from data_loaders.export import write_table


def export_filename(chart: str, filters: str, fmt: str) -> str:
    """`icc-<chart>-<filters>.<fmt>`, e.g. icc-overview-growth-year2017-countryPT.csv."""
    text = re.sub(r"^filters:\s*", "", filters or "").strip()
    if not text or text.startswith("none"):
        text = "all"
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text.replace("=", "")).strip("-") or "all"
    name = re.sub(r"[^A-Za-z0-9]+", "-", chart).strip("-") or "chart"
    return f"icc-{name}-{slug}.{fmt}"[:150]


def header_lines(data: dict) -> list[str]:
    """The comment lines above the table: title, filters, sources, illustrative note."""
    sources = [str(s) for s in data.get("sources") or [] if str(s).strip()]
    lines = [
        str(data.get("title") or "ICC Network Dashboard chart"),
        str(data.get("filters") or "filters: none (whole network)"),
        "Sources: " + ("; ".join(sources) if sources else "no source recorded"),
    ]
    if data.get("illustrative"):
        lines.append(ILLUSTRATIVE_TEXT + ": some values are generated, not published figures")
    lines.append(f"Exported from the ICC Network Dashboard on {dt.date.today().isoformat()}")
    return lines


def export_bytes(data: dict, fmt: str) -> bytes:
    """The chart's rows as a CSV or XLSX file (formula-safe), with its header lines."""
    frame = pd.DataFrame(data.get("rows") or [], columns=data.get("columns") or [])
    frame.attrs["sheet"] = "data"
    with tempfile.TemporaryDirectory(prefix="icc-export-") as tmp:
        path = Path(tmp) / f"export.{fmt}"
        write_table(frame, path, header_lines(data))
        return path.read_bytes()
