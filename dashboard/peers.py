"""Peer groups and comparison statistics of the ICC Index (pure functions over frames).

The ICC Index is a self-assessment and learning tool, not a ranking: these functions set a
city's scores beside those of a group of peers so that a coordinator can see where others
have gone further, and say so in plain words.

Peer values follow one rule: for each peer city, its latest result in any edition up to
the chosen year. A peer whose latest result is in the other questionnaire (2009
questionnaire up to 2018, 2019 questionnaire from 2019) is compared only on the areas both
questionnaires share, never on the overall index; a result more than five years older
than the chosen year is flagged "dated". A group of fewer than five peers gets values only,
no position.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from dashboard import formats, i18n
from dashboard.i18n import N_, _, ngettext, pgettext
from data_loaders import gazetteer, vocab

# Peer groups offered on the compare page: query value -> label.
# (English, translated where shown with `_()`.)
PEER_GROUPS: dict[str, str] = {
    "all": N_("Whole sample"),
    "country": N_("Same country"),
    "network": N_("Same national network"),
    "pop_under": N_("Under 200,000 inhabitants"),
    "pop_over": N_("200,000 inhabitants and over"),
    "fb_under": N_("Foreign-born share under 15%"),
    "fb_over": N_("Foreign-born share at least 15%"),
    "custom": N_("Hand-picked cities"),
}
DEFAULT_GROUP = "all"
DATED_YEARS = 5  # a peer result more than this many years before the chosen year is "dated"
MIN_GROUP = 5  # fewer peers than this: values only, no position
PEER_RULE_TEXT = N_(
    "Peer values: each peer city's latest result in any edition up to the chosen year. "
    "A result in the other questionnaire (2009 questionnaire up to {last_2009}, 2019 "
    "questionnaire from {first_2019}) is compared only on the areas both questionnaires "
    "share, never on the overall index; a result more than {dated} years older is marked "
    "dated. A group of fewer than {min_group} peers shows values only, no position."
)


def peer_rule() -> str:
    """How peer values are chosen, in the current language."""
    return _(PEER_RULE_TEXT).format(
        last_2009=vocab.REVISED_EDITION_YEAR - 1,
        first_2019=vocab.REVISED_EDITION_YEAR,
        dated=DATED_YEARS,
        min_group=MIN_GROUP,
    )


PEER_RULE = PEER_RULE_TEXT.format(
    last_2009=vocab.REVISED_EDITION_YEAR - 1,
    first_2019=vocab.REVISED_EDITION_YEAR,
    dated=DATED_YEARS,
    min_group=MIN_GROUP,
)  # English; `peer_rule()` where shown
DATED = N_("dated")
SMALL_GROUP = N_(
    "Only {n} peer city in this group: fewer than {min_group}, so the page shows their "
    "values and no position."
)
SMALL_GROUP_PLURAL = N_(
    "Only {n} peer cities in this group: fewer than {min_group}, so the page shows their "
    "values and no position."
)
WIDER_GROUP = N_("Compare with the whole sample")


def small_group(n: int) -> str:
    """The notice of a peer group too small for positions."""
    return ngettext(SMALL_GROUP, SMALL_GROUP_PLURAL, n).format(n=n, min_group=MIN_GROUP)


# The questionnaires (the `edition` of a result) and the population and foreign-born bands
# (`cities.pop_band`, `fb_band`) are data values in English; `_()` where shown.
EDITION_WORDS = (N_("2019 questionnaire"), N_("2009 questionnaire"))
BAND_WORDS = (
    N_("under 200,000"), N_("200,000 and over"),
    N_("foreign-born share under 15%"), N_("foreign-born share at least 15%"),
)  # fmt: skip


def edition_name(edition: object) -> str:
    """A questionnaire's name ("2019 questionnaire") in the current language."""
    return _(str(edition)) if edition else ""


def band_name(band: object) -> str:
    """A population or foreign-born band in the current language."""
    return _(str(band)) if band else ""


# Short names for chart axes of the columns that are not areas (areas: the vocabulary's).
SHORT_NAMES: dict[str, str] = {"lens": N_("Intercultural lens")}
RESULT_KEYS = ["city", "country", "year"]
GAZETTEER_PREFIX = "gazetteer: "  # cities.geo_source of a city placed by the gazetteer
SCORE_COLUMNS: tuple[str, ...] = (*vocab.AREA_SLUGS, "overall")


def area_name(slug: str) -> str:
    """An area's name as the vocabulary gives it, in the reader's language."""
    return vocab.indicator_name(slug, i18n.current())


def short_name(slug: str) -> str:
    """A short area name for chart axes, in the reader's language (the vocabulary's)."""
    if slug in SHORT_NAMES:
        return _(SHORT_NAMES[slug])
    return vocab.indicator_short(slug, i18n.current())


def edition_of(year: int) -> str:
    """The questionnaire edition a result of `year` belongs to."""
    if year >= vocab.REVISED_EDITION_YEAR:
        return "2019 questionnaire"
    return "2009 questionnaire"


