"""Networks view: the national and regional networks as of the year, members, map, growth."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from dash import html

from dashboard import formats
from dashboard.cards import Card, ChartResult
from dashboard.figures import maps
from dashboard.figures import networks as figs
from dashboard.figures.common import empty_figure
from dashboard.figures.datasets import html_table
from dashboard.i18n import N_, _, ngettext
from dashboard.urlstate import Filters, PageState
from data_loaders import countries

PAGE = "networks"
SUMMARY = "networks-summary"
MEMBERS = "networks-members"
UNPLACED = "networks-unplaced"
COUNT = "networks-count"
MAP = Card(
    "networks-map",
    PAGE,
    N_("Members on the map"),
    help=N_("Colour: network; marker area follows population; the networks' countries are shaded."),
    height=460,
)
BOTH = Card(
    "networks-both",
    PAGE,
    N_("Also international ICC members?"),
    help=N_(
        "Members of each network that are also members of the international ICC network, "
        "and those in the national network only."
    ),
    height=460,
)
GROWTH = Card(
    "networks-growth",
    PAGE,
    N_("Growth: members by the year they joined"),
    help=N_(
        "Members on file counted from the year they joined their network (where the year is known)."
    ),
)
CARDS = (MAP, BOTH, GROWTH)
OUTPUTS = {
    COUNT: (COUNT, "children"),
    SUMMARY: (SUMMARY, "children"),
    MEMBERS: (MEMBERS, "children"),
    UNPLACED: (UNPLACED, "children"),
}
FILTERS = ("year", "continent", "country", "network")
PARAMS: tuple[str, ...] = ()
FRAMES = ("cities", "networks", "network_members", "metrics")
MEMBERS_SHOWN = 200  # rows of the members table on the page; the download holds them all
MEMBER_COLUMNS = ["network", "city", "country", "joined", "international_member", "lat", "lon"]


def prepare(frames: Mapping[str, pd.DataFrame]) -> dict:
    """Networks, and their members with country name and population (for the map)."""
    cities = frames["cities"]
    info = cities[["city", "country", "country_name", "continent", "population"]]
    if "joined" in cities:  # the year each joined ICC itself (international membership)
        info = info.assign(icc_joined=pd.to_numeric(cities["joined"], errors="coerce"))
    members = frames["network_members"].merge(info, on=["city", "country"], how="left")
    members["country_name"] = formats.country_names(
        members["country"], members["country_name"].fillna(members["country"])
    )
    networks = frames["networks"].copy()
    if "country_name" in networks:
        networks["country_name"] = formats.country_names(
            networks["country"], networks["country_name"]
        )
    # The map's hover text once per data version (without the network joining year, which
    # the map leaves out: "Joined ICC" would misread it).
    members["hover"] = maps.hover_texts(members.drop(columns=["joined"]))
    continent_of = dict(zip(cities["country"], cities["continent"], strict=True))
    for code in networks["country"]:
        continent_of.setdefault(code, countries.continent(code))
    metrics = frames["metrics"]
    sizes = metrics[metrics["metric"] == "network_members"] if "network" in metrics else None
    return {
        "networks": networks,
        "members": members,
        "continent_of": continent_of,
        "sizes": sizes if sizes is not None else metrics.iloc[0:0],
    }


def reported_sizes(sizes: pd.DataFrame, year: int | None) -> dict[str, str]:
    """Per network: its latest published size up to `year`, as published ("25 (2017)")."""
    if sizes.empty:
        return {}
    rows = sizes if year is None else sizes[sizes["year"] <= year]
    rows = rows.assign(_order=rows["date"].fillna("").astype(str)).sort_values(["year", "_order"])
    out = {}
    for r in rows.itertuples():
        qualifier = getattr(r, "value_qualifier", "") or ""
        qualifier = "" if qualifier != qualifier else qualifier
        when = str(r.date) if str(r.date or "") not in ("", "nan") else str(r.year)
        out[str(r.network)] = f"{formats.qualified(round(r.value), qualifier)} ({when})"
    return out


def undated_sizes(
    networks: pd.DataFrame, dated: Mapping[str, str], year: int | None = None
) -> dict[str, str]:
    """Per network without a dated size: the size it gives as published but without a
    date (C6), shown as "28 (date not on file)" rather than hidden."""
    if "members_status" not in networks or "members" not in networks:
        return {}
    out = {}
    for r in networks.itertuples():
        if str(r.network) in dated or pd.isna(r.members):
            continue
        if getattr(r, "members_status", "") != "published":
            continue  # a count of the members on file is not a published size
        when = str(getattr(r, "members_date", "") or "").strip()
        qualifier = getattr(r, "members_qualifier", "") or ""
        qualifier = "" if qualifier != qualifier else qualifier
        shown = formats.qualified(round(float(r.members)), qualifier)
        if year is not None and when[:4].isdigit() and int(when[:4]) > year:
            continue  # published after the year shown
        if when in ("", "nan", "None", "undated"):
            out[str(r.network)] = _("{n} (date not on file)").format(n=shown)
        else:
            out[str(r.network)] = f"{shown} ({when})"
    return out


def selected(
    prepared: Mapping, filters: Filters, year: int | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The networks the filters select as of `year`, and their members on file by then
    (page, slide and deck)."""
    networks, members = figs.as_of(prepared["networks"], prepared["members"], year)
    shown = figs.select_networks(
        networks,
        network=filters.network,
        country=filters.country,
        continent=filters.continent,
        continent_of=prepared["continent_of"],
    )
    return shown, members[members["network"].isin(shown["network"])]


