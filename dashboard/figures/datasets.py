"""Figures and tables of the data page: datasets, coverage, imports, illustrative values.

`html_table` renders any small frame as a plain table, one component (every cell shown as
text); the networks and outreach pages use it too.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from dashboard import formats, i18n
from dashboard.figures.common import (
    PALETTE,
    empty_figure,
    figure,
    mark_illustrative,
)
from dashboard.i18n import N_, _, ngettext
from dashboard.plaintable import PlainTable
from data_loaders import datasets as registry

# Dataset (KIND of an import) -> frame of data_loaders.queries that holds it, and what it
# holds: both from the dataset registry (data_loaders/datasets.py), never retyped here.
DATASETS: dict[str, str] = {ds.name: ds.frame for ds in registry.DATASETS}
DESCRIPTIONS: dict[str, str] = {ds.name: ds.description for ds in registry.DATASETS}
STATUS_ORDER = ("published", "derived", "estimated", "illustrative")
# The registry's labels and descriptions (data_loaders/datasets.py), for the catalogue:
# tests/test_i18n.py fails when one of them has no French.
DATASET_WORDS = (
    N_("Cities"), N_("Networks"), N_("Network members"), N_("ICC Index"), N_("Followers"),
    N_("Activities"), N_("Metrics"), N_("Good practices"),
    N_("Member cities and former members: joining year, population, foreign-born share"),
    N_("National and regional networks: status and founding year"),
    N_("Cities in each national or regional network"),
    N_("ICC Index results, one row per city, year and area"),
    N_("Followers per social-media platform and day"),
    N_("Events, publications and campaigns"),
    N_("Network-level totals reported without city detail"),
    N_("Good-practice examples of a city in an Index area (links and notes)"),
    N_("estimated"),
)  # fmt: skip
LABELS: dict[str, str] = {ds.name: ds.label for ds in registry.DATASETS}


def dataset_name(kind: str) -> str:
    """A dataset as the page names it: its KIND (what the importer takes); in French, its
    label from the vocabulary with the KIND beside it ("Villes (cities)")."""
    if i18n.current() == "en":
        return kind
    return f"{_(LABELS.get(kind, kind))} ({kind})"


SOURCES_SHOWN = 160  # characters of an import's sources shown in the table
# Top margin (px) of a chart carrying the illustrative mark: the mark's box (about 20 px)
# above the plot, below the mode bar (about 28 px) that the chart card shows on hover.
ILLUSTRATIVE_MARGIN = 56


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, str | list) and bool(pd.isna(value)))


def html_table(
    df: pd.DataFrame, *, table_id: str | None = None, marked: pd.DataFrame | None = None
) -> PlainTable:
    """A frame as a plain table; every value is shown as text (never as HTML or Markdown).
    `marked` (True/False by column of `df`, missing columns False) puts the "illustrative"
    mark after a value.

    One component for the whole table (dashboard/plaintable.py): Dash's renderer spends
    time per component, and a 200-row table of `html.Td` (1,577 components with the
    summary) kept /networks drawing for 5 s at 100x."""
    flags = None
    if marked is not None:
        flags = marked.reindex(index=df.index, columns=df.columns).astype("boolean")
        flags = flags.fillna(False).astype(bool).to_numpy().tolist()
    return PlainTable(
        list(df.columns),
        df.itertuples(index=False, name=None),
        id=table_id,
        className="mb-0 data-table md-table",
        marked=flags,
    )


def table_cells(table: PlainTable) -> list[list[str]]:
    """The cells of an `html_table`, header row first, as the reader sees them."""
    return table.cells()


def dataset_rows(frame_name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The stored rows of a frame (the computed overall Index rows left out)."""
    if frame_name == "index" and "computed" in frame.columns:
        return frame[~frame["computed"].astype(bool)]
    return frame


def share_pct(part: int, whole: int) -> float:
    """`part` of `whole` in percent to one decimal, never rounded to 0 or 100 unless exact
    (1,659 of 1,665 is 99.6, not 100; 1 of 10,000 is 0.1, not 0)."""
    if not whole:
        return 0.0
    pct = round(100 * part / whole, 1)
    if part and pct == 0:
        return 0.1
    if part < whole and pct == 100:
        return 99.9
    return pct