def prepare_results(index: pd.DataFrame) -> pd.DataFrame:
    """One row per city, country and year: every area's score, overall, the intercultural-lens
    composite, the edition, whether any score is illustrative, and its distinct sources (a
    tuple; `flat_sources` lists them for a source line)."""
    columns = [*RESULT_KEYS, "edition", *SCORE_COLUMNS, "lens", "illustrative", "sources"]
    if index.empty:
        return pd.DataFrame(columns=columns)
    wide = index.pivot_table(
        index=RESULT_KEYS, columns="indicator", values="score", aggfunc="first"
    ).reset_index()
    wide.columns.name = None
    for slug in SCORE_COLUMNS:
        if slug not in wide.columns:
            wide[slug] = np.nan
    grouped = index.groupby(RESULT_KEYS, sort=False)
    flags = grouped["illustrative"].any().rename("illustrative").reset_index()
    sources = flags[RESULT_KEYS].assign(sources=result_sources(index, flags[RESULT_KEYS]))
    wide = wide.merge(flags, on=RESULT_KEYS).merge(sources, on=RESULT_KEYS)
    wide["year"] = wide["year"].astype(int)
    wide["edition"] = wide["year"].map(edition_of)
    wide["lens"] = wide[list(vocab.LENS_AREAS)].mean(axis=1, skipna=True).round(1)
    wide["illustrative"] = wide["illustrative"].astype(bool)
    return wide.sort_values(RESULT_KEYS).reset_index(drop=True)[columns]


def result_sources(index: pd.DataFrame, keys: pd.DataFrame) -> list[tuple[str, ...]]:
    """For each row of `keys` (city, country, year), the distinct non-blank sources of its
    Index rows, sorted (a tuple; empty when none). Each distinct source is cleaned once,
    not once per row: at 100x that is one source for 172,000 rows."""
    raw = index["source"]
    clean = {v: str(v) for v in pd.unique(raw.dropna()) if str(v).strip()}
    pairs = (
        index[RESULT_KEYS]
        .assign(source=raw.map(clean))
        .dropna(subset=["source"])
        .drop_duplicates()
        .sort_values("source", kind="stable")
    )
    found: dict[tuple, list[str]] = {}
    for city, country, year, source in pairs.itertuples(index=False, name=None):
        found.setdefault((city, country, year), []).append(source)
    return [
        tuple(found.get(key, ())) for key in keys[RESULT_KEYS].itertuples(index=False, name=None)
    ]


def flat_sources(rows: pd.DataFrame) -> list[str]:
    """Every source of the results in `rows`, once per result (for `source_line` counts)."""
    return [s for group in rows["sources"] for s in group]


def city_labels(pairs: pd.DataFrame) -> pd.Series:
    """The name shown and kept in the URL for each (city, country): the city's name, with
    the country code added only where two countries share that name."""
    folded = pairs["city"].map(vocab.norm_key)
    shared = folded.duplicated(keep=False)
    return pairs["city"].where(~shared, pairs["city"] + " (" + pairs["country"] + ")")


def name_table(cities: pd.DataFrame) -> pd.DataFrame:
    """Cities to match typed names against: city, country, country_name, label and folded
    keys (the name, the label and, where the city was placed by the gazetteer, the
    gazetteer's name of it); sorted by label. Feed it to `resolve_city`."""
    columns = ["city", "country", "country_name", "geo_source"]
    out = cities.reindex(columns=columns).drop_duplicates(["city", "country"]).copy()
    out["country_name"] = out["country_name"].fillna(out["country"])
    out["label"] = city_labels(out)
    # Folded names kept once, so that matching a typed name scans no more than a column.
    out["label_key"] = out["label"].map(vocab.norm_key)
    out["city_key"] = out["city"].map(vocab.norm_key)
    geo = out["geo_source"].astype(object).fillna("").astype(str)
    out["geo_key"] = (
        geo.where(geo.str.startswith(GAZETTEER_PREFIX), "")
        .str.slice(len(GAZETTEER_PREFIX))
        .map(vocab.norm_key)
    )
    return out.drop(columns="geo_source").sort_values("label_key").reset_index(drop=True)


def with_alternates(
    table: pd.DataFrame, names: Mapping[tuple[str, str], frozenset[str]]
) -> pd.DataFrame:
    """`table` (a `name_table`) with `alt_keys`: the gazetteer's other names of each city
    (`gazetteer.alternate_names`, keyed by country and folded name), for searching and
    resolving typed names without the full gazetteer index."""
    out = table.copy()
    out["alt_keys"] = [
        tuple(sorted(names.get((c, k), frozenset()) | names.get((c, g), frozenset())))
        for c, k, g in zip(out["country"], out["city_key"], out["geo_key"], strict=True)
    ]
    return out


def search_keys(table: pd.DataFrame) -> pd.DataFrame:
    """Every folded name a city may be searched by (label, name, gazetteer name, other
    names), one row each: key, label and order (the folded label, to list hits by); built
    once, searched by `search`."""
    frames = [table[["label_key", "label"]].rename(columns={"label_key": "key"})]
    for column in ("city_key", "geo_key"):
        frames.append(table[[column, "label"]].rename(columns={column: "key"}))
    if "alt_keys" in table:
        alts = table[["alt_keys", "label"]].explode("alt_keys").dropna()
        frames.append(alts.rename(columns={"alt_keys": "key"}))
    keys = pd.concat(frames, ignore_index=True)
    keys = keys[keys["key"].astype(bool)].drop_duplicates()
    order = dict(zip(table["label"], table["label_key"], strict=True))
    keys["order"] = keys["label"].map(order)
    return keys.sort_values(["order", "key"]).reset_index(drop=True)


def search(table: pd.DataFrame, keys: pd.DataFrame, text: str, limit: int = 30) -> list[str]:
    """The labels of the cities a typed text finds, without regard to case and accents,
    through every name in `keys` (`search_keys`): names starting with the text first, then
    names containing it, each by label; at most `limit`."""
    key = vocab.norm_key(text.strip()) if text else ""
    if not key:
        return []
    starts = keys["key"].str.startswith(key)
    labels = list(dict.fromkeys(keys.loc[starts, "label"].head(limit * 4)))[:limit]
    if len(labels) < limit:
        inside = keys.loc[~starts & keys["key"].str.contains(key, regex=False), "label"]
        labels = list(dict.fromkeys([*labels, *inside.head(limit * 4)]))[:limit]
    return labels


