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

from dashboard import formats, marks, peers, views
from dashboard.data import rows_of_cities
from dashboard.figures.common import source_line
from dashboard.i18n import N_, _, ngettext
from dashboard.kpis import Kpi, compute_kpis, members_on_file, metric_of_year
from dashboard.urlstate import Filters, PageState
from dashboard.views import common
from dashboard.views import index as index_view
from dashboard.views import map as map_view
from dashboard.views import networks as networks_view
from dashboard.views import overview as overview_view
from data_loaders import vocab

Frames = Mapping[str, pd.DataFrame]
LEARNING_TOOL = N_("The ICC Index is a self-assessment and learning tool, not a ranking.")
LEARN_FROM = N_("Peers that lead where the city trails:")
LEADER_LINES = 3  # trailing areas named on the city slide (every one in the notes)
FAILED = N_("This slide could not be drawn; the other slides are not affected.")
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
    # The chart in words, from its page's view (`ChartResult.caption`): under the chart on
    # screen, on the deck's slide, and the first line of the speaker notes.
    caption: str = ""

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
        _("n/a")
        if value is None or (isinstance(value, float) and math.isnan(value))
        else formats.number(value)
    )


def _scope(filters: Filters | None) -> str:
    return filters.describe() if filters is not None else _("filters: none (whole network)")


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
    return formats.qualified(round(float(row["value"])), qualifier), str(row["source"])


def _filtered(filters: Filters | None) -> bool:
    return bool(filters and filters.placed)


def _kpi_notes(kpis: tuple[Kpi, ...], year: int) -> list[str]:
    """Speaker notes of key figures: the value with its own mark, the change with its own."""
    notes = []
    for k in kpis:
        change = k.change_text(year) or _("change on the year before unknown")
        detail = f" ({k.detail})" if k.detail else ""
        mark = " [" + _("illustrative") + "]" if k.illustrative else ""
        notes.append(
            _("{label}: {value}{mark}{detail}; {change}.").format(
                label=k.label, value=k.value_text(), mark=mark, detail=detail, change=change
            )
        )
    return notes


def _shows_unpublished(kpis: tuple[Kpi, ...]) -> bool:
    """Whether key figures as shown (values and their changes) include unpublished ones."""
    return any(k.illustrative or (k.change_illustrative and k.change is not None) for k in kpis)


def _none_text(filters: Filters | None, what: str, unfiltered: str) -> str:
    """Why a slide is empty, in words: the filters match nothing (`what`, a msgid), or no
    data for the year (`unfiltered`, translated)."""
    return _(what) if _filtered(filters) else unfiltered


def _count(n: int, one: str, many: str) -> str:
    """ "1 country", "2 countries"."""
    return f"{formats.number(n)} {one if n == 1 else many}"


NO_MEMBER = N_("No member city matches these filters")
NO_MEMBER_YEAR = N_("No member city on file in {year}")


def _marked(caption: str, illustrative: bool) -> str:
    """A caption as a speaker note: with the illustrative mark when the chart shows such
    values (the note is read without the slide's visible mark)."""
    return caption + (f" [{_('illustrative')}]" if illustrative and caption else "")


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
            ("members", _("member cities")),
            ("countries", _("countries")),
            ("networks", _("national networks")),
        )
        if key in kpis and kpis[key].value is not None
    )
    # Each figure carries its own mark: a count of cities on file is not the membership.
    headline = [
        f"{k.value_text()} {label}" + (" (" + _("illustrative") + ")" if k.illustrative else "")
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
        title=_("Intercultural Cities in {year}").format(year=year),
        subtitle=_("The network's year in figures: annual coordinators' meeting"),
        highlights=(" · ".join(headline), scope),
        notes=(
            _("Intercultural Cities programme, the year {year} ({scope}).").format(
                year=year, scope=scope
            ),
            *(_("Headline: {h}.").format(h=h) for h in headline),
        ),
        sources=tuple(dict.fromkeys(s for k, _ in shown for s in k.sources)),
        illustrative=any(k.illustrative for k, _ in shown) or page_map.illustrative,
        empty=""
        if len(cities)
        else _none_text(filters, NO_MEMBER, _(NO_MEMBER_YEAR).format(year=year)),
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
        title=_("Key figures of {year}").format(year=year),
        subtitle=_scope(filters),
        kpis=kpis,
        notes=tuple(notes),
        sources=tuple(sources),
        illustrative=_shows_unpublished(kpis),
    )


