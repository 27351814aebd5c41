"""What several views share: the members as of a year, the shaded countries, rows in scope,
the Index results prepared once per data version."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from dashboard import peers
from dashboard.data import filter_cities, rows_of_cities
from dashboard.figures.common import escape
from dashboard.i18n import N_, _
from dashboard.kpis import active_since, members_on_file
from dashboard.urlstate import Filters

SHADE_CAPTION = N_("Shaded: countries with a national network active in {year}.")


def members_as_of(cities: pd.DataFrame, year: int | None, filters: Filters) -> pd.DataFrame:
    """The member cities on file in `year` (joined by then, not left before) that match the
    place filters; the current members when no year is known."""
    if year is None:
        return filter_cities(cities[cities["member"]], filters)
    return filter_cities(members_on_file(cities, year), filters)


def shaded(networks: pd.DataFrame, year: int | None, filters: Filters) -> dict[str, object]:
    """The countries the maps shade (every map: page, overview, slide, deck): those with a
    national network founded by `year`, within the country and network filters, with the
    names of their networks."""
    nets = networks[networks["iso3"].notna()]
    if year is not None:
        nets = nets[nets["founded"].notna() & (nets["founded"] <= year)]
        since = active_since(nets)  # active by then, not still forming
        nets = nets[(since.notna() & (since <= year)).to_numpy()]
    if filters.network:
        nets = nets[nets["network"] == filters.network]
    if filters.country:
        nets = nets[nets["country"] == filters.country]
    by_iso3: dict[str, list[str]] = {}
    for r in nets.sort_values("name").itertuples():
        by_iso3.setdefault(str(r.iso3), []).append(
            f"{escape(r.name)} ({escape(r.network)}), {escape(r.status)}"
        )
    return {
        "shade_iso3": tuple(by_iso3),
        "shade_labels": tuple("<br>".join(names) for names in by_iso3.values()),
        "shade_caption": _(SHADE_CAPTION).format(year=year) if by_iso3 and year else "",
    }


def activities_in_scope(
    activities: pd.DataFrame, cities: pd.DataFrame, filters: Filters
) -> pd.DataFrame:
    """Activities located in the filtered places (all of them when no place filter is on)."""
    if filters.continent or filters.country:
        return activities[activities["country"].isin(set(cities["country"]))]
    if filters.network:
        return rows_of_cities(activities, cities)
    return activities


def index_results(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """`peers.prepare_results` of the frames' Index rows: once per data version when the
    frames are the shared `views.Frames` (compare, Index, the city and side-by-side slides
    all read the same one; do not mutate it), else computed here."""
    shared = getattr(frames, "shared", None)
    if shared is None:
        return peers.prepare_results(frames["index"])
    return shared("index-results", lambda f: peers.prepare_results(f["index"]))


def index_results_with_status(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """`index_results` with each score's status beside it (`peers.with_status`), for the
    compare page and its slides: values computed from the scores are marked by it. Once per
    data version on the shared frames (do not mutate it)."""
    shared = getattr(frames, "shared", None)
    if shared is None:
        return peers.with_status(index_results(frames), frames["index"])
    return shared("index-results-status", lambda f: peers.with_status(index_results(f), f["index"]))


def _status_of_rows(rows: pd.DataFrame, field: str) -> pd.Series:
    """Each row's status for `field`: its own `<field>_status`, else the row's mark."""
    from data_loaders import vocab

    column = f"{field}_status"
    if column in rows.columns:
        own = rows[column].astype("object")
        blank = own.isna() | own.astype(str).eq("")
    else:
        own = pd.Series("", index=rows.index, dtype=object)
        blank = pd.Series(True, index=rows.index)
    if "illustrative" in rows.columns:
        fallback = rows["illustrative"].fillna(False).astype(bool)
    elif "source" in rows.columns:
        fallback = rows["source"].map(vocab.is_illustrative).astype(bool)
    else:
        fallback = pd.Series(False, index=rows.index)
    default = fallback.map({True: "illustrative", False: "published"})
    return own.where(~blank, default).astype(str)


def cell_provenance(table: pd.DataFrame, fields: Iterable[str]) -> pd.DataFrame:
    """`table` with, after each value column f of `fields`, `f_qualifier` ("" when exact)
    and `f_status` (published / derived / estimated / illustrative), per value: from the
    row's own provenance columns, else its illustrative mark (downloads and hovers)."""
    out = table.copy()
    for f in fields:
        if f not in out.columns:
            continue
        qual = out[f"{f}_qualifier"] if f"{f}_qualifier" in out.columns else ""
        out[f"{f}_qualifier"] = (
            pd.Series(qual, index=out.index).astype("object").fillna("").astype(str)
        )
        status = _status_of_rows(out, f)
        out[f"{f}_status"] = status.where(out[f].notna(), "")
    # Each value column followed by its qualifier and status.
    order: list[str] = []
    for c in out.columns:
        if any(c == f"{f}_{p}" for f in fields for p in ("qualifier", "status")):
            continue
        order.append(c)
        if c in fields:
            order += [f"{c}_qualifier", f"{c}_status"]
    return out[order]