def city_choices(cities: pd.DataFrame, results: pd.DataFrame) -> pd.DataFrame:
    """`name_table` of the cities with at least one Index result (a city missing from the
    cities frame is kept, its country code standing for the country's name)."""
    pairs = results[["city", "country"]].drop_duplicates()
    return name_table(pairs.merge(cities, how="left", on=["city", "country"]))


def resolve_city(
    choices: pd.DataFrame, text: str | None, country: str | None = None
) -> tuple[str, str] | None:
    """(city, country) for a name typed or kept in a URL: matched without regard to case
    and accents ("LISBON", "lisbôn"), then through the offline gazetteer's other names of
    the place ("Odessa" finds Odesa, "Lisboa" Lisbon); `country` (code or name) or a
    "Name (CC)" label picks between namesakes. `choices` is a `name_table` (or
    `city_choices`). None when nothing matches."""
    if not text or choices.empty:
        return None
    key = vocab.norm_key(str(text).strip())
    if not key:
        return None
    by_label = choices[choices["label_key"] == key]
    if len(by_label) == 1:
        return _pair(by_label)
    in_country = _in_country(choices, country)
    for column in ("city_key", "geo_key"):
        matches = choices[choices[column] == key]
        if not matches.empty:
            narrowed = matches[matches.index.isin(in_country.index)]
            return _pair(narrowed if not narrowed.empty else matches)
    if "alt_keys" in choices:
        matches = choices[choices["alt_keys"].map(lambda names: key in names)]
        if not matches.empty:
            narrowed = matches[matches.index.isin(in_country.index)]
            return _pair(narrowed if not narrowed.empty else matches)
    return _gazetteer_match(in_country, str(text).strip())


def _pair(rows: pd.DataFrame) -> tuple[str, str]:
    row = rows.iloc[0]
    return str(row["city"]), str(row["country"])


def _in_country(choices: pd.DataFrame, country: str | None) -> pd.DataFrame:
    """The choices of `country` (a code or a name); all of them when it names none."""
    if not country:
        return choices
    wanted = vocab.norm_key(country)
    narrowed = choices[
        (choices["country"].map(vocab.norm_key) == wanted)
        | (choices["country_name"].map(vocab.norm_key) == wanted)
    ]
    return narrowed if not narrowed.empty else choices


def _gazetteer_match(choices: pd.DataFrame, text: str) -> tuple[str, str] | None:
    """The city on file that the gazetteer knows `text` as another name of. Asked only
    when no name on file matched (its index costs seconds and memory the first time a
    process builds it), and only in the countries of the cities on file."""
    for code in sorted(set(choices["country"].dropna().astype(str))):
        hit = gazetteer.lookup(text, code)
        if hit is None:
            continue
        place = vocab.norm_key(hit.name)
        here = choices[choices["country"] == code]
        for column in ("city_key", "geo_key"):
            matches = here[here[column] == place]
            if not matches.empty:
                return _pair(matches)
    return None


def city_years(results: pd.DataFrame, city: str, country: str) -> list[int]:
    """The years of a city's Index results, oldest first."""
    rows = results[(results["city"] == city) & (results["country"] == country)]
    return sorted(int(y) for y in rows["year"])


def peer_cities(
    cities: pd.DataFrame,
    city: str,
    country: str,
    group: str,
    picked: list[tuple[str, str]] | None = None,
) -> pd.DataFrame:
    """The cities of peer group `group` (a key of PEER_GROUPS) for the city, itself excluded."""
    others = cities[~((cities["city"] == city) & (cities["country"] == country))]
    own = cities[(cities["city"] == city) & (cities["country"] == country)]
    if group == "country":
        return others[others["country"] == country]
    if group == "network":
        nets = set(own["networks"].iloc[0].split(", ")) - {""} if not own.empty else set()
        if not nets:
            return others.iloc[0:0]
        mask = others["networks"].fillna("").str.split(", ").map(lambda n: bool(nets & set(n)))
        return others[mask]
    bands = {
        "pop_under": ("pop_band", "under 200,000"),
        "pop_over": ("pop_band", "200,000 and over"),
        "fb_under": ("fb_band", "foreign-born share under 15%"),
        "fb_over": ("fb_band", "foreign-born share at least 15%"),
    }
    if group in bands:
        col, value = bands[group]
        return others[others[col] == value]
    if group == "custom":
        keys = set(picked or [])
        mask = [(c, k) in keys for c, k in zip(others["city"], others["country"], strict=True)]
        return others[mask]
    return others


def peer_results(results: pd.DataFrame, peers: pd.DataFrame, year: int) -> pd.DataFrame:
    """Each peer city's latest result in any edition up to `year` (see PEER_RULE), with
    `dated` set where it is more than DATED_YEARS older than `year`."""
    rows = results[results["year"] <= year]
    keys = peers[["city", "country"]].drop_duplicates()
    rows = rows.merge(keys, on=["city", "country"])
    out = rows.sort_values("year").groupby(["city", "country"]).tail(1).reset_index(drop=True)
    out["dated"] = (year - out["year"]) > DATED_YEARS
    return out


def comparable(peer_rows: pd.DataFrame, slug: str, year: int) -> pd.DataFrame:
    """The peer results that can stand beside a score of `slug` in `year`: those with a
    value for it, and for the overall index only those of the same questionnaire."""
    rows = peer_rows[pd.to_numeric(peer_rows[slug], errors="coerce").notna()]
    if slug == "overall":
        rows = rows[rows["edition"] == edition_of(year)]
    return rows


