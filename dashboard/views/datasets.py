"""Data page view: the datasets on file, coverage, the last imports and illustrative values."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from dash import html

from dashboard.cards import Card, ChartResult
from dashboard.figures import datasets as figs
from dashboard.urlstate import PageState
from data_loaders import queries

PAGE = "data"
LOAD = "data-load"  # fires the page's update once it is on screen
SUMMARY = "data-summary"
IMPORTS = "data-imports"
WHOLE = "filters: none (whole network)"
DOWNLOAD = "data-download"
DOWNLOAD_BUTTON = "data-download-button"  # pattern: {"role": ..., "kind": KIND, "fmt": fmt}
COVERAGE = Card(
    "data-coverage",
    PAGE,
    "Coverage: members on file against the reported total",
    help="Bars: international member cities on file in each year (joined, not yet left). "
    "Marks: the total the ICC reported for that year.",
)
ILLUSTRATIVE = Card(
    "data-illustrative",
    PAGE,
    "Illustrative values per dataset",
    help="Share of each dataset's rows whose source marks them as illustrative (not published).",
)
PROVENANCE = Card(
    "data-provenance",
    PAGE,
    "Provenance of the values: dataset by year",
    help="Colour: the share of values that are not published (illustrative or estimated); "
    "hover a cell for the count of published, derived, estimated and illustrative values.",
    height=360,
)
CARDS = (PROVENANCE, COVERAGE, ILLUSTRATIVE)
OUTPUTS = {SUMMARY: (SUMMARY, "children"), IMPORTS: (IMPORTS, "children")}
INPUTS = {"loaded": (LOAD, "data")}  # fires once the page is on screen
FILTERS: tuple[str, ...] = ()
PARAMS: tuple[str, ...] = ()
FRAMES = (*sorted(set(figs.DATASETS.values())), "imports")


def download_button_id(kind: str, fmt: str) -> dict[str, str]:
    """ID of the button that downloads dataset `kind` as `fmt` (csv or xlsx)."""
    return {"role": DOWNLOAD_BUTTON, "kind": kind, "fmt": fmt}


def prepare(frames: Mapping[str, pd.DataFrame]) -> dict:
    """The summary, coverage and imports tables (once per data version)."""
    datasets = {name: frames[name] for name in set(figs.DATASETS.values())}
    cities, metrics = frames["cities"], frames["metrics"]
    totals = metrics[metrics["metric"] == "members_total"]
    return {
        "summary": figs.dataset_summary(datasets, frames["imports"]),
        "coverage": figs.coverage(cities, metrics),
        "coverage_basis": pd.concat([totals, cities[cities["joined"].notna()]], ignore_index=True),
        "imports": frames["imports"],
        "provenance": figs.provenance_matrix(
            queries.provenance_counts({name: frames[name] for name in datasets})
        ),
    }


def view(prepared: dict, state: PageState) -> dict:
    """The dataset summary, last imports, coverage and illustrative-share charts."""
    summary, imports = prepared["summary"], prepared["imports"]
    coverage = prepared["coverage"]
    any_ill = bool(summary["illustrative_rows"].sum())
    return {
        SUMMARY: figs.html_table(figs.summary_display(summary), table_id=SUMMARY + "-rows"),
        IMPORTS: figs.html_table(figs.imports_table(imports), table_id=IMPORTS + "-rows")
        if not imports.empty
        else html.P("No import recorded yet.", className="mb-0"),
        PROVENANCE.id: ChartResult(
            figs.provenance_figure(prepared["provenance"]),
            prepared["provenance"],
            None,
            filters=WHOLE,
            source_text="Source: the status of every value on file (published, derived from "
            "published values, estimated, illustrative).",
        ),
        COVERAGE.id: ChartResult(
            lambda ill: figs.coverage_figure(coverage, illustrative=ill),
            coverage,
            prepared["coverage_basis"],
            filters=WHOLE,
            fields=("value", "joined"),
        ),
        ILLUSTRATIVE.id: ChartResult(
            figs.illustrative_figure(summary),
            summary.drop(columns=["description"]),
            pd.DataFrame({"illustrative": [any_ill]}),
            filters=WHOLE,
            source_text="Source: the datasets on file; a row is illustrative when its source "
            "says so.",
        ),
    }