def summed_provenance(
    rows: pd.DataFrame, by: str, keys: Iterable[object], field: str, kind: str | None = None
) -> tuple[list[str], list[str]]:
    """Per key of `by` (e.g. per year): the qualifier and status of the sum of `field` over
    `rows` of that key. One value is its own status; several summed are derived (or as
    weak as the weakest); a bound in any part carries over to the sum."""
    from dashboard.kpis import _total_qualifier
    from data_loaders import vocab

    if kind is not None and "kind" in rows.columns:
        rows = rows[rows["kind"] == kind]
    statuses = _status_of_rows(rows, field) if not rows.empty else pd.Series(dtype=str)
    quals, stats = [], []
    for key in keys:
        part = rows[rows[by] == key] if not rows.empty else rows
        if part.empty:
            quals.append("")
            stats.append("")
            continue
        quals.append(_total_qualifier(part, field))
        own = statuses.loc[part.index].tolist()
        stats.append(own[0] if len(own) == 1 else vocab.weakest_status(own))
    return quals, stats


def with_provenance(table: pd.DataFrame, rows: pd.DataFrame, columns: Mapping) -> pd.DataFrame:
    """The per-year `table` (download) with, after each value column, its qualifier and
    status per year (`columns`: table column -> (field of the rows, kind or None))."""
    out = table.copy()
    order: list[str] = []
    for col in table.columns:
        order.append(col)
        if col not in columns:
            continue
        field, kind = columns[col]
        quals, stats = summed_provenance(rows, "year", out["year"], field, kind)
        out[f"{col}_qualifier"], out[f"{col}_status"] = quals, stats
        order += [f"{col}_qualifier", f"{col}_status"]
    return out[order]


AS_OF_MEMO = "as_of_memo"  # per year: the members' hover facts as known then


def as_of_year(
    members: pd.DataFrame, year: int | None, prepared: Mapping[str, object]
) -> pd.DataFrame:
    """The members with their map hover as known in `year` (A20): the latest overall Index
    result of that year or before (a later first result is named as later), and the
    national networks active then (one still forming says so; one founded later is left
    out). Without a year, or without the Index and networks frames, the members as given."""
    index, networks = prepared.get("index"), prepared.get("networks")
    if year is None or members.empty or index is None or networks is None:
        return members
    from dashboard.figures import maps

    out = members.copy()
    overall = index[index["indicator"] == "overall"]
    key = out["city"] + "|" + out["country"]
    okey = overall["city"] + "|" + overall["country"]
    known = overall[overall["year"] <= year].assign(_k=okey).sort_values("year")
    latest = known.groupby("_k").tail(1).set_index("_k")
    later = overall[overall["year"] > year].assign(_k=okey).groupby("_k")["year"].min()
    out["latest_overall"] = key.map(latest["score"]).astype(float)
    out["latest_year"] = key.map(latest["year"]).astype("Int64")
    out["index_later"] = key.map(later).astype("Int64").where(out["latest_overall"].isna())
    since = dict(zip(networks["network"], active_since(networks), strict=True))
    founded = dict(
        zip(networks["network"], pd.to_numeric(networks["founded"], errors="coerce"), strict=True)
    )
    joined_net: dict[tuple[str, str], float] = {}
    net_members = prepared.get("network_members")
    if isinstance(net_members, pd.DataFrame) and not net_members.empty:
        for r in net_members[["network", "city", "country", "joined"]].itertuples(index=False):
            if pd.notna(r.joined):
                joined_net[(r.network, f"{r.city}|{r.country}")] = float(r.joined)
    forming = _("{name} (forming in {year})")

    def nets_then(text: object, k: str) -> str:
        kept = []
        for net in [n for n in str(text or "").split(", ") if n]:
            f, s = founded.get(net), since.get(net)
            if f is not None and pd.notna(f) and f > year:
                continue  # not founded yet
            if joined_net.get((net, k), -1) > year:
                continue  # the city joined that network later
            if s is None or pd.isna(s) or s <= year:
                kept.append(net)
            else:
                kept.append(forming.format(name=net, year=year))
        return ", ".join(kept)

    out["networks"] = [nets_then(t, k) for t, k in zip(out["networks"], key, strict=True)]
    out["hover"] = maps.hover_texts(out, as_of=year)
    return out
