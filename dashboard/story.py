"""The year's story as data: one pure function per slide, shared by the presentation view
and the slide deck so that both always show the same numbers, texts and sources.

Each slide function takes the frames of `data_loaders.queries` (as `compute_kpis` does), the
year and the shared filters, and returns a `Slide`: title, a chart spec (categories and
series, drawn natively by the deck and as a Plotly figure by the presentation view), the key
sentences, speaker notes, sources and whether illustrative values are shown.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from dashboard import marks, peers, views
from dashboard.data import rows_of_cities
from dashboard.figures.common import source_line
from dashboard.kpis import Kpi, compute_kpis, members_on_file, metric_of_year
from dashboard.urlstate import Filters, PageState
from dashboard.views import common
from dashboard.views import map as map_view
from dashboard.views import networks as networks_view
from dashboard.views import overview as overview_view
from data_loaders import vocab

Frames = Mapping[str, pd.DataFrame]
LEARNING_TOOL = "The ICC Index is a self-assessment and learning tool, not a ranking."
FAILED = "This slide could not be drawn; the other slides are not affected."
CHART_KINDS = ("line", "bar", "barh", "radar", "pie")


@dataclass(frozen=True)
class Series:
    """One named series of a chart (None where the value is unknown)."""

    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class Chart:
    """A chart as data: its kind (one of CHART_KINDS), categories and series."""

    kind: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    value_title: str = ""
    number_format: str = "#,##0"
    max_value: float | None = None

    def rows(self) -> list[dict[str, object]]:
        """The chart's data as rows: one per category, one column per series."""
        return [
            {"category": cat, **{s.name: s.values[i] for s in self.series}}
            for i, cat in enumerate(self.categories)
        ]


@dataclass(frozen=True)
class MapPoint:
    """A member city placed on the map slide."""

    city: str
    country: str
    lat: float
    lon: float
    network: bool = False
    country_name: str = ""
    continent: str = ""


@dataclass(frozen=True)
class Slide:
    """One slide of the year's story."""

    key: str
    title: str
    subtitle: str = ""
    chart: Chart | None = None
    kpis: tuple[Kpi, ...] = ()
    points: tuple[MapPoint, ...] = ()
    table_header: tuple[str, ...] = ()
    table: tuple[tuple[str, ...], ...] = ()
    highlights: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    illustrative: bool = False
    empty: str = ""  # why the slide has no chart (no data for the year, or filters)
    failed: bool = False  # the slide's builder raised: `empty` says so, the rest still draws
    extra: dict = field(default_factory=dict)

    def source_text(self, limit: int = 4) -> str:
        """The slide's source line: the same rule as every chart card's."""
        return source_line(self.sources, self.illustrative, limit)

    def notes_text(self) -> str:
        """Speaker notes as one text (key figures and their changes on the year)."""
        return "\n".join(self.notes)


def _distinct(values: object, limit: int = 6) -> tuple[str, ...]:
    """Distinct non-empty texts, most frequent first."""
    texts = pd.Series(values, dtype="object").dropna().astype(str).str.strip()
    return tuple(texts[texts != ""].value_counts().index[:limit])


def _num(value: float | None) -> str:
    return (
        "n/a"
        if value is None or (isinstance(value, float) and math.isnan(value))
        else (f"{value:,.0f}")
    )


def _scope(filters: Filters | None) -> str:
    return filters.describe() if filters is not None else "filters: none (whole network)"


def _cities(frames: Frames, filters: Filters | None) -> pd.DataFrame:
    from dashboard.data import filter_cities

    cities = frames["cities"]
    return filter_cities(cities, filters) if filters is not None else cities


def _metric(frames: Frames, name: str, year: int) -> tuple[str | None, str]:
    """A network-wide figure of the year as shown (qualifier kept) and its source."""
    row = metric_of_year(frames["metrics"], name, year)
    if row is None:
        return None, ""
    qualifier = row.get("value_qualifier", "")
    qualifier = "" if qualifier is None or qualifier != qualifier else str(qualifier)
    return vocab.format_qualified(round(float(row["value"])), qualifier), str(row["source"])


