"""Figures and tables of the networks page: national and regional networks, their members,
their growth, and which members are also international ICC members."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.common import (
    PALETTE,
    YEAR_TICKS,
    empty_figure,
    figure,
    mark_illustrative,
)
from dashboard.figures.common import escape as _esc
from dashboard.i18n import N_, _

STATUS_LABELS = {
    "active": N_("Active"),
    "forming": N_("Forming (announced, under construction)"),
}
EMPTY = N_("No national or regional network matches these filters")
# The tables' headings and values (translated where the page shows them), for the catalogue.
TABLE_WORDS = (
    N_("Network"), N_("Name"), N_("Country"), N_("Status"), N_("Scope"),
    N_("First on file"), N_("Active since"),
    N_("Members on file"), N_("Also international ICC members"), N_("City"),
    N_("Joined the network"), N_("International ICC member"), N_("Members reported"),
    N_("yes"), N_("not on file"), N_("national"), N_("regional"),
)  # fmt: skip


def _int(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(int(value))


def as_of(
    networks: pd.DataFrame, members: pd.DataFrame, year: int | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The networks founded by `year` (or with no founding year on file) and their members
    that had joined by then (or whose joining year is not on file); all when `year` is None."""
    if year is None:
        return networks, members
    founded = pd.to_numeric(networks["founded"], errors="coerce")
    networks = networks[(founded.isna() | (founded <= year)).to_numpy()]
    from dashboard.kpis import active_since

    # The status as of the year: forming from founding until it became active.
    since = active_since(networks)
    active = since.notna() & (since <= year)
    networks = networks.assign(status=["active" if a else "forming" for a in active])
    joined = pd.to_numeric(members["joined"], errors="coerce")
    in_time = (joined.isna() | (joined <= year)).to_numpy()
    members = members[in_time & members["network"].isin(networks["network"]).to_numpy()]
    if "icc_joined" in members:
        # An international member as of the year: Sherbrooke (REMIRI) joined ICC in 2021,
        # so in 2017 it is a network member only.
        icc = pd.to_numeric(members["icc_joined"], errors="coerce")
        members = members.assign(
            international_member=members["international_member"].astype(bool)
            & (icc.isna() | (icc <= year)).to_numpy()
        )
    return networks, members


def select_networks(
    networks: pd.DataFrame,
    *,
    network: str | None = None,
    country: str | None = None,
    continent: str | None = None,
    continent_of: dict[str, str] | None = None,
) -> pd.DataFrame:
    """The networks shown: one network, those of a country, or those of a continent
    (`continent_of` maps country codes to continents)."""
    out = networks
    if network:
        out = out[out["network"] == network]
    if country:
        out = out[out["country"] == country]
    if continent:
        out = out[out["country"].map(continent_of or {}) == continent]
    return out