def _count(shown: pd.DataFrame, rows: pd.DataFrame, year: int | None) -> str:
    as_of = _("In {year}: ").format(year=year) if year is not None else ""
    if shown.empty:
        return as_of + _(figs.EMPTY) + "."
    active = int((shown["status"] == "active").sum())
    forming = int((shown["status"] == "forming").sum())
    return as_of + ngettext(
        "{n} network shown ({active} active, {forming} forming), {members} member cities on "
        "file, {intl} of them also international ICC members.",
        "{n} networks shown ({active} active, {forming} forming), {members} member cities on "
        "file, {intl} of them also international ICC members.",
        len(shown),
    ).format(
        n=len(shown),
        active=active,
        forming=forming,
        members=formats.number(len(rows)),
        intl=formats.number(int(rows["international_member"].sum())),
    )


def _table(frame: pd.DataFrame) -> pd.DataFrame:
    """A table as the page shows it: headings and yes/no, status and scope words translated."""
    words = {"yes", "not on file", "national", "regional", *figs.STATUS_LABELS.values()}
    out = frame.rename(columns=lambda c: _(str(c)))
    for col in out.columns:
        out[col] = out[col].map(lambda v: _(v) if isinstance(v, str) and v in words else v)
    return out


def map_caption(shown: pd.DataFrame, rows: pd.DataFrame, unplaced: list) -> str:
    """The networks' map in words: members, networks, countries, not placed."""
    if shown.empty:
        return _(figs.EMPTY) + "."
    text = _("{n} member cities of {k} networks on file, in {c} countries.").format(
        n=formats.number(len(rows)),
        k=len(shown),
        c=rows["country"].nunique() if not rows.empty else 0,
    )
    if unplaced:
        text += " " + _("{n} not on the map (no coordinates on file).").format(n=len(unplaced))
    return text


def both_caption(shown: pd.DataFrame, rows: pd.DataFrame) -> str:
    """The membership chart in words: how many are international members too, and where most."""
    if shown.empty or rows.empty:
        return _(figs.EMPTY) + "."
    intl = rows.groupby("network")["international_member"].sum()
    top = str(intl.idxmax())
    return _(
        "{intl} of {total} network members are also international ICC members; "
        "the most in {network} ({n})."
    ).format(
        intl=formats.number(int(intl.sum())),
        total=formats.number(len(rows)),
        network=top,
        n=int(intl.max()),
    )


