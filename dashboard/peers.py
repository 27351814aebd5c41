"""Peer groups and comparison statistics of the ICC Index (pure functions over frames).

The ICC Index is a self-assessment and learning tool, not a ranking: these functions set a
city's scores beside those of a group of peers so that a coordinator can see where others
have gone further, and say so in plain words.

Peer values follow one rule: for each peer city, its latest result in the same
questionnaire edition (2009 questionnaire up to 2018, 2019 questionnaire from 2019) up to
the chosen year. Scores of different questionnaires are never compared with each other.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from data_loaders import gazetteer, vocab

# Peer groups offered on the compare page: query value -> label.
PEER_GROUPS: dict[str, str] = {
    "all": "Whole sample",
    "country": "Same country",
    "network": "Same national network",
    "pop_under": "Under 200,000 inhabitants",
    "pop_over": "200,000 inhabitants and over",
    "fb_under": "Under 15% foreign-born residents",
    "fb_over": "15% foreign-born residents and over",
    "custom": "Hand-picked cities",
}
DEFAULT_GROUP = "all"
PEER_RULE = (
    "Peer values: each peer city's latest result in the same questionnaire edition "
    f"(2009 questionnaire up to {vocab.REVISED_EDITION_YEAR - 1}, 2019 questionnaire from "
    f"{vocab.REVISED_EDITION_YEAR}) up to the chosen year."
)
# Short area names for chart axes (the full names are in tables and hover labels).
SHORT_NAMES: dict[str, str] = {
    "commitment": "Commitment",
    "education": "Education",
    "neighbourhoods": "Neighbourhoods",
    "public_services": "Public services",
    "business": "Business",
    "cultural_life": "Cultural life",
    "public_space": "Public space",
    "mediation": "Mediation",
    "language": "Language",
    "media": "Media",
    "international": "International",
    "intelligence": "Competence",
    "welcoming": "Welcoming",
    "leadership": "Leadership",
    "anti_discrimination": "Anti-discrimination",
    "participation": "Participation*",
    "interaction": "Interaction*",
    "overall": "Overall",
    "lens": "Intercultural lens",
}
RESULT_KEYS = ["city", "country", "year"]
GAZETTEER_PREFIX = "gazetteer: "  # cities.geo_source of a city placed by the gazetteer
SCORE_COLUMNS: tuple[str, ...] = (*vocab.AREA_SLUGS, "overall")


def short_name(slug: str) -> str:
    """A short area name for chart axes."""
    return SHORT_NAMES.get(slug, vocab.indicator_name(slug))


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
    sources = (
        grouped["source"]
        .agg(lambda s: tuple(sorted({str(v) for v in s.dropna() if str(v).strip()})))
        .rename("sources")
        .reset_index()
    )
    wide = wide.merge(flags, on=RESULT_KEYS).merge(sources, on=RESULT_KEYS)
    wide["year"] = wide["year"].astype(int)
    wide["edition"] = wide["year"].map(edition_of)
    wide["lens"] = wide[list(vocab.LENS_AREAS)].mean(axis=1, skipna=True).round(1)
    wide["illustrative"] = wide["illustrative"].astype(bool)
    return wide.sort_values(RESULT_KEYS).reset_index(drop=True)[columns]


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
        "fb_under": ("fb_band", "under 15% foreign-born"),
        "fb_over": ("fb_band", "15% foreign-born and over"),
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
    """Each peer city's latest result in the edition of `year`, up to `year` (see PEER_RULE)."""
    edition = edition_of(year)
    rows = results[(results["edition"] == edition) & (results["year"] <= year)]
    keys = peers[["city", "country"]].drop_duplicates()
    rows = rows.merge(keys, on=["city", "country"])
    return rows.sort_values("year").groupby(["city", "country"]).tail(1).reset_index(drop=True)


