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
        lambda f: "foreign-born share under 15%" if f < 15 else "foreign-born share at least 15%"
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


def test_sources_are_the_distinct_non_blank_sources_of_each_result_sorted():
    raw = long_index({("Lisbon", "PT", 2019): {"commitment": 70, "language": 90, "overall": 70},
                      ("Oslo", "NO", 2014): {"commitment": 90, "overall": 85}})  # fmt: skip
    raw["source"] = ["Report B", "Report A", "Report B", None, "   "]
    res = peers.prepare_results(raw)
    by_city = dict(zip(res["city"], res["sources"], strict=True))
    assert by_city == {"Lisbon": ("Report A", "Report B"), "Oslo": ()}
    assert peers.flat_sources(res) == ["Report A", "Report B"]


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


def test_peer_values_are_the_latest_result_in_any_edition_up_to_the_year():
    res = make_results()
    everyone = peers.peer_cities(make_cities(), "Lisbon", "PT", "all")
    in_2019 = peers.peer_results(res, everyone, 2019)
    # Bilbao's 2021 result is after 2019: its 2012 one (the other questionnaire) stands.
    assert set(zip(in_2019["city"], in_2019["year"], strict=True)) == {
        ("Amadora", 2019),
        ("Bilbao", 2012),
        ("Oslo", 2014),
    }
    # More than five years before the chosen year: dated.
    dated = dict(zip(in_2019["city"], in_2019["dated"], strict=True))
    assert dated == {"Amadora": False, "Bilbao": True, "Oslo": False}
    in_2022 = peers.peer_results(res, everyone, 2022)
    assert set(zip(in_2022["city"], in_2022["year"], strict=True)) == {
        ("Amadora", 2019),
        ("Bilbao", 2021),
        ("Oslo", 2014),
    }
    assert bool(in_2022.set_index("city").loc["Oslo", "dated"])


def test_a_group_of_three_gets_values_but_no_position():
    res = make_results()
    group = peers.peer_results(res, peers.peer_cities(make_cities(), "Lisbon", "PT", "all"), 2022)
    table = peers.compare(res, "Lisbon", "PT", 2019, group).set_index("indicator")
    commitment = table.loc["commitment"]  # Lisbon 70; peers 80, 70 and 90 (Oslo, 2014)
    assert commitment["peer_mean"] == 80
    assert (commitment["peer_min"], commitment["peer_max"]) == (70, 90)
    assert commitment["difference"] == -10
    assert commitment["peers"] == 3
    assert commitment["position"] == "" and commitment["standing"] == ""
    assert "percentile" not in table.columns
    language = table.loc["language"]
    assert language["change"] == 50  # 40 in 2012
    assert int(language["previous_year"]) == 2012
    # Anti-discrimination did not exist in 2012: no change, not a change from zero.
    assert pd.isna(table.loc["anti_discrimination", "change"])
    assert list(table.index)[-1] == "overall"


def test_a_peer_with_only_a_2009_questionnaire_result_is_compared_on_shared_areas():
    res = make_results()
    oslo = peers.peer_results(res, peers.peer_cities(make_cities(), "Lisbon", "PT", "all"), 2022)
    oslo = oslo[oslo["city"] == "Oslo"]  # 2014: 2009 questionnaire only
    table = peers.compare(res, "Lisbon", "PT", 2019, oslo).set_index("indicator")
    assert table.loc["commitment", "peer_mean"] == 90
    assert table.loc["language", "peers"] == 1
    # Anti-discrimination is not in the 2009 questionnaire; the overall is scored otherwise.
    assert table.loc["anti_discrimination", "peers"] == 0
    assert table.loc["overall", "peers"] == 0
    said = peers.left_out(oslo, 2019, list(table.index))
    assert said[0].startswith("Anti-discrimination: left out for the 1 peer city")
    assert "2009 questionnaire" in said[0]
    assert said[1].startswith("Overall index: compared only within the 2019 questionnaire")