def left_out(peer_rows: pd.DataFrame, year: int, scored: list[str]) -> list[str]:
    """Plain sentences on what the comparison leaves out and why: areas of the city's
    questionnaire the other one lacks, the overall index across questionnaires."""
    edition = edition_of(year)
    other = peer_rows[peer_rows["edition"] != edition]
    if other.empty:
        return []
    n = len(other)
    other_edition = edition_name(edition_of(int(other["year"].iloc[0])))
    whom = ngettext(
        "{n} peer city whose latest result is in the {edition}",
        "{n} peer cities whose latest result is in the {edition}",
        n,
    ).format(n=formats.number(n), edition=other_edition)
    missing = [area_name(s) for s in scored if s != "overall" and other[s].isna().all()]
    sentences = []
    if missing:
        sentences.append(
            _("{areas}: left out for the {whom}, which has no such area.").format(
                areas=", ".join(missing), whom=whom
            )
        )
    sentences.append(
        _(
            "Overall index: compared only within the {edition}; the {whom} are left out of it "
            "(the two questionnaires score it differently)."
        ).format(edition=edition_name(edition), whom=whom)
    )
    return sentences


def group_description(label: str, peer_rows: pd.DataFrame, n_cities: int, year: int) -> str:
    """The group's size and editions, always shown: "Peer group: whole sample, 42 of 80
    cities with a result up to 2019 (editions 2012-2019; 30 in the 2019 questionnaire, 12
    in the 2009 questionnaire; 5 dated)"."""
    n = len(peer_rows)
    text = _("Peer group: {group}, {n} of {total} cities with a result up to {year}").format(
        group=_(label).lower(), n=formats.number(n), total=formats.number(n_cities), year=year
    )
    if not n:
        return text + "."
    years = sorted(int(y) for y in peer_rows["year"])
    span = str(years[0]) if years[0] == years[-1] else f"{years[0]}-{years[-1]}"
    counts = peer_rows["edition"].value_counts()
    parts = [
        _("{n} in the {edition}").format(n=formats.number(int(c)), edition=edition_name(e))
        for e, c in counts.sort_index(ascending=False).items()
    ]
    dated = int(peer_rows["dated"].sum()) if "dated" in peer_rows else 0
    if dated:
        parts.append(
            _("{n} dated (more than {years} years older)").format(
                n=formats.number(dated), years=DATED_YEARS
            )
        )
    return _("{text} (editions {span}; {parts}).").format(
        text=text, span=span, parts=_("; ").join(parts)
    )


def ordinal(n: int) -> str:
    """1 -> '1st', 2 -> '2nd', 11 -> '11th', 23 -> '23rd'; in French a place ("la place",
    feminine): 1 -> '1re', 2 -> '2e'."""
    if i18n.current() == "fr":
        return "1re" if n == 1 else f"{n}e"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def shown(value: float) -> int:
    """A score as the page shows it: a whole number, halves rounded away from zero (as the
    charts' labels round them, so that a table and a chart never disagree)."""
    return int(math.copysign(math.floor(abs(float(value)) + 0.5), float(value)))


def shown_gap(a: object, b: object) -> float:
    """The difference of two scores as shown (`shown(a) - shown(b)`): the number a reader
    gets by subtracting the two numbers on the page. NaN when either is missing."""
    if a is None or b is None or pd.isna(a) or pd.isna(b):
        return np.nan
    return float(shown(float(a)) - shown(float(b)))


def standing(higher: int, lower: int, n: int) -> str:
    """Where a score stands among n peers, in words ("lowest of 18", "among the highest"),
    the city itself counted in the group size; "" without peers."""
    if not n:
        return ""
    equal = n - higher - lower
    size = n + 1
    if higher == 0:
        return (_("joint highest of {n}") if equal else _("highest of {n}")).format(n=size)
    if lower == 0:
        return (_("joint lowest of {n}") if equal else _("lowest of {n}")).format(n=size)
    percentile = 100 * (lower + 0.5 * equal) / n
    if percentile >= 75:
        return _("among the highest")
    if percentile <= 25:
        return _("among the lowest")
    return _("mid-range")


COMPARE_COLUMNS = [
    "indicator",
    "area",
    "score",
    "peer_mean",
    "peer_min",
    "peer_max",
    "peers",
    "difference",
    "rank",
    "group_size",
    "position",
    "standing",
    "previous_year",
    "previous_edition",
    "cross_edition",
    "previous",
    "change",
    # The status of each value (published, derived or illustrative; `peer_status` for the
    # peer mean, lowest, highest and the standing; `difference_status` for the difference
    # and the place, computed from the city's score and its peers').
    "score_status",
    "peer_status",
    "difference_status",
    "previous_status",
    "change_status",
]
CROSS_EDITION = N_("different questionnaire")


def place_of(place: int, size: int) -> str:
    """A place in a group: "3rd of 42" ("3e sur 42")."""
    return _("{place} of {n}").format(place=ordinal(place), n=formats.number(size))


def previous_result(results: pd.DataFrame, city: str, country: str, year: int) -> pd.Series | None:
    """The city's result to measure change against: its latest earlier result in the same
    questionnaire when there is one, else its latest earlier result (another questionnaire,
    where only areas present in both can be set side by side, and never the overall)."""
    earlier = results[
        (results["city"] == city) & (results["country"] == country) & (results["year"] < year)
    ].sort_values("year")
    if earlier.empty:
        return None
    same = earlier[earlier["year"].map(edition_of) == edition_of(year)]
    return same.iloc[-1] if not same.empty else earlier.iloc[-1]


