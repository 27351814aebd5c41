"""The bundled sample: columns, per-value provenance, published facts, corrections, rebuild.

Every test reads the built CSV files directly (the importer of the per-value provenance
contract may not be merged yet), except the last one, which loads the sample once that
importer is there.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pytest

from data_loaders import vocab
from data_loaders.sample import build

SAMPLE_DIR = Path(build.__file__).resolve().parent
FACTS_DIR = SAMPLE_DIR / "facts"
KINDS = tuple(build.COLUMNS)
STATUSES = set(build.STATUSES)
QUALIFIERS = set(build.QUALIFIERS)
# Keys of the contract (metrics: metric + network + date, else year).
KEYS = {
    "cities": ("city", "country"),
    "networks": ("network",),
    "network-members": ("network", "city", "country"),
    "index": ("city", "country", "year", "indicator"),
    "followers": ("platform", "date"),
    "activities": ("date", "kind", "title"),
    "metrics": ("metric", "network", "date", "year"),
}
AR2017 = "Intercultural Cities – Annual report 2017"


def _read(kind: str) -> pd.DataFrame:
    """A sample CSV with every cell as text ("" when empty)."""
    return pd.read_csv(SAMPLE_DIR / f"{kind}.csv", encoding="utf-8", dtype=str).fillna("")


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return {kind: _read(kind) for kind in KINDS}


def _one(df: pd.DataFrame, **where: object) -> pd.Series:
    mask = pd.Series(True, index=df.index)
    for column, value in where.items():
        mask &= df[column] == str(value)
    rows = df[mask]
    assert len(rows) == 1, f"expected one row for {where}, found {len(rows)}"
    return rows.iloc[0]


def _int(value: str) -> int | None:
    return None if value == "" else int(value)


def _rows(kind: str) -> list[dict[str, str]]:
    with (SAMPLE_DIR / f"{kind}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _members_total(tables) -> pd.DataFrame:
    m = tables["metrics"]
    return m[(m.metric == "members_total") & (m.network == "")]


def _networks_in(tables, year: int) -> dict[str, str]:
    """Each network's status in a year, from founded / active_since as the files give them."""
    status = {}
    for _, n in tables["networks"].iterrows():
        if int(n.founded) <= year:
            active = n.active_since != "" and year >= int(n.active_since)
            status[n.network] = "active" if active else "forming"
    return status


# --- Files, keys, statuses ------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_each_csv_has_exactly_its_columns_and_rows(kind: str) -> None:
    df = _read(kind)
    assert tuple(df.columns) == build.COLUMNS[kind]
    assert len(df) > 0


@pytest.mark.parametrize("kind", KINDS)
def test_every_row_has_a_source_and_no_key_is_repeated(kind: str) -> None:
    df = _read(kind)
    assert (df["source"].str.strip() != "").all()
    assert not df.duplicated(subset=list(KEYS[kind])).any()


@pytest.mark.parametrize("kind", KINDS)
def test_every_value_has_a_known_status_and_a_source_that_agrees(kind: str) -> None:
    """A generated value says "illustrative" in its source; a published one never does."""
    for line, row in enumerate(_rows(kind), start=2):
        for field in build.PROVENANCE_FIELDS[kind]:
            status = build.value_status(row, field)
            if status is None:
                continue
            assert status in STATUSES, (kind, line, field)
            source = row.get(f"{field}_source") or row["source"]
            assert source.strip(), (kind, line, field)
            assert vocab.is_illustrative(source) == (status == "illustrative"), (kind, line, field)


@pytest.mark.parametrize("kind", KINDS)
def test_qualifiers_and_dates_use_the_contract_vocabulary(kind: str) -> None:
    date = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|undated)$")
    df = _read(kind)
    for column in df.columns:
        if column.endswith("_qualifier"):
            assert set(df[column]) <= QUALIFIERS, column
        if column.endswith("_date") or (kind == "metrics" and column == "date"):
            cells = df[column][df[column] != ""]
            assert cells.map(lambda s: bool(date.match(s))).all(), column


