"""Data page callbacks: the dataset summary, coverage and imports; dataset downloads."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from dash import ALL, Input, Output, callback, ctx, dcc, html, no_update

from dashboard import components, data
from dashboard.figures import datasets as figs
from dashboard.figures.common import source_line
from dashboard.pages import data as page
from data_loaders import export, vocab
from data_loaders.schema import KINDS


def _prepare() -> dict:
    """The summary, coverage and imports tables (once per data version)."""
    frames = {name: data.dm().load(name) for name in set(figs.DATASETS.values())}
    imports = data.dm().load("imports")
    cities, metrics = frames["cities"], frames["metrics"]
    cov = figs.coverage(cities, metrics)
    totals = metrics[metrics["metric"] == "members_total"]
    return {
        "summary": figs.dataset_summary(frames, imports),
        "coverage": cov,
        "coverage_sources": list(totals["source"]) + list(cities["source"]),
        "coverage_illustrative": bool(
            cities.loc[cities["joined"].notna(), "illustrative"].any()
            or totals["illustrative"].any()
        ),
        "imports": imports,
    }


def prepared() -> dict:
    """The page's tables, prepared once per data version."""
    return data.dm().cached("data-page", _prepare)


@callback(
    Output(page.SUMMARY, "children"),
    Output(page.IMPORTS, "children"),
    *components.chart_outputs(page.COVERAGE),
    *components.chart_outputs(page.ILLUSTRATIVE),
    Input(page.LOAD, "data"),
)
def update_data_page(_loaded: object) -> tuple:
    """The dataset summary, last imports, coverage and illustrative-share charts."""
    return data_view(prepared())


def data_view(frames: dict) -> tuple:
    """The page's outputs from prepared tables (called directly by tests)."""
    summary = frames["summary"]
    imports = frames["imports"]
    import_view = (
        figs.html_table(figs.imports_table(imports), table_id=page.IMPORTS + "-rows")
        if not imports.empty
        else html.P("No import recorded yet.", className="mb-0")
    )
    cov_ill = frames["coverage_illustrative"]
    coverage = components.chart_values(
        figs.coverage_figure(frames["coverage"], illustrative=cov_ill),
        frames["coverage"],
        title="Coverage: members on file against the reported total",
        filters="filters: none (whole network)",
        sources=sorted(set(frames["coverage_sources"])),
        illustrative=cov_ill,
        source_text=source_line(frames["coverage_sources"], cov_ill),
    )
    any_ill = bool(summary["illustrative_rows"].sum())
    illustrative = components.chart_values(
        figs.illustrative_figure(summary),
        summary.drop(columns=["description"]),
        title="Illustrative values per dataset",
        filters="filters: none (whole network)",
        sources=["the datasets on file (each row's source)"],
        illustrative=any_ill,
        source_text="Source: the datasets on file; a row is illustrative when its source "
        "says so." + (" Includes illustrative values (not published)." if any_ill else ""),
    )
    return (
        figs.html_table(figs.summary_display(summary), table_id=page.SUMMARY + "-rows"),
        import_view,
        *coverage,
        *illustrative,
    )


def dataset_file(kind: str, fmt: str, url: str | None = None) -> tuple[bytes, str]:
    """Dataset `kind` as a CSV or XLSX file (bytes and file name), formula-safe, with a few
    comment lines on top (the importer skips them, so the file can be imported again)."""
    if kind not in KINDS or fmt not in page.FORMATS:
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
        export.write_table(frame, path, header)
        return path.read_bytes(), name


@callback(
    Output(page.DOWNLOAD, "data"),
    Input({"role": page.DOWNLOAD_BUTTON, "kind": ALL, "fmt": ALL}, "n_clicks"),
    prevent_initial_call=True,
)
def update_download(clicks: list[int | None]) -> dict:
    """Send the dataset whose button was clicked."""
    trigger = ctx.triggered_id
    if not trigger or not any(clicks or []):
        return no_update
    content, name = dataset_file(trigger["kind"], trigger["fmt"], data.dm().url)
    return dcc.send_bytes(content, name)