def compare(
    results: pd.DataFrame, city: str, country: str, year: int, peers: pd.DataFrame
) -> pd.DataFrame:
    """Per area the city has a score for in `year` (overall last): score, peer mean, min,
    max and count (`comparable` peers only), difference, position in the group ("3rd of 42",
    ties share a place) and in words ("lowest of 18"), both left empty for a group of fewer
    than MIN_GROUP peers, and the change since the previous result (`previous_result`;
    `cross_edition` marks a change across questionnaires, which leaves the overall out)."""
    own = results[
        (results["city"] == city) & (results["country"] == country) & (results["year"] == year)
    ]
    if own.empty:
        return pd.DataFrame(columns=COMPARE_COLUMNS)
    row = own.iloc[0]
    prev = previous_result(results, city, country, year)
    cross = prev is not None and edition_of(int(prev["year"])) != edition_of(year)
    # The peers' scores as arrays once (as `comparable` selects them, area by area).
    numbers = {
        slug: pd.to_numeric(peers[slug], errors="coerce").to_numpy(float) for slug in SCORE_COLUMNS
    }
    statuses = {slug: status_of(peers, slug).to_numpy(object) for slug in SCORE_COLUMNS}
    same = peers["edition"].to_numpy() == edition_of(year) if len(peers) else np.zeros(0, bool)
    own_status = {slug: status_of(own, slug).iloc[0] for slug in SCORE_COLUMNS}
    prev_status = (
        {slug: status_of(prev.to_frame().T, slug).iloc[0] for slug in SCORE_COLUMNS}
        if prev is not None
        else {}
    )
    records = []
    for slug in SCORE_COLUMNS:
        score = row[slug]
        if pd.isna(score):
            continue
        score = round(float(score), 1)
        column = numbers[slug]
        used = ~np.isnan(column) & (same if slug == "overall" else True)
        values = column[used]
        n = len(values)
        peer_status = combined(statuses[slug][used]) if n else ""
        ranked = n >= MIN_GROUP
        higher = int((values > score).sum())
        lower = int((values < score).sum())
        mean = round(float(values.mean()), 1) if n else np.nan
        previous = prev[slug] if prev is not None else np.nan
        if cross and slug == "overall":
            previous = np.nan  # overall scores of two questionnaires are not like for like
        previous = round(float(previous), 1) if pd.notna(previous) else np.nan
        records.append(
            {
                "indicator": slug,
                "area": area_name(slug),
                "score": score,
                "peer_mean": mean,
                "peer_min": round(float(values.min()), 1) if n else np.nan,
                "peer_max": round(float(values.max()), 1) if n else np.nan,
                "peers": n,
                # From the one-decimal values kept, so the columns of a download add up.
                "difference": round(score - mean, 1) if n else np.nan,
                "rank": higher + 1,
                "group_size": n + 1,
                "position": place_of(higher + 1, n + 1) if ranked else "",
                "standing": standing(higher, lower, n) if ranked else "",
                "previous_year": int(prev["year"]) if prev is not None else pd.NA,
                "previous_edition": edition_of(int(prev["year"])) if prev is not None else "",
                "cross_edition": cross,
                "previous": previous,
                "change": round(score - previous, 1) if pd.notna(previous) else np.nan,
                "score_status": own_status[slug],
                "peer_status": peer_status,
                "difference_status": combined([own_status[slug], peer_status]) if n else "",
                "previous_status": prev_status.get(slug, "") if pd.notna(previous) else "",
                "change_status": combined([own_status[slug], prev_status.get(slug)])
                if pd.notna(previous)
                else "",
            }
        )
    out = pd.DataFrame.from_records(records, columns=COMPARE_COLUMNS)
    out["previous_year"] = out["previous_year"].astype("Int64")
    out["cross_edition"] = out["cross_edition"].astype(bool)
    return out


def areas_only(table: pd.DataFrame) -> pd.DataFrame:
    """The comparison rows of the areas (overall left out)."""
    return table[table["indicator"] != "overall"]


def _points(n: float) -> str:
    value = round(abs(n))
    return ngettext("{n} point", "{n} points", value).format(n=formats.number(value))


def summary(city: str, year: int, group_label: str, table: pd.DataFrame) -> list[str]:
    """Two or three plain sentences on the comparison, worded for learning, not ranking.
    Gaps are those of the scores as shown (`shown_gap`), so the sentences match the table."""
    areas = areas_only(table).dropna(subset=["difference"])
    group_name = _(group_label).lower()
    if areas.empty:
        return [
            _(
                "No peer city in this group ({group}) has results in the {edition} up to "
                "{year}, so there is nothing to compare {city} with."
            ).format(group=group_name, edition=edition_name(edition_of(year)), year=year, city=city)
        ]
    gaps = pd.Series(
        [shown_gap(s, m) for s, m in zip(areas["score"], areas["peer_mean"], strict=True)],
        index=areas.index,
    )
    n_areas = len(areas)
    above, below = int((gaps > 0).sum()), int((gaps < 0).sum())
    n_peers = int(areas["peers"].max())
    group = ngettext("({group}, {n} city)", "({group}, {n} cities)", n_peers).format(
        group=group_name, n=formats.number(n_peers)
    )
    words = {"year": year, "city": city, "group": group, "n": n_areas}
    if above == 0:
        closest = areas.loc[gaps.idxmax()]
        gap = float(gaps.max())
        if gap == 0:
            where = _("at the mean")
        else:
            where = _("{points} below the mean").format(points=_points(gap))
        if below == n_areas:
            text = _(
                "In {year}, {city} is below its peer group mean {group} in all {n} areas; it "
                "is closest to it in {area} ({where})."
            )
        else:
            text = _(
                "In {year}, {city} is at or below its peer group mean {group} in all {n} "
                "areas; it is closest to it in {area} ({where})."
            )
        sentences = [text.format(**words, area=closest["area"], where=where)]
    elif above == n_areas:
        sentences = [
            _("In {year}, {city} is above its peer group mean {group} in all {n} areas.").format(
                **words
            )
        ]
    else:
        sentences = [
            _(
                "In {year}, {city} is above its peer group mean {group} in {above} of {n} areas."
            ).format(**words, above=above)
        ]
    widest = areas.loc[gaps.abs().idxmax()]
    gap = float(gaps[widest.name])
    if gap == 0:
        sentences.append(_("Every area is at the peer mean."))
    elif gap > 0:
        sentences.append(
            _("The widest gap is {area}, {points} above the peer mean.").format(
                area=widest["area"], points=_points(gap)
            )
        )
    else:
        sentences.append(
            _("The widest gap is {area}, {points} below the peer mean.").format(
                area=widest["area"], points=_points(gap)
            )
        )
    behind = areas[gaps < 0].assign(gap=gaps[gaps < 0]).sort_values("gap").head(3)
    if behind.empty:
        sentences.append(
            _("No area is below the peer mean; the city's own practice may inspire its peers.")
        )
    else:
        names = ", ".join(behind["area"])
        sentences.append(
            _(
                "Peers score higher on average in {areas}: their practice there may be worth "
                "learning from."
            ).format(areas=names)
        )
    return sentences


