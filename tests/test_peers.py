"""Peer groups and comparison statistics (dashboard.peers) on a few inline cities."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import peers

ILL = "illustrative (generated, not published)"


def make_cities() -> pd.DataFrame:
    """Five cities: two Portuguese in RPCI, one Spanish in RECI, two with no network."""
    rows = [
        ("Lisbon", "PT", "Portugal", "RPCI", 517802, 6.8),
        ("Amadora", "PT", "Portugal", "RPCI", 175000, 20.0),
        ("Bilbao", "ES", "Spain", "RECI", 345000, 8.0),
        ("Oslo", "NO", "Norway", "", 700000, 30.0),
        ("Valencia", "VE", "Venezuela", "", 150000, 3.0),
    ]
    df = pd.DataFrame(
        rows, columns=["city", "country", "country_name", "networks", "population", "fb"]
    )
    df["pop_band"] = df["population"].map(
        lambda p: "under 200,000" if p < 200_000 else "200,000 and over"
    )
    df["fb_band"] = df["fb"].map(
        lambda f: "under 15% foreign-born" if f < 15 else "15% foreign-born and over"
    )
    return df


def long_index(
    scores: dict[tuple[str, str, int], dict[str, float]], source: str = ""
) -> pd.DataFrame:
    """Long-form index rows from {(city, country, year): {indicator: score}}."""
    rows = [
        {"city": c, "country": k, "year": y, "indicator": ind, "score": s, "source": source}
        for (c, k, y), areas in scores.items()
        for ind, s in areas.items()
    ]
    df = pd.DataFrame(rows)
    df["illustrative"] = df["source"].str.contains("illustrative")
    return df


def make_results(source: str = "") -> pd.DataFrame:
    scores = {
        ("Lisbon", "PT", 2012): {"commitment": 50, "language": 40, "overall": 45},
        ("Lisbon", "PT", 2019): {"commitment": 70, "language": 90, "anti_discrimination": 50,
                                 "overall": 70},
        ("Amadora", "PT", 2017): {"commitment": 60, "language": 60, "overall": 60},
        ("Amadora", "PT", 2019): {"commitment": 80, "language": 50, "anti_discrimination": 60,
                                  "overall": 63},
        ("Bilbao", "ES", 2012): {"commitment": 40, "language": 70, "overall": 55},
        ("Bilbao", "ES", 2021): {"commitment": 70, "language": 60, "anti_discrimination": 40,
                                 "overall": 57},
        ("Oslo", "NO", 2014): {"commitment": 90, "language": 80, "overall": 85},
    }  # fmt: skip
    return peers.prepare_results(long_index(scores, source))


def test_ordinal_words():
    assert [peers.ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "111th",
    ]  # fmt: skip


def test_results_one_row_per_city_year_with_edition_lens_and_sources():
    res = make_results(ILL)
    lisbon = res[(res["city"] == "Lisbon") & (res["year"] == 2019)].iloc[0]
    assert lisbon["edition"] == "2019 questionnaire"
    assert res[(res["city"] == "Lisbon") & (res["year"] == 2012)].iloc[0]["edition"] == (
        "2009 questionnaire"
    )
    assert lisbon["anti_discrimination"] == 50
    assert lisbon["illustrative"]
    assert lisbon["sources"] == (ILL,)
    assert len(res) == 7


def test_lens_is_the_mean_of_the_lens_areas_present():
    res = peers.prepare_results(
        long_index({("Lisbon", "PT", 2019): {"education": 40, "business": 60, "language": 100}})
    )
    assert res.iloc[0]["lens"] == 50


@pytest.mark.parametrize("typed", ["Lisbon", "lisbon", "LISBON", "Lisbôn", " lisbon "])
def test_city_matched_without_regard_to_case_and_accents(typed):
    table = peers.city_choices(make_cities(), make_results())
    assert peers.resolve_city(table, typed) == ("Lisbon", "PT")


def test_unknown_city_resolves_to_none():
    table = peers.city_choices(make_cities(), make_results())
    assert peers.resolve_city(table, "Atlantis") is None
    assert peers.resolve_city(table, "") is None


def spelled_cities() -> pd.DataFrame:
    """Cities on file under one spelling, placed by the gazetteer under its own name."""
    rows = [
        ("Odesa", "UA", "Ukraine", "gazetteer: Odesa"),
        ("Pavlohrad", "UA", "Ukraine", "gazetteer: Pavlohrad"),
        ("Montréal", "CA", "Canada", "gazetteer: Montréal"),
        ("Reggio Emilia", "IT", "Italy", "gazetteer: Reggio nell'Emilia"),
        ("Patras", "GR", "Greece", "gazetteer: Pátra"),
        ("Klaksvík", "FO", "Faroe Islands", "gazetteer: Klaksvík"),
        ("Lisbon", "PT", "Portugal", None),
    ]
    return pd.DataFrame(rows, columns=["city", "country", "country_name", "geo_source"])


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Odessa", ("Odesa", "UA")),
        ("Pavlograd", ("Pavlohrad", "UA")),
        ("Montreal", ("Montréal", "CA")),
        ("Reggio nell'Emilia", ("Reggio Emilia", "IT")),
        ("Pátra", ("Patras", "GR")),
        ("Klaksvik", ("Klaksvík", "FO")),
        ("Lisboa", ("Lisbon", "PT")),
    ],
)
def test_other_spellings_of_a_city_find_it_through_the_gazetteer(typed, expected):
    assert peers.resolve_city(peers.name_table(spelled_cities()), typed) == expected


def test_gazetteer_is_asked_only_when_no_name_on_file_matches(monkeypatch):
    asked: list[tuple[str, str]] = []

    def lookup(city, country):
        asked.append((city, country))

    monkeypatch.setattr(peers.gazetteer, "lookup", lookup)
    table = peers.name_table(spelled_cities())
    assert peers.resolve_city(table, "ODESA") == ("Odesa", "UA")
    assert peers.resolve_city(table, "Patra") == ("Patras", "GR")  # the gazetteer's name
    assert asked == []
    assert peers.resolve_city(table, "Atlantis") is None
    # Only the countries of the cities on file, each once.
    assert sorted(c for _, c in asked) == ["CA", "FO", "GR", "IT", "PT", "UA"]


def test_namesakes_get_their_country_in_the_label_and_country_picks_one():
    cities = pd.DataFrame(
        {
            "city": ["Valencia", "Valencia"],
            "country": ["ES", "VE"],
            "country_name": ["Spain", "Venezuela"],
        }
    )
    res = peers.prepare_results(
        long_index(
            {("Valencia", "ES", 2019): {"overall": 50}, ("Valencia", "VE", 2019): {"overall": 40}}
        )
    )
    table = peers.city_choices(cities, res)
    assert sorted(table["label"]) == ["Valencia (ES)", "Valencia (VE)"]
    assert peers.resolve_city(table, "Valencia", "VE") == ("Valencia", "VE")
    assert peers.resolve_city(table, "valencia", "Venezuela") == ("Valencia", "VE")
    assert peers.resolve_city(table, "Valencia (ES)") == ("Valencia", "ES")


@pytest.mark.parametrize(
    ("group", "expected"),
    [
        ("all", {"Amadora", "Bilbao", "Oslo", "Valencia"}),
        ("country", {"Amadora"}),
        ("network", {"Amadora"}),
        ("pop_under", {"Amadora", "Valencia"}),
        ("pop_over", {"Bilbao", "Oslo"}),
        ("fb_under", {"Bilbao", "Valencia"}),
        ("fb_over", {"Amadora", "Oslo"}),
    ],
)
def test_peer_groups_leave_the_city_itself_out(group, expected):
    got = peers.peer_cities(make_cities(), "Lisbon", "PT", group)
    assert set(got["city"]) == expected


def test_hand_picked_peers_are_exactly_the_picked_cities():
    got = peers.peer_cities(
        make_cities(), "Lisbon", "PT", "custom", [("Oslo", "NO"), ("Lisbon", "PT")]
    )
    assert list(got["city"]) == ["Oslo"]
    assert peers.peer_cities(make_cities(), "Lisbon", "PT", "custom", []).empty


def test_same_network_group_is_empty_for_a_city_in_no_network():
    assert peers.peer_cities(make_cities(), "Oslo", "NO", "network").empty


def test_peer_values_come_from_the_same_questionnaire_up_to_the_year():
    res = make_results()
    everyone = peers.peer_cities(make_cities(), "Lisbon", "PT", "all")
    in_2019 = peers.peer_results(res, everyone, 2019)
    # Bilbao's 2021 result is after 2019; its 2012 one is the other questionnaire.
    assert set(zip(in_2019["city"], in_2019["year"], strict=True)) == {("Amadora", 2019)}
    in_2018 = peers.peer_results(res, everyone, 2018)
    assert set(zip(in_2018["city"], in_2018["year"], strict=True)) == {
        ("Amadora", 2017),
        ("Bilbao", 2012),
        ("Oslo", 2014),
    }
    in_2022 = peers.peer_results(res, everyone, 2022)
    assert set(zip(in_2022["city"], in_2022["year"], strict=True)) == {
        ("Amadora", 2019),
        ("Bilbao", 2021),
    }


def test_compare_gives_mean_range_position_percentile_and_change():
    res = make_results()
    group = peers.peer_results(res, peers.peer_cities(make_cities(), "Lisbon", "PT", "all"), 2022)
    table = peers.compare(res, "Lisbon", "PT", 2019, group).set_index("indicator")
    commitment = table.loc["commitment"]  # Lisbon 70; peers 80 and 70
    assert commitment["peer_mean"] == 75
    assert (commitment["peer_min"], commitment["peer_max"]) == (70, 80)
    assert commitment["difference"] == -5
    assert commitment["position"] == "2nd of 3"  # the tie with Bilbao shares 2nd
    assert commitment["percentile"] == 25  # none lower, one equal (half)
    language = table.loc["language"]  # Lisbon 90; peers 50 and 60
    assert language["position"] == "1st of 3"
    assert language["percentile"] == 100
    assert language["change"] == 50  # 40 in 2012
    assert int(language["previous_year"]) == 2012
    # Anti-discrimination did not exist in 2012: no change, not a change from zero.
    assert pd.isna(table.loc["anti_discrimination", "change"])
    assert list(table.index)[-1] == "overall"


def test_compare_with_no_peers_keeps_the_city_scores_and_no_position():
    res = make_results()
    table = peers.compare(res, "Lisbon", "PT", 2019, res.iloc[0:0])
    assert table.set_index("indicator").loc["language", "score"] == 90
    assert table["peer_mean"].isna().all()
    assert (table["position"] == "").all()


def test_summary_sentences_count_areas_above_and_name_the_widest_gap():
    res = make_results()
    group = peers.peer_results(res, peers.peer_cities(make_cities(), "Lisbon", "PT", "all"), 2022)
    table = peers.compare(res, "Lisbon", "PT", 2019, group)
    text = peers.summary("Lisbon", 2019, "Whole sample", table)
    # Areas: commitment -5, language +35, anti-discrimination 0 -> above in 1 of 3.
    assert text[0] == (
        "In 2019, Lisbon is above its peer group mean (whole sample, 2 cities) in 1 of 3 areas."
    )
    assert text[1] == "The widest gap is Language, 35 points above the peer mean."
    assert "Commitment" in text[2] and "learning" in text[2]
    assert not any("rank" in s.lower() for s in text)


def test_summary_of_a_city_below_its_peers_everywhere_names_the_closest_area():
    res = peers.prepare_results(
        long_index(
            {
                ("Odesa", "UA", 2021): {"commitment": 30, "language": 60, "overall": 40},
                ("Oslo", "NO", 2021): {"commitment": 60, "language": 70, "overall": 70},
                ("Bilbao", "ES", 2021): {"commitment": 70, "language": 80, "overall": 70},
            }
        )
    )
    table = peers.compare(res, "Odesa", "UA", 2021, res[res["city"] != "Odesa"])
    text = peers.summary("Odesa", 2021, "Whole sample", table)
    assert text[0] == (
        "In 2021, Odesa is below its peer group mean (whole sample, 2 cities) in all 2 "
        "areas; it is closest to it in Language (15 points below the mean)."
    )
    assert "0 of" not in " ".join(text)


def test_summary_counts_gaps_of_the_scores_as_shown():
    res = peers.prepare_results(
        long_index(
            {
                ("Lisbon", "PT", 2019): {"commitment": 40.4, "language": 80},
                ("Oslo", "NO", 2019): {"commitment": 40.6, "language": 70},
            }
        )
    )
    table = peers.compare(res, "Lisbon", "PT", 2019, res[res["city"] == "Oslo"])
    text = peers.summary("Lisbon", 2019, "Whole sample", table)
    # Commitment shows 40 against 41: below the mean, not "at" it.
    assert text[0].endswith("in 1 of 2 areas.")
    assert "Commitment" in text[2]


def test_change_is_against_the_previous_result_of_the_same_questionnaire():
    res = peers.prepare_results(
        long_index(
            {
                ("Lisbon", "PT", 2012): {"commitment": 10, "overall": 10},
                ("Lisbon", "PT", 2019): {"commitment": 60, "overall": 55},
                ("Lisbon", "PT", 2022): {"commitment": 70, "overall": 61},
            }
        )
    )
    table = peers.compare(res, "Lisbon", "PT", 2022, res.iloc[0:0]).set_index("indicator")
    assert int(table.loc["commitment", "previous_year"]) == 2019
    assert table.loc["commitment", "change"] == 10
    assert table.loc["overall", "change"] == 6
    assert not table["cross_edition"].any()


def test_change_across_questionnaires_is_marked_and_leaves_the_overall_out():
    res = make_results()
    table = peers.compare(res, "Lisbon", "PT", 2019, res.iloc[0:0]).set_index("indicator")
    assert table["cross_edition"].all()
    assert table.loc["commitment", "previous_edition"] == "2009 questionnaire"
    assert table.loc["commitment", "change"] == 20
    assert pd.isna(table.loc["overall", "change"])


@pytest.mark.parametrize(
    ("higher", "lower", "n", "words"),
    [
        (0, 17, 17, "highest of 18"),
        (17, 0, 17, "lowest of 18"),
        (16, 0, 17, "joint lowest of 18"),
        (0, 15, 17, "joint highest of 18"),
        (2, 15, 17, "among the highest"),
        (14, 3, 17, "among the lowest"),
        (8, 9, 17, "mid-range"),
        (0, 0, 0, ""),
    ],
)
def test_standing_in_words(higher, lower, n, words):
    assert peers.standing(higher, lower, n) == words


def test_summary_of_an_empty_peer_group_says_there_is_nothing_to_compare():
    res = make_results()
    table = peers.compare(res, "Lisbon", "PT", 2019, res.iloc[0:0])
    (sentence,) = peers.summary("Lisbon", 2019, "Same national network", table)
    assert "nothing to compare Lisbon with" in sentence