def five_peers() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Lisbon 2019 and five peers in Business, two of them tied at 80 (2017 and 2019)."""
    scores = {
        ("Lisbon", "PT", 2019): {"business": 43, "language": 90},
        ("Porto", "PT", 2019): {"business": 80, "language": 50},
        ("Oslo", "NO", 2017): {"business": 80, "language": 60},
        ("Bilbao", "ES", 2012): {"business": 85, "language": 70},
        ("Genoa", "IT", 2019): {"business": 40, "language": 20},
        ("Turin", "IT", 2019): {"business": 60, "language": 95},
    }
    res = peers.prepare_results(long_index(scores))
    cities = pd.DataFrame(
        {
            "city": [c for c, _k, _y in scores],
            "country": [k for _c, k, _y in scores],
            "pop_band": ["200,000 and over"] * 5 + ["under 200,000"],
        }
    )
    return res, cities


def test_a_group_of_five_gets_a_position():
    res, cities = five_peers()
    rows = peers.peer_results(res, cities[cities["city"] != "Lisbon"], 2019)
    table = peers.compare(res, "Lisbon", "PT", 2019, rows).set_index("indicator")
    assert table.loc["business", "position"] == "5th of 6"
    assert table.loc["language", "position"] == "2nd of 6"


def test_leaders_are_ordered_by_score_then_recency():
    res, cities = five_peers()
    rows = peers.peer_results(res, cities[cities["city"] != "Lisbon"], 2019)
    table = peers.compare(res, "Lisbon", "PT", 2019, rows)
    assert peers.trailing(table) == ["business"]
    lead = peers.leaders(table, rows, 2019, ["business"], cities)
    # Bilbao 85 first; then the tie at 80, the more recent result (Porto 2019) first.
    assert list(lead["city"]) == ["Bilbao", "Porto", "Oslo"]
    assert list(lead["gap"]) == [42, 37, 37]
    assert list(lead["dated"]) == [True, False, False]  # 2012 is more than 5 years before 2019
    assert lead.iloc[0]["pop_band"] == "200,000 and over"
    assert lead.iloc[0]["edition"] == "2009 questionnaire"
    sentence = peers.leader_sentence("Business and labour market", lead.head(2), 43)
    assert sentence == (
        "In Business and labour market, Bilbao (85, 2012, dated) and Porto (80, 2019) lead "
        "your peer group; you are at 43."
    )
    # Only peers above the city lead: in Language only Turin (95) is above Lisbon (90).
    assert list(peers.leaders(table, rows, 2019, ["language"])["city"]) == ["Turin"]


def test_positions_across_peer_groups_are_a_range_not_one_rank():
    res, cities = five_peers()
    cities["networks"] = ""
    cities["fb_band"] = ""
    across = peers.across_groups(res, cities, "Lisbon", "PT", 2019).set_index("indicator")
    # Whole sample and the 200,000+ band hold 5 and 4 peers: only the first counts.
    assert across.loc["business", "positions"] == "5th of 6"
    assert across.loc["business", "above_mean"] == "above the mean in 0 of 1 peer group"
    assert across.loc["language", "above_mean"] == "above the mean in 1 of 1 peer group"


def test_group_description_gives_size_and_editions():
    res = make_results()
    rows = peers.peer_results(res, peers.peer_cities(make_cities(), "Lisbon", "PT", "all"), 2019)
    text = peers.group_description("Whole sample", rows, 4, 2019)
    assert text.startswith("Peer group: whole sample, 3 of 4 cities with a result up to 2019")
    assert "editions 2012-2019" in text
    assert "1 in the 2019 questionnaire" in text and "2 in the 2009 questionnaire" in text
    assert "1 dated" in text


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
    # Areas: commitment -10, language +27, anti-discrimination 0 -> above in 1 of 3.
    assert text[0] == (
        "In 2019, Lisbon is above its peer group mean (whole sample, 3 cities) in 1 of 3 areas."
    )
    assert text[1] == "The widest gap is Language, 27 points above the peer mean."
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


def status_index() -> pd.DataFrame:
    """Ballarat-like: the city's overall published (its source quoting its published
    places), its areas and every peer's scores illustrative."""
    published = (
        "City of Ballarat: Intercultural cities (2016, http://example.org): 84%, 4th among the "
        "global sample of 80 cities; 2nd among cities under 200,000 inhabitants; 1st among "
        "cities under 15% foreign-born"
    )
    rows = []
    scores = {
        ("Lisbon", "PT", 2016): {"commitment": 90, "language": 80, "overall": 84},
        ("Amadora", "PT", 2016): {"commitment": 60, "language": 60, "overall": 60},
        ("Bilbao", "ES", 2016): {"commitment": 40, "language": 70, "overall": 55},
        ("Oslo", "NO", 2016): {"commitment": 70, "language": 50, "overall": 62},
        ("Valencia", "VE", 2016): {"commitment": 50, "language": 90, "overall": 70},
        ("Porto", "PT", 2016): {"commitment": 55, "language": 65, "overall": 58},
    }
    for (c, k, y), areas in scores.items():
        for ind, s in areas.items():
            own = (c, ind) == ("Lisbon", "overall")
            rows.append(
                {
                    "city": c, "country": k, "year": y, "indicator": ind, "score": s,
                    "source": published if own else ILL,
                    "score_source": published if own else ILL,
                    "score_status": "published" if own else "illustrative",
                    "illustrative": not own,
                }
            )  # fmt: skip
    return pd.DataFrame(rows)