LEADER_COLUMNS = [
    "indicator", "area", "city", "country", "score", "year", "edition", "pop_band", "gap",
    "dated", "score_status", "gap_status",
]  # fmt: skip
LEADERS_MAX = 3


def trailing(table: pd.DataFrame) -> list[str]:
    """The areas (slugs) where the city is below its peer mean, widest gap first (gaps of
    the scores as shown)."""
    areas = areas_only(table).dropna(subset=["peer_mean"])
    gaps = [shown_gap(s, m) for s, m in zip(areas["score"], areas["peer_mean"], strict=True)]
    behind = areas.assign(gap=gaps)
    behind = behind[behind["gap"] < 0].sort_values("gap", kind="stable")
    return list(behind["indicator"])


def leaders(
    table: pd.DataFrame,
    peer_rows: pd.DataFrame,
    year: int,
    areas: list[str],
    cities: pd.DataFrame | None = None,
    limit: int = LEADERS_MAX,
) -> pd.DataFrame:
    """Per area of `areas`: up to `limit` peers that score higher than the city there,
    highest score first, then the most recent result, then by name; with their edition
    year, questionnaire, population band (from `cities`), the gap in points as shown and
    whether their result is dated."""
    own = table.set_index("indicator")["score"]
    own_status = (
        table.set_index("indicator")["score_status"]
        if "score_status" in table
        else pd.Series(dtype=object)
    )
    bands = (
        cities.drop_duplicates(["city", "country"]).set_index(["city", "country"])["pop_band"]
        if cities is not None and "pop_band" in cities
        else pd.Series(dtype=object)
    )
    records = []
    for slug in areas:
        if slug not in own.index:
            continue
        score = float(own[slug])
        rows = comparable(peer_rows, slug, year)
        rows = rows[[shown(v) > shown(score) for v in rows[slug]]] if not rows.empty else rows
        rows = rows.sort_values([slug, "year", "city"], ascending=[False, False, True])
        top = rows.head(limit)
        for r, status in zip(top.itertuples(index=False), status_of(top, slug), strict=True):
            value = round(float(getattr(r, slug)), 1)
            records.append(
                {
                    "indicator": slug,
                    "area": area_name(slug),
                    "city": r.city,
                    "country": r.country,
                    "score": value,
                    "year": int(r.year),
                    "edition": r.edition,
                    "pop_band": bands.get((r.city, r.country), ""),
                    "gap": shown_gap(value, score),
                    "dated": bool(getattr(r, "dated", False)),
                    "score_status": status,
                    "gap_status": combined([status, own_status.get(slug, "published")]),
                }
            )
    return pd.DataFrame.from_records(records, columns=LEADER_COLUMNS)


def _leader(row: object, labels: dict | None, score_and_year: str) -> str:
    """A leader as the sentence and the slide line name it: its label, its score and year
    as the caller words them, and "dated" when the result is older than five years."""
    name = (labels or {}).get((row.city, row.country), row.city)
    flags = [_(DATED)] if row.dated else []
    if is_marked(getattr(row, "score_status", "")):
        flags.append(_("illustrative"))
    return f"{name} {score_and_year}" + "".join(f", {f}" for f in flags) + ")"