def summary_table(networks: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """One row per network: code, name, country, status, founded, members on file, and how
    many of them are also international ICC members."""
    intl = members.groupby("network")["international_member"].sum()
    counts = members.groupby("network").size()
    return pd.DataFrame(
        {
            "Network": networks["network"],
            "Name": networks["name"],
            "Country": networks["country_name"].fillna(networks["country"]),
            "Status": networks["status"].map(STATUS_LABELS).fillna(networks["status"]),
            "Scope": networks.get("scope", pd.Series("national", index=networks.index))
            .fillna("national")
            .to_numpy(),
            # The first year a source names the network (forming or founded), and the year
            # it became active: ICANN "under construction" in 2017, active in 2022.
            "First on file": networks["founded"].map(_int),
            "Active since": networks["active_since"].map(_int)
            if "active_since" in networks.columns
            else "",
            # Counted from the members shown, so that a year's view counts that year's.
            "Members on file": [int(counts.get(n, 0)) for n in networks["network"]],
            "Also international ICC members": [int(intl.get(n, 0)) for n in networks["network"]],
        }
    ).reset_index(drop=True)


def member_table(members: pd.DataFrame, countries: dict[str, str] | None = None) -> pd.DataFrame:
    """The members of the networks shown: network, city, country, year joined, and whether
    the city is also an international ICC member."""
    rows = members.sort_values(["network", "city"])
    names = rows["country"].map(countries or {}).fillna(rows["country"])
    return pd.DataFrame(
        {
            "Network": rows["network"],
            "City": rows["city"],
            "Country": names,
            "Joined the network": rows["joined"].map(_int),
            "International ICC member": rows["international_member"].map(
                # No source says a city is NOT an international member: only that it is
                # not among the international members on file.
                {True: "yes", False: "not on file"}
            ),
        }
    ).reset_index(drop=True)


def growth_table(members: pd.DataFrame) -> pd.DataFrame:
    """Members per network and joining year, with the running total (known years only)."""
    known = members.dropna(subset=["joined"])
    if known.empty:
        return pd.DataFrame(columns=["network", "year", "joined", "members"])
    counts = (
        known.assign(year=known["joined"].astype(int))
        .groupby(["network", "year"])
        .size()
        .rename("joined")
        .reset_index()
    )
    counts["members"] = counts.groupby("network")["joined"].cumsum()
    return counts


def growth_figure(
    members: pd.DataFrame, *, last_year: int | None = None, illustrative: bool = False
) -> go.Figure:
    """Members of each network over time, by joining year (a step line per network)."""
    table = growth_table(members)
    if table.empty:
        return empty_figure(_("No joining year on file for these networks' members"))
    last = max(int(table["year"].max()), last_year or 0)
    traces = []
    for i, (net, rows) in enumerate(table.groupby("network", sort=True)):
        years = [*rows["year"].tolist(), last] if rows["year"].iloc[-1] < last else rows["year"]
        values = rows["members"].tolist()
        if len(years) > len(values):
            values = [*values, values[-1]]
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "line": {"shape": "hv", "color": PALETTE[i % len(PALETTE)], "width": 2},
                "x": list(years),
                "y": values,
                "name": _esc(net),
                "hovertemplate": _esc(net) + ", %{x}: %{y} " + _("members") + "<extra></extra>",
            }
        )
    unknown = int(members["joined"].isna().sum())
    fig = figure(
        traces,
        xaxis={"gridcolor": "#e5e5e5", **YEAR_TICKS},
        yaxis={
            "title": {"text": _("Members on file")},
            "rangemode": "tozero",
            "gridcolor": "#e5e5e5",
        },
    )
    if unknown:
        fig.add_annotation(
            text=_("{n} member(s) without a joining year are not counted").format(n=unknown),
            xref="paper",
            yref="paper",
            x=0,
            y=1.02,
            xanchor="left",
            yanchor="bottom",
            showarrow=False,
            font={"size": 11, "color": "#555"},
        )
    return mark_illustrative(fig, illustrative)


def membership_figure(
    networks: pd.DataFrame, members: pd.DataFrame, *, illustrative: bool = False
) -> go.Figure:
    """Per network: members that are also international ICC members, and those that are not."""
    if networks.empty:
        return empty_figure(_(EMPTY))
    both = members.groupby("network")["international_member"].sum()
    total = members.groupby("network").size()
    order = sorted(networks["network"], key=lambda n: (int(total.get(n, 0)), n))
    intl = [int(both.get(n, 0)) for n in order]
    national = [int(total.get(n, 0)) - i for n, i in zip(order, intl, strict=True)]
    labels = [_esc(n) for n in order]
    fig = figure(
        [
            {
                "type": "bar",
                "orientation": "h",
                "y": labels,
                "x": intl,
                "name": _("Also international ICC member"),
                "marker": {"color": PALETTE[0]},
                "hovertemplate": "%{y}: %{x} "
                + _("also international members")
                + "<extra></extra>",
            },
            {
                "type": "bar",
                "orientation": "h",
                "y": labels,
                "x": national,
                "name": _("Not on file as an international member"),
                "marker": {"color": PALETTE[4]},
                "hovertemplate": "%{y}: %{x} "
                + _("not on file as international members")
                + "<extra></extra>",
            },
        ],
        barmode="stack",
        xaxis={"title": {"text": _("Members on file")}, "gridcolor": "#e5e5e5"},
        yaxis={"automargin": True},
        margin={"l": 8, "r": 16, "t": 24, "b": 40},
    )
    return mark_illustrative(fig, illustrative)