def status_cities() -> pd.DataFrame:
    """`make_cities` and Porto: five peers for Lisbon, so that places are given."""
    porto = pd.DataFrame(
        [("Porto", "PT", "Portugal", "RPCI", 230000, 5.0, "200,000 and over",
          "foreign-born share under 15%")],
        columns=["city", "country", "country_name", "networks", "population", "fb", "pop_band",
                 "fb_band"],
    )  # fmt: skip
    return pd.concat([make_cities(), porto], ignore_index=True)


def test_values_computed_from_illustrative_peer_scores_are_illustrative():
    index = status_index()
    res = peers.with_status(peers.prepare_results(index), index)
    group = peers.peer_results(res, peers.peer_cities(status_cities(), "Lisbon", "PT", "all"), 2016)
    table = peers.compare(res, "Lisbon", "PT", 2016, group).set_index("indicator")
    # The published overall stays published; what is computed from illustrative peers is not.
    assert table.loc["overall", "score_status"] == "published"
    assert table.loc["overall", "peer_status"] == "illustrative"
    assert table.loc["overall", "difference_status"] == "illustrative"
    assert table.loc["commitment", "score_status"] == "illustrative"
    across = peers.across_groups(res, status_cities(), "Lisbon", "PT", 2016)
    assert set(across["status"]) == {"illustrative"}
    lead = peers.leaders(table.reset_index(), group, 2016, ["language"])
    assert list(lead["score_status"]) == ["illustrative"]
    sentence = peers.leader_sentence("Language", lead, 80, None, "illustrative")
    assert sentence == (
        "In Language, Valencia (90, 2016, illustrative) leads your peer group; "
        "you are at 80 (illustrative)."
    )


def test_values_computed_from_published_scores_are_derived_not_illustrative():
    index = status_index().assign(score_status="published", illustrative=False)
    res = peers.with_status(peers.prepare_results(index), index)
    group = peers.peer_results(res, peers.peer_cities(status_cities(), "Lisbon", "PT", "all"), 2016)
    table = peers.compare(res, "Lisbon", "PT", 2016, group).set_index("indicator")
    assert table.loc["overall", "peer_status"] == "derived"
    assert table.loc["commitment", "difference_status"] == "derived"
    assert not peers.is_marked(table.loc["overall", "difference_status"])


def test_published_places_are_quoted_from_the_city_own_published_overall():
    index = status_index()
    res = peers.with_status(peers.prepare_results(index), index)
    found = peers.published_places(res, "Lisbon", "PT", 2016)
    assert found["places"] == [
        "4th among the global sample of 80 cities",
        "2nd among cities under 200,000 inhabitants",
        "1st among cities under 15% foreign-born",
    ]
    assert found["year"] == 2016 and found["source"].startswith("City of Ballarat")
    line = peers.published_line(found)
    assert line.startswith("Published: 4th among the global sample of 80 cities; ")
    assert "(2016), source: City of Ballarat" in line
    # An illustrative overall never yields published places, even if its source quotes some.
    assert peers.published_places(res, "Oslo", "NO", 2016) is None