def share_text(part: int, whole: int) -> str:
    """A share as shown: a whole percent, with one decimal where a whole percent would read
    0% or 100% and is not exact ("99.6%", "<0.1%")."""
    if not whole:
        return _percent(0, 0)
    pct = 100 * part / whole
    if part in (0, whole) or 0.5 <= pct < 99.5:
        return _percent(pct, 0)
    if pct < 0.05:
        return "<" + _percent(0.1, 1)
    if pct >= 99.95:
        return ">" + _percent(99.9, 1)
    return _percent(pct, 1)


def _percent(pct: float, decimals: int) -> str:
    """A percentage as the language writes it ("99.7%", "99,7 %")."""
    if i18n.current() == "en":
        return f"{pct:.{decimals}f}%"
    return formats.percent(pct, decimals)


def dataset_summary(frames: Mapping[str, pd.DataFrame], imports: pd.DataFrame) -> pd.DataFrame:
    """One row per dataset: rows, illustrative rows and share, distinct sources, last import."""
    records = []
    latest = (
        imports.sort_values("at", ascending=False).drop_duplicates("kind").set_index("kind")
        if not imports.empty
        else pd.DataFrame(columns=["at", "file_name"])
    )
    for kind, name in DATASETS.items():
        frame = dataset_rows(name, frames.get(name, pd.DataFrame()))
        rows = len(frame)
        ill = int(frame["illustrative"].astype(bool).sum()) if "illustrative" in frame else 0
        sources = frame["source"].dropna().nunique() if "source" in frame else 0
        last = latest.loc[kind] if kind in latest.index else None
        records.append(
            {
                "dataset": kind,
                "description": DESCRIPTIONS[kind],
                "rows": rows,
                "illustrative_rows": ill,
                "illustrative_pct": share_pct(ill, rows),
                "sources": int(sources),
                "last_import": (
                    pd.Timestamp(last["at"]).strftime("%Y-%m-%d %H:%M") if last is not None else ""
                ),
                "last_file": str(last["file_name"]) if last is not None else "",
            }
        )
    return pd.DataFrame.from_records(records)


def summary_display(summary: pd.DataFrame) -> pd.DataFrame:
    """The dataset summary as shown on the page."""
    return pd.DataFrame(
        {
            _("Dataset"): summary["dataset"].map(dataset_name),
            _("What it holds"): summary["description"].map(_),
            _("Rows"): summary["rows"].map(formats.number),
            _("Illustrative rows"): [
                f"{formats.number(n)} ({share_text(n, t)})"
                for n, t in zip(summary["illustrative_rows"], summary["rows"], strict=True)
            ],
            _("Distinct sources"): summary["sources"],
            _("Last import"): summary["last_import"],
            _("Last file"): summary["last_file"],
        }
    )


def coverage(cities: pd.DataFrame, metrics: pd.DataFrame) -> pd.DataFrame:
    """Per year: international members on file (joined by then, not yet left) against the
    reported `members_total`, and the share on file where a total is reported."""
    columns = ["year", "on_file", "reported", "coverage_pct"]
    joined = pd.to_numeric(cities["joined"], errors="coerce")
    left = pd.to_numeric(cities["left"], errors="coerce")
    totals = metrics[metrics["metric"] == "members_total"]
    years = (
        set(joined.dropna().astype(int))
        | set(left.dropna().astype(int))
        | set(totals["year"].astype(int))
    )
    if not years:
        return pd.DataFrame(columns=columns)
    from dashboard.kpis import metric_of_year

    records = []
    for year in range(min(years), max(years) + 1):
        on_file = int(((joined <= year) & (left.isna() | (left > year))).sum())
        row = metric_of_year(totals, "members_total", year)  # the year's figure, as the KPI
        total = float(row["value"]) if row is not None else None
        qualifier = "" if row is None else str(row.get("value_qualifier", "") or "")
        records.append(
            {
                "year": year,
                "on_file": on_file,
                "reported": int(total) if total is not None else None,
                "reported_as": formats.qualified(int(total), qualifier) if total else "",
                # A share of a bound is not a share: none is given for "over 130".
                # Not for a bound ("over 130"), nor for a figure dated before the year's
                # later joinings (21 in April 2011 against 23 on file by December).
                "coverage_pct": round(100 * on_file / total, 1)
                if total and not qualifier and on_file <= total
                else None,
            }
        )
    out = pd.DataFrame.from_records(records, columns=[*columns, "reported_as"])
    out["reported"] = out["reported"].astype("Int64")
    return out