def _filtered(filters: Filters | None) -> bool:
    return bool(filters and filters.placed)


def _kpi_notes(kpis: tuple[Kpi, ...], year: int) -> list[str]:
    """Speaker notes of key figures: the value with its own mark, the change with its own."""
    notes = []
    for k in kpis:
        change = k.change_text(year) or "change on the year before unknown"
        detail = f" ({k.detail})" if k.detail else ""
        mark = " [illustrative]" if k.illustrative else ""
        notes.append(f"{k.label}: {k.value_text()}{mark}{detail}; {change}.")
    return notes


def _shows_unpublished(kpis: tuple[Kpi, ...]) -> bool:
    """Whether key figures as shown (values and their changes) include unpublished ones."""
    return any(k.illustrative or (k.change_illustrative and k.change is not None) for k in kpis)


def _none_text(filters: Filters | None, what: str, unfiltered: str) -> str:
    """Why a slide is empty, in words: the filters match nothing, or no data for the year."""
    return f"No {what} matches these filters" if _filtered(filters) else unfiltered


def _count(n: int, one: str, many: str) -> str:
    """ "1 country", "2 countries"."""
    return f"{n} {one if n == 1 else many}"


def _state(year: int, filters: Filters | None) -> PageState:
    """The page state a slide stands for: the year and the shared filters."""
    return PageState(filters or Filters(), year)


# --- the slides ---------------------------------------------------------------------------


def _points(cities: pd.DataFrame) -> tuple[MapPoint, ...]:
    placed = cities[cities["placed"]]
    return tuple(
        MapPoint(
            r.city,
            r.country,
            float(r.lat),
            float(r.lon),
            bool(r.networks),
            str(r.country_name or r.country),
            str(r.continent or ""),
        )
        for r in placed.itertuples()
    )


def title_slide(frames: Frames, year: int, filters: Filters | None = None) -> Slide:
    """The opening slide: the year, the scope, and three headline figures."""
    kpis = {k.key: k for k in compute_kpis(frames, year, filters)}
    shown = tuple(
        (kpis[key], label)
        for key, label in (
            ("members", "member cities"),
            ("countries", "countries"),
            ("networks", "national networks"),
        )
        if key in kpis and kpis[key].value is not None
    )
    # Each figure carries its own mark: a count of cities on file is not the membership.
    headline = [
        f"{k.value_text()} {label}" + (" (illustrative)" if k.illustrative else "")
        for k, label in shown
    ]
    scope = _scope(filters)
    cities = members_on_file(_cities(frames, filters), year)
    # The slide's map shows the members on file: marked as the map page marks them.
    source = views.frames_of(frames)
    page_map = map_view.view(source.prepared(map_view), _state(year, filters))[map_view.CHART.id]
    return Slide(
        key="title",
        points=_points(cities),
        extra={
            **common.shaded(frames["networks"], year, filters or Filters()),
            # The deck's title slide shows the headline without the map: its own mark.
            "headline_illustrative": any(k.illustrative for k, _ in shown),
        },
        title=f"Intercultural Cities in {year}",
        subtitle="The network's year in figures: annual coordinators' meeting",
        highlights=(" · ".join(headline), scope),
        notes=(
            f"Intercultural Cities programme, the year {year} ({scope}).",
            *(f"Headline: {h}." for h in headline),
        ),
        sources=tuple(dict.fromkeys(s for k, _ in shown for s in k.sources)),
        illustrative=any(k.illustrative for k, _ in shown) or page_map.illustrative,
        empty=""
        if len(cities)
        else _none_text(filters, "member city", f"No member city on file in {year}"),
    )


def kpi_slide(frames: Frames, year: int, filters: Filters | None = None) -> Slide:
    """The key figures of the year with their change on the year before."""
    kpis = tuple(compute_kpis(frames, year, filters))
    notes = _kpi_notes(kpis, year)
    sources: list[str] = []
    for k in kpis:
        for s in k.sources[:1]:
            if s not in sources:
                sources.append(s)
    return Slide(
        key="kpis",
        title=f"Key figures of {year}",
        subtitle=_scope(filters),
        kpis=kpis,
        notes=tuple(notes),
        sources=tuple(sources),
        illustrative=_shows_unpublished(kpis),
    )