def ordinal(n: int) -> str:
    """1 -> '1st', 2 -> '2nd', 11 -> '11th', 23 -> '23rd'."""
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
        return f"{'joint ' if equal else ''}highest of {size}"
    if lower == 0:
        return f"{'joint ' if equal else ''}lowest of {size}"
    percentile = 100 * (lower + 0.5 * equal) / n
    if percentile >= 75:
        return "among the highest"
    if percentile <= 25:
        return "among the lowest"
    return "mid-range"


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
    "percentile",
    "previous_year",
    "previous_edition",
    "cross_edition",
    "previous",
    "change",
]
CROSS_EDITION = "different questionnaire"


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
    max and count, difference, position in the group ("3rd of 42", ties share a place) and
    in words ("lowest of 18"), percentile (share of peers scoring lower, ties counting
    half) and the change since the previous result (`previous_result`; `cross_edition`
    marks a change across questionnaires, which leaves the overall out)."""
    own = results[
        (results["city"] == city) & (results["country"] == country) & (results["year"] == year)
    ]
    if own.empty:
        return pd.DataFrame(columns=COMPARE_COLUMNS)
    row = own.iloc[0]
    prev = previous_result(results, city, country, year)
    cross = prev is not None and edition_of(int(prev["year"])) != edition_of(year)
    records = []
    for slug in SCORE_COLUMNS:
        score = row[slug]
        if pd.isna(score):
            continue
        score = round(float(score), 1)
        values = pd.to_numeric(peers[slug], errors="coerce").dropna().to_numpy(float)
        n = len(values)
        higher = int((values > score).sum())
        lower = int((values < score).sum())
        equal = n - higher - lower
        mean = round(float(values.mean()), 1) if n else np.nan
        previous = prev[slug] if prev is not None else np.nan
        if cross and slug == "overall":
            previous = np.nan  # overall scores of two questionnaires are not like for like
        previous = round(float(previous), 1) if pd.notna(previous) else np.nan
        records.append(
            {
                "indicator": slug,
                "area": vocab.indicator_name(slug),
                "score": score,
                "peer_mean": mean,
                "peer_min": round(float(values.min()), 1) if n else np.nan,
                "peer_max": round(float(values.max()), 1) if n else np.nan,
                "peers": n,
                # From the one-decimal values kept, so the columns of a download add up.
                "difference": round(score - mean, 1) if n else np.nan,
                "rank": higher + 1,
                "group_size": n + 1,
                "position": f"{ordinal(higher + 1)} of {n + 1}" if n else "",
                "standing": standing(higher, lower, n),
                "percentile": round(100 * (lower + 0.5 * equal) / n) if n else np.nan,
                "previous_year": int(prev["year"]) if prev is not None else pd.NA,
                "previous_edition": edition_of(int(prev["year"])) if prev is not None else "",
                "cross_edition": cross,
                "previous": previous,
                "change": round(score - previous, 1) if pd.notna(previous) else np.nan,
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
    return f"{abs(n):.0f} {'point' if abs(n) == 1 else 'points'}"


def summary(city: str, year: int, group_label: str, table: pd.DataFrame) -> list[str]:
    """Two or three plain sentences on the comparison, worded for learning, not ranking.
    Gaps are those of the scores as shown (`shown_gap`), so the sentences match the table."""
    areas = areas_only(table).dropna(subset=["difference"])
    if areas.empty:
        return [
            f"No peer city in this group ({group_label.lower()}) has results in the "
            f"{edition_of(year)} up to {year}, so there is nothing to compare {city} with."
        ]
    gaps = pd.Series(
        [shown_gap(s, m) for s, m in zip(areas["score"], areas["peer_mean"], strict=True)],
        index=areas.index,
    )
    n_areas = len(areas)
    above, below = int((gaps > 0).sum()), int((gaps < 0).sum())
    n_peers = int(areas["peers"].max())
    group = f"({group_label.lower()}, {n_peers} {'city' if n_peers == 1 else 'cities'})"
    if above == 0:
        closest = areas.loc[gaps.idxmax()]
        gap = float(gaps.max())
        where = "at" if gap == 0 else f"{_points(gap)} below"
        side = "below" if below == n_areas else "at or below"
        sentences = [
            f"In {year}, {city} is {side} its peer group mean {group} in all {n_areas} "
            f"areas; it is closest to it in {closest['area']} ({where} the mean)."
        ]
    elif above == n_areas:
        sentences = [
            f"In {year}, {city} is above its peer group mean {group} in all {n_areas} areas."
        ]
    else:
        sentences = [
            f"In {year}, {city} is above its peer group mean {group} in {above} of {n_areas} areas."
        ]
    widest = areas.loc[gaps.abs().idxmax()]
    gap = float(gaps[widest.name])
    if gap == 0:
        sentences.append("Every area is at the peer mean.")
    else:
        side = "above" if gap > 0 else "below"
        sentences.append(
            f"The widest gap is {widest['area']}, {_points(gap)} {side} the peer mean."
        )
    behind = areas[gaps < 0].assign(gap=gaps[gaps < 0]).sort_values("gap").head(3)
    if behind.empty:
        sentences.append(
            "No area is below the peer mean; the city's own practice may inspire its peers."
        )
    else:
        names = ", ".join(behind["area"])
        sentences.append(
            f"Peers score higher on average in {names}: their practice there may be worth "
            "learning from."
        )
    return sentences
