"""Index view: cities by area (heatmap), the spread of each area, the intercultural lens."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from dash import html

from dashboard import formats, ids, peers
from dashboard.cards import Card, ChartResult
from dashboard.data import filter_cities
from dashboard.figures import index as figs
from dashboard.i18n import N_, _, ngettext
from dashboard.plaintable import PlainList
from dashboard.urlstate import PageState
from dashboard.views import common
from data_loaders import vocab

PAGE = "index"
COUNT = "index-count"
# "results", not "edition": the compare page writes param "edition" (one ID per query key).
EDITION_KEY, POP_KEY, FB_KEY, SORT_KEY = "results", "pop", "fb", "sort"
ROWS_KEY, PAGE_KEY = "rows", "page"
# By name: the Index is a learning tool, not a ranking (issue 11); `?sort=overall` ranks.
DEFAULT_SORT = "name"
DEFAULT_ROWS = figs.PAGE_ROWS[0]
PHONE_LIST = "index-phone-list"  # the heatmap's cities as a list, shown at phone width
HEATMAP = Card(
    "index-heatmap",
    PAGE,
    N_("Cities by area"),
    help=N_(
        "Scores 0-100 (darker blue lower, yellow higher). Overall: the file's overall index, "
        "or the mean of the areas where none was given. Areas marked * are optional. Empty "
        "cells: area not in that questionnaire."
    ),
    height=600,
)
SPREAD = Card(
    "index-spread",
    PAGE,
    N_("Spread of each area"),
    help=N_(
        "One box per area: the middle half of the cities inside the box, the median as its "
        "line, every city as a dot."
    ),
    height=460,
)
LENS = Card(
    "index-lens",
    PAGE,
    N_("The city through an intercultural lens"),
    help=N_(
        "Mean of education, neighbourhoods, public services, business and labour market, "
        "cultural and social life and public space (bars), with the overall Index (red marks)."
    ),
    height=460,
)
CARDS = (HEATMAP, SPREAD, LENS)
OUTPUTS = {
    COUNT: (COUNT, "children"),
    PHONE_LIST: (PHONE_LIST, "children"),
    "page_max": (ids.param_id(PAGE_KEY), "max"),
    "heatmap_style": (ids.chart_part(ids.CHART, HEATMAP.id), "style"),
    "lens_style": (ids.chart_part(ids.CHART, LENS.id), "style"),
}
FILTERS = ("continent", "country", "network")
PARAMS = (EDITION_KEY, POP_KEY, FB_KEY, SORT_KEY, ROWS_KEY, PAGE_KEY)
FRAMES = ("cities", "index")


def prepare(frames: Mapping[str, pd.DataFrame]) -> dict:
    """Index results one row per city and year, and the edition choices with their counts."""
    results = common.index_results(frames)
    # The folded city name the default order sorts by, once per data version.
    keys = {c: vocab.norm_key(c) for c in results["city"].unique()}
    results = results.assign(name_key=results["city"].map(keys))
    return {
        "results": results,
        "cities": frames["cities"],
        "editions": figs.edition_options(results),
        "default_edition": figs.default_edition(results),
    }


def _height(px: int) -> dict:
    return {"height": f"{px}px"}


def _int(value: object, default: int) -> int:
    try:
        return int(str(value))
    except ValueError:
        return default


def per_page(state: PageState) -> int:
    """Cities a page shows (one of figs.PAGE_ROWS)."""
    rows = _int(state.param(ROWS_KEY, DEFAULT_ROWS), DEFAULT_ROWS)
    return rows if rows in figs.PAGE_ROWS else DEFAULT_ROWS


def _score(value: object) -> str:
    return "–" if value is None or pd.isna(value) else f"{float(value):.0f}"


def phone_list(rows: pd.DataFrame) -> PlainList | html.P:
    """The page's cities with their overall, lens and area scores, one item per city (what
    a phone shows instead of the heatmap). One component for the whole list: it is laid
    out at every width (hidden beside the heatmap), and Dash spends about half a
    millisecond on each component (six a city before: /index carried 240 for 40 cities)."""
    if rows.empty:
        return html.P(_(figs.EMPTY) + ".", className="text-muted")
    areas = figs.areas_present(rows)
    items = []
    for r in rows.to_dict("records"):
        scores = "; ".join(
            f"{figs.column_name(a)} {_score(r.get(a))}" for a in areas if not pd.isna(r.get(a))
        )
        items.append(
            (
                f"{r['city']} ({r['country']}), {int(r['year'])}",
                # The city's scores are illustrative (not published): said here, per city,
                # as the heatmap's mark says it for its cells.
                bool(r.get("illustrative")),
                _("Overall {overall} · lens {lens}").format(
                    overall=_score(r["overall"]), lens=_score(r["lens"])
                ),
                scores,
            )
        )
    return PlainList(
        items,
        className="index-phone-list ps-3",
    )


def _edition_memo(prepared: dict):
    """Each edition's rows, selected once per data version (kept in the prepared dict)."""
    memo = prepared.setdefault("edition_rows", {})

    def rows(edition: str) -> pd.DataFrame:
        if edition not in memo:
            memo[edition] = figs.edition_rows(prepared["results"], edition)
        return memo[edition]

    return rows