def leader_sentence(
    area: str,
    rows: pd.DataFrame,
    score: float,
    labels: dict | None = None,
    score_status: object = "published",
) -> str:
    """ "In Business and labour market, Barcelona (72, 2017) and Oslo (85, 2017) lead your
    peer group; you are at 43." for one area's leaders; each score not published carries
    the illustrative mark ("Oslo (85, 2017, illustrative)", "you are at 43 (illustrative)")."""
    names = [_leader(r, labels, f"({shown(r.score)}, {r.year}") for r in rows.itertuples()]
    if len(names) == 1:
        listed = names[0]
    else:
        listed = _("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])
    return ngettext(
        "In {area}, {listed} leads your peer group; you are at {score}.",
        "In {area}, {listed} lead your peer group; you are at {score}.",
        len(names),
    ).format(area=area, listed=listed, score=mark(str(shown(score)), score_status))


def leader_line(area: str, rows: pd.DataFrame, labels: dict | None = None) -> str:
    """One area's leaders in a line for a slide: "Business: Hamburg 98 (2012, dated),
    Cartagena 97 (2017)"."""
    names = [_leader(r, labels, f"{shown(r.score)} ({r.year}") for r in rows.itertuples()]
    return _("{area}: {names}").format(area=area, names=", ".join(names))


def own_groups(cities: pd.DataFrame, city: str, country: str) -> list[str]:
    """The peer groups (keys of PEER_GROUPS) a city belongs to: whole sample, country,
    network, its population band and its foreign-born band (hand-picked left out)."""
    own = cities[(cities["city"] == city) & (cities["country"] == country)]
    groups = ["all", "country", "network"]
    if not own.empty:
        row = own.iloc[0]
        if row.get("pop_band") == "under 200,000":
            groups.append("pop_under")
        elif row.get("pop_band") == "200,000 and over":
            groups.append("pop_over")
        if row.get("fb_band") == "foreign-born share under 15%":
            groups.append("fb_under")
        elif row.get("fb_band") == "foreign-born share at least 15%":
            groups.append("fb_over")
    return groups


ACROSS_COLUMNS = ["indicator", "positions", "above_mean", "groups", "status"]


def across_groups(
    results: pd.DataFrame, cities: pd.DataFrame, city: str, country: str, year: int
) -> pd.DataFrame:
    """Per area, where the city falls across every peer group it belongs to (`own_groups`)
    that holds at least MIN_GROUP peers for that area: the range of its positions ("between
    3rd of 12 and 9th of 80") and how many groups' means it is above ("above the mean in 4
    of 5 peer groups"), so that no single league position is the headline."""
    seen: dict[str, list[tuple[int, int, bool]]] = {}
    inputs: dict[str, list[str]] = {}  # the statuses of every place and mean used
    # Every city's latest result once; each group then takes its own cities' rows.
    latest = peer_results(results, peer_cities(cities, city, country, "all"), year)
    keyed = pd.MultiIndex.from_frame(latest[["city", "country"]].astype(object))
    for group in own_groups(cities, city, country):
        members = peer_cities(cities, city, country, group)
        wanted = pd.MultiIndex.from_frame(members[["city", "country"]].astype(object))
        rows = latest[keyed.isin(wanted)]
        for r in compare(results, city, country, year, rows).itertuples():
            if r.peers < MIN_GROUP:
                continue
            above = shown_gap(r.score, r.peer_mean) > 0
            seen.setdefault(r.indicator, []).append((int(r.rank), int(r.group_size), above))
            inputs.setdefault(r.indicator, []).append(r.difference_status)
    records = []
    for slug, places in seen.items():
        # Distinct places from the highest to the lowest (then the smaller group first).
        places = sorted(set(places), key=lambda p: (p[0], p[1]))
        best, worst = places[0], places[-1]
        if (best[0], best[1]) == (worst[0], worst[1]):
            text = place_of(best[0], best[1])
        else:
            text = _("between {best} of {best_n} and {worst} of {worst_n}").format(
                best=ordinal(best[0]),
                best_n=formats.number(best[1]),
                worst=ordinal(worst[0]),
                worst_n=formats.number(worst[1]),
            )
        n = len(seen[slug])
        above = sum(1 for p in seen[slug] if p[2])
        records.append(
            {
                "indicator": slug,
                "positions": text,
                "above_mean": ngettext(
                    "above the mean in {above} of {n} peer group",
                    "above the mean in {above} of {n} peer groups",
                    n,
                ).format(above=above, n=n),
                "groups": n,
                "status": combined(inputs[slug]),
            }
        )
    return pd.DataFrame.from_records(records, columns=ACROSS_COLUMNS)


# ---- provenance of the compared values (data honesty, judged per value) ----
#
# A value the page computes (a peer mean, a difference, a place in a group, "above the mean
# in 4 of 6 groups", a leader's gap) takes the weakest status of its inputs
# (`vocab.weakest_status`: derived from published values, else illustrative); a score taken
# as it is keeps its own status. `with_status` adds `<slug>_status` per result.

STATUS_COLUMNS: tuple[str, ...] = tuple(f"{s}_status" for s in SCORE_COLUMNS)
ILLUSTRATIVE_STATUSES = frozenset({"estimated", "illustrative"})  # shown with the mark


def value_statuses(index: pd.DataFrame) -> pd.DataFrame:
    """One row per city, country and year: the status of each score (`<slug>_status`:
    its own `score_status`, else from the row's illustrative flag) and `overall_source`, the
    source of the overall score (where a published result quotes its published places)."""
    columns = [*RESULT_KEYS, *STATUS_COLUMNS, "overall_source"]
    if index.empty:
        return pd.DataFrame(columns=columns)
    rows = index[index["indicator"].isin(SCORE_COLUMNS)]
    if "score_status" in rows:
        status = rows["score_status"].astype(object)
    else:
        status = pd.Series(np.nan, index=rows.index, dtype=object)
    fallback = rows["illustrative"].map({True: "illustrative", False: "published"})
    status = status.where(status.notna() & (status.astype(str) != ""), fallback)
    source = rows["score_source"] if "score_source" in rows else rows.get("source")
    long = rows[[*RESULT_KEYS, "indicator"]].assign(status=status, src=source)
    wide = long.pivot_table(
        index=RESULT_KEYS, columns="indicator", values="status", aggfunc="first"
    )
    wide = wide.reindex(columns=list(SCORE_COLUMNS)).add_suffix("_status")
    overall = long[long["indicator"] == "overall"].drop_duplicates(RESULT_KEYS)
    wide = wide.join(overall.set_index(RESULT_KEYS)["src"].rename("overall_source"))
    out = wide.reset_index()
    out.columns.name = None
    out["year"] = out["year"].astype(int)
    return out.reindex(columns=columns)


def with_status(results: pd.DataFrame, index: pd.DataFrame) -> pd.DataFrame:
    """`results` (`prepare_results`) with the status of each score and the overall's source
    (`value_statuses`)."""
    keep = [c for c in results.columns if c not in (*STATUS_COLUMNS, "overall_source")]
    out = results[keep].merge(value_statuses(index), on=RESULT_KEYS, how="left")
    return out


def status_of(rows: pd.DataFrame, slug: str) -> pd.Series:
    """Per row, the status of its `slug` score: its `<slug>_status` where the results carry
    one, else from the result's illustrative flag (published when it has none)."""
    fallback = (
        rows["illustrative"]
        .fillna(False)
        .astype(bool)
        .map({True: "illustrative", False: "published"})
        if "illustrative" in rows
        else pd.Series("published", index=rows.index, dtype=object)
    )
    column = f"{slug}_status"
    if column not in rows:
        return fallback.astype(object)
    own = rows[column].astype(object)
    return own.where(own.notna() & (own.astype(str) != ""), fallback).astype(object)


def combined(statuses: object) -> str:
    """The status of a value computed from values of these statuses: derived when they are
    all published or derived, else the weakest ("" when there is none)."""
    values = [str(s) for s in statuses if isinstance(s, str) and s]  # type: ignore[union-attr]
    return vocab.weakest_status(values) if values else ""


def is_marked(status: object) -> bool:
    """Whether a value of this status carries the illustrative mark (not published, nor
    derived from published values only)."""
    return isinstance(status, str) and status in ILLUSTRATIVE_STATUSES


def mark(text: str, status: object) -> str:
    """A value in words with the illustrative mark when its status asks for one:
    "1st of 31 (illustrative)" (the mark KPIs and slides use)."""
    return f"{text} ({_('illustrative')})" if text and is_marked(status) else text


# "4th among the global sample of 80 cities": the published places a source quotes, taken
# verbatim (a clause ends at ";", ")", ", " or the end; "200,000" keeps its comma).
_PUBLISHED_PLACE = re.compile(r"\b\d{1,3}(?:st|nd|rd|th) among .+?(?=;|\)|, |$)")


def published_places(results: pd.DataFrame, city: str, country: str, year: int) -> dict | None:
    """The places the city's own published overall result quotes ("4th among the global
    sample of 80 cities", as its source words them, qualifiers kept), with the year and the
    publication: {"places": [...], "year": 2016, "source": "City of Ballarat: ..."}; None
    when the overall is not published or its source quotes no place."""
    if "overall_source" not in results:
        return None
    own = results[
        (results["city"] == city) & (results["country"] == country) & (results["year"] == year)
    ]
    if own.empty or status_of(own, "overall").iloc[0] != "published":
        return None
    source = own["overall_source"].iloc[0]
    if not isinstance(source, str):
        return None
    places = list(dict.fromkeys(m.strip() for m in _PUBLISHED_PLACE.findall(source)))
    if not places:
        return None
    from dashboard.figures.common import publication

    overall = own["overall"].iloc[0] if "overall" in own else None
    return {
        "places": places,
        "year": int(year),
        "source": publication(source),
        "overall": None if overall is None or pd.isna(overall) else float(overall),
    }


_PLACE = re.compile(r"^(?P<n>\d{1,3})(?:st|nd|rd|th) among (?P<what>.+)$")
_PLACE_GROUPS: tuple[tuple[re.Pattern, str], ...] = (
    (
        re.compile(r"^the global sample of (?P<n>[\d,]+) cities$"),
        N_("the global sample of {n} cities"),
    ),
    (re.compile(r"^the (?P<n>[\d,]+) cities of the sample$"), N_("the {n} cities of the sample")),
    (re.compile(r"^(?P<n>[\d,]+) cities$"), N_("{n} cities")),
    (
        re.compile(r"^cities under (?P<n>[\d,]+) inhabitants$"),
        N_("cities under {n} inhabitants"),
    ),
    (re.compile(r"^cities over (?P<n>[\d,]+) inhabitants$"), N_("cities over {n} inhabitants")),
    (
        re.compile(r"^cities under (?P<n>[\d,]+)% foreign-born$"),
        N_("cities under {n} foreign-born"),
    ),
    (
        re.compile(r"^cities over (?P<n>[\d,]+)% foreign-born$"),
        N_("cities over {n} foreign-born"),
    ),
)


def place_text(place: str) -> str:
    """A published place ("4th among the global sample of 80 cities") in the page's
    language; as written in English, or when its wording is not one the app knows."""
    found = _PLACE.match(place)
    if i18n.current() == "en" or not found:
        return place
    for pattern, message in _PLACE_GROUPS:
        group = pattern.match(found["what"])
        if group:
            n = int(group["n"].replace(",", ""))
            shown = formats.percent(n) if "foreign-born" in message else formats.number(n)
            rank = int(found["n"])
            return _("{place} among {what}").format(
                place=pgettext("place", "1st") if rank == 1 else _("{n}th").format(n=rank),
                what=_(message).format(n=shown),
            )
    return place


def published_line(published: dict | None) -> str:
    """The published places in a line: 'Published: 4th among the global sample of 80
    cities; ... (2016), source: City of Ballarat: ...' ("" when there are none). Not in
    quotation marks: the places are the data's wording of what the source says, not its
    words (Ballarat's page says "ranked 4th in the world with an average of 84% among the
    global sample of 80 cities")."""
    if not published:
        return ""
    return _("Published: {places} ({year}), source: {source}").format(
        places=_("; ").join(place_text(p) for p in published["places"]),
        year=published["year"],
        source=published["source"],
    )
