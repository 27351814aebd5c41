"""Compare view: a city's Index scores beside a peer group, area by area (a learning tool)."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

import pandas as pd
from dash import dcc, html

from dashboard import components, formats, peers
from dashboard.cards import HIDE, SHOW, Card, ChartResult, illustrative_badge
from dashboard.figures import compare as figs
from dashboard.figures.common import empty_figure
from dashboard.i18n import N_, _, ngettext
from dashboard.ids import child, param_id
from dashboard.urlstate import SHARED_KEYS, PageState
from dashboard.views import common
from data_loaders import gazetteer, vocab

PAGE = "compare"
SUMMARY = "compare-summary"
SUMMARY_BADGE = child(SUMMARY, "badge")
NOTICE = "compare-notice"
TABLE = "compare-table"
PICKED = "compare-picked"  # the hand-picked list's wrapper (shown for that group only)
LEADERS = "compare-leaders"
SIDE_TABLE = "compare-side-table"
SHARED_STORE = "compare-shared"  # the shared filters of the URL, carried by the page's links
CITY_KEY, EDITION_KEY, PEER_KEY, PEERS_KEY = "city", "edition", "peer", "peers"
WITH_KEY, AREA_KEY = "with", "area"
WITH_MAX = 3  # cities set beside the city (four in all)
SEARCH_MAX = 30  # options a search offers
# User-visible strings (English; `_()` where shown).
LEADERS_TITLE = N_("Who to learn from")
LEADERS_NONE = N_("{city} is at or above its peer mean in every area: no peer leads it.")
LEADERS_NONE_AREA = N_("No peer in this group scores higher than {city} in {area}.")
LEADERS_HELP = N_(
    "Up to three peers per area where the city is below its peer mean (or in the area "
    "picked), highest score first, then the most recent result. Each name opens that "
    "city's comparison; dated: more than five years older than the chosen edition."
)
PRACTICES_NONE = N_(
    "No good-practice example on file for these cities and areas (the dataset "
    "'practices' is empty in the bundled sample: no published city and area example "
    "was found in the sources)."
)
SIDE_TITLE = N_("Side by side")
SIDE_HINT = N_("Pick up to three cities to set beside {city} (the leaders are suggested first).")
SIDE_EMPTY = N_("Pick up to three cities to set side by side")
SIDE_OVERALL = N_(
    "Overall index of {names}: a result in the other questionnaire, scored differently (not "
    "like for like; left out of the chart)."
)
ILLUSTRATIVE_INPUTS = N_("Computed from illustrative values (not published).")
SIDE_STATUS = N_("Status of each overall score: {statuses}.")
RADAR = Card("compare-radar", PAGE, N_("Profile: city and peer mean"), height=400)
BARS = Card(
    "compare-bars",
    PAGE,
    N_("Score per area against the peer group"),
    help=N_(
        "Blue dot: the city; orange diamond: peer mean; grey bar: from the lowest to the "
        "highest peer score."
    ),
    height=600,
)
CHANGE = Card(
    "compare-change",
    PAGE,
    N_("Change since the city's previous result"),
    help=N_(
        "Against the previous result in the same questionnaire when there is one. Grey "
        "hatched bars: the previous result is in a different questionnaire, not like for "
        "like; only areas present in both are shown, and never the overall."
    ),
    height=600,
)
SIDE = Card(
    "compare-side",
    PAGE,
    N_("Cities side by side"),
    help=N_(
        "Each city's latest result up to the chosen edition, one group of bars per area; "
        "areas one questionnaire lacks are left empty."
    ),
    height=620,
)
CARDS = (RADAR, BARS, CHANGE, SIDE)
OUTPUTS = {
    "edition_options": (param_id(EDITION_KEY), "options"),
    "edition": (param_id(EDITION_KEY), "value"),
    "with_options": (param_id(WITH_KEY), "options"),
    LEADERS: (LEADERS, "children"),
    SIDE_TABLE: (SIDE_TABLE, "children"),
    PICKED: (PICKED, "style"),
    SUMMARY: (SUMMARY, "children"),
    SUMMARY_BADGE: (SUMMARY_BADGE, "style"),
    NOTICE: (NOTICE, "children"),
    TABLE: (TABLE, "children"),
}
FILTERS: tuple[str, ...] = ()
PARAMS = (CITY_KEY, EDITION_KEY, PEER_KEY, PEERS_KEY, WITH_KEY, AREA_KEY)
# The page parameters, and the shared filters of the URL for the links the page draws.
INPUTS = {**{k: (param_id(k), "value") for k in PARAMS}, "shared": (SHARED_STORE, "data")}
FRAMES = ("cities", "index", "practices")
AREA_OPTIONS = [{"label": peers.area_name(s), "value": s} for s in vocab.AREA_SLUGS]
CHANGE_COLUMNS = [
    "indicator", "area", "previous_year", "previous_edition", "cross_edition", "previous",
    "score", "change",
]  # fmt: skip


def prepare(frames: Mapping[str, pd.DataFrame]) -> dict:
    """Index results one row per city and year, the cities with results and their labels
    with the gazetteer's other names of them (read once per data version: a few seconds),
    and the good-practice examples."""
    results = common.index_results_with_status(frames)
    table = peers.city_choices(frames["cities"], results)
    # Country names in the language of the prepared frames (CLDR; kept per language).
    table["country_name"] = formats.country_names(table["country"], table["country_name"])
    places = {(c, k) for c, k in zip(table["country"], table["city_key"], strict=True)}
    places |= {(c, k) for c, k in zip(table["country"], table["geo_key"], strict=True) if k}
    table = peers.with_alternates(table, gazetteer.alternate_names(places))
    try:
        practices = frames["practices"]
    except KeyError:
        practices = pd.DataFrame(columns=["city", "country", "area", "title", "url", "year"])
    return {
        "results": results,
        "table": table,
        "cities": frames["cities"],
        "practices": practices,
        "search": peers.search_keys(table),
    }


def search_options(prepared: dict, text: object, keep: object) -> list[dict]:
    """The picker's options for the text typed (server-side search: case, accents and the
    gazetteer's other names, "lisboa" offers Lisbon), with the values already picked kept
    (unmatched by the text, so the list shows only the hits) so that the picker can still
    show them."""
    table = prepared["table"]
    kept = [keep] if isinstance(keep, str) else list(keep or [])
    found = peers.search(table, prepared["search"], str(text or ""), SEARCH_MAX)
    hits = options_for(table, found, str(text or ""))
    return [*options_for(table, [k for k in kept if k not in found]), *hits]


def options_for(table: pd.DataFrame, labels: list[str], typed: str = "") -> list[dict]:
    """Picker options for city labels: "Lisbon (Portugal)"; `typed`, the text a server-side
    search found them for, is added to what the dropdown filters on in the browser, so
    that it keeps every hit ("lisboa" for Lisbon)."""
    by_label = table.drop_duplicates("label").set_index("label")["country_name"]
    return [
        {
            "label": f"{lab} ({by_label.get(lab, '')})",
            "value": lab,
            "search": f"{lab} {by_label.get(lab, '')} {typed}".strip(),
        }
        for lab in labels
        if lab in by_label.index
    ]


def city_link(label: str, shared: Mapping | None, **extra: object) -> str:
    """A link to a city's comparison that keeps the URL's shared filters."""
    params = {k: v for k, v in (shared or {}).items() if k in SHARED_KEYS and v not in (None, "")}
    params.update({k: v for k, v in extra.items() if v not in (None, "", [])})
    params[CITY_KEY] = label
    return "/compare?" + urlencode(params)


def _key(table: pd.DataFrame, label: object) -> tuple[str, str] | None:
    return peers.resolve_city(table, str(label)) if label else None


def _edition(raw: object, years: list[int]) -> int:
    try:
        year = int(raw) if raw is not None else years[-1]  # type: ignore[arg-type]
    except (TypeError, ValueError):
        year = years[-1]
    return year if year in years else years[-1]


def _empty(picked_style: dict | None) -> dict:
    chart = ChartResult(empty_figure(_("Pick a city with Index results")), pd.DataFrame())
    message = html.P(_("Pick a city with ICC Index results to compare it with its peers."))
    return {
        "edition_options": [],
        "edition": None,
        "with_options": [],
        LEADERS: None,
        SIDE_TABLE: None,
        PICKED: picked_style,
        SUMMARY: message,
        SUMMARY_BADGE: HIDE,
        NOTICE: None,
        TABLE: None,
        **{card.id: chart for card in CARDS},
    }


def _label_of(table: pd.DataFrame) -> dict[tuple[str, str], str]:
    return {
        (c, k): str(lab)
        for c, k, lab in zip(table["city"], table["country"], table["label"], strict=True)
    }


def _practice_items(practices: pd.DataFrame, city: str, country: str, slug: str) -> list:
    if practices.empty:
        return []
    rows = practices[
        (practices["city"] == city)
        & (practices["country"] == country)
        & (practices["area"] == slug)
    ]
    items = []
    for r in rows.itertuples():
        url = str(r.url or "") if pd.notna(r.url) else ""
        title = str(r.title)
        when = f" ({int(r.year)})" if pd.notna(r.year) else ""
        safe = url.startswith(("https://", "http://"))
        link = html.A(title, href=url, target="_blank", rel="noopener") if safe else title
        items.append(html.Li([link, when], className="compare-practice"))
    return items


def leaders_block(
    cmp: pd.DataFrame,
    lead: pd.DataFrame,
    areas: list[str],
    name: str,
    labels: dict,
    practices: pd.DataFrame,
    link,
) -> list:
    """The "who to learn from" section: one plain sentence per area, then its leaders,
    each a link to that city's comparison, with score, edition, questionnaire, population
    band, gap in points, the dated flag and any good-practice example under the name."""
    scores = cmp.set_index("indicator")["score"]
    statuses = cmp.set_index("indicator")["score_status"]
    blocks: list = []
    any_practice = False
    for slug in areas:
        rows = lead[lead["indicator"] == slug]
        area = peers.area_name(slug)
        if slug not in scores.index:
            continue
        if rows.empty:
            blocks.append(html.P(_(LEADERS_NONE_AREA).format(city=name, area=area)))
            continue
        items = []
        for r in rows.itertuples():
            label = labels.get((r.city, r.country), r.city)
            details = peers.edition_name(r.edition) + (
                f", {peers.band_name(r.pop_band)}" if r.pop_band else ""
            )
            gap = round(r.gap)
            facts = " " + ngettext(
                "{score} in {year} ({details}), {gap} point",
                "{score} in {year} ({details}), {gap} points",
                abs(gap),
            ).format(score=peers.shown(r.score), year=r.year, details=details, gap=f"{gap:+d}")
            marked = peers.is_marked(r.score_status) or peers.is_marked(r.gap_status)
            practice = _practice_items(practices, r.city, r.country, slug)
            any_practice = any_practice or bool(practice)
            items.append(
                html.Li(
                    [
                        dcc.Link(label, href=link(label), className="compare-leader"),
                        facts,
                        illustrative_badge() if marked else None,
                        html.Span(_(peers.DATED), className="badge text-bg-secondary ms-1")
                        if r.dated
                        else None,
                        html.Ul(practice, className="small mb-1") if practice else None,
                    ]
                )
            )
        sentence = peers.leader_sentence(
            area, rows, float(scores[slug]), labels, statuses.get(slug, "published")
        )
        blocks.append(
            html.Div(
                [html.P(sentence, className="mb-1 compare-lead-sentence"), html.Ul(items)],
                className="compare-lead-area",
            )
        )
    if not blocks:
        blocks.append(html.P(_(LEADERS_NONE).format(city=name)))
    if not any_practice:
        blocks.append(html.P(_(PRACTICES_NONE), className="text-muted small mb-0"))
    return blocks


def side_by_side(
    res: pd.DataFrame, keys: list[tuple[str, str]], labels: dict, year: int
) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """Cities side by side: per area a column of scores per city (each city's latest
    result up to `year`, else its first later one), the editions shown, and the cities
    left out of the overall (another questionnaire than the first city's): the table,
    the results used and the labels of the cities left out of the overall."""
    rows = []
    for key in keys:
        mine = res[(res["city"] == key[0]) & (res["country"] == key[1])].sort_values("year")
        if mine.empty:
            continue
        upto = mine[mine["year"] <= year]
        rows.append(upto.iloc[-1] if not upto.empty else mine.iloc[0])
    if not rows:
        return pd.DataFrame(columns=["indicator", "area"]), pd.DataFrame(), []
    first_edition = rows[0]["edition"]
    table = pd.DataFrame(
        {
            "indicator": list(peers.SCORE_COLUMNS),
            "area": [peers.area_name(s) for s in peers.SCORE_COLUMNS],
        }
    )
    other = []
    for row in rows:
        label = labels.get((row["city"], row["country"]), row["city"])
        values = [
            round(float(row[s]), 1) if pd.notna(row[s]) else None for s in peers.SCORE_COLUMNS
        ]
        # The overall index of another questionnaire is shown (each city's own result, with
        # its status) but named as not like for like, and left out of the chart.
        if row["edition"] != first_edition:
            other.append(label)
        table[label] = values
    names = [c for c in table.columns if c not in ("indicator", "area")]
    table = table[table[names].notna().any(axis=1)].reset_index(drop=True)
    return table, pd.DataFrame(rows).reset_index(drop=True), other


def side_statuses(side: pd.DataFrame, rows: pd.DataFrame, labels: dict) -> pd.DataFrame:
    """The status of each score of the side-by-side table (`side_by_side`): same rows and
    city columns, published / derived / illustrative ("" where there is no score)."""
    out = side[["indicator", "area"]].copy()
    for _i, row in rows.iterrows():
        label = labels.get((row["city"], row["country"]), row["city"])
        if label not in side:
            continue
        one = row.to_frame().T
        statuses = {slug: peers.status_of(one, slug).iloc[0] for slug in peers.SCORE_COLUMNS}
        out[label] = [
            statuses.get(slug, "") if pd.notna(v) else ""
            for slug, v in zip(side["indicator"], side[label], strict=True)
        ]
    return out


def overall_line(side: pd.DataFrame, statuses: pd.DataFrame) -> str:
    """Each city's overall score and its status, in a line: "Odesa 70 (published), Lisbon
    61 (illustrative)" ("" when no city has one)."""
    row = side[side["indicator"] == "overall"]
    if row.empty:
        return ""
    names = [c for c in side.columns if c not in ("indicator", "area")]
    status = statuses[statuses["indicator"] == "overall"]
    parts = [
        f"{n} {peers.shown(row[n].iloc[0])} ({_(str(status[n].iloc[0]))})"
        for n in names
        if pd.notna(row[n].iloc[0])
    ]
    return _(SIDE_STATUS).format(statuses=", ".join(parts)) if parts else ""


def with_mark(text: str, statuses: object) -> str:
    """A caption computed from values of these statuses, with the illustrative mark's
    sentence when any of them is not published."""
    if text and any(peers.is_marked(v) for v in statuses):  # type: ignore[union-attr]
        return text + " " + _(ILLUSTRATIVE_INPUTS)
    return text


def editions_of(rows: pd.DataFrame, labels: dict, year: int) -> pd.DataFrame:
    """The edition of each city's result set side by side: city label, year, questionnaire,
    dated."""
    pairs = list(zip(rows.get("city", []), rows.get("country", []), strict=True))
    return pd.DataFrame(
        {
            "city": [labels.get(p, p[0]) for p in pairs],
            "year": [int(y) for y in rows.get("year", [])],
            "edition": list(rows.get("edition", [])),
            "dated": [year - int(y) > peers.DATED_YEARS for y in rows.get("year", [])],
        }
    )


def side_display(table: pd.DataFrame, editions: pd.DataFrame) -> pd.DataFrame:
    """The side-by-side table as shown: whole numbers, the edition of each city on top
    (`side_marks` says which carry the illustrative mark)."""
    names = [c for c in table.columns if c not in ("indicator", "area")]
    area = _("Area")
    top = {area: _("Edition")} | {
        n: f"{y} ({peers.edition_name(e)})" + (f", {_(peers.DATED)}" if d else "")
        for n, y, e, d in zip(
            editions["city"], editions["year"], editions["edition"], editions["dated"], strict=True
        )
    }
    body = [
        {area: a} | {n: figs._num(v) for n, v in zip(names, vals, strict=True)}
        for a, *vals in table[["area", *names]].itertuples(index=False, name=None)
    ]
    return pd.DataFrame([top, *body], columns=[area, *names])


def side_marks(statuses: pd.DataFrame) -> pd.DataFrame:
    """Which cells of `side_display` carry the illustrative mark (the edition row none)."""
    names = [c for c in statuses.columns if c not in ("indicator", "area")]
    area = _("Area")
    top = {area: False} | dict.fromkeys(names, False)
    body = [
        {area: False} | {n: peers.is_marked(v) for n, v in zip(names, vals, strict=True)}
        for vals in statuses[names].itertuples(index=False, name=None)
    ]
    return pd.DataFrame([top, *body], columns=[area, *names])


def _listed(names: list[str]) -> str:
    """ "A", "A and B", "A, B and C" in the current language."""
    if len(names) < 2:
        return "".join(names)
    return _("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])


def radar_caption(cmp: pd.DataFrame, name: str, year: int) -> str:
    """The profile in words: the city's highest and lowest areas, and how many areas are
    above the peer mean (scores as shown)."""
    areas = peers.areas_only(cmp)
    if areas.empty:
        return ""
    shown = areas["score"].map(peers.shown)
    top, low = areas.loc[shown.idxmax()], areas.loc[shown.idxmin()]
    text = _(
        "In {year}, {city} scores highest in {top} ({top_score}) and lowest in {low} ({low_score})."
    ).format(
        year=year,
        city=name,
        top=top["area"],
        top_score=peers.shown(top["score"]),
        low=low["area"],
        low_score=peers.shown(low["score"]),
    )
    compared = areas.dropna(subset=["peer_mean"])
    if not compared.empty:
        gaps = [
            peers.shown_gap(s, m)
            for s, m in zip(compared["score"], compared["peer_mean"], strict=True)
        ]
        above = sum(1 for g in gaps if g > 0)
        text += " " + ngettext(
            "Its score is above the peer mean in {above} of {n} area.",
            "Its score is above the peer mean in {above} of {n} areas.",
            len(gaps),
        ).format(above=above, n=len(gaps))
    return text


def bars_caption(cmp: pd.DataFrame, name: str, group_label: str) -> str:
    """The bars in words: in how many areas the city's score is within the peers' range,
    at or above its top, at or below its bottom, and where the peers' scores spread widest."""
    areas = peers.areas_only(cmp).dropna(subset=["peer_min", "peer_max"])
    if areas.empty:
        if peers.areas_only(cmp).empty:
            return ""
        return _("No peer results to compare {city} with").format(city=name) + "."
    score = areas["score"].map(peers.shown)
    tops = score >= areas["peer_max"].map(peers.shown)
    top = int(tops.sum())
    low = int(((score <= areas["peer_min"].map(peers.shown)) & ~tops).sum())
    n = len(areas)
    text = ngettext(
        "Against the peer group ({group}), {city} is within the peers' range in {within} of "
        "{n} area.",
        "Against the peer group ({group}), {city} is within the peers' range in {within} of "
        "{n} areas.",
        n,
    ).format(group=group_label.lower(), city=name, within=n - top - low, n=n)
    if top:
        text += " " + _("It matches or tops the highest peer score in {n}.").format(n=top)
    if low:
        text += " " + _("It is at or below the lowest peer score in {n}.").format(n=low)
    spread = areas["peer_max"].map(peers.shown) - areas["peer_min"].map(peers.shown)
    wide = areas.loc[spread.idxmax()]
    text += " " + _("The peers' scores spread widest in {area}, from {low} to {high}.").format(
        area=wide["area"], low=peers.shown(wide["peer_min"]), high=peers.shown(wide["peer_max"])
    )
    return text


def change_caption(cmp: pd.DataFrame, name: str) -> str:
    """The change in words: areas up and down since the previous result, the largest move,
    and whether the two results are in different questionnaires."""
    rows = cmp.dropna(subset=["change"])
    if rows.empty:
        return _("No earlier Index result of {city} to compare with").format(city=name) + "."
    change = pd.Series(
        [peers.shown_gap(s, p) for s, p in zip(rows["score"], rows["previous"], strict=True)],
        index=rows.index,
    )
    up, down = int((change > 0).sum()), int((change < 0).sum())
    year = int(rows["previous_year"].iloc[0])
    text = ngettext(
        "Since {year}, {city}'s score rose in {up} of {n} area and fell in {down}.",
        "Since {year}, {city}'s score rose in {up} of {n} areas and fell in {down}.",
        len(rows),
    ).format(year=year, city=name, up=up, n=len(rows), down=down)
    if change.abs().max() > 0:
        big = rows.loc[change.abs().idxmax()]
        moved = int(change[big.name])
        text += " " + ngettext(
            "The largest change is in {area} ({change} point).",
            "The largest change is in {area} ({change} points).",
            abs(moved),
        ).format(area=big["area"], change=f"{moved:+d}")
    if bool(rows["cross_edition"].any()):
        text += " " + _("The previous result is in the {edition}: not like for like.").format(
            edition=peers.edition_name(rows["previous_edition"].iloc[0])
        )
    return text


def side_caption(side: pd.DataFrame) -> str:
    """The cities side by side in words: in how many areas each city has the highest score
    of those shown (ties counted for each)."""
    areas = side[side["indicator"] != "overall"]
    names = [c for c in side.columns if c not in ("indicator", "area")]
    if areas.empty or len(names) < 2:
        return ""
    shown = areas[names].apply(
        lambda col: col.map(lambda v: peers.shown(v) if pd.notna(v) else None)
    )
    best = shown.max(axis=1)
    counts = {n: int((shown[n] == best).sum()) for n in names}
    lead = max(counts, key=lambda n: counts[n])
    return ngettext(
        "{cities} side by side in {n} area: {city} has the highest score in {top} of them.",
        "{cities} side by side in {n} areas: {city} has the highest score in {top} of them.",
        len(areas),
    ).format(cities=_listed(names), n=len(areas), city=lead, top=counts[lead])


def summary_unpublished(cmp: pd.DataFrame) -> bool:
    """Whether the summary's sentences (areas above and below the peer means, the widest
    gap) rest on any value not published."""
    areas = peers.areas_only(cmp).dropna(subset=["difference"])
    return any(peers.is_marked(v) for v in areas["difference_status"])


def published_notes(cmp: pd.DataFrame, published: dict | None) -> dict:
    """The published places of the city's own overall result, under the places computed
    across peer groups in the overall row of the table."""
    if not published:
        return {}
    rows = list(cmp["indicator"])
    if "overall" not in rows:
        return {}
    return {
        (rows.index("overall"), _(figs.TABLE_HEADERS["across"])): peers.published_line(published)
    }


def published_first(
    shown: pd.DataFrame, marks: pd.DataFrame, cmp: pd.DataFrame, published: dict | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The table and its marks, with the overall row's computed places left out where the
    city's own places are published: "highest of 58" from illustrative peers beside a
    published "4th among the global sample of 80 cities" gave two rankings of one result.
    The published places show under the row (`published_notes`); the download keeps the
    computed ones, each with its status."""
    rows = list(cmp["indicator"])
    if not published or "overall" not in rows:
        return shown, marks
    i = rows.index("overall")
    shown, marks = shown.copy(), marks.copy()
    for key in ("standing", "across"):
        column = _(figs.TABLE_HEADERS[key])
        shown.iloc[i, shown.columns.get_loc(column)] = ""
        if column in marks:
            marks.iloc[i, marks.columns.get_loc(column)] = False
    return shown, marks


def compare_table(cmp: pd.DataFrame, across: pd.DataFrame, published: dict | None):
    """The page's table: values, their marks, and the published places under the overall."""
    shown, marks = published_first(
        figs.display_table(cmp, across), figs.display_marks(cmp, across), cmp, published
    )
    return figs.stacked_table(
        shown, table_id=TABLE + "-rows", marks=marks, notes=published_notes(cmp, published)
    )


def side_values(statuses: pd.DataFrame) -> list:
    """The statuses of the area scores side by side (the chart leaves the overall out)."""
    areas = statuses[statuses["indicator"] != "overall"]
    names = [c for c in statuses.columns if c not in ("indicator", "area")]
    return [v for n in names for v in areas[n]]


def change_download(cmp: pd.DataFrame, name: str, year: int) -> pd.DataFrame:
    """The rows behind the change chart, for CSV/XLSX (the questionnaire named in the
    current language)."""
    rows = cmp.dropna(subset=["change"])
    out = rows[CHANGE_COLUMNS].assign(city=name, year=year)
    out["previous_edition"] = out["previous_edition"].map(peers.edition_name)
    # Each value followed by its status (published, derived or illustrative).
    for column in ("previous", "score", "change"):
        out.insert(out.columns.get_loc(column) + 1, f"{column}_status", rows[f"{column}_status"])
    return out


def side_download(side: pd.DataFrame, statuses: pd.DataFrame) -> pd.DataFrame:
    """The side-by-side rows for CSV/XLSX: each city's scores followed by their status."""
    out = side.copy()
    names = [c for c in side.columns if c not in ("indicator", "area")]
    for n in names:
        out.insert(out.columns.get_loc(n) + 1, f"{n}_status", statuses[n].to_numpy())
    return out


def view(prepared: dict, state: PageState) -> dict:
    """Everything on the page for one city, edition and peer group."""
    res, table, cities = prepared["results"], prepared["table"], prepared["cities"]
    practices = prepared.get("practices", pd.DataFrame(columns=["city", "country", "area"]))
    group = state.param(PEER_KEY, peers.DEFAULT_GROUP)
    group = group if group in peers.PEER_GROUPS else peers.DEFAULT_GROUP
    group_label = _(peers.PEER_GROUPS[group])
    picked_style = None if group == "custom" else HIDE
    label = state.param(CITY_KEY)
    key = _key(table, label)
    if key is None:
        return _empty(picked_style)
    city, country = key
    shared = state.param("shared", {})
    labels = _label_of(table)
    name = labels.get(key, str(label))
    years = peers.city_years(res, city, country)
    year = _edition(state.param(EDITION_KEY), years)
    picked = state.param(PEERS_KEY, [])
    picked_keys = [k for k in (_key(table, p) for p in picked) if k]
    group_cities = peers.peer_cities(cities, city, country, group, picked_keys)
    peer_rows = peers.peer_results(res, group_cities, year)
    cmp = peers.compare(res, city, country, year, peer_rows)
    across = peers.across_groups(res, cities, city, country, year)
    own = res[(res["city"] == city) & (res["country"] == country) & (res["year"] == year)]
    used = pd.concat([own, peer_rows], ignore_index=True)
    basis = pd.DataFrame({"source": peers.flat_sources(used)}).assign(
        illustrative=bool(used["illustrative"].any())
    )
    # Who to learn from: the trailing areas, or the area asked for.
    area = state.param(AREA_KEY)
    areas = [area] if area in vocab.AREA_SLUGS else peers.trailing(cmp)
    lead = peers.leaders(cmp, peer_rows, year, areas, cities)

    def link(lab: str) -> str:
        return city_link(lab, shared)

    leaders = leaders_block(cmp, lead, areas, name, labels, practices, link)
    summary = []
    first = lead[lead["indicator"] == areas[0]] if areas and not lead.empty else lead.iloc[0:0]
    if not first.empty and areas[0] in set(cmp["indicator"]):
        own_row = cmp.set_index("indicator").loc[areas[0]]
        summary.append(
            html.P(
                peers.leader_sentence(
                    peers.area_name(areas[0]),
                    first,
                    float(own_row["score"]),
                    labels,
                    own_row["score_status"],
                ),
                className="mb-2 fw-semibold compare-lead-top",
            )
        )
    # The sentences weigh the city's scores against its peers': marked when any is not
    # published.
    summary_marked = summary_unpublished(cmp)
    summary += [
        html.P([s, illustrative_badge()] if summary_marked else s, className="mb-2")
        for s in peers.summary(name, year, group_label, cmp)
    ]
    published = peers.published_places(res, city, country, year)
    if published:
        summary.append(
            html.P(
                (
                    _("Overall ICC Index of {city}: {score} (published). {line}").format(
                        city=name,
                        score=formats.percent(published["overall"]),
                        line=peers.published_line(published),
                    )
                    if published.get("overall") is not None
                    else _("Overall ICC Index of {city}, as published. {line}").format(
                        city=name, line=peers.published_line(published)
                    )
                ),
                className="mb-2 compare-published",
            )
        )
    summary.append(
        html.P(
            peers.group_description(group_label, peer_rows, len(group_cities), year),
            className="text-muted small mb-1 compare-group-size",
        )
    )
    summary += [
        html.P(s, className="text-muted small mb-1")
        for s in peers.left_out(peer_rows, year, list(cmp["indicator"]))
    ]
    notice = None
    if group == "custom" and not picked_keys:
        notice = components.notices([_("Pick one or more cities for the hand-picked peer group.")])
    elif len(peer_rows) < peers.MIN_GROUP:
        # One notice: an empty group says so (and offers the wider group), a small one
        # says it shows values only.
        text = (
            _("The peer group '{group}' has no city with results to compare {city} with.").format(
                group=group_label, city=name
            )
            if peer_rows.empty
            else peers.small_group(len(peer_rows))
        )
        wider = (
            dcc.Link(
                _(peers.WIDER_GROUP),
                href=city_link(name, shared, edition=year, peer="all"),
                className="alert-link ms-1",
                id="compare-wider",
            )
            if group != "all"
            else None
        )
        notice = html.Div(
            html.Div([text, wider], className="alert alert-info py-2 mb-2 compare-small")
        )
    download = figs.download_table(cmp, name, year, group_label, across, published)
    described = _("city={city}, edition={year}, peer group={group}").format(
        city=name, year=year, group=group_label
    )
    previous = res[(res["city"] == city) & (res["country"] == country) & (res["year"] < year)]
    change_basis = pd.DataFrame(
        {"source": [*peers.flat_sources(own), *peers.flat_sources(previous.tail(1))]}
    ).assign(illustrative=bool(own["illustrative"].any() or previous.tail(1)["illustrative"].any()))
    ill = bool(used["illustrative"].any())
    # Side by side: the cities asked for; the leaders are offered in the picker.
    chosen = state.param(WITH_KEY, [])
    chosen = chosen.split(",") if isinstance(chosen, str) else list(chosen)
    with_keys = [k for k in (_key(table, c) for c in chosen) if k and k != key][:WITH_MAX]
    suggested = [labels.get((c, k), c) for c, k in zip(lead["city"], lead["country"], strict=True)]
    with_labels = [labels.get(k, k[0]) for k in with_keys]
    with_options = options_for(table, list(dict.fromkeys([*with_labels, *suggested])))
    side, side_rows, other = side_by_side(res, [key, *with_keys], labels, year)
    side_status = side_statuses(side, side_rows, labels)
    editions = editions_of(side_rows, labels, year)
    side_ill = bool(side_rows["illustrative"].any()) if not side_rows.empty else False
    side_basis = pd.DataFrame(
        {"source": peers.flat_sources(side_rows) if not side_rows.empty else []}
    ).assign(illustrative=side_ill)
    if with_keys:
        side_children = [
            figs.stacked_table(
                side_display(side, editions),
                table_id=SIDE_TABLE + "-rows",
                marks=side_marks(side_status),
            ),
            html.P(overall_line(side, side_status), className="small mb-1 compare-side-overall"),
        ]
        if other:
            side_children.append(
                html.P(_(SIDE_OVERALL).format(names=", ".join(other)), className="text-muted small")
            )
        side_fig = lambda i: figs.side_by_side(side, illustrative=i, statuses=side_status)  # noqa: E731
    else:
        side_children = [html.P(_(SIDE_HINT).format(city=name), className="text-muted small")]
        side_fig = lambda i: empty_figure(_(SIDE_EMPTY))  # noqa: E731
    return {
        "edition_options": [{"label": str(y), "value": y} for y in reversed(years)],
        "edition": year,
        "with_options": with_options,
        LEADERS: leaders,
        SIDE_TABLE: side_children,
        PICKED: picked_style,
        SUMMARY: summary,
        SUMMARY_BADGE: SHOW if ill else HIDE,
        NOTICE: notice,
        TABLE: compare_table(cmp, across, published),
        **{
            card.id: ChartResult(
                lambda i, draw=draw: draw(cmp, name, illustrative=i),
                download,
                basis,
                title=what.format(city=name, year=year),
                filters=described,
                caption=caption,
            )
            for card, draw, what, caption in (
                (
                    BARS,
                    figs.score_bars,
                    _("{city} {year}: score per area against the peer group"),
                    with_mark(
                        bars_caption(cmp, name, group_label),
                        [*cmp["score_status"], *cmp["peer_status"]],
                    ),
                ),
                (
                    RADAR,
                    figs.radar,
                    _("{city} {year}: profile and peer mean"),
                    with_mark(
                        radar_caption(cmp, name, year),
                        [*cmp["score_status"], *cmp["peer_status"]],
                    ),
                ),
            )
        },
        CHANGE.id: ChartResult(
            lambda i: figs.change_bars(cmp, name, illustrative=i),
            change_download(cmp, name, year),
            change_basis,
            title=_("{city}: change since the previous result").format(city=name),
            filters=described,
            caption=with_mark(change_caption(cmp, name), cmp["change_status"]),
        ),
        SIDE.id: ChartResult(
            side_fig,
            side_download(side, side_status),
            side_basis,
            title=_("{cities}: side by side").format(cities=", ".join([name, *with_labels])),
            filters=_("city={city}, with={others}, edition={year}").format(
                city=name, others=",".join(with_labels), year=year
            ),
            caption=with_mark(side_caption(side), side_values(side_status)) if with_keys else "",
        ),
    }