def growth_slide(frames: Frames, year: int, filters: Filters | None = None) -> Slide:
    """Membership growth up to `year`: the overview page's growth chart (same view)."""
    source = views.frames_of(frames)
    result = overview_view.growth(source.prepared(overview_view), _state(year, filters))
    table = result.rows[result.rows["year"] <= year]
    years = [int(y) for y in table["year"]]
    on_file = dict(zip(years, table["cities_on_file"].astype(int), strict=True))
    reported_by_year = {
        int(y): float(v)
        for y, v in zip(table["year"], table["reported_total"], strict=True)
        if pd.notna(v)
    }
    series = [Series("Cities on file", tuple(float(on_file[y]) for y in years))]
    if reported_by_year:
        series.insert(0, Series("Reported total", tuple(reported_by_year.get(y) for y in years)))
    now, before = on_file.get(year, 0), on_file.get(year - 1, 0)
    highlights = []
    notes = []
    rep_now = reported_by_year.get(year)
    qualified = dict(zip(table["year"].astype(int), table["reported_qualifier"], strict=True))
    if rep_now is not None:
        shown = vocab.format_qualified(round(rep_now), qualified.get(year, ""))
        gap = "" if qualified.get(year) else f", so {rep_now - now:,.0f} are not (yet) in the data"
        highlights.append(f"{shown} member cities reported in {year}; {now} are on file here{gap}.")
        notes.append(f"Reported member total {year}: {shown}.")
    # The chart's points are numbers; their qualifiers, as published, are said here.
    bounds = [
        f"{y}: {vocab.format_qualified(round(v), qualified[y])}"
        for y, v in reported_by_year.items()
        if qualified.get(y)
    ]
    if bounds:
        notes.append("Reported as published (not exact): " + "; ".join(bounds) + ".")
        highlights.append("Not exact as published: " + "; ".join(bounds) + ".")
    highlights.append(f"Cities on file: {now} in {year}, {now - before:+d} on {year - 1}.")
    notes.append(f"Member cities on file: {now} in {year} ({now - before:+d} on {year - 1}).")
    empty = (
        ""
        if now or rep_now
        else _none_text(filters, "member city", f"No member city on file in {year}")
    )
    return Slide(
        key="growth",
        title="Membership growth",
        subtitle=f"Member cities per year up to {year}",
        chart=Chart("line", tuple(str(y) for y in years), tuple(series), "Member cities"),
        highlights=tuple(highlights),
        notes=tuple(notes),
        sources=tuple(result.sources),
        illustrative=result.illustrative,
        empty=empty,
    )


def map_slide(frames: Frames, year: int, filters: Filters | None = None) -> Slide:
    """Where the member cities are: the map page's cities (same view) and the number of
    cities per country."""
    source = views.frames_of(frames)
    page = map_view.view(source.prepared(map_view), _state(year, filters))[map_view.CHART.id]
    cities = map_view.members(source.prepared(map_view), _state(year, filters))
    points = _points(cities)
    per_country = (
        cities.groupby("country_name")["city"]
        .agg(lambda s: sorted(s))
        .reset_index()
        .assign(n=lambda d: d["city"].str.len())
        .sort_values(["n", "country_name"], ascending=[False, True])
    )
    table = tuple(
        (str(r.country_name), str(r.n), ", ".join(r.city)) for r in per_country.itertuples()
    )
    unplaced = sorted(cities.loc[~cities["placed"], "city"])
    n_continents = cities["continent"].replace("", pd.NA).dropna().nunique()
    highlights = [
        f"{_count(len(cities), 'member city', 'member cities')} on file in "
        f"{_count(per_country.shape[0], 'country', 'countries')} on "
        f"{_count(n_continents, 'continent', 'continents')}."
    ]
    if unplaced:
        highlights.append("Not on the map (no coordinates): " + ", ".join(unplaced) + ".")
    shaded = common.shaded(frames["networks"], year, filters or Filters())
    top = ", ".join(f"{r[0]} {r[1]}" for r in table[:5])
    return Slide(
        key="map",
        title="Where the member cities are",
        subtitle=f"Member cities on file in {year}",
        points=points,
        table_header=("Country", "Cities", "Member cities"),
        table=table,
        highlights=tuple(highlights),
        notes=(highlights[0], f"Most cities on file: {top}."),
        sources=(
            "member cities on file",
            *_distinct(cities["geo_source"].str.split(":").str[0], 2),
        ),
        illustrative=page.illustrative,
        empty=""
        if len(cities)
        else _none_text(filters, "member city", f"No member city on file in {year}"),
        extra=shaded,
    )