def coverage_figure(table: pd.DataFrame, *, illustrative: bool = False) -> go.Figure:
    """Bars of members on file per year, with the reported totals marked above them."""
    if table.empty:
        return empty_figure(_("No member city or reported total on file"))
    rep = table.dropna(subset=["reported"])
    traces = [
        {
            "type": "bar",
            "x": table["year"].tolist(),
            "y": table["on_file"].tolist(),
            "name": _("Members on file"),
            "marker": {"color": PALETTE[0]},
            "hovertemplate": "%{x}: %{y} " + _("members on file") + "<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "markers+text",
            "x": rep["year"].tolist(),
            "y": [int(v) for v in rep["reported"]],
            "text": rep["reported_as"].tolist()
            if "reported_as" in rep
            else [str(int(v)) for v in rep["reported"]],
            "textposition": "top center",
            "name": _("Reported total (members_total)"),
            "marker": {
                "color": PALETTE[5],
                "symbol": "line-ew-open",
                "size": 24,
                "line": {"width": 3, "color": PALETTE[5]},
            },
            "customdata": [
                _("no total") if pd.isna(p) else _("{pct} on file").format(pct=formats.percent(p))
                for p in rep["coverage_pct"]
            ],
            "hovertemplate": "%{x}: %{y} " + _("reported") + ", %{customdata}<extra></extra>",
        },
    ]
    # The axis spans the years of the table and no more: autorange pads the ends for the
    # reported-total marks and would add a year with no bar.
    first, last = int(table["year"].min()), int(table["year"].max())
    fig = figure(
        traces,
        xaxis={
            "dtick": 1,
            "tickformat": "d",
            "gridcolor": "#e5e5e5",
            "range": [first - 0.6, last + 0.6],
        },
        yaxis={
            "title": {"text": _("Member cities")},
            "rangemode": "tozero",
            "gridcolor": "#e5e5e5",
        },
    )
    return mark_illustrative(fig, illustrative)


def illustrative_figure(summary: pd.DataFrame) -> go.Figure:
    """Share of illustrative rows per dataset (horizontal bars labelled "n of N")."""
    if summary.empty or summary["rows"].sum() == 0:
        return empty_figure(_("No data on file"))
    fig = figure(
        [
            {
                "type": "bar",
                "orientation": "h",
                "y": summary["dataset"].map(dataset_name).tolist(),
                "x": summary["illustrative_pct"].tolist(),
                "text": [
                    _("{share} ({n} of {total})").format(
                        share=share_text(n, t), n=formats.number(n), total=formats.number(t)
                    )
                    for n, t in zip(summary["illustrative_rows"], summary["rows"], strict=True)
                ],
                # Inside long bars, beside short ones: the labels never leave the chart.
                "textposition": [
                    "inside" if p >= 50 else "outside" for p in summary["illustrative_pct"]
                ],
                "insidetextanchor": "end",
                "cliponaxis": False,
                "marker": {"color": "#c9a227"},
                "hovertemplate": "%{y}: %{text} " + _("illustrative") + "<extra></extra>",
                "name": _("Illustrative rows"),
            }
        ],
        xaxis={
            "range": [0, 105],
            "title": {"text": _("Illustrative rows (%)")},
            "ticksuffix": "%",
        },
        yaxis={"autorange": "reversed", "automargin": True},
        # Room above the plot for the illustrative mark (drawn at its top left), clear of
        # the mode bar.
        margin={"l": 8, "r": 24, "t": ILLUSTRATIVE_MARGIN, "b": 40},
        showlegend=False,
    )
    return mark_illustrative(fig, bool(summary["illustrative_rows"].sum()))


