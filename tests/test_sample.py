"""The bundled sample: contract columns, sources, published facts, counts, reproducibility."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

from data_loaders import vocab
from data_loaders.sample import build
from data_loaders.schema import KEYS

SAMPLE_DIR = Path(build.__file__).resolve().parent
KINDS = tuple(build.COLUMNS)
ILLUSTRATIVE = vocab.ILLUSTRATIVE_WORD


def _read(kind: str) -> pd.DataFrame:
    return pd.read_csv(SAMPLE_DIR / f"{kind}.csv", encoding="utf-8", keep_default_na=False)


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    """Every sample CSV as read by pandas (empty cells as "")."""
    return {kind: _read(kind) for kind in KINDS}


def _one(df: pd.DataFrame, **where: object) -> pd.Series:
    mask = pd.Series(True, index=df.index)
    for column, value in where.items():
        mask &= df[column].astype(str) == str(value)
    rows = df[mask]
    assert len(rows) == 1, f"expected one row for {where}, found {len(rows)}"
    return rows.iloc[0]


def _int(value: object) -> int | None:
    """A cell as an int ("" -> None): columns with empty cells are read as text."""
    return None if value == "" else int(value)


def _half_up(x: float) -> int:
    return int(x + 0.5)


# --- Files and sources ----------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_each_csv_parses_with_exactly_the_contract_columns(kind: str) -> None:
    df = _read(kind)
    assert tuple(df.columns) == build.COLUMNS[kind]
    assert len(df) > 0


@pytest.mark.parametrize("kind", KINDS)
def test_every_row_has_a_source(kind: str) -> None:
    df = _read(kind)
    assert (df["source"].str.strip() != "").all()


@pytest.mark.parametrize("kind", KINDS)
def test_no_key_is_repeated(kind: str) -> None:
    assert not _read(kind).duplicated(subset=list(KEYS[kind])).any()


def test_the_generator_does_not_read_the_shared_folder() -> None:
    text = Path(build.__file__).read_text(encoding="utf-8")
    assert "/work/shared" not in text and "../shared" not in text


# --- Published facts, each with its value and source ----------------------------------------


@pytest.mark.parametrize(
    ("city", "country", "year", "indicator", "score", "source_word"),
    [
        ("Odesa", "UA", 2017, "overall", 70, "Odesa city council"),
        ("Oslo", "NO", 2017, "overall", 85, "Odesa city council"),
        ("Barcelona", "ES", 2017, "overall", 72, "Odesa city council"),
        ("Dortmund", "DE", 2017, "overall", 71, "Odesa city council"),
        ("Ballarat", "AU", 2016, "overall", 84, "City of Ballarat"),
        ("Oeiras", "PT", 2019, "neighbourhoods", 100, "Oeiras municipality"),
    ],
)
def test_published_index_scores_appear_as_published(
    tables, city, country, year, indicator, score, source_word
) -> None:
    row = _one(tables["index"], city=city, country=country, year=year, indicator=indicator)
    assert row["score"] == score
    assert source_word in row["source"]
    assert not vocab.is_illustrative(row["source"])


def test_language_is_ballarats_weakest_area_in_2016(tables) -> None:
    df = tables["index"]
    edition = df[(df.city == "Ballarat") & (df.year == 2016) & (df.indicator != "overall")]
    scores = edition.set_index("indicator")["score"]
    assert scores.idxmin() == "language"
    assert (scores.drop("language") > scores["language"]).all()


@pytest.mark.parametrize(
    ("platform", "date", "followers", "source_word"),
    [
        ("X (Twitter)", "2017-12-15", 2475, "ICC annual report 2017"),
        ("Facebook", "2017-12-15", 4551, "ICC annual report 2017"),
        ("X (Twitter)", "2016-12-15", 1949, "derived from ICC annual report 2017 (2,475"),
        ("Facebook", "2016-12-15", 3571, "derived from ICC annual report 2017 (4,551"),
    ],
)
def test_published_follower_totals_appear(tables, platform, date, followers, source_word) -> None:
    row = _one(tables["followers"], platform=platform, date=date)
    assert row["followers"] == followers
    assert source_word in row["source"]
    assert not vocab.is_illustrative(row["source"])


@pytest.mark.parametrize(
    ("year", "metric", "value", "source_word"),
    [
        (2008, "members_total", 11, "Newsletter No 9"),
        (2011, "members_total", 21, "Newsletter No 14"),
        (2017, "members_total", 121, "annual report 2017"),
        (2020, "members_total", 141, "coordinators' meeting"),
        (2021, "members_total", 153, "newsletter Feb 2022"),
        (2017, "index_cities_total", 90, "annual report 2017"),
        (2017, "index_countries_total", 28, "annual report 2017"),
        (2017, "national_networks", 6, "annual report 2017"),
        (2017, "networks_forming", 2, "annual report 2017"),
        (2021, "new_members", 11, "annual report 2021"),
        (2021, "index_reports", 9, "annual report 2021"),
        (2021, "webinars", 14, "annual report 2021"),
        (2021, "news_items", 108, "annual report 2021"),
        (2021, "newsletters", 5, "annual report 2021"),
        (2021, "good_practices", 86, "annual report 2021"),
        (2021, "policy_briefs", 5, "annual report 2021"),
        (2021, "joint_campaigns", 3, "annual report 2021"),
        (2022, "new_members", 8, "annual report 2022"),
        (2022, "new_national_networks", 1, "annual report 2022"),
        (2022, "new_regional_networks", 5, "annual report 2022"),
        (2022, "index_reports", 9, "annual report 2022"),
        (2022, "policy_briefs", 5, "annual report 2022"),
        (2022, "inter_city_projects", 4, "annual report 2022"),
        (2011, "index_sample", 29, "Aug 2011"),
        (2012, "index_sample", 50, "Sep 2012"),
        (2014, "index_sample", 64, "Sep 2014"),
        (2015, "index_sample", 75, "Nov 2015"),
        (2016, "index_sample", 80, "Jun 2016"),
        (2017, "index_sample", 93, "Aug 2017"),
        (2019, "index_sample", 97, "Jan 2019"),
        (2020, "index_sample", 140, "Jul 2020"),
    ],
)
def test_published_metrics_appear(tables, year, metric, value, source_word) -> None:
    row = _one(tables["metrics"], year=year, metric=metric)
    assert row["value"] == value
    assert source_word in row["source"]


def test_no_metric_is_generated(tables) -> None:
    assert not tables["metrics"]["source"].map(vocab.is_illustrative).any()


def test_the_lisbon_milestone_event_has_its_published_attendance(tables) -> None:
    row = _one(tables["activities"], date="2017-11-28", kind="conference")
    assert (row["city"], row["country"]) == ("Lisbon", "PT")
    assert tuple(_int(row[c]) for c in ("participants", "women", "men", "nationalities")) == (
        270,
        149,
        121,
        31,
    )
    assert "ICC annual report 2017" in row["source"]


@pytest.mark.parametrize(
    ("date", "kind", "city"),
    [
        ("2017-03", "conference", "Limassol"),
        ("2017-05-25", "policy_lab", "Rome"),
        ("2017-06-14", "seminar", "Oslo"),
        ("2017-06-28", "seminar", "Strasbourg"),
        ("2017-10", "study_visit", "Lyon"),
        ("2017-11-28", "policy_lab", "Lisbon"),
        ("2017-11-30", "coordinators_meeting", "Lisbon"),
        ("2017-10", "training", "Montréal"),
        ("2017-11", "training", "Lisbon"),
        ("2017-12", "training", "Bilbao"),
    ],
)
def test_each_2017_event_of_the_report_is_listed(tables, date, kind, city) -> None:
    row = _one(tables["activities"], date=date, kind=kind, city=city)
    assert "ICC annual report 2017" in row["source"]
    assert not vocab.is_illustrative(row["source"])


def test_the_lisbon_anti_rumour_training_had_about_40_participants(tables) -> None:
    row = _one(tables["activities"], date="2017-11", kind="training", city="Lisbon")
    assert _int(row["participants"]) == 40
    assert "around 40" in row["source"]


def test_every_2017_expert_visit_is_listed(tables) -> None:
    df = tables["activities"]
    visits = df[(df.date == "2017") & (df.kind == "expert_visit")]
    assert set(build.EXPERT_VISITS_2017) <= set(zip(visits.city, visits.country, strict=True))
    assert "Madrid" in set(visits.city)


def test_the_five_joint_campaigns_of_2017_fall_on_the_international_days(tables) -> None:
    df = tables["activities"]
    campaigns = df[(df.kind == "campaign") & df.date.str.startswith("2017")]
    expected = {f"2017-{m:02d}-{d:02d}" for m, d, _ in vocab.INTERNATIONAL_DAYS}
    assert set(campaigns.date) == expected


@pytest.mark.parametrize(
    ("year", "kind", "count", "source_word"),
    [
        ("2017", "newsletter", 5, "annual report 2017"),
        ("2017", "news", 60, "more than 60"),
        ("2021", "webinar", 14, "annual report 2021"),
        ("2021", "news", 108, "annual report 2021"),
        ("2021", "newsletter", 5, "annual report 2021"),
        ("2021", "campaign", 3, "annual report 2021"),
    ],
)
def test_published_yearly_counts_appear_alone(tables, year, kind, count, source_word) -> None:
    row = _one(tables["activities"], date=year, kind=kind)  # no generated row beside it
    assert _int(row["count"]) == count
    assert source_word in row["source"]


def test_network_facts_are_as_published(tables) -> None:
    df = tables["networks"].set_index("network")
    assert set(df.index) == {"CDD", "RECI", "RPCI", "NO", "ICC-UA", "RMCI", "REMIRI", "ICANN"}
    assert df.loc["CDD", "founded"] == 2010 and df.loc["RMCI", "founded"] == 2016
    assert df.loc["REMIRI", "founded"] == 2021 and df.loc["ICANN", "founded"] == 2022
    assert set(df["status"]) <= set(vocab.NETWORK_STATUSES)
    for code in ("REMIRI", "ICANN"):  # status as of the latest source, said so
        assert "latest source" in df.loc[code, "source"]
        assert "2017" in df.loc[code, "source"]


@pytest.mark.parametrize(
    ("network", "city", "joined"),
    [
        ("ICC-UA", "Odesa", 2017),
        ("RPCI", "Albufeira", 2016),
        ("CDD", "Reggio Emilia", 2010),
        ("CDD", "Venezia", 2011),
        ("RECI", "Santa Coloma de Gramenet", 2015),
    ],
)
def test_published_network_joining_years_appear(tables, network, city, joined) -> None:
    assert _int(_one(tables["network-members"], network=network, city=city)["joined"]) == joined


def test_every_network_member_named_by_the_sources_is_listed(tables) -> None:
    df = tables["network-members"]
    assert df.groupby("network").size().to_dict() == {
        "CDD": 20,
        "RECI": 12,
        "RPCI": 12,
        "NO": 6,
        "ICC-UA": 6,
        "RMCI": 11,
        "REMIRI": 6,
        "ICANN": 2,
    }


@pytest.mark.parametrize(
    ("cities", "year", "source_word"),
    [
        (build.PILOTS_2008, 2008, "Newsletter No 9"),
        (build.JOINED_2011, 2011, "Newsletter No 14"),
        (build.WELCOMED_2017, 2017, "annual report 2017"),
        ((("Bergen", "NO"),), 2013, "Newsletter No 32"),
        ((("Melton", "AU"),), 2018, "joined: published"),
        ((("Kraków", "PL"), ("Sherbrooke", "CA"), ("Salisbury", "GB")), 2021, "Feb 2022"),
    ],
)
def test_published_joining_years_appear(tables, cities, year, source_word) -> None:
    for city, country in cities:
        row = _one(tables["cities"], city=city, country=country)
        assert _int(row["joined"]) == year
        assert source_word in row["source"]
        assert "joined: illustrative" not in row["source"]


# --- Cities: membership rules ------------------------------------------------------------------


def test_every_city_used_anywhere_is_on_file(tables) -> None:
    on_file = set(zip(tables["cities"].city, tables["cities"].country, strict=True))
    for kind in ("network-members", "index", "activities"):
        df = tables[kind]
        df = df[df.city != ""]
        assert set(zip(df.city, df.country, strict=True)) <= on_file, kind


def test_network_only_cities_have_no_joining_year_and_say_so(tables) -> None:
    cities = tables["cities"]
    members = build.international_members()
    only = cities[[(c, k) not in members for c, k in zip(cities.city, cities.country, strict=True)]]
    assert len(only) > 30
    assert (only["joined"] == "").all()
    said = only["source"].str.contains("only (not an international member)", regex=False)
    venue = only["source"].str.contains("venue only (not a member)", regex=False)
    assert (said | venue).all()
    assert {"Torino", "Parla", "Agadir", "Drammen", "Sumy", "Gatineau"} <= set(only.city)


def test_a_generated_joining_year_is_marked_and_never_before_2012(tables) -> None:
    cities = tables["cities"]
    generated = cities[cities.source.str.contains("joined: illustrative", regex=False)]
    assert len(generated) > 20
    assert (generated.joined.astype(int) >= 2012).all()
    assert generated.source.str.contains("member: ", regex=False).all()


def test_the_2017_member_count_is_not_reached_by_invention(tables) -> None:
    cities = tables["cities"]
    joined = pd.to_numeric(cities.joined, errors="coerce")
    assert (joined <= 2017).sum() < 121


def test_cities_have_plausible_population_and_foreign_born_share(tables) -> None:
    cities = tables["cities"]
    assert (cities.population.astype(int) >= 1_000).all()
    share = cities.foreign_born_pct.astype(float)
    assert share.between(2, 45).all()
    assert cities.source.str.contains("foreign-born share: illustrative", regex=False).all()
    assert (cities.lat == "").all() and (cities.lon == "").all()  # placed by the gazetteer
    assert (cities["left"] == "").all()


def test_peer_groups_of_published_results_hold(tables) -> None:
    ballarat = _one(tables["cities"], city="Ballarat", country="AU")
    odesa = _one(tables["cities"], city="Odesa", country="UA")
    assert ballarat.foreign_born_pct < 15 and ballarat.population < 200_000
    assert odesa.foreign_born_pct > 15 and odesa.population > 200_000


# --- Index: coverage and consistency ----------------------------------------------------------


def test_the_index_covers_60_cities_and_20_of_them_twice(tables) -> None:
    overall = tables["index"][tables["index"].indicator == "overall"]
    per_city = overall.groupby(["city", "country"]).size()
    assert len(per_city) >= 60
    assert (per_city >= 2).sum() >= 20


def test_each_edition_carries_the_areas_of_its_questionnaire(tables) -> None:
    for (_, _, year), edition in tables["index"].groupby(["city", "country", "year"]):
        areas = vocab.AREAS_2009 if year < vocab.REVISED_EDITION_YEAR else vocab.AREA_SLUGS
        assert sorted(edition.indicator) == sorted([*areas, "overall"]), year
    assert len(vocab.AREAS_2009) == 14 and len(vocab.AREA_SLUGS) == 17


def test_scores_are_integers_between_20_and_100(tables) -> None:
    scores = tables["index"].score
    assert scores.dtype.kind == "i"
    assert scores.between(20, 100).all()


def test_overall_is_the_rounded_mean_of_the_areas(tables) -> None:
    for key, edition in tables["index"].groupby(["city", "country", "year"]):
        areas = edition[edition.indicator != "overall"].score
        overall = edition[edition.indicator == "overall"].score.iloc[0]
        assert overall == _half_up(areas.mean()), key


def test_every_score_not_published_is_marked_illustrative(tables) -> None:
    index = tables["index"]
    published = {
        (city, country, year, indicator)
        for ((city, country), year), (overall, areas, _) in build.PUBLISHED_INDEX.items()
        for indicator in ([*areas] + (["overall"] if overall is not None else []))
    }
    keys = zip(index.city, index.country, index.year, index.indicator, strict=True)
    marked = index.source.map(vocab.is_illustrative)
    for key, is_marked in zip(keys, marked, strict=True):
        assert is_marked == (key not in published), key


# --- Followers ---------------------------------------------------------------------------------


def test_followers_are_monthly_rising_totals_2012_to_2017(tables) -> None:
    df = tables["followers"]
    assert set(df.platform) == {"X (Twitter)", "Facebook"}
    for _, series in df.groupby("platform"):
        assert len(series) == 72
        assert series.date.iloc[0] == "2012-01-15" and series.date.iloc[-1] == "2017-12-15"
        assert (series.date.str[-2:] == "15").all()
        assert series.followers.is_monotonic_increasing
        assert series.followers.diff().dropna().gt(0).all()


def test_followers_outside_the_anchors_are_illustrative(tables) -> None:
    df = tables["followers"]
    anchors = df.date.isin(["2016-12-15", "2017-12-15"])
    assert df[~anchors].source.map(vocab.is_illustrative).all()
    assert not df[anchors].source.map(vocab.is_illustrative).any()


# --- Activities --------------------------------------------------------------------------------


def test_activities_use_known_kinds_and_consistent_attendance(tables) -> None:
    df = tables["activities"]
    assert set(df.kind) <= set(vocab.ACTIVITY_KINDS)
    people = df[df.participants != ""]
    women = pd.to_numeric(people.women).fillna(0)
    men = pd.to_numeric(people.men).fillna(0)
    assert (women + men <= pd.to_numeric(people.participants)).all()


def test_activities_span_every_year_2012_to_2022(tables) -> None:
    years = set(tables["activities"].date.str[:4].astype(int))
    assert set(range(2012, 2023)) <= years


def test_generated_activities_are_marked_and_2017_has_none(tables) -> None:
    df = tables["activities"]
    generated = df[df.source.map(vocab.is_illustrative)]
    assert len(generated) > 20
    assert not generated.date.str.startswith("2017").any()


# --- The generator ----------------------------------------------------------------------------


def test_the_generator_rewrites_the_committed_files_identically(tmp_path) -> None:
    counts = build.main(tmp_path)
    for kind in KINDS:
        name = f"{kind}.csv"
        assert (tmp_path / name).read_bytes() == (SAMPLE_DIR / name).read_bytes(), name
    assert counts["cities with Index"] >= 60


@pytest.mark.skipif(
    importlib.util.find_spec("data_loaders.importer") is None,
    reason="data_loaders.importer is not written yet",
)
def test_the_sample_loads_into_a_fresh_database_without_problems(tmp_path, tables) -> None:
    from data_loaders import db
    from data_loaders.importer import load_sample

    try:
        result = load_sample(f"sqlite:///{tmp_path}/t.sqlite3")
    finally:
        db.dispose_all()
    for kind in KINDS:
        assert result[kind]["new"] == len(tables[kind]), kind
        assert result[kind]["warnings"] == 0, kind