def networks_slide(frames: Frames, year: int, filters: Filters | None = None) -> Slide:
    """The networks page's networks as of `year` (same view): members on file and how many
    are international ICC members too."""
    source = views.frames_of(frames)
    active, members = networks_view.selected(
        source.prepared(networks_view), filters or Filters(), year
    )
    counts = members.groupby("network").size()
    intl = members[members["international_member"]].groupby("network").size()
    active = active.assign(
        n=active["network"].map(counts).fillna(0).astype(int),
        intl=active["network"].map(intl).fillna(0).astype(int),
    ).sort_values(["n", "network"], ascending=[False, True])
    labels = tuple(
        f"{r.network} ({r.country_name})" + (", forming" if r.status == "forming" else "")
        for r in active.itertuples()
    )
    reported, rep_source = (
        (None, "") if _filtered(filters) else _metric(frames, "networks_national", year)
    )
    forming, forming_source = (
        (None, "") if _filtered(filters) else _metric(frames, "networks_forming", year)
    )
    highlights = [
        f"{len(active)} networks (national and regional) founded by {year} on file, with "
        f"{int(active['n'].sum())} member cities; {int(active['intl'].sum())} of them are "
        "also international members."
    ]
    if reported is not None:
        text = f"{reported} national networks reported for {year}"
        if forming is not None:
            text += f", {forming} more forming"
        highlights.insert(0, text + ".")
    notes = [*highlights] + [
        f"{r.network} ({r.country_name}, founded {r.founded}): {r.n} members on file, "
        f"{r.intl} also international members."
        for r in active.itertuples()
    ]
    return Slide(
        key="networks",
        title="National networks",
        subtitle=f"Networks active or forming in {year}: member cities on file (joined by "
        f"{year} or date unknown)",
        chart=Chart(
            "barh",
            labels,
            (
                Series("Member cities", tuple(float(v) for v in active["n"])),
                Series("Also international members", tuple(float(v) for v in active["intl"])),
            ),
            "Cities",
        ),
        highlights=tuple(highlights),
        notes=tuple(notes),
        sources=tuple(s for s in (rep_source, forming_source) if s)
        + _distinct(active["source"], 2),
        illustrative=bool(active["illustrative"].any() or members["illustrative"].any()),
        empty=""
        if len(active)
        else _none_text(
            filters, "national network", f"No national network on file founded by {year}"
        ),
    )


def _latest_editions(frames: Frames, year: int, filters: Filters | None) -> pd.DataFrame:
    """Each city's latest Index edition up to `year` (long form), within the filters."""
    cities = _cities(frames, filters)
    index = frames["index"]
    index = rows_of_cities(index[index["year"] <= year], cities)
    if index.empty:
        return index
    latest = index.groupby(["city", "country"])["year"].transform("max")
    return index[index["year"] == latest]