def growth_caption(rows: pd.DataFrame) -> str:
    """The growth chart in words: members with a joining year, the largest network."""
    table = figs.growth_table(rows)
    if table.empty:
        return _("No joining year on file for these networks' members") + "."
    last = table.sort_values("year").groupby("network").tail(1)
    top = last.sort_values(["members", "network"], ascending=[False, True]).iloc[0]
    return _(
        "{n} members with a joining year, from {first} to {last}; the largest network is "
        "{network} ({m})."
    ).format(
        n=formats.number(int(last["members"].sum())),
        first=int(table["year"].min()),
        last=int(table["year"].max()),
        network=top["network"],
        m=int(top["members"]),
    )


def members_table(table: pd.DataFrame) -> html.Div | object:
    """The members table, its first MEMBERS_SHOWN rows with a notice when there are more."""
    if len(table) <= MEMBERS_SHOWN:
        return html_table(table, table_id=MEMBERS + "-rows")
    return html.Div(
        [
            html.P(
                _(
                    'Showing {shown} of {total} member cities; download the data of "{title}" '
                    "(CSV or Excel) for all of them."
                ).format(
                    shown=formats.number(MEMBERS_SHOWN),
                    total=formats.number(len(table)),
                    title=_(MAP.title),
                ),
                className="small text-muted mb-1",
                id=MEMBERS + "-capped",
            ),
            html_table(table.head(MEMBERS_SHOWN), table_id=MEMBERS + "-rows"),
        ]
    )


def view(prepared: dict, state: PageState) -> dict:
    """Everything on the page for the networks the filters select, as of the year."""
    year, filters = state.year, state.filters
    shown, rows = selected(prepared, filters, year)
    members = prepared["members"]
    names = dict(zip(members["country"], members["country_name"], strict=True))
    unplaced = maps.unplaced_names(rows.drop_duplicates(["city", "country"]))
    basis = pd.concat([rows, shown], ignore_index=True)
    sizes = reported_sizes(prepared.get("sizes", pd.DataFrame()), year)
    sizes.update(undated_sizes(shown, sizes, year))
    summary_rows = figs.summary_table(shown, rows).assign(
        **{"Members reported": lambda t: t["Network"].map(lambda n: sizes.get(n, ""))}
    )
    fig_map = maps.city_map(
        rows.drop(columns=["joined"]) if not rows.empty else rows,
        "network",
        shade_iso3=shown["iso3"].dropna(),
        shade_labels=[f"{n} ({c})" for n, c in zip(shown["name"], shown["network"], strict=True)],
        fit=not rows.empty,
        empty_message=_("No member city of these networks on file"),
    )
    founded = int(shown["founded"].max()) if shown["founded"].notna().any() else None
    last_year = year if year is not None else founded
    described = filters.describe()
    return {
        COUNT: _count(shown, rows, year),
        SUMMARY: html_table(_table(summary_rows), table_id=SUMMARY + "-rows")
        if not shown.empty
        else html.P(_(figs.EMPTY), className="mb-0"),
        MEMBERS: members_table(_table(figs.member_table(rows, names)))
        if not rows.empty
        else html.P(_("No member city on file for these networks."), className="mb-0"),
        UNPLACED: _("Not on the map (no coordinates on file): ") + ", ".join(unplaced) + "."
        if unplaced
        else "",
        MAP.id: ChartResult(
            fig_map,
            rows[MEMBER_COLUMNS],
            basis,
            title=_("Members of national and regional networks"),
            filters=described,
            caption=map_caption(shown, rows, unplaced),
        ),
        BOTH.id: ChartResult(
            lambda ill: figs.membership_figure(shown, rows, illustrative=ill),
            summary_rows,
            basis,
            title=_("Network members that are also international ICC members"),
            filters=described,
            caption=both_caption(shown, rows),
        ),
        GROWTH.id: ChartResult(
            (lambda ill: figs.growth_figure(rows, last_year=last_year, illustrative=ill))
            if not shown.empty
            else empty_figure(_(figs.EMPTY)),
            figs.growth_table(rows),
            rows,
            title=_("Network members by joining year"),
            filters=described,
            caption=growth_caption(rows) if not shown.empty else _(figs.EMPTY) + ".",
        ),
    }