def test_a_row_may_mix_statuses_value_by_value(tables) -> None:
    """Mechelen: joining year published (annual report 2017), foreign-born share generated."""
    row = _one(tables["cities"], city="Mechelen", country="BE")
    assert (row.joined, row.joined_status) == ("2017", "published")
    assert AR2017 in row.joined_source
    assert row.foreign_born_pct_status == "illustrative"
    assert "illustrative" in row.foreign_born_pct_source
    # The row's source still names each value apart, for a reader of the row alone.
    assert row.status == "published"
    assert "joined: Council of Europe" in row.source
    assert "foreign-born share: illustrative" in row.source


def test_the_generator_does_not_read_the_shared_folder_and_holds_no_publication() -> None:
    text = Path(build.__file__).read_text(encoding="utf-8")
    assert "/work/shared" not in text and "../shared" not in text
    for literal in ("http", "Newsletter No", "annual report 2017", "coe.int"):
        assert literal not in text, literal


# --- Facts files and citations --------------------------------------------------------------


def _facts(name: str) -> list[dict[str, str]]:
    with (FACTS_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_every_fact_cites_a_known_publication_and_every_publication_is_cited() -> None:
    publications = {p["id"]: p for p in _facts("publications")}
    for p in publications.values():
        assert p["title"] and p["date"], p
    cited: set[str] = set()
    for path in sorted(FACTS_DIR.glob("*.csv")):
        if path.stem == "publications":
            continue
        rows = _facts(path.stem)
        assert "quote" not in rows[0], path.name
        for row in rows:
            for column, cell in row.items():
                if column.endswith("publications") and cell:
                    ids = set(cell.split(";"))
                    assert ids <= set(publications), (path.name, ids - set(publications))
                    cited |= ids
    assert cited == set(publications), set(publications) - cited


def test_published_sources_carry_the_title_date_and_address_of_the_publication(tables) -> None:
    row = _one(tables["metrics"], metric="members_total", date="2018-11-15")
    assert "Lewisham Council: We are hosting the 2018 Intercultural Cities summit" in row.source
    assert "2018-11-15" in row.source and "https://www.lewisham.gov.uk/" in row.source


# --- The published membership timeline ------------------------------------------------------


def test_the_membership_timeline_has_at_least_10_published_points_2008_to_2021(tables) -> None:
    totals = _members_total(tables)
    published = totals[(totals.status == "published") & totals.year.astype(int).between(2008, 2021)]
    assert len(published) >= 10
    assert {"2008", "2016", "2017", "2018", "2019", "2020"} <= set(published.year)
    assert (totals.date != "").all()  # every point says when


@pytest.mark.parametrize(
    ("date", "value", "qualifier", "status", "source_word"),
    [
        ("2008", "11", "", "published", "Efus"),
        ("2011-04", "21", "", "derived", "Newsletter No 14"),
        ("2016-09", "100", "", "published", "Annual meeting of the Intercultural Cities"),
        ("2017-05-09", "118", "", "published", "Hamamatsu"),
        ("2017", "121", "", "published", AR2017),
        ("2017-11", "121", "some", "published", "Human Rights Europe"),
        ("2017-12-07", "120", "", "published", "Botkyrka"),
        ("2018-05-21", "120", "more than", "published", "World Day for Cultural Diversity"),
        ("2018-11-15", "126", "", "published", "Lewisham"),
        ("2018-12-18", "130", "over", "published", "International Migrants Day"),
        ("2019-09", "130", "over", "published", "registrations now open"),
        ("2019-12-26", "136", "", "published", "prichernomorie"),
        ("2020-11", "141", "", "published", "Coordinators' Meeting, 3-5 November 2020"),
        ("2021-02", "145", "", "derived", "newsletter, February 2021"),
        ("2021-12-06", "153", "", "derived", "welcomes Salisbury"),
    ],
)
def test_each_point_of_the_timeline_keeps_its_value_qualifier_and_source(
    tables, date, value, qualifier, status, source_word
) -> None:
    row = _one(_members_total(tables), date=date)
    assert (row.value, row.value_qualifier, row.status) == (value, qualifier, status)
    assert source_word in row.source


def test_published_joining_years_never_exceed_a_published_total(tables) -> None:
    """Members with a published year before Y fit in every exact total published in Y."""
    cities = tables["cities"]
    published = cities[cities.joined_status == "published"].joined.astype(int)
    totals = _members_total(tables)
    for _, point in totals[totals.value_qualifier.isin(["", "some"])].iterrows():
        assert (published < int(point.year)).sum() <= int(point.value), point.date
    # The 21 of April 2011 are exactly the 11 pilots and the ten of the second phase.
    by_april_2011 = cities.joined_source.str.contains("Newsletter No (?:9|14)", regex=True)
    assert by_april_2011.sum() == 21


def test_the_2017_member_count_is_not_reached_by_invention(tables) -> None:
    joined = pd.to_numeric(tables["cities"].joined, errors="coerce")
    assert (joined <= 2017).sum() < 121


def test_countries_continents_and_new_members_are_published_where_they_belong(tables) -> None:
    m = tables["metrics"]
    assert _one(m, metric="countries_total", date="2017-05-09").value == "32"
    assert _one(m, metric="continents", date="2017").value == "5"
    assert _one(m, metric="new_members", year="2017").value == "6"
    assert _one(m, metric="index_countries", year="2017").value == "28"
    assert _one(m, metric="index_cities", year="2017").value == "90"
    assert _one(m, metric="new_members", date="2011-04").value == "10"


def test_index_sample_sizes_run_from_17_in_2011_to_103_in_2019(tables) -> None:
    m = tables["metrics"]
    sample = m[m.metric == "index_sample"]
    assert _one(sample, date="2011-01-10").value == "17"
    assert _one(sample, date="2019-08").value == "103"
    assert _one(sample, date="2013-10").value_qualifier == "more than"
    assert len(sample) >= 20


# --- Corrections of issue 9, one test each ----------------------------------------------------


def test_salisbury_is_salisbury_south_australia(tables) -> None:
    row = _one(tables["cities"], city="Salisbury")
    assert (row.country, row.joined, row.joined_status) == ("AU", "2021", "published")
    assert "South Australia" in row.joined_source and "153rd" in row.joined_source
    assert (row.population, row.population_qualifier, row.population_status) == (
        "140000",
        "over",
        "published",
    )
    for kind in ("index", "activities", "network-members"):
        df = tables[kind]
        assert df[(df.city == "Salisbury") & (df.country != "AU")].empty, kind


def test_the_members_of_2017_are_the_six_cities_the_report_welcomed(tables) -> None:
    cities = tables["cities"]
    joined_2017 = cities[cities.joined == "2017"]
    assert set(joined_2017.city) == {
        "Ballarat",
        "Mechelen",
        "Klaksvík",
        "Hamamatsu",
        "Zaragoza",
        "Swansea",
    }
    assert (joined_2017.joined_status == "published").all()
    for city in ("Cascais", "Pavlohrad", "Tanger"):
        row = _one(cities, city=city)
        assert row.joined != "2017" and row.joined_status == "illustrative", city


def test_no_generated_joining_year_falls_where_the_published_lists_are_complete(tables) -> None:
    cities = tables["cities"]
    generated = cities[cities.joined_status == "illustrative"].joined.astype(int)
    assert len(generated) > 10
    assert not generated.isin([2008, 2009, 2010, 2011, 2016, 2017]).any()


@pytest.mark.parametrize("city", ["Rijeka", "Paris", "Erlangen"])
def test_rijeka_paris_and_erlangen_joined_in_2016(tables, city) -> None:
    row = _one(tables["cities"], city=city)
    assert (row.joined, row.joined_status) == ("2016", "published")
    assert "annual-meeting-of-the-intercultural-cities-coordinators" in row.joined_source


def test_maribyrnong_joined_on_24_october_2018(tables) -> None:
    row = _one(tables["cities"], city="Maribyrnong")
    assert (row.joined, row.joined_date, row.joined_status) == ("2018", "2018-10-24", "published")


def test_the_lisbon_index_report_is_not_evidence_of_membership(tables) -> None:
    cities = tables["cities"]
    lisbon_report = "Results of the Intercultural Cities Index (lists the cities"
    assert not cities.joined_source.str.contains(lisbon_report, regex=False).any()
    members = cities[cities.joined != ""]
    assert not members.source.map(
        lambda s: any(lisbon_report in part for part in s.split("member: ")[1:2])
    ).any()
    only_index = ["Constanta", "Dortmund", "Duisburg", "Hamburg", "Munich", "Rotterdam"]
    for city in only_index:
        row = _one(cities, city=city)
        assert row.joined == "" and "completed the ICC Index by May 2014" in row.source, city


def test_strasbourg_is_not_called_a_non_member_on_a_report_that_does_not_say_so(tables) -> None:
    for kind, df in tables.items():
        for column in df.columns:
            if column.endswith("source"):
                assert not df[column].str.contains("not a member", regex=False).any(), kind
    row = _one(tables["cities"], city="Strasbourg")
    assert row.joined == ""
    assert "PACE session of 28 June 2017" in row.source and "Index sample of Aug 2017" in row.source


@pytest.mark.parametrize("city", ["Oslo", "Dortmund"])
def test_oslo_and_dortmund_have_no_2017_edition(tables, city) -> None:
    index = tables["index"]
    assert index[(index.city == city) & (index.year == "2017")].empty
    assert not index[index.city == city].empty  # their earlier (generated) editions remain


@pytest.mark.parametrize("city", ["Sabadell", "Montréal"])
def test_sabadell_and_montreal_cite_the_page_that_gives_2011(tables, city) -> None:
    row = _one(tables["cities"], city=city)
    assert (row.joined, row.joined_status) == ("2011", "published")
    assert "https://" in row.joined_source or "http://" in row.joined_source


def test_melton_cites_a_publication_and_its_year_is_marked_generated(tables) -> None:
    row = _one(tables["cities"], city="Melton")
    assert "Times News Group" in row.source and "timesnewsgroup.com.au" in row.source
    assert row.joined_status == "illustrative" and row.joined in ("2018", "2019")
    assert not tables["cities"].joined_source.str.contains("not named", regex=False).any()


def test_news_items_of_2017_are_more_than_60(tables) -> None:
    metric = _one(tables["metrics"], metric="news_items", year="2017")
    assert (metric.value, metric.value_qualifier) == ("60", "more than")
    news = _one(tables["activities"], date="2017", kind="news")
    assert (news["count"], news.count_qualifier) == ("60", "more than")


def test_two_networks_were_under_construction_in_2017_and_six_national_ones_active(
    tables,
) -> None:
    networks = tables["networks"].set_index("network")
    status_2017 = _networks_in(tables, 2017)
    forming = {code for code, s in status_2017.items() if s == "forming"}
    assert forming == {"REMIRI", "ICANN"}
    active = {code for code, s in status_2017.items() if s == "active"}
    assert {c for c in active if networks.loc[c, "scope"] == "national"} == {
        "CDD",
        "RECI",
        "RPCI",
        "NO",
        "ICC-UA",
        "RMCI",
    }
    m = tables["metrics"]
    assert _one(m, metric="networks_forming", year="2017").value == "2"
    assert _one(m, metric="networks_national", year="2017").value == "6"


def test_network_status_changes_in_the_year_the_sources_give(tables) -> None:
    assert _networks_in(tables, 2011).get("NO") == "forming"
    assert _networks_in(tables, 2012)["NO"] == "active"
    assert _networks_in(tables, 2021)["ICANN"] == "forming"
    assert _networks_in(tables, 2022)["ICANN"] == "active"
    assert _networks_in(tables, 2020)["REMIRI"] == "forming"
    assert _networks_in(tables, 2021)["REMIRI"] == "active"
    assert "ICC-UK" not in _networks_in(tables, 2018)
    m = tables["metrics"]  # April 2011: Italy and Ukraine in existence, Spain under construction
    assert _one(m, metric="networks_national", date="2011-04").value == "2"
    assert _one(m, metric="networks_forming", date="2011-04").value == "1"


@pytest.mark.parametrize(
    ("network", "date", "value"),
    [("CDD", "2017-05-25", "25"), ("RECI", "2017-03-30", "16"), ("CDD", "2010-09-16", "10")],
)
def test_italian_and_spanish_network_sizes_are_dated_metrics(tables, network, date, value) -> None:
    row = _one(tables["metrics"], metric="network_members", network=network, date=date)
    assert (row.value, row.status) == (value, "published")


def test_the_uk_national_network_is_on_file_from_2020(tables) -> None:
    row = _one(tables["networks"], network="ICC-UK")
    assert (row.country, row.scope, row.founded, row.active_since) == (
        "GB",
        "national",
        "2019",
        "2020",
    )
    assert "coe.int/en/web/interculturalcities/united-kingdom" in row.status_source


def test_quebec_is_regional_and_eight_national_networks_are_active_by_2022(tables) -> None:
    networks = tables["networks"].set_index("network")
    assert networks.loc["REMIRI", "scope"] == "regional"
    national_2022 = {c for c, s in _networks_in(tables, 2022).items() if s == "active"} - {
        c for c in networks.index if networks.loc[c, "scope"] != "national"
    }
    assert len(national_2022) == 8  # the networks page: 8 national networks


def test_an_undated_network_size_says_undated(tables) -> None:
    row = _one(tables["networks"], network="CDD")
    assert (row.members, row.members_date, row.members_status) == ("28", "undated", "published")


def test_the_lisbon_training_had_about_40_participants_within_the_270(tables) -> None:
    row = _one(tables["activities"], date="2017-11", kind="training", city="Lisbon")
    assert (row.participants, row.participants_qualifier) == ("40", "about")
    assert "also among the event's 270" in row.source


def test_joint_campaigns_of_2017_are_a_lower_bound(tables) -> None:
    row = _one(tables["metrics"], metric="joint_campaigns", year="2017")
    assert (row.value, row.value_qualifier) == ("5", "at least")


def test_the_national_policy_lab_of_2017_has_no_city_the_report_does_not_give(tables) -> None:
    row = _one(tables["activities"], date="2017-05-25", kind="policy_lab")
    assert row.city == ""


def test_pavlohrads_2017_index_result_is_published(tables) -> None:
    row = _one(tables["index"], city="Pavlohrad", year="2017", indicator="overall")
    assert (row.score, row.status) == ("67", "published")
    assert "23rd among 93 cities" in row.source
    assert int(_one(tables["cities"], city="Pavlohrad").population) < 200_000  # 7th of <200k


# --- Published facts kept from before ---------------------------------------------------------


@pytest.mark.parametrize(
    ("city", "year", "indicator", "score", "source_word"),
    [
        ("Odesa", "2017", "overall", "70", "Odesa City Council"),
        ("Barcelona", "2017", "overall", "72", "Odesa City Council"),
        ("Ballarat", "2016", "overall", "84", "City of Ballarat"),
        ("Oeiras", "2019", "neighbourhoods", "100", "Município de Oeiras"),
    ],
)
def test_published_index_scores_appear_as_published(
    tables, city, year, indicator, score, source_word
) -> None:
    row = _one(tables["index"], city=city, year=year, indicator=indicator)
    assert (row.score, row.status) == (score, "published")
    assert source_word in row.source


def test_every_score_not_published_is_marked_illustrative(tables) -> None:
    index = tables["index"]
    published = {("Odesa", "2017", "overall"), ("Barcelona", "2017", "overall")}
    published |= {("Pavlohrad", "2017", "overall"), ("Ballarat", "2016", "overall")}
    published |= {("Oeiras", "2019", "neighbourhoods")}
    keys = set(zip(index.city, index.year, index.indicator, strict=True))
    marked = index[index.status == "published"]
    assert set(zip(marked.city, marked.year, marked.indicator, strict=True)) == published
    assert published <= keys


def test_language_is_ballarats_weakest_area_in_2016(tables) -> None:
    df = tables["index"]
    edition = df[(df.city == "Ballarat") & (df.year == "2016") & (df.indicator != "overall")]
    scores = edition.set_index("indicator")["score"].astype(int)
    assert scores.idxmin() == "language"


def test_overall_is_the_rounded_mean_of_the_areas(tables) -> None:
    for key, edition in tables["index"].groupby(["city", "country", "year"]):
        areas = edition[edition.indicator != "overall"].score.astype(int)
        overall = int(edition[edition.indicator == "overall"].score.iloc[0])
        assert overall == int(areas.mean() + 0.5), key


def test_the_index_covers_60_cities_and_20_of_them_twice(tables) -> None:
    overall = tables["index"][tables["index"].indicator == "overall"]
    per_city = overall.groupby(["city", "country"]).size()
    assert len(per_city) >= 60 and (per_city >= 2).sum() >= 20


@pytest.mark.parametrize(
    ("platform", "date", "followers", "status"),
    [
        ("X (Twitter)", "2017-12-15", "2475", "published"),
        ("Facebook", "2017-12-15", "4551", "published"),
        ("X (Twitter)", "2016-12-15", "1949", "derived"),
        ("Facebook", "2016-12-15", "3571", "derived"),
    ],
)
def test_published_and_derived_follower_totals(tables, platform, date, followers, status) -> None:
    row = _one(tables["followers"], platform=platform, date=date)
    assert (row.followers, row.status) == (followers, status)
    assert AR2017 in row.source


def test_followers_are_monthly_rising_totals_2012_to_2017(tables) -> None:
    df = tables["followers"]
    for _, series in df.groupby("platform"):
        assert len(series) == 72
        assert series.followers.astype(int).diff().dropna().gt(0).all()


def test_the_lisbon_milestone_event_has_its_published_attendance(tables) -> None:
    row = _one(tables["activities"], date="2017-11-28", kind="conference")
    assert (row.city, row.participants, row.women, row.men, row.nationalities) == (
        "Lisbon",
        "270",
        "149",
        "121",
        "31",
    )


def test_the_2022_coordinators_meeting_hosted_38_coordinators(tables) -> None:
    row = _one(tables["activities"], date="2022-11-16", kind="coordinators_meeting")
    assert (row.city, row.participants, row.status) == ("Reggio Emilia", "38", "published")


def test_generated_activities_are_marked_and_2017_has_none(tables) -> None:
    df = tables["activities"]
    generated = df[df.status == "illustrative"]
    assert len(generated) > 20
    assert not generated.date.str.startswith("2017").any()


@pytest.mark.parametrize(
    ("network", "city", "joined"),
    [
        ("ICC-UA", "Odesa", "2017"),
        ("ICC-UA", "Pavlohrad", "2011"),
        ("RECI", "Donostia-San Sebastián", "2014"),
        ("CDD", "Reggio Emilia", "2010"),
        ("ICANN", "Salisbury", "2021"),
    ],
)
def test_published_network_joining_years_appear(tables, network, city, joined) -> None:
    assert _one(tables["network-members"], network=network, city=city).joined == joined


def test_every_city_used_anywhere_is_on_file(tables) -> None:
    on_file = set(zip(tables["cities"].city, tables["cities"].country, strict=True))
    for kind in ("network-members", "index", "activities"):
        df = tables[kind]
        df = df[df.city != ""]
        assert set(zip(df.city, df.country, strict=True)) <= on_file, kind


def test_network_only_cities_have_no_joining_year_and_say_so(tables) -> None:
    cities = tables["cities"]
    only = cities[cities.source.str.startswith("member of ")]
    assert len(only) > 30 and (only.joined == "").all()
    assert {"Torino", "Parla", "Agadir", "Drammen", "Sumy", "Gatineau"} <= set(only.city)


def test_councils_the_gazetteer_lacks_are_placed_at_their_seat(tables) -> None:
    cities = tables["cities"]
    placed = cities[cities.lat != ""]
    assert set(placed.city) == {"Calderdale", "Kirklees"}
    assert (placed.location_status == "published").all()


# --- Counting and rebuilding -------------------------------------------------------------------


def test_values_are_counted_by_status_per_dataset() -> None:
    counts = build.status_counts(SAMPLE_DIR)
    # Derived: the totals 21, 145 and 153, and 2017's 19 Index reports counted from a list.
    assert counts["metrics"]["published"] >= 70 and counts["metrics"]["derived"] == 4
    assert counts["cities"]["published"] > 100 and counts["cities"]["illustrative"] > 100
    assert counts["followers"]["derived"] == 2


def test_the_generator_rewrites_the_committed_files_identically(tmp_path) -> None:
    counts = build.main(tmp_path)
    for kind in KINDS:
        name = f"{kind}.csv"
        assert (tmp_path / name).read_bytes() == (SAMPLE_DIR / name).read_bytes(), name
    assert counts["cities with Index"] >= 60


@pytest.mark.skipif(
    not hasattr(vocab, "STATUSES"),
    reason="the importer of per-value provenance (issue 9) is not merged yet",
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