def index_slide(frames: Frames, year: int, filters: Filters | None = None) -> Slide:
    """Index overview: the mean score per area over each city's latest edition up to `year`."""
    latest = _latest_editions(frames, year, filters)
    areas = latest[latest["indicator"] != "overall"]
    order = [s for s in vocab.AREA_SLUGS if s in set(areas["indicator"])]
    stats = areas.groupby("indicator")["score"].agg(["mean", "min", "max", "count"])
    stats = stats.reindex(order)
    n_cities = latest[["city", "country"]].drop_duplicates().shape[0]
    overall = latest[latest["indicator"] == "overall"]["score"]
    chart = Chart(
        "barh",
        tuple(vocab.indicator_name(s) for s in order),
        (Series("Mean score", tuple(round(float(v), 1) for v in stats["mean"])),),
        "Score (0-100)",
        number_format="0",
        max_value=100,
    )
    highlights = [LEARNING_TOOL]
    notes = []
    if n_cities:
        top = stats["mean"].idxmax()
        low = stats["mean"].idxmin()
        highlights.insert(
            0,
            f"{n_cities} cities with Index results up to {year} (latest edition each); "
            f"mean overall score {overall.mean():.0f}.",
        )
        highlights.insert(
            1,
            f"Strongest on average: {vocab.indicator_name(top)} ({stats.loc[top, 'mean']:.0f}); "
            f"most room to learn: {vocab.indicator_name(low)} ({stats.loc[low, 'mean']:.0f}).",
        )
        notes = [highlights[0], highlights[1]] + [
            f"{vocab.indicator_name(s)}: mean {stats.loc[s, 'mean']:.1f} "
            f"(range {stats.loc[s, 'min']:.0f}-{stats.loc[s, 'max']:.0f}, "
            f"{int(stats.loc[s, 'count'])} cities)."
            for s in order
        ]
    return Slide(
        key="index",
        title="ICC Index overview",
        subtitle=f"Mean score per area, each city's latest edition up to {year}",
        chart=chart,
        highlights=tuple(highlights),
        notes=(*notes, LEARNING_TOOL),
        sources=_distinct(latest["source"], 3),
        illustrative=bool(latest["illustrative"].any()) if not latest.empty else False,
        empty=""
        if n_cities
        else _none_text(
            filters, "city with Index results", f"No Index results on file up to {year}"
        ),
        extra={"cities": n_cities},
    )


def outreach_slide(frames: Frames, year: int, filters: Filters | None = None) -> Slide:
    """Outreach: followers per platform at the end of each year up to `year`."""
    followers = frames["followers"]
    rows = followers[followers["followers"].notna() & (followers["year"] <= year)]
    rows = rows.sort_values("date").groupby(["platform", "year"]).tail(1)
    years = sorted(int(y) for y in rows["year"].unique())
    series = []
    notes = []
    highlights = []
    for platform in sorted(rows["platform"].unique()):
        by_year = rows[rows["platform"] == platform].set_index("year")["followers"]
        series.append(
            Series(
                platform, tuple(float(by_year[y]) if y in by_year.index else None for y in years)
            )
        )
        if year in by_year.index:
            now = float(by_year[year])
            prev = float(by_year[year - 1]) if (year - 1) in by_year.index else None
            change = f"{now - prev:+,.0f} on {year - 1}" if prev is not None else "change unknown"
            highlights.append(f"{platform}: {now:,.0f} followers at the end of {year} ({change}).")
    if not highlights and years:  # the chart stops at the last year with a figure: say so
        highlights.append(f"No follower figure on file for {year}; the latest is from {years[-1]}.")
    notes.extend(highlights)
    this_year = rows[rows["year"] == year]
    scope = " Outreach figures are for the whole network." if _filtered(filters) else ""
    return Slide(
        key="outreach",
        title="Outreach: followers",
        subtitle=f"Followers per platform, latest figure of each year up to {year}",
        chart=Chart("line", tuple(str(y) for y in years), tuple(series), "Followers"),
        highlights=tuple(highlights) + ((scope.strip(),) if scope else ()),
        notes=tuple(notes) or (f"No follower figures on file for {year}.",),
        sources=_distinct(this_year["source"] if not this_year.empty else rows["source"], 3),
        illustrative=bool(rows["illustrative"].any()) if not rows.empty else False,
        empty="" if series else f"No follower figures on file up to {year}",
    )