def view(prepared: dict, state: PageState) -> dict:
    """Every chart of the page for the filters, edition, bands and sort order."""
    res = prepared["results"]
    edition = str(state.param(EDITION_KEY, prepared["default_edition"]))
    pop, fb = state.param(POP_KEY), state.param(FB_KEY)
    sort = str(state.param(SORT_KEY, DEFAULT_SORT))
    cities = filter_cities(prepared["cities"], state.filters)
    rows = figs.select_rows(res, cities, edition, pop=pop, fb=fb, memo=_edition_memo(prepared))
    rows = figs.sort_rows(rows, sort)
    size = per_page(state)
    shown, page, pages = figs.page_of(rows, _int(state.param(PAGE_KEY, 1), 1), size)
    lens_all = figs.lens_table(rows)
    lens_rows = figs.page_of(lens_all, page, size)[0]
    labels = {str(o["value"]): o["label"] for o in prepared["editions"]}
    label = labels.get(edition, edition)
    count = (
        ngettext(
            "{n} city shown, {edition}; sorted by {sort}",
            "{n} cities shown, {edition}; sorted by {sort}",
            len(rows),
        ).format(
            n=formats.number(len(rows)),
            edition=label.split(" (")[0],
            sort=figs.sort_label(sort).lower(),
        )
        + (
            _("; page {page} of {pages}, cities {first}-{last} (download for all).").format(
                page=page,
                pages=pages,
                first=formats.number((page - 1) * size + 1),
                last=formats.number((page - 1) * size + len(shown)),
            )
            if pages > 1
            else "."
        )
        if not rows.empty
        else _(figs.EMPTY) + "."
    )
    described = (
        f"{state.filters.describe()}; edition={edition}, population={pop or _('any')}, "
        f"foreign-born={fb or _('any')}"
    )
    basis = pd.DataFrame({"source": peers.flat_sources(rows) if not rows.empty else []}).assign(
        illustrative=bool(rows["illustrative"].any()) if not rows.empty else False
    )
    cols = ["city", "country", "year", "edition", "overall", "lens", *figs.areas_present(rows)]
    table = rows[cols] if not rows.empty else pd.DataFrame(columns=cols)
    heat_px = 150 + figs.ROW_PX * len(shown) if not rows.empty else 300
    lens_px = max(300, 130 + figs.ROW_PX * len(lens_rows)) if not rows.empty else 300
    return {
        COUNT: count,
        PHONE_LIST: phone_list(shown),
        "page_max": pages,
        HEATMAP.id: ChartResult(
            lambda ill: figs.heatmap(shown, illustrative=ill),
            table,
            basis,
            filters=described,
            caption=heatmap_caption(rows, label.split(" (")[0]),
        ),
        "heatmap_style": _height(heat_px),
        SPREAD.id: ChartResult(
            lambda ill: figs.distribution(rows, illustrative=ill),
            table,
            basis,
            filters=described,
            caption=spread_caption(rows),
        ),
        LENS.id: ChartResult(
            lambda ill: figs.lens_bars(lens_rows, illustrative=ill),
            lens_all.drop(columns="illustrative"),
            basis,
            filters=described,
            caption=lens_caption(lens_all),
        ),
        "lens_style": _height(lens_px),
    }


# Captions: the charts in words, from their own rows, in the request's language. They name
# no city: the Index is a learning tool, not a ranking (issue 11).


def heatmap_caption(rows: pd.DataFrame, edition: str) -> str:
    """The heatmap in words: how many cities, and the span of their overall scores."""
    overall = pd.to_numeric(rows["overall"], errors="coerce").dropna() if not rows.empty else []
    if not len(overall):
        return _(figs.EMPTY) + "."
    return ngettext(
        "{n} city with Index results ({edition}); overall score {low} to {high}, median {median}.",
        "{n} cities with Index results ({edition}); overall scores {low} to {high}, median "
        "{median}.",
        len(rows),
    ).format(
        n=formats.number(len(rows)),
        edition=edition,
        low=formats.number(overall.min()),
        high=formats.number(overall.max()),
        median=formats.number(overall.median()),
    )


def area_means_caption(means: pd.Series, n: int) -> str:
    """Mean score per area (slug -> mean over `n` cities) in words: the lowest and highest
    area means (the Index page's spread and the Index slide)."""
    means = means.dropna()
    if means.empty or not n:
        return _(figs.EMPTY) + "."
    high, low = means.idxmax(), means.idxmin()
    return ngettext(
        "Mean score per area, {n} city: from {low} ({low_area}) to {high} ({high_area}).",
        "Mean score per area, {n} cities: from {low} ({low_area}) to {high} ({high_area}).",
        n,
    ).format(
        n=formats.number(n),
        low=formats.number(means[low]),
        low_area=figs.column_name(low, full=True),
        high=formats.number(means[high]),
        high_area=figs.column_name(high, full=True),
    )


def spread_caption(rows: pd.DataFrame) -> str:
    """The spread chart in words: the areas' means, lowest and highest."""
    if rows.empty:
        return _(figs.EMPTY) + "."
    areas = figs.areas_present(rows)
    means = rows[areas].apply(pd.to_numeric, errors="coerce").mean() if areas else pd.Series()
    return area_means_caption(means, len(rows))


def lens_caption(lens: pd.DataFrame) -> str:
    """The lens chart in words: how many cities have the composite, its median and the
    overall median of the same cities."""
    if lens.empty:
        return _(figs.EMPTY) + "."
    return ngettext(
        "{n} city with an intercultural-lens score: median {lens}, median overall {overall}.",
        "{n} cities with an intercultural-lens score: median {lens}, median overall {overall}.",
        len(lens),
    ).format(
        n=formats.number(len(lens)),
        lens=formats.number(lens["lens"].median()),
        overall=formats.number(pd.to_numeric(lens["overall"], errors="coerce").median()),
    )
