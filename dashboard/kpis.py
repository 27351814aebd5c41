"""Key figures of a year, with their change on the year before and their sources.

Pure functions over the frames of `data_loaders.queries`; the overview page, the
presentation view and the slide deck all take their KPIs from here, so they agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from dashboard.figures.common import SOURCE_SEPARATOR, publications
from dashboard.urlstate import Filters
from data_loaders import vocab


@dataclass(frozen=True)
class Kpi:
    """One key figure of a year."""

    key: str
    label: str
    value: float | None
    previous: float | None = None
    detail: str = ""  # e.g. "87 on file" or "270 participants"
    sources: tuple[str, ...] = ()
    illustrative: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def change(self) -> float | None:
        """Change on the year before (None when either year is unknown)."""
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    def value_text(self) -> str:
        """The value as shown ("121", "2,475", "n/a")."""
        return "n/a" if self.value is None else f"{self.value:,.0f}"

    def change_text(self, year: int) -> str:
        """ "+526 on 2016" / "no change on 2016" / "not recorded for 2016" (value known, the
        year before not: its change is unknown, not the whole value) / "" (value unknown)."""
        if self.value is None:
            return ""
        change = self.change
        if change is None:
            return f"not recorded for {year - 1}"
        if change == 0:
            return f"no change on {year - 1}"
        return f"{change:+,.0f} on {year - 1}"

    def source_text(self) -> str:
        """The sources in one line."""
        return SOURCE_SEPARATOR.join(self.sources) if self.sources else "no source recorded"


def _sources(*series: pd.Series) -> tuple[str, ...]:
    """The publications behind the rows, short (see `figures.common.publications`)."""
    return tuple(publications(pd.concat([s.astype("object") for s in series])))


def _ill(*series: pd.Series) -> bool:
    return any(
        s.fillna("").astype(str).str.lower().str.contains("illustrative").any() for s in series
    )


def members_on_file(cities: pd.DataFrame, year: int) -> pd.DataFrame:
    """International member cities on file in `year` (joined by then, not left before)."""
    joined = cities["joined"]
    left = cities["left"]
    mask = joined.notna() & (joined <= year) & (left.isna() | (left > year))
    return cities[mask.fillna(False).astype(bool)]


def _metric(metrics: pd.DataFrame, name: str, year: int) -> pd.Series | None:
    rows = metrics[(metrics["metric"] == name) & (metrics["year"] == year)]
    return None if rows.empty else rows.iloc[0]


def _filtered(filters: Filters | None) -> bool:
    return bool(filters and (filters.continent or filters.country or filters.network))


def _member_kpi(cities: pd.DataFrame, metrics: pd.DataFrame, year: int, filtered: bool) -> Kpi:
    now, before = members_on_file(cities, year), members_on_file(cities, year - 1)
    reported = None if filtered else _metric(metrics, "members_total", year)
    reported_prev = None if filtered else _metric(metrics, "members_total", year - 1)
    if reported is not None:
        prev = float(reported_prev["value"]) if reported_prev is not None else None
        notes = () if prev is not None else (f"no reported total for {year - 1}",)
        return Kpi(
            "members",
            "Member cities",
            float(reported["value"]),
            prev,
            detail=f"{len(now)} on file",
            sources=(str(reported["source"]),),
            illustrative=vocab.is_illustrative(reported["source"]),
            notes=notes,
        )
    return Kpi(
        "members",
        "Member cities",
        float(len(now)),
        float(len(before)),
        detail="cities on file" + (" (filtered)" if filtered else "; no reported total"),
        sources=_sources(now["source"]),
        illustrative=_ill(now["source"]),
    )


def _total(values: pd.Series) -> float | None:
    """The sum of the recorded values; None when none is recorded (never a made-up 0)."""
    recorded = pd.to_numeric(values, errors="coerce").dropna()
    return None if recorded.empty else float(recorded.sum())


def _followers_kpi(platform: str, rows: pd.DataFrame, year: int) -> Kpi:
    """A platform's followers at the end of `year` (its latest figure of the year); for a
    year without a figure, no value and a detail naming the latest figure before it."""
    key, label = f"followers_{vocab.norm_key(platform)}", f"{platform} followers"
    this = rows[rows["year"] == year].tail(1)
    last = rows[rows["year"] == year - 1].tail(1)
    if this.empty:
        before = rows[rows["year"] < year].tail(1)
        shown = before if not before.empty else rows.head(1)
        word = "latest" if not before.empty else "first on file"
        detail = f"no figure for {year}"
        if not shown.empty:
            row = shown.iloc[0]
            detail += f" ({word}: {row['followers']:,.0f} on {row['date']:%d %b %Y})"
        return Kpi(
            key,
            label,
            None,
            detail=detail,
            sources=_sources(shown["source"]),
            illustrative=_ill(shown["source"]),
        )
    row = this.iloc[0]
    return Kpi(
        key,
        label,
        float(row["followers"]),
        float(last.iloc[0]["followers"]) if not last.empty else None,
        detail=f"on {row['date']:%d %b %Y}" + (" (derived)" if row["derived"] else ""),
        sources=_sources(this["source"], last["source"]),
        illustrative=_ill(this["source"], last["source"]),
    )


def compute_kpis(
    frames: Mapping[str, pd.DataFrame], year: int, filters: Filters | None = None
) -> list[Kpi]:
    """The KPIs of `year`: members, countries, continents, Index cities, networks,
    followers per platform, newsletters, news items, events and participants."""
    from dashboard.data import filter_cities

    filtered = _filtered(filters)
    cities = frames["cities"]
    if filters is not None:
        cities = filter_cities(cities, filters)
    metrics = frames["metrics"]
    kpis = [_member_kpi(cities, metrics, year, filtered)]

    now, before = members_on_file(cities, year), members_on_file(cities, year - 1)
    kpis.append(
        Kpi(
            "countries",
            "Countries",
            float(now["country"].nunique()),
            float(before["country"].nunique()),
            detail="of member cities on file",
            sources=_sources(now["source"]),
            illustrative=_ill(now["source"], before["source"]),
        )
    )
    kpis.append(
        Kpi(
            "continents",
            "Continents",
            float(now["continent"].replace("", pd.NA).dropna().nunique()),
            float(before["continent"].replace("", pd.NA).dropna().nunique()),
            detail="of member cities on file",
            sources=_sources(now["source"]),
            illustrative=_ill(now["source"], before["source"]),
        )
    )

    index = frames["index"]
    keys = set(zip(cities["city"], cities["country"], strict=True))
    # A boolean Series, not a list: an empty list would select no columns, not no rows.
    in_scope = index[
        pd.Series(
            [k in keys for k in zip(index["city"], index["country"], strict=True)],
            index=index.index,
            dtype=bool,
        )
    ]
    done_now = in_scope[in_scope["year"] <= year][["city", "country"]].drop_duplicates()
    done_before = in_scope[in_scope["year"] <= year - 1][["city", "country"]].drop_duplicates()
    reported = None if filtered else _metric(metrics, "index_cities_total", year)
    if reported is not None:
        prev_row = _metric(metrics, "index_cities_total", year - 1)
        kpis.append(
            Kpi(
                "index_cities",
                "Cities with Index results",
                float(reported["value"]),
                float(prev_row["value"]) if prev_row is not None else None,
                detail=f"{len(done_now)} on file",
                sources=(str(reported["source"]),),
                illustrative=vocab.is_illustrative(reported["source"]),
            )
        )
    else:
        used = in_scope[in_scope["year"] <= year]
        kpis.append(
            Kpi(
                "index_cities",
                "Cities with Index results",
                float(len(done_now)),
                float(len(done_before)),
                detail="on file, any edition up to the year",
                sources=_sources(used["source"]),
                illustrative=bool(used["illustrative"].any()) if not used.empty else False,
            )
        )

    networks = frames["networks"]
    if filters is not None and filters.country:
        networks = networks[networks["country"] == filters.country]
    if filters is not None and filters.network:
        networks = networks[networks["network"] == filters.network]
    founded = networks["founded"]

    def active_in(y: int) -> int:
        return int(((founded.notna()) & (founded <= y) & (networks["status"] == "active")).sum())

    reported = None if filtered else _metric(metrics, "national_networks", year)
    forming = None if filtered else _metric(metrics, "networks_forming", year)
    if reported is not None:
        value = float(reported["value"])
        detail = f"{int(forming['value'])} forming" if forming is not None else ""
        prev_row = _metric(metrics, "national_networks", year - 1)
        sources = (str(reported["source"]),)
        ill = vocab.is_illustrative(reported["source"])
        prev = float(prev_row["value"]) if prev_row is not None else None
    else:
        value = float(active_in(year))
        prev = float(active_in(year - 1))
        n_forming = int((networks["status"] == "forming").sum())
        detail = f"{n_forming} forming (current status)"
        sources = _sources(networks["source"])
        ill = _ill(networks["source"])
    kpis.append(
        Kpi("networks", "National networks", value, prev, detail, sources, illustrative=ill)
    )

    followers = frames["followers"]
    for platform in sorted(followers["platform"].unique()) if not followers.empty else []:
        rows = followers[(followers["platform"] == platform) & followers["followers"].notna()]
        kpis.append(_followers_kpi(platform, rows.sort_values("date"), year))

    activities = frames["activities"]
    if filters is not None and (filters.country or filters.continent):
        scope_countries = set(cities["country"])
        activities = activities[activities["country"].isin(scope_countries)]
    for kind, label in (("newsletter", "Newsletters"), ("news", "News items")):
        this = activities[(activities["kind"] == kind) & (activities["year"] == year)]
        last = activities[(activities["kind"] == kind) & (activities["year"] == year - 1)]
        kpis.append(
            Kpi(
                kind,
                label,
                _total(this["items"]),
                _total(last["items"]),
                sources=_sources(this["source"]),
                illustrative=_ill(this["source"], last["source"]),
            )
        )
    events = activities[activities["is_event"] & (activities["year"] == year)]
    events_before = activities[activities["is_event"] & (activities["year"] == year - 1)]
    participants = _total(events["participants"])
    kpis.append(
        Kpi(
            "events",
            "Events",
            _total(events["items"]),
            _total(events_before["items"]),
            detail="no participants recorded"
            if participants is None
            else f"{participants:,.0f} participants recorded",
            sources=_sources(events["source"]),
            illustrative=_ill(events["source"], events_before["source"]),
        )
    )
    kpis.append(
        Kpi(
            "participants",
            "Event participants",
            participants,
            _total(events_before["participants"]),
            detail="where recorded" if participants is not None else f"none recorded for {year}",
            sources=_sources(events["source"]),
            illustrative=_ill(events["source"], events_before["source"]),
        )
    )
    return kpis
