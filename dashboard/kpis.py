"""Key figures of a year, with their change on the year before and their sources.

Pure functions over the frames of `data_loaders.queries`; the overview page, the
presentation view and the slide deck all take their KPIs from here, so they agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import pandas as pd

from dashboard import formats, i18n, marks
from dashboard.figures.common import SOURCE_SEPARATOR, publications
from dashboard.i18n import N_, _, pgettext
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
    illustrative: bool = False  # the value itself is not published
    notes: tuple[str, ...] = field(default_factory=tuple)
    change_illustrative: bool = False  # the change: either end is not published
    qualifier: str = ""  # "more than", "about", ... as published ("" = exact)
    previous_qualifier: str = ""
    # What the change is counted on when it is a dated total ("the total of Nov 2020");
    # "" = the year before.
    previous_label: str = ""

    @property
    def change(self) -> float | None:
        """Change on the year before (None when either year is unknown)."""
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    def value_text(self) -> str:
        """The value as shown, with its qualifier ("121", "over 130", "60+", "n/a")."""
        if self.value is None:
            return _("n/a")
        return formats.qualified(round(self.value), self.qualifier)

    def change_text(self, year: int) -> str:
        """ "+526 on 2016" / "no change on 2016" / "not recorded for 2016" (value known, the
        year before not: its change is unknown, not the whole value) / "" (value unknown)."""
        if self.value is None:
            return ""
        change = self.change
        before = year - 1
        if change is None:
            return _("not recorded for {year}").format(year=before)
        text = qualified_change(change, self.qualifier, self.previous_qualifier)
        if text is None:
            return _("change on {year} unknown (both figures are approximate)").format(year=before)
        mark = (
            " (" + _("illustrative") + ")"
            if self.change_illustrative and not self.illustrative
            else ""
        )
        if self.previous_label:
            if text == "0":
                return _("no change on {total}").format(total=self.previous_label) + mark
            return _("{change} on {total}").format(change=text, total=self.previous_label) + mark
        if text == "0":
            return _("no change on {year}").format(year=before) + mark
        return _("{change} on {year}").format(change=text, year=before) + mark

    def source_text(self) -> str:
        """The sources in one line."""
        return SOURCE_SEPARATOR.join(self.sources) if self.sources else _("no source recorded")


LOWER_BOUNDS = frozenset({"more than", "over", "at least"})
UPPER_BOUNDS = frozenset({"fewer than", "up to"})


def qualified_change(change: float, now: str = "", before: str = "") -> str | None:
    """A change between two figures in words that keep their qualifiers: against a lower
    bound the change is "at most", from a lower bound "at least", between approximate
    figures "about"; None when nothing can be said (two bounds the same way)."""
    number = ("+" if change > 0 else "−" if change < 0 else "") + formats.number(abs(change))
    if i18n.current() == "en":
        number = f"{change:+,.0f}"  # as it always was
    if not now and not before:
        return "0" if change == 0 else number
    if now in LOWER_BOUNDS and not before:
        return _("at least {n}").format(n=number)
    if before in LOWER_BOUNDS and not now:
        return _("at most {n}").format(n=number)
    if now in UPPER_BOUNDS and not before:
        return _("at most {n}").format(n=number)
    if before in UPPER_BOUNDS and not now:
        return _("at least {n}").format(n=number)
    if {now, before} <= {"", "about", "some"}:
        return _("about {n}").format(n=number)
    return None


def _sources(*series: pd.Series) -> tuple[str, ...]:
    """The publications behind the rows, short (see `figures.common.publications`)."""
    return tuple(publications(pd.concat([s.astype("object") for s in series])))


def _ill(rows: pd.DataFrame, fields: tuple[str, ...] = ()) -> bool:
    """Whether a value computed from `rows` (their `fields`) is not published."""
    return marks.shows_unpublished(rows, fields)


def _qualifier(row: pd.Series | None, field: str = "value") -> str:
    if row is None:
        return ""
    text = row.get(f"{field}_qualifier", "")
    return "" if text is None or text != text else str(text)


def members_on_file(cities: pd.DataFrame, year: int) -> pd.DataFrame:
    """International member cities on file in `year` (joined by then, not left before)."""
    joined = cities["joined"]
    left = cities["left"]
    mask = joined.notna() & (joined <= year) & (left.isna() | (left > year))
    return cities[mask.fillna(False).astype(bool)]


def metric_of_year(metrics: pd.DataFrame, name: str, year: int) -> pd.Series | None:
    """The network-wide figure `name` of `year`: the one published for the year as a whole
    (an annual report's), else the latest dated point of the year; None when none."""
    rows = metrics[(metrics["metric"] == name) & (metrics["year"] == year)]
    if "network" in rows.columns:
        rows = rows[rows["network"].fillna("") == ""]
    if rows.empty:
        return None
    if "date" in rows.columns:
        dates = rows["date"].fillna("").astype(str)
        whole_year = rows[dates == str(year)]
        if not whole_year.empty:
            return whole_year.iloc[-1]
        return rows.iloc[dates.argsort(kind="stable")].iloc[-1]
    return rows.iloc[0]


def when_text(row: pd.Series | None) -> str:
    """When a dated figure was published: "Nov 2020", "6 Dec 2021", or its year."""
    if row is None:
        return ""
    text = str(row.get("date") or "").strip() if "date" in row else ""
    if text in ("", "nan", "None") or len(text) == 4:
        return str(int(row["year"]))
    try:
        return formats.month(text) if len(text) == 7 else formats.date(text)
    except (ValueError, TypeError):
        return str(int(row["year"]))


def _row_frame(row: pd.Series | None) -> pd.DataFrame:
    return pd.DataFrame([row]) if row is not None else pd.DataFrame()


def _filtered(filters: Filters | None) -> bool:
    return bool(filters and filters.placed)


def _reported_kpi(
    key: str, label: str, metrics: pd.DataFrame, name: str, year: int, detail: str
) -> Kpi | None:
    """A KPI from a network-wide figure published for the year (None when none is)."""
    row = metric_of_year(metrics, name, year)
    if row is None:
        return None
    prev = metric_of_year(metrics, name, year - 1)
    rows = _row_frame(row)
    return Kpi(
        key,
        label,
        float(row["value"]),
        float(prev["value"]) if prev is not None else None,
        detail=detail,
        # The change is read against the previous total: its publication is named too.
        sources=_sources(rows["source"], _row_frame(prev).get("source", pd.Series(dtype=object))),
        illustrative=_ill(rows, ("value",)),
        change_illustrative=marks.change_unpublished(rows, _row_frame(prev), ("value",)),
        qualifier=_qualifier(row),
        previous_qualifier=_qualifier(prev),
        previous_label=_("the total of {when}").format(when=when_text(prev))
        if prev is not None and name.endswith("_total")
        else "",
        notes=()
        if prev is not None
        else (_("no reported figure for {year}").format(year=year - 1),),
    )


def _on_file_kpi(
    key: str, label: str, now: pd.DataFrame, before: pd.DataFrame, count, detail: str
) -> Kpi:
    """A KPI counted from the cities on file (their joining years decide the mark)."""
    return Kpi(
        key,
        label,
        float(count(now)),
        float(count(before)),
        detail=detail,
        sources=_sources(now["source"]),
        illustrative=_ill(now, ("joined",)),
        change_illustrative=marks.change_unpublished(now, before, ("joined",)),
    )


def _member_kpis(cities: pd.DataFrame, metrics: pd.DataFrame, year: int, filtered: bool):
    now, before = members_on_file(cities, year), members_on_file(cities, year - 1)
    out = []
    for key, label, metric, count in (
        ("members", _("Member cities"), "members_total", len),
        ("countries", _("Countries"), "countries_total", lambda c: c["country"].nunique()),
        (
            "continents",
            _("Continents"),
            "continents",
            lambda c: c["continent"].replace("", pd.NA).dropna().nunique(),
        ),
    ):
        on_file = int(count(now))
        on_file_words = {  # French agrees with the noun: pays and continents are masculine
            "members": _("{n} on file"),
            "countries": pgettext("countries", "{n} on file"),
            "continents": pgettext("continents", "{n} on file"),
        }
        detail = on_file_words[key].format(n=formats.number(on_file))
        new = metric_of_year(metrics, "new_members", year) if key == "members" else None
        if new is not None:  # "six cities welcomed in 2017" (annual report)
            welcomed = formats.qualified(int(new["value"]), _qualifier(new))
            detail = _("{n} new; {detail}").format(n=welcomed, detail=detail)
        reported = None if filtered else _reported_kpi(key, label, metrics, metric, year, detail)
        where = (
            _("of member cities on file (filtered)")
            if filtered
            else _("of member cities on file; no reported figure")
        )
        if reported is None and key == "members" and not filtered:
            # No total published for the year: no number stands in for one (F1).
            parts = [_("no reported total for {year}").format(year=year)]
            if new is not None:
                parts.append(_("{n} new").format(n=welcomed))
            parts.append(_("{n} on file").format(n=formats.number(on_file)))
            reported = Kpi(
                key,
                label,
                None,
                detail=" · ".join(parts),
                sources=_sources(
                    pd.concat([now["source"], _row_frame(new).get("source", pd.Series())])
                ),
                illustrative=_ill(now, ("joined",))
                or (new is not None and _ill(_row_frame(new), ("value",))),
            )
        out.append(reported or _on_file_kpi(key, label, now, before, count, where))
    return out


def _total(values: pd.Series) -> float | None:
    """The sum of the recorded values; None when none is recorded (never a made-up 0)."""
    recorded = pd.to_numeric(values, errors="coerce").dropna()
    return None if recorded.empty else float(recorded.sum())


def _total_qualifier(rows: pd.DataFrame, field: str) -> str:
    """The qualifier of a sum: a bound or an approximation in any part carries over."""
    column = f"{field}_qualifier"
    if column not in rows.columns:
        return ""
    qualifiers = {q for q in rows[column].fillna("").astype(str) if q}
    if not qualifiers:
        return ""
    if qualifiers <= LOWER_BOUNDS:
        return "more than" if "more than" in qualifiers or "over" in qualifiers else "at least"
    return "about"


def _followers_kpi(platform: str, rows: pd.DataFrame, year: int) -> Kpi:
    """A platform's followers at the end of `year` (its latest figure of the year); for a
    year without a figure, no value and a detail naming the latest figure before it."""
    key = f"followers_{vocab.norm_key(platform)}"
    label = _("{platform} followers").format(platform=platform)
    this = rows[rows["year"] == year].tail(1)
    last = rows[rows["year"] == year - 1].tail(1)
    if this.empty:
        before = rows[rows["year"] < year].tail(1)
        shown = before if not before.empty else rows.head(1)
        word = _("latest") if not before.empty else _("first on file")
        detail = _("no figure for {year}").format(year=year)
        if not shown.empty:
            row = shown.iloc[0]
            on = _("{n} on {date}").format(
                n=formats.number(row["followers"]), date=formats.date(row["date"])
            )
            detail += " (" + _("{label}: {value}").format(label=word, value=on) + ")"
        return Kpi(
            key,
            label,
            None,
            detail=detail,
            sources=_sources(shown["source"]),
            illustrative=_ill(shown, ("followers",)),
        )
    row = this.iloc[0]
    return Kpi(
        key,
        label,
        float(row["followers"]),
        float(last.iloc[0]["followers"]) if not last.empty else None,
        detail=_("on {date}").format(date=formats.date(row["date"]))
        + (" (" + _("derived") + ")" if row["derived"] else ""),
        sources=_sources(this["source"]),
        illustrative=_ill(this, ("followers",)),
        change_illustrative=marks.change_unpublished(this, last, ("followers",)),
    )


def _index_kpi(index: pd.DataFrame, metrics: pd.DataFrame, year: int, filtered: bool) -> Kpi:
    done_now = index[index["year"] <= year][["city", "country"]].drop_duplicates()
    countries = metric_of_year(metrics, "index_countries", year)
    detail = _("{n} on file").format(n=formats.number(len(done_now)))
    if countries is not None:  # "90 cities and towns across 28 countries" (annual report)
        across = formats.qualified(int(countries["value"]), _qualifier(countries))
        detail = _("in {n} countries; {detail}").format(n=across, detail=detail)
    sample = None if filtered else latest_sample(metrics, year)
    compared = ""
    if sample is not None:  # A5: the sample of the latest Index comparison published
        compared = "; " + _("{n} cities compared in the Index report of {when}").format(
            n=formats.qualified(int(sample["value"]), _qualifier(sample)), when=when_text(sample)
        )
        detail += compared
    reported = None if filtered else _reported_kpi(
        "index_cities", _("Cities with Index results"), metrics, "index_cities", year, detail
    )  # fmt: skip
    if reported is not None:
        if sample is not None:
            reported = replace(
                reported, sources=(*reported.sources, *_sources(_row_frame(sample)["source"]))
            )
        return reported
    used = index[index["year"] <= year]
    before = index[index["year"] <= year - 1]
    return Kpi(
        "index_cities",
        _("Cities with Index results"),
        float(len(done_now)),
        float(len(before[["city", "country"]].drop_duplicates())),
        detail=_("on file, any edition up to the year") + compared,
        sources=_sources(used["source"], _row_frame(sample).get("source", pd.Series())),
        illustrative=_ill(used, ("score",)),
        change_illustrative=_ill(used, ("score",)),
    )


def latest_sample(metrics: pd.DataFrame, year: int) -> pd.Series | None:
    """The largest published Index sample (`index_sample`: how many cities an Index report
    compared) of `year` or before; None when none."""
    rows = metrics[(metrics["metric"] == "index_sample") & (metrics["year"] <= year)]
    if rows.empty:
        return None
    # The largest comparison published by then (a later report may reuse an older sample);
    # of equal ones, the latest.
    order = rows["date"].fillna("").astype(str) if "date" in rows else rows["year"].astype(str)
    rows = rows.assign(_order=order.to_numpy()).sort_values(["value", "_order"], kind="stable")
    return rows.drop(columns="_order").iloc[-1]


def active_since(networks: pd.DataFrame) -> pd.Series:
    """The year each network became active: `active_since`, else its founding year when its
    status is active (a forming network without one is still forming)."""
    founded = pd.to_numeric(networks["founded"], errors="coerce")
    since = pd.to_numeric(
        networks.get("active_since", pd.Series(pd.NA, index=networks.index)), errors="coerce"
    )
    return since.astype(float).fillna(founded.astype(float).where(networks["status"] == "active"))


def networks_in(networks: pd.DataFrame, year: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The national networks active in `year`, and those forming then (founded, not yet
    active); regional networks are left apart."""
    national = networks[networks.get("scope", pd.Series("national", index=networks.index))
                        .fillna("national") == "national"]  # fmt: skip
    founded = pd.to_numeric(national["founded"], errors="coerce")
    since = active_since(national)
    started = founded.notna() & (founded <= year)
    active = started & since.notna() & (since <= year)
    return national[active.to_numpy()], national[(started & ~active).to_numpy()]


def _networks_kpi(networks: pd.DataFrame, metrics: pd.DataFrame, year: int, filtered: bool) -> Kpi:
    active, forming = networks_in(networks, year)
    reported = None if filtered else metric_of_year(metrics, "networks_national", year)
    forming_row = None if filtered else metric_of_year(metrics, "networks_forming", year)
    n_forming = int(forming_row["value"]) if forming_row is not None else len(forming)
    if reported is not None:
        kpi = _reported_kpi(
            "networks", _("National networks"), metrics, "networks_national", year,
            _("{n} forming").format(n=formats.qualified(n_forming, _qualifier(forming_row))),
        )  # fmt: skip
        assert kpi is not None
        return kpi
    before, _forming = networks_in(networks, year - 1)
    return Kpi(
        "networks",
        _("National networks"),
        float(len(active)),
        float(len(before)),
        detail=_("counted from the networks on file; {n} forming in {year}").format(
            n=n_forming, year=year
        ),
        sources=_sources(active["source"]),
        illustrative=_ill(active, ("founded", "status")),
        change_illustrative=marks.change_unpublished(active, before, ("founded", "status")),
    )


def distinct_participants(events: pd.DataFrame) -> pd.DataFrame:
    """Events whose participants add up without double counting: of the events held in the
    same city in the same month (a training held during a conference counts its
    participants among the conference's), only the one with the most participants."""
    recorded = events[events["participants"].notna()]
    if recorded.empty or "month" not in recorded.columns:
        return recorded
    place = recorded["city"].fillna("") + "|" + recorded["country"].fillna("")
    month = recorded["year"].astype(str) + "-" + recorded["month"].fillna(0).astype(str)
    ordered = recorded.assign(_key=place + "|" + month).sort_values("participants", ascending=False)
    unplaced = ordered["_key"].str.startswith("|")
    kept = pd.concat([ordered[unplaced], ordered[~unplaced].drop_duplicates("_key")])
    return kept.drop(columns="_key").sort_index()


NETWORK_WIDE = N_("network-wide: the place filters do not apply")


def _activity_kpis(
    activities: pd.DataFrame,
    year: int,
    everywhere: pd.DataFrame | None = None,
    events_everywhere: bool = False,
) -> list[Kpi]:
    """Newsletters and news items (network-wide: from `everywhere`, all activities, when
    a place filter narrowed `activities`), events and participants (in the places; said
    network-wide when `events_everywhere`: a filter applied that activities cannot follow,
    such as a national network)."""
    kpis = []
    wide = [_(NETWORK_WIDE)] if events_everywhere else []
    network = activities if everywhere is None else everywhere
    for kind, label in (("newsletter", _("Newsletters")), ("news", _("News items"))):
        this = network[(network["kind"] == kind) & (network["year"] == year)]
        last = network[(network["kind"] == kind) & (network["year"] == year - 1)]
        kpis.append(
            Kpi(
                kind,
                label,
                _total(this["items"]),
                _total(last["items"]),
                sources=_sources(this["source"]),
                illustrative=_ill(this, ("count",)),
                change_illustrative=marks.change_unpublished(this, last, ("count",)),
                qualifier=_total_qualifier(this, "count"),
                previous_qualifier=_total_qualifier(last, "count"),
                detail=_(NETWORK_WIDE) if everywhere is not None else "",
            )
        )
    events = activities[activities["is_event"] & (activities["year"] == year)]
    events_before = activities[activities["is_event"] & (activities["year"] == year - 1)]
    counted, counted_before = distinct_participants(events), distinct_participants(events_before)
    participants = _total(counted["participants"])
    both = pd.concat([events, events_before])
    kpis.append(
        Kpi(
            "events",
            _("Events"),
            _total(events["items"]),
            _total(events_before["items"]),
            # The events on file (A8): not a published count of the year's events.
            detail=" · ".join(
                [
                    _("on file"),
                    _("no participants recorded")
                    if participants is None
                    else _("{n} participants recorded").format(
                        n=formats.qualified(
                            round(participants), _total_qualifier(counted, "participants")
                        )
                    ),
                    *wide,
                ]
            ),
            sources=_sources(events["source"]),
            illustrative=_ill(events, ("count",)),
            change_illustrative=_ill(both, ("count",)),
        )
    )
    kpis.append(
        Kpi(
            "participants",
            _("Event participants"),
            participants,
            _total(counted_before["participants"]),
            detail=" · ".join(
                [
                    _("where recorded; events held during another counted once")
                    if participants is not None
                    else _("none recorded for {year}").format(year=year),
                    *wide,
                ]
            ),
            sources=_sources(counted["source"]),
            illustrative=_ill(counted, ("participants",)),
            change_illustrative=marks.change_unpublished(
                counted, counted_before, ("participants",)
            ),
            qualifier=_total_qualifier(counted, "participants"),
            previous_qualifier=_total_qualifier(counted_before, "participants"),
        )
    )
    return kpis


def compute_kpis(
    frames: Mapping[str, pd.DataFrame], year: int, filters: Filters | None = None
) -> list[Kpi]:
    """The KPIs of `year`: members, countries, continents, Index cities, networks,
    followers per platform, newsletters, news items, events and participants. Each value
    is marked from its own status, and its change on the year before from both ends."""
    from dashboard.data import filter_cities, rows_of_cities

    filtered = _filtered(filters)
    cities = frames["cities"]
    if filters is not None:
        cities = filter_cities(cities, filters)
    metrics = frames["metrics"]
    kpis = _member_kpis(cities, metrics, year, filtered)
    kpis.append(_index_kpi(rows_of_cities(frames["index"], cities), metrics, year, filtered))

    networks = frames["networks"]
    if filters is not None and filters.country:
        networks = networks[networks["country"] == filters.country]
    if filters is not None and filters.network:
        networks = networks[networks["network"] == filters.network]
    kpis.append(_networks_kpi(networks, metrics, year, filtered))

    followers = frames["followers"]
    for platform in sorted(followers["platform"].unique()) if not followers.empty else []:
        rows = followers[(followers["platform"] == platform) & followers["followers"].notna()]
        kpi = _followers_kpi(platform, rows.sort_values("date"), year)
        if filtered:  # network-wide figures: the place filters do not apply (F2)
            kpi = replace(kpi, detail=" · ".join(t for t in (kpi.detail, _(NETWORK_WIDE)) if t))
        kpis.append(kpi)

    activities = everywhere = frames["activities"]
    in_places = filters is not None and bool(filters.country or filters.continent)
    if in_places:
        activities = activities[activities["country"].isin(set(cities["country"]))]
    # Activities are recorded by country: a filter they cannot follow (a national network)
    # leaves the events and participants network-wide, and they say so.
    return kpis + _activity_kpis(
        activities, year, everywhere if filtered else None, filtered and not in_places
    )