def activities_slide(frames: Frames, year: int, filters: Filters | None = None) -> Slide:
    """Activities of the year by kind (events, campaigns, newsletters, news, publications).

    Kinds are not one unit (a news item is not an event), so no total across them is given;
    events and participants are the key figures' (participants of an event held during
    another are counted once)."""
    acts = frames["activities"]
    this = acts[acts["year"] == year]
    by_kind = this.groupby("kind")["items"].sum().sort_values(ascending=False)
    from dashboard.kpis import _total_qualifier

    labels = tuple(
        k.replace("_", " ").capitalize()
        + (
            f" ({vocab.format_qualified(int(v), q)})"
            if (q := _total_qualifier(this[this["kind"] == k], "count"))
            else ""
        )
        for k, v in by_kind.items()
    )
    kpis = {k.key: k for k in compute_kpis(frames, year) if k.key in ("events", "participants")}
    events, participants = kpis["events"], kpis["participants"]
    highlights = []
    if events.value:
        change = events.change_text(year)
        mark = " (illustrative)" if events.illustrative else ""
        highlights.append(f"{events.value_text()} events recorded in {year}{mark}; {change}.")
    if participants.value:
        mark = " (illustrative)" if participants.illustrative else ""
        counted = this[this["is_event"]]
        women, men = _num(counted["women"].sum()), _num(counted["men"].sum())
        text = f"{participants.value_text()} event participants recorded{mark}"
        if counted["women"].notna().any() or counted["men"].notna().any():
            text += f" ({women} women, {men} men where recorded)"
        highlights.append(text + "; an event held during another is counted once.")
    kind_rows = {kind: this[this["kind"] == kind] for kind in by_kind.index}
    notes = list(highlights) + [
        f"{label}: {int(v)}" + (" [illustrative]" if _ill_rows(kind_rows[kind]) else "")
        for kind, label, v in zip(by_kind.index, labels, by_kind.values, strict=True)
    ]
    return Slide(
        key="activities",
        title="Outreach: activities of the year",
        subtitle=f"Activities on file in {year} by kind (each kind in its own unit)",
        chart=Chart(
            "barh", labels, (Series("Activities", tuple(float(v) for v in by_kind.values)),), ""
        ),
        highlights=tuple(highlights),
        notes=tuple(notes),
        sources=_distinct(this["source"], 3),
        illustrative=_ill_rows(this) or _shows_unpublished((events, participants)),
        empty="" if len(by_kind) else f"No activity on file for {year}",
    )


def _ill_rows(rows: pd.DataFrame) -> bool:
    """Whether activity counts or participants shown from `rows` are unpublished."""
    return marks.shows_unpublished(rows, ("count", "participants"))


def city_slide(frames: Frames, year: int, city: str, filters: Filters | None = None) -> Slide:
    """A city's latest Index result up to `year` against its peers (the whole sample, same
    questionnaire: `dashboard.peers`, as on the compare page), area by area, as a radar."""

    results = peers.prepare_results(frames["index"])
    found = peers.resolve_city(peers.city_choices(frames["cities"], results), city)
    years = [y for y in peers.city_years(results, *found) if y <= year] if found else []
    if not found or not years:
        return Slide(
            key="city",
            title=f"{city}: Index results",
            empty=f"No Index results on file for {city} up to {year}",
            notes=(f"No Index results on file for {city} up to {year}.",),
        )
    name, country = found
    edition = years[-1]
    group = peers.DEFAULT_GROUP
    peer_rows = peers.peer_results(
        results, peers.peer_cities(frames["cities"], name, country, group), edition
    )
    table = peers.compare(results, name, country, edition, peer_rows)
    areas = peers.areas_only(table).dropna(subset=["peer_mean"])
    sentences = peers.summary(name, edition, peers.PEER_GROUPS[group], table)
    own = results[
        (results["city"] == name) & (results["country"] == country) & (results["year"] == edition)
    ]
    used = pd.concat([own, peer_rows])
    overall = table[table["indicator"] == "overall"]
    notes = [*sentences, peers.PEER_RULE]
    if not overall.empty:
        row = overall.iloc[0]
        change = (
            f"; {row['change']:+.0f} since {row['previous_year']}"
            if pd.notna(row["change"])
            else ""
        )
        notes.append(f"Overall: {row['score']:.0f}, peer mean {row['peer_mean']:.1f}{change}.")
    notes += [
        f"{r.area}: {r.score:.0f}, peer mean {r.peer_mean:.1f} ({r.difference:+.1f})"
        + (
            f"; {r.change:+.0f} since {r.previous_year}"
            + (", different questionnaire" if r.cross_edition else "")
            if pd.notna(r.change)
            else ""
        )
        for r in areas.itertuples()
    ]
    return Slide(
        key="city",
        title=f"{name} and its peers",
        subtitle=f"ICC Index {edition} ({peers.edition_of(edition)}): {name} beside the peer "
        "mean, area by area",
        chart=Chart(
            "radar",
            tuple(peers.short_name(s) for s in areas["indicator"]),
            (
                Series(name, tuple(float(v) for v in areas["score"])),
                Series("Peer mean", tuple(float(v) for v in areas["peer_mean"])),
            ),
            "Score (0-100)",
            number_format="0",
            max_value=100,
        ),
        highlights=(*sentences, LEARNING_TOOL),
        notes=(*notes, LEARNING_TOOL),
        sources=_distinct(peers.flat_sources(used), 3),
        illustrative=bool(used["illustrative"].any()),
        empty="" if not areas.empty else f"No peer results to compare {name} with",
        extra={"city": name, "country": country, "edition": edition},
    )


