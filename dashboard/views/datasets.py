"""Data page view: the datasets on file, coverage, the last imports and illustrative values."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from dash import html

from dashboard import formats
from dashboard.cards import Card, ChartResult
from dashboard.figures import datasets as figs
from dashboard.i18n import N_, _
from dashboard.urlstate import PageState
from data_loaders import queries

PAGE = "data"
LOAD = "data-load"  # fires the page's update once it is on screen
SUMMARY = "data-summary"
IMPORTS = "data-imports"
WHOLE = N_("filters: none (whole network)")
DOWNLOAD = "data-download"
DOWNLOAD_BUTTON = "data-download-button"  # pattern: {"role": ..., "kind": KIND, "fmt": fmt}
COVERAGE = Card(
    "data-coverage",
    PAGE,
    N_("Coverage: members on file against the reported total"),
    help=N_(
        "Bars: international member cities on file in each year (joined, not yet left). "
        "Marks: the total the ICC reported for that year."
    ),
)
ILLUSTRATIVE = Card(
    "data-illustrative",
    PAGE,
    N_("Illustrative values per dataset"),
    help=N_(
        "Share of each dataset's rows whose source marks them as illustrative (not published)."
    ),
)
PROVENANCE = Card(
    "data-provenance",
    PAGE,
    N_("Provenance of the values: dataset by year"),
    help=N_(
        "Colour: the share of values that are not published (illustrative or estimated); "
        "hover a cell for the count of published, derived, estimated and illustrative values."
    ),
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


def provenance_caption(table: pd.DataFrame) -> str:
    """The provenance map in words: how many values, the share not published."""
    if table.empty:
        return _("No value on file.")
    total = int(table["values"].sum())
    unpublished = int(table["estimated"].sum() + table["illustrative"].sum())
    return _("{n} values on file; {u} of them ({share}) are not published.").format(
        n=formats.number(total),
        u=formats.number(unpublished),
        share=figs.share_text(unpublished, total),
    )


def coverage_caption(table: pd.DataFrame) -> str:
    """The coverage chart in words: members on file against the latest reported total."""
    rep = table.dropna(subset=["reported"])
    if table.empty or rep.empty:
        return _("No reported member total to compare with.")
    row = rep.iloc[-1]
    return _("In {year}, {on_file} member cities are on file of {reported} reported.").format(
        year=int(row["year"]),
        on_file=formats.number(row["on_file"]),
        reported=row["reported_as"] if "reported_as" in rep else formats.number(row["reported"]),
    )


def illustrative_caption(summary: pd.DataFrame) -> str:
    """The illustrative chart in words: rows in all, illustrative rows, the most marked."""
    total, ill = int(summary["rows"].sum()), int(summary["illustrative_rows"].sum())
    if not total:
        return _("No data on file.")
    top = summary.sort_values("illustrative_pct", ascending=False).iloc[0]
    return _("{ill} of {total} rows are illustrative; the most in {dataset} ({share}).").format(
        ill=formats.number(ill),
        total=formats.number(total),
        dataset=figs.dataset_name(str(top["dataset"])),
        share=figs.share_text(int(top["illustrative_rows"]), int(top["rows"])),
    )


def view(prepared: dict, state: PageState) -> dict:
    """The dataset summary, last imports, coverage and illustrative-share charts."""
    summary, imports = prepared["summary"], prepared["imports"]
    coverage = prepared["coverage"]
    any_ill = bool(summary["illustrative_rows"].sum())
    return {
        SUMMARY: figs.html_table(figs.summary_display(summary), table_id=SUMMARY + "-rows"),
        IMPORTS: figs.html_table(figs.imports_table(imports), table_id=IMPORTS + "-rows")
        if not imports.empty
        else html.P(_("No import recorded yet."), className="mb-0"),
        PROVENANCE.id: ChartResult(
            figs.provenance_figure(prepared["provenance"]),
            prepared["provenance"],
            None,
            filters=_(WHOLE),
            source_text=_(
                "Source: the status of every value on file (published, derived from "
                "published values, estimated, illustrative)."
            ),
            caption=provenance_caption(prepared["provenance"]),
        ),
        COVERAGE.id: ChartResult(
            lambda ill: figs.coverage_figure(coverage, illustrative=ill),
            coverage,
            prepared["coverage_basis"],
            filters=_(WHOLE),
            fields=("value", "joined"),
            caption=coverage_caption(coverage),
        ),
        ILLUSTRATIVE.id: ChartResult(
            figs.illustrative_figure(summary),
            summary.drop(columns=["description"]),
            pd.DataFrame({"illustrative": [any_ill]}),
            filters=_(WHOLE),
            source_text=_(
                "Source: the datasets on file; a row is illustrative when its source says so."
            ),
            caption=illustrative_caption(summary),
        ),
    }