def imports_table(imports: pd.DataFrame, limit: int = 20) -> pd.DataFrame:
    """The latest imports as shown: when, dataset, file, SHA-256 prefix, counts, sources."""
    rows = imports.sort_values("at", ascending=False).head(limit)

    def clip(text: object) -> str:
        text = "" if _missing(text) else str(text)
        return text if len(text) <= SOURCES_SHOWN else text[: SOURCES_SHOWN - 1] + "…"

    return pd.DataFrame(
        {
            _("Imported"): pd.to_datetime(rows["at"]).dt.strftime("%Y-%m-%d %H:%M"),
            _("Dataset"): rows["kind"].map(dataset_name),
            _("File"): rows["file_name"],
            "SHA-256": rows["sha256"].fillna("").str.slice(0, 12),
            _("New"): rows["rows_new"],
            _("Updated"): rows["rows_updated"],
            _("Unchanged"): rows["rows_unchanged"],
            _("Warnings"): rows["warnings"],
            _("Sources"): rows["sources"].map(clip),
        }
    ).reset_index(drop=True)


def provenance_matrix(counts: pd.DataFrame) -> pd.DataFrame:
    """Dataset x year: the share of values not published (illustrative or estimated), with
    the counts per status beside it; from `queries.provenance_counts`."""
    if counts.empty:
        return pd.DataFrame(columns=["dataset", "year", *STATUS_ORDER, "values", "unpublished_pct"])
    table = counts.dropna(subset=["year"]).pivot_table(
        index=["dataset", "year"], columns="status", values="values", aggfunc="sum", fill_value=0
    )
    table = table.reindex(columns=list(STATUS_ORDER), fill_value=0).reset_index()
    table["values"] = table[list(STATUS_ORDER)].sum(axis=1)
    unpublished = table["estimated"] + table["illustrative"]
    table["unpublished_pct"] = (
        100 * unpublished / table["values"].where(table["values"] > 0)
    ).round(1)
    table["year"] = table["year"].astype(int)
    return table


def provenance_figure(table: pd.DataFrame) -> go.Figure:
    """A heatmap of datasets by year: colour the share of values not published, the counts
    of each status in the hover."""
    if table.empty:
        return empty_figure(_("No value on file"))
    datasets = [d for d in DATASETS if d in set(table["dataset"])]
    years = sorted(table["year"].unique())
    cell = table.set_index(["dataset", "year"])
    z, hover = [], []
    # Out of the f-strings: Babel's extractor does not see a call inside one.
    no_value = _("no value")
    for d in datasets:
        row_z, row_h = [], []
        for y in years:
            if (d, y) in cell.index:
                r = cell.loc[(d, y)]
                row_z.append(float(r["unpublished_pct"]))
                row_h.append(
                    f"{dataset_name(d)}, {y}: "
                    + ngettext("{n} value", "{n} values", int(r["values"])).format(
                        n=formats.number(int(r["values"]))
                    )
                    + "<br>"
                    + "<br>".join(f"{_(s)}: {int(r[s])}" for s in STATUS_ORDER if r[s])
                )
            else:
                row_z.append(None)
                row_h.append(f"{dataset_name(d)}, {y}: {no_value}")
        z.append(row_z)
        hover.append(row_h)
    trace = {
        "type": "heatmap",
        "z": z,
        "x": [str(y) for y in years],
        "y": [dataset_name(d) for d in datasets],
        "customdata": hover,
        "hovertemplate": "%{customdata}<extra></extra>",
        "zmin": 0,
        "zmax": 100,
        "colorscale": [[0, "#1a7f37"], [0.5, "#f0e442"], [1, "#b35806"]],
        "colorbar": {"title": {"text": _("% not<br>published")}, "ticksuffix": "%"},
        "xgap": 1,
        "ygap": 1,
    }
    return figure(
        [trace],
        xaxis={"type": "category", "title": {"text": ""}},
        yaxis={"autorange": "reversed", "title": {"text": ""}},
        margin={"l": 120, "r": 16, "t": 16, "b": 40},
    )