def default_year(frames: Frames) -> int:
    """The latest year with a reported member total, else the latest year on file."""
    metrics = frames["metrics"]
    totals = metrics[metrics["metric"] == "members_total"]
    if not totals.empty:
        return int(totals["year"].max())
    years = [int(y) for y in metrics["year"]] + [int(y) for y in frames["index"]["year"]]
    years += [int(y) for y in frames["cities"]["joined"].dropna()]
    return max(years) if years else 2008


def find_city(frames: Frames, name: str) -> str | None:
    """The city's name as on file for a name typed any way ("LISBON", "Lisboa" and "Odessa"
    find "Lisbon" and "Odesa", as on the compare page); None when no city matches."""
    found = peers.resolve_city(peers.name_table(frames["cities"]), name)
    return str(found[0]) if found else None


SlideBuilder = Callable[[Frames, int, "Filters | None"], Slide]
# The slides of the story in order: key, title shown when the slide fails, builder.
SLIDES: tuple[tuple[str, str, SlideBuilder], ...] = (
    ("title", "Intercultural Cities in {year}", title_slide),
    ("kpis", "Key figures of {year}", kpi_slide),
    ("growth", "Membership growth", growth_slide),
    ("map", "Where the member cities are", map_slide),
    ("networks", "National networks", networks_slide),
    ("index", "ICC Index overview", index_slide),
    ("outreach", "Outreach: followers", outreach_slide),
    ("activities", "Outreach: activities of the year", activities_slide),
)


def failed_slide(key: str, title: str, year: int) -> Slide:
    """The stand-in for a slide whose builder raised: it says so, in words."""
    return Slide(
        key=key,
        title=title,
        subtitle=f"The year {year}" if year else "",
        empty=FAILED,
        notes=("This slide could not be drawn (the error is in the server log).",),
        failed=True,
    )


def safe_slide(key: str, title: str, year: int, build: Callable[[], Slide]) -> Slide:
    """`build()`, or the failed slide when it raises: one slide's error never takes the
    others with it (the error goes to the log, never to the audience)."""
    try:
        return build()
    except Exception:
        logging.getLogger(__name__).exception("slide %r of %s could not be built", key, year)
        return failed_slide(key, title, year)


def build_story(
    frames: Frames, year: int, city: str | None = None, filters: Filters | None = None
) -> list[Slide]:
    """Every slide of the year's story in order (the city's comparison last, when set); a
    slide that cannot be built is replaced by one that says so."""
    slides = [
        safe_slide(key, title.format(year=year), year, lambda b=builder: b(frames, year, filters))
        for key, title, builder in SLIDES
    ]
    if city:
        slides.append(
            safe_slide(
                "city",
                f"{city}: Index results",
                year,
                lambda: city_slide(frames, year, city, filters),
            )
        )
    return slides