def growth_slide(frames: Frames, year: int, filters: Filters | None = None) -> Slide:
    """Membership growth up to `year`: the overview page's growth chart (same view)."""
    source = views.frames_of(frames)
    prepared, state = source.prepared(overview_view), _state(year, filters)
    result = overview_view.growth(prepared, state)
    years_table = overview_view.growth_years(prepared, state)
    table = years_table[years_table["year"] <= year]
    # The page's caption rule on the rows this slide's chart shows (up to the year).
    caption = overview_view.growth_caption(table, bool(filters and filters.placed))
    years = [int(y) for y in table["year"]]
    on_file = dict(zip(years, table["cities_on_file"].astype(int), strict=True))
    reported_by_year = {
        int(y): float(v)
        for y, v in zip(table["year"], table["reported_total"], strict=True)
        if pd.notna(v)
    }
    series = [Series(_("Cities on file"), tuple(float(on_file[y]) for y in years))]
    derived_years = {
        int(y)
        for y, st in zip(table["year"], table["reported_status"], strict=True)
        if st == "derived"
    }
    if reported_by_year:
        # A total derived from published figures (2011: the 11 pilots and 10 new) is its own
        # series, named in the legend as on the page: a slide's chart cannot draw it hollow
        # in every viewer (LibreOffice ignores a point's own fill).
        published = tuple(None if y in derived_years else reported_by_year.get(y) for y in years)
        derived_series = tuple(
            reported_by_year.get(y) if y in derived_years else None for y in years
        )
        series.insert(0, Series(_("Reported total"), published))
        if derived_years:
            series.insert(1, Series(_("Derived total"), derived_series))
    now, before = on_file.get(year, 0), on_file.get(year - 1, 0)
    highlights = []
    notes = []
    rep_now = reported_by_year.get(year)
    qualified = dict(zip(table["year"].astype(int), table["reported_qualifier"], strict=True))
    if rep_now is not None:
        shown = formats.qualified(round(rep_now), qualified.get(year, ""))
        gap = (
            ""
            if qualified.get(year)
            else _(", so {n} are not (yet) in the data").format(n=formats.number(rep_now - now))
        )
        if year in derived_years:
            highlights.append(
                _(
                    "{shown} member cities in {year} (derived from published figures); "
                    "{now} are on file here{gap}."
                ).format(shown=shown, year=year, now=now, gap=gap)
            )
        else:
            highlights.append(
                _("{shown} member cities reported in {year}; {now} are on file here{gap}.").format(
                    shown=shown, year=year, now=now, gap=gap
                )
            )
            notes.append(_("Reported member total {year}: {shown}.").format(year=year, shown=shown))
    # The chart's points are numbers; their qualifiers, as published, are said here.
    bounds = [
        f"{y}: {formats.qualified(round(v), qualified[y])}"
        for y, v in reported_by_year.items()
        if qualified.get(y)
    ]
    if bounds:
        notes.append(_("Reported as published (not exact): ") + _("; ").join(bounds) + ".")
        highlights.append(_("Not exact as published: ") + _("; ").join(bounds) + ".")
    # A total derived from published figures: its own series, and said in the notes.
    derived = [
        _("{year}: {value}").format(year=y, value=formats.number(round(reported_by_year[y])))
        for y in sorted(derived_years)
    ]
    if derived:
        text = _("Derived from published figures, not published as a total: ")
        notes.append(text + _("; ").join(derived) + ".")
    highlights.append(
        _("Cities on file: {now} in {year}, {change} on {before}.").format(
            now=now, year=year, change=f"{now - before:+d}", before=year - 1
        )
    )
    notes.append(
        _("Member cities on file: {now} in {year} ({change} on {before}).").format(
            now=now, year=year, change=f"{now - before:+d}", before=year - 1
        )
    )
    empty = (
        ""
        if now or rep_now
        else _none_text(filters, NO_MEMBER, _(NO_MEMBER_YEAR).format(year=year))
    )
    return Slide(
        key="growth",
        title=_("Membership growth"),
        subtitle=_("Member cities per year up to {year}").format(year=year),
        chart=Chart("line", tuple(str(y) for y in years), tuple(series), _("Member cities")),
        highlights=tuple(highlights),
        notes=(_marked(caption, result.illustrative), *notes),
        caption=caption,
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
        _("{cities} on file in {countries} on {continents}.").format(
            cities=_count(len(cities), _("member city"), _("member cities")),
            countries=_count(per_country.shape[0], _("country"), _("countries")),
            continents=_count(n_continents, _("continent"), _("continents")),
        )
    ]
    if unplaced:
        highlights.append(_("Not on the map (no coordinates): ") + ", ".join(unplaced) + ".")
    caption = overview_view.map_caption(cities, year)
    shaded = common.shaded(frames["networks"], year, filters or Filters())
    top = ", ".join(f"{r[0]} {r[1]}" for r in table[:5])
    return Slide(
        key="map",
        title=_("Where the member cities are"),
        subtitle=_("Member cities on file in {year}").format(year=year),
        points=points,
        table_header=(_("Country"), _("Cities"), _("Member cities")),
        table=table,
        highlights=tuple(highlights),
        notes=(
            _marked(caption, page.illustrative),
            highlights[0],
            _("Most cities on file: {top}.").format(top=top),
        ),
        caption=caption,
        sources=(
            _("member cities on file"),
            *_distinct(cities["geo_source"].str.split(":").str[0], 2),
        ),
        illustrative=page.illustrative,
        empty=""
        if len(cities)
        else _none_text(filters, NO_MEMBER, _(NO_MEMBER_YEAR).format(year=year)),
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
        f"{r.network} ({r.country_name})" + (", " + _("forming") if r.status == "forming" else "")
        for r in active.itertuples()
    )
    reported, rep_source = (
        (None, "") if _filtered(filters) else _metric(frames, "networks_national", year)
    )
    forming, forming_source = (
        (None, "") if _filtered(filters) else _metric(frames, "networks_forming", year)
    )
    highlights = [
        _(
            "{n} networks (national and regional) on file by {year}, forming or active, with "
            "{members} member cities; {intl} of them are also international members."
        ).format(
            n=len(active),
            year=year,
            members=formats.number(int(active["n"].sum())),
            intl=formats.number(int(active["intl"].sum())),
        )
    ]
    if reported is not None:
        text = _("{n} national networks reported for {year}").format(n=reported, year=year)
        if forming is not None:
            text += _(", {n} more forming").format(n=forming)
        highlights.insert(0, text + ".")
    caption = networks_view.both_caption(active, members)  # the page's own words
    shown_ill = bool(active["illustrative"].any() or members["illustrative"].any())
    notes = [_marked(caption, shown_ill), *highlights] + [
        ngettext(
            "{network} ({country}, {since}): {n} members on file, {intl} also an "
            "international member.",
            "{network} ({country}, {since}): {n} members on file, {intl} also "
            "international members.",
            int(r.intl),
        ).format(
            network=r.network,
            country=r.country_name,
            since=_("forming in {year}").format(year=year)
            if r.status == "forming"
            else _("on file since {founded}").format(founded=r.founded),
            n=r.n,
            intl=r.intl,
        )
        for r in active.itertuples()
    ]
    return Slide(
        key="networks",
        caption=caption,
        title=_("National networks"),
        subtitle=_(
            "Networks active or forming in {year}: member cities on file (joined by {year} or "
            "date unknown)"
        ).format(year=year),
        chart=Chart(
            "barh",
            labels,
            (
                Series(_("Member cities"), tuple(float(v) for v in active["n"])),
                Series(_("Also international members"), tuple(float(v) for v in active["intl"])),
            ),
            _("Cities"),
        ),
        highlights=tuple(highlights),
        notes=tuple(notes),
        sources=tuple(s for s in (rep_source, forming_source) if s)
        + _distinct(active["source"], 2),
        illustrative=bool(active["illustrative"].any() or members["illustrative"].any()),
        empty=""
        if len(active)
        else _none_text(
            filters,
            N_("No national network matches these filters"),
            _("No national network on file founded by {year}").format(year=year),
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
        tuple(peers.area_name(s) for s in order),
        (Series(_("Mean score"), tuple(round(float(v), 1) for v in stats["mean"])),),
        _("Score (0-100)"),
        number_format="0",
        max_value=100,
    )
    highlights = [_(LEARNING_TOOL)]
    notes = []
    illustrative = bool(latest["illustrative"].any()) if not latest.empty else False
    # The Index page's words for the same kind of chart (mean score per area).
    caption = index_view.area_means_caption(stats["mean"], n_cities) if n_cities else ""
    if n_cities:
        top = stats["mean"].idxmax()
        low = stats["mean"].idxmin()
        highlights.insert(
            0,
            _(
                "{n} cities with Index results up to {year} (latest edition each); mean "
                "overall score {mean}."
            ).format(n=n_cities, year=year, mean=formats.number(overall.mean())),
        )
        highlights.insert(
            1,
            _("Strongest on average: {top} ({a}); most room to learn: {low} ({b}).").format(
                top=peers.area_name(top),
                a=formats.number(stats.loc[top, "mean"]),
                low=peers.area_name(low),
                b=formats.number(stats.loc[low, "mean"]),
            ),
        )
        notes = [_marked(caption, illustrative), highlights[0], highlights[1]] + [
            _("{area}: mean {mean} (range {lo}-{hi}, {n} cities).").format(
                area=peers.area_name(s),
                mean=formats.number(stats.loc[s, "mean"], 1),
                lo=formats.number(stats.loc[s, "min"]),
                hi=formats.number(stats.loc[s, "max"]),
                n=int(stats.loc[s, "count"]),
            )
            for s in order
        ]
    return Slide(
        key="index",
        title=_("ICC Index overview"),
        subtitle=_("Mean score per area, each city's latest edition up to {year}").format(
            year=year
        ),
        chart=chart,
        highlights=tuple(highlights),
        notes=(*notes, _(LEARNING_TOOL)),
        caption=caption,
        sources=_distinct(latest["source"], 3),
        illustrative=illustrative,
        empty=""
        if n_cities
        else _none_text(
            filters,
            N_("No city with Index results matches these filters"),
            _("No Index results on file up to {year}").format(year=year),
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
            change = (
                _("{change} on {year}").format(
                    change=("+" if now >= prev else "−") + formats.number(abs(now - prev)),
                    year=year - 1,
                )
                if prev is not None
                else _("change unknown")
            )
            highlights.append(
                _("{platform}: {n} followers at the end of {year} ({change}).").format(
                    platform=platform, n=formats.number(now), year=year, change=change
                )
            )
    if not highlights and years:  # the chart stops at the last year with a figure: say so
        highlights.append(
            _("No follower figure on file for {year}; the latest is from {latest}.").format(
                year=year, latest=years[-1]
            )
        )
    notes.extend(highlights)
    this_year = rows[rows["year"] == year]
    scope = _("Outreach figures are for the whole network.") if _filtered(filters) else ""
    return Slide(
        key="outreach",
        title=_("Outreach: followers"),
        subtitle=_("Followers per platform, latest figure of each year up to {year}").format(
            year=year
        ),
        chart=Chart("line", tuple(str(y) for y in years), tuple(series), _("Followers")),
        highlights=tuple(highlights) + ((scope,) if scope else ()),
        notes=tuple(notes) or (_("No follower figures on file for {year}.").format(year=year),),
        sources=_distinct(this_year["source"] if not this_year.empty else rows["source"], 3),
        illustrative=bool(rows["illustrative"].any()) if not rows.empty else False,
        empty="" if series else _("No follower figures on file up to {year}").format(year=year),
    )


def activities_slide(frames: Frames, year: int, filters: Filters | None = None) -> Slide:
    """Activities of the year by kind (events, campaigns, newsletters, news, publications).

    Kinds are not one unit (a news item is not an event), so no total across them is given;
    events and participants are the key figures' (participants of an event held during
    another are counted once)."""
    acts = frames["activities"]
    this = acts[acts["year"] == year]
    by_kind = this.groupby("kind")["items"].sum().sort_values(ascending=False)
    from dashboard.figures.outreach import KINDS
    from dashboard.kpis import _total_qualifier

    names = [_(KINDS.get(k, k.replace("_", " "))).capitalize() for k in by_kind.index]
    # Each kind's figure as published ("more than 60" news items): in the chart's label (its
    # bar is the number as written) and as the value in the notes.
    quals = [_total_qualifier(this[this["kind"] == k], "count") for k in by_kind.index]
    shown = [
        formats.qualified(int(v), q) if q else formats.number(int(v))
        for v, q in zip(by_kind.values, quals, strict=True)
    ]
    labels = tuple(
        f"{name} ({value})" if q else name
        for name, value, q in zip(names, shown, quals, strict=True)
    )
    kpis = {k.key: k for k in compute_kpis(frames, year) if k.key in ("events", "participants")}
    events, participants = kpis["events"], kpis["participants"]
    highlights = []
    if events.value:
        change = events.change_text(year)
        mark = " (" + _("illustrative") + ")" if events.illustrative else ""
        highlights.append(
            _("{n} events recorded in {year}{mark}; {change}.").format(
                n=events.value_text(), year=year, mark=mark, change=change
            )
        )
    if participants.value:
        mark = " (" + _("illustrative") + ")" if participants.illustrative else ""
        counted = this[this["is_event"]]
        women, men = _num(counted["women"].sum()), _num(counted["men"].sum())
        text = _("{n} event participants recorded{mark}").format(
            n=participants.value_text(), mark=mark
        )
        if counted["women"].notna().any() or counted["men"].notna().any():
            text += " " + _("({w} women, {m} men where recorded)").format(w=women, m=men)
        highlights.append(text + _("; an event held during another is counted once."))
    kind_rows = {kind: this[this["kind"] == kind] for kind in by_kind.index}
    notes = list(highlights) + [
        _("{label}: {value}").format(label=name, value=value)
        + (" [" + _("illustrative") + "]" if _ill_rows(kind_rows[kind]) else "")
        for kind, name, value in zip(by_kind.index, names, shown, strict=True)
    ]
    return Slide(
        key="activities",
        title=_("Outreach: activities of the year"),
        subtitle=_("Activities on file in {year} by kind (each kind in its own unit)").format(
            year=year
        ),
        chart=Chart(
            "barh", labels, (Series(_("Activities"), tuple(float(v) for v in by_kind.values)),), ""
        ),
        highlights=tuple(highlights),
        notes=tuple(notes),
        sources=_distinct(this["source"], 3),
        illustrative=_ill_rows(this) or _shows_unpublished((events, participants)),
        empty="" if len(by_kind) else _("No activity on file for {year}").format(year=year),
    )


def _ill_rows(rows: pd.DataFrame) -> bool:
    """Whether activity counts or participants shown from `rows` are unpublished."""
    return marks.shows_unpublished(rows, ("count", "participants"))


def city_slide(frames: Frames, year: int, city: str, filters: Filters | None = None) -> Slide:
    """A city's latest Index result up to `year` against its peers (the whole sample, same
    questionnaire: `dashboard.peers`, as on the compare page), area by area, as a radar."""

    from dashboard.views import compare as compare_view

    results = common.index_results_with_status(frames)
    found = peers.resolve_city(peers.city_choices(frames["cities"], results), city)
    years = [y for y in peers.city_years(results, *found) if y <= year] if found else []
    if not found or not years:
        none = _("No Index results on file for {city} up to {year}").format(city=city, year=year)
        return Slide(
            key="city",
            title=_("{city}: Index results").format(city=city),
            empty=none,
            notes=(none + ".",),
        )
    name, country = found
    edition = years[-1]
    group = peers.DEFAULT_GROUP
    peer_rows = peers.peer_results(
        results, peers.peer_cities(frames["cities"], name, country, group), edition
    )
    table = peers.compare(results, name, country, edition, peer_rows)
    areas = peers.areas_only(table).dropna(subset=["peer_mean"])
    group_label = _(peers.PEER_GROUPS[group])
    # Sentences that weigh the city against illustrative peers carry the mark (as on the page).
    sentences = [
        peers.mark(s, "illustrative" if compare_view.summary_unpublished(table) else "")
        for s in peers.summary(name, edition, group_label, table)
    ]
    published = peers.published_line(peers.published_places(results, name, country, edition))
    own = results[
        (results["city"] == name) & (results["country"] == country) & (results["year"] == edition)
    ]
    used = pd.concat([own, peer_rows])
    overall = table[table["indicator"] == "overall"]
    # Who to learn from: the leaders of every area where the city trails (as on the page).
    trailing = peers.trailing(table)
    lead = peers.leaders(table, peer_rows, edition, trailing, frames["cities"])
    labels = dict(
        zip(
            zip(frames["cities"]["city"], frames["cities"]["country"], strict=True),
            peers.city_labels(frames["cities"][["city", "country"]]),
            strict=True,
        )
    )
    scores = table.set_index("indicator")["score"]
    statuses = table.set_index("indicator")["score_status"]
    leader_notes = [
        peers.leader_sentence(
            peers.area_name(slug),
            lead[lead["indicator"] == slug],
            float(scores[slug]),
            labels,
            statuses[slug],
        )
        for slug in trailing
        if (lead["indicator"] == slug).any()
    ]
    leader_lines = [
        peers.leader_line(peers.short_name(slug), lead[lead["indicator"] == slug], labels)
        for slug in trailing[:LEADER_LINES]
        if (lead["indicator"] == slug).any()
    ]
    notes = [
        *sentences,
        *([published] if published else []),
        *leader_notes,
        peers.group_description(group_label, peer_rows, len(peer_rows), edition),
        peers.peer_rule(),
    ]

    def since(change: float, previous_year: object, cross: bool = False) -> str:
        text = _("; {change} since {year}").format(change=f"{change:+.0f}", year=previous_year)
        return text + (", " + _(peers.CROSS_EDITION) if cross else "")

    if not overall.empty:
        row = overall.iloc[0]
        change = since(row["change"], row["previous_year"]) if pd.notna(row["change"]) else ""
        notes.append(
            _("Overall: {score}, peer mean {mean}{change}.").format(
                score=peers.mark(f"{row['score']:.0f}", row["score_status"]),
                mean=peers.mark(formats.number(row["peer_mean"], 1), row["peer_status"]),
                change=change,
            )
        )
    notes += [
        _("{area}: {score}, peer mean {mean} ({difference})").format(
            area=r.area,
            score=peers.mark(f"{r.score:.0f}", r.score_status),
            mean=peers.mark(formats.number(r.peer_mean, 1), r.peer_status),
            difference=peers.mark(
                ("+" if r.difference >= 0 else "-") + formats.number(abs(r.difference), 1),
                r.difference_status,
            ),
        )
        + (since(r.change, r.previous_year, r.cross_edition) if pd.notna(r.change) else "")
        for r in areas.itertuples()
    ]
    caption = compare_view.with_mark(
        compare_view.radar_caption(table, name, edition),
        [*table["score_status"], *table["peer_status"]],
    )
    return Slide(
        key="city",
        title=_("{city} and its peers").format(city=name),
        subtitle=_(
            "ICC Index {year} ({edition}): {city} beside the peer mean, area by area"
        ).format(year=edition, edition=peers.edition_name(peers.edition_of(edition)), city=name),
        chart=Chart(
            "radar",
            tuple(peers.short_name(s) for s in areas["indicator"]),
            (
                Series(name, tuple(float(v) for v in areas["score"])),
                Series(_("Peer mean"), tuple(float(v) for v in areas["peer_mean"])),
            ),
            _("Score (0-100)"),
            number_format="0",
            max_value=100,
        ),
        highlights=(
            *(sentences[:1] if leader_lines else sentences),
            *([published] if published else []),
            *([_(LEARN_FROM)] if leader_lines else []),
            *leader_lines,
            _(LEARNING_TOOL),
        ),
        notes=(_marked(caption, bool(used["illustrative"].any())), *notes, _(LEARNING_TOOL)),
        sources=_distinct(peers.flat_sources(used), 3),
        illustrative=bool(used["illustrative"].any()),
        caption=caption,
        empty=""
        if not areas.empty
        else _("No peer results to compare {city} with").format(city=name),
        extra={
            "city": name,
            "country": country,
            "edition": edition,
            "leaders": lead[["indicator", "city", "country", "score", "year"]].to_dict("records"),
        },
    )


def side_slide(frames: Frames, year: int, city: str, others: list[str]) -> Slide:
    """Up to four cities side by side, area by area (the compare page's `?with=`, from the
    same `views.compare.side_by_side`): each city's latest result up to `year`."""
    from dashboard.views import compare as compare_view

    results = common.index_results_with_status(frames)
    table = peers.city_choices(frames["cities"], results)
    keys = [peers.resolve_city(table, n) for n in [city, *others]]
    keys = list(dict.fromkeys(k for k in keys if k))[: compare_view.WITH_MAX + 1]
    labels = dict(
        zip(zip(table["city"], table["country"], strict=True), table["label"], strict=True)
    )
    side, rows, other = compare_view.side_by_side(results, keys, labels, year)
    names = [c for c in side.columns if c not in ("indicator", "area")]
    if len(names) < 2:
        few = _("Fewer than two of these cities have Index results")
        return Slide(
            key="side",
            title=_("{city} side by side").format(city=city),
            empty=few,
            notes=(few + ".",),
        )
    areas = side[side["indicator"] != "overall"]
    editions = compare_view.editions_of(rows, labels, year)
    said = [
        _("{city}: {year} ({edition})").format(
            city=c,
            year=y,
            edition=peers.edition_name(e) + (f", {_(peers.DATED)}" if d else ""),
        )
        for c, y, e, d in editions.itertuples(index=False, name=None)
    ]
    left = [_(compare_view.SIDE_OVERALL).format(names=", ".join(other))] if other else []
    statuses = compare_view.side_statuses(side, rows, labels)
    overall = compare_view.overall_line(side, statuses)
    left = [*([overall] if overall else []), *left]
    caption = compare_view.with_mark(
        compare_view.side_caption(side), compare_view.side_values(statuses)
    )
    illustrative = bool(rows["illustrative"].any())
    notes = [
        *said,
        *left,
        *(
            f"{a}: " + ", ".join(
                f"{n} {peers.mark(str(peers.shown(v)), st)}"
                for n, v, st in zip(names, vals, stats, strict=True)
                if v is not None and pd.notna(v))
            for (a, *vals), stats in zip(
                side[["area", *names]].itertuples(index=False, name=None),
                statuses[names].itertuples(index=False, name=None), strict=True)
        ),
    ]  # fmt: skip
    return Slide(
        key="side",
        title=_("{cities}: side by side").format(cities=" · ".join(names)),
        subtitle=_("ICC Index, each city's latest result up to {year}, area by area").format(
            year=year
        ),
        chart=Chart(
            "barh",
            tuple(peers.short_name(s) for s in areas["indicator"]),
            tuple(
                Series(n, tuple(float(v) if pd.notna(v) else None for v in areas[n])) for n in names
            ),
            _("Score (0-100)"),
            number_format="0",
            max_value=100,
        ),
        highlights=(*said, *left, _(LEARNING_TOOL)),
        notes=(_marked(caption, illustrative), *notes, _(LEARNING_TOOL)),
        sources=_distinct(peers.flat_sources(rows), 3),
        illustrative=illustrative,
        caption=caption,
        extra={"cities": names},
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
    ("title", N_("Intercultural Cities in {year}"), title_slide),
    ("kpis", N_("Key figures of {year}"), kpi_slide),
    ("growth", N_("Membership growth"), growth_slide),
    ("map", N_("Where the member cities are"), map_slide),
    ("networks", N_("National networks"), networks_slide),
    ("index", N_("ICC Index overview"), index_slide),
    ("outreach", N_("Outreach: followers"), outreach_slide),
    ("activities", N_("Outreach: activities of the year"), activities_slide),
)


def failed_slide(key: str, title: str, year: int) -> Slide:
    """The stand-in for a slide whose builder raised: it says so, in words."""
    return Slide(
        key=key,
        title=title,
        subtitle=_("The year {year}").format(year=year) if year else "",
        empty=_(FAILED),
        notes=(_("This slide could not be drawn (the error is in the server log)."),),
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
    frames: Frames,
    year: int,
    city: str | None = None,
    filters: Filters | None = None,
    with_: list[str] | None = None,
) -> list[Slide]:
    """Every slide of the year's story in order (the city's comparison last, when set, and
    the cities set beside it, `with_`); a slide that cannot be built is replaced by one
    that says so."""
    slides = [
        safe_slide(
            key, _(title).format(year=year), year, lambda b=builder: b(frames, year, filters)
        )
        for key, title, builder in SLIDES
    ]
    if city:
        slides.append(
            safe_slide(
                "city",
                _("{city}: Index results").format(city=city),
                year,
                lambda: city_slide(frames, year, city, filters),
            )
        )
        if with_:
            slides.append(
                safe_slide(
                    "side",
                    _("{city} side by side").format(city=city),
                    year,
                    lambda: side_slide(frames, year, city, list(with_)),
                )
            )
    return slides
