"""Compare page: figure and table builders, and its callback, on a few inline cities."""

from __future__ import annotations

import pandas as pd

from dashboard import peers
from dashboard.figures import compare as figs
from dashboard.figures.common import ILLUSTRATIVE_TEXT
from tests.test_peers import ILL, make_cities, make_results


def lisbon_table(source: str = "") -> pd.DataFrame:
    res = make_results(source)
    group = peers.peer_results(res, peers.peer_cities(make_cities(), "Lisbon", "PT", "all"), 2022)
    return peers.compare(res, "Lisbon", "PT", 2019, group)


def annotations(fig) -> list[str]:
    return [a.text for a in fig.layout.annotations]


def test_score_bars_show_city_peer_mean_and_range_for_each_area():
    fig = figs.score_bars(lisbon_table(), "Lisbon")
    by_name = {t.name: t for t in fig.data}
    assert set(by_name) == {"Peer range (lowest to highest)", "Peer mean", "Lisbon"}
    assert list(by_name["Lisbon"].y) == ["Commitment", "Language", "Anti-discrimination"]
    assert list(by_name["Lisbon"].x) == [70, 90, 50]
    assert list(by_name["Peer mean"].x) == [75, 55, 50]
    assert list(by_name["Peer range (lowest to highest)"].base) == [70, 50, 40]
    assert ILLUSTRATIVE_TEXT not in annotations(fig)


def test_score_bars_carry_the_illustrative_mark_when_scores_are_illustrative():
    fig = figs.score_bars(lisbon_table(ILL), "Lisbon", illustrative=True)
    assert ILLUSTRATIVE_TEXT in annotations(fig)


def test_city_names_are_escaped_in_legends():
    fig = figs.score_bars(lisbon_table(), "<b>Lisbon</b>")
    assert "&lt;b&gt;Lisbon&lt;/b&gt;" in [t.name for t in fig.data]


def test_radar_is_a_closed_loop_of_city_and_peer_mean():
    fig = figs.radar(lisbon_table(), "Lisbon")
    city, mean = fig.data
    assert city.type == "scatterpolar"
    assert list(city.r) == [70, 90, 50, 70]
    assert city.theta[0] == city.theta[-1]
    assert mean.name == "Peer mean"


def test_change_across_questionnaires_is_grey_hatched_labelled_and_leaves_overall_out():
    # Lisbon's previous result (2012) is in the 2009 questionnaire, its 2019 one is not.
    fig = figs.change_bars(lisbon_table(), "Lisbon")
    (bars,) = fig.data
    assert list(bars.y) == ["Commitment", "Language"]
    assert list(bars.x) == [20, 50]
    assert "different questionnaire" in bars.name.lower()
    assert bars.marker.color == figs.CROSS_COLOR
    assert bars.marker.pattern.shape == "/"
    assert fig.layout.showlegend is True


def same_questionnaire_results() -> pd.DataFrame:
    from tests.test_peers import long_index

    return peers.prepare_results(
        long_index(
            {
                ("Lisbon", "PT", 2012): {"commitment": 10, "overall": 10},
                ("Lisbon", "PT", 2019): {"commitment": 60, "overall": 55},
                ("Lisbon", "PT", 2022): {"commitment": 70, "overall": 61},
            }
        )
    )


def test_change_in_the_same_questionnaire_is_coloured_and_keeps_overall():
    res = same_questionnaire_results()
    fig = figs.change_bars(peers.compare(res, "Lisbon", "PT", 2022, res.iloc[0:0]), "Lisbon")
    (bars,) = fig.data
    assert list(bars.y) == ["Commitment", "Overall"]
    assert list(bars.x) == [10, 6]  # against 2019, not 2012 (another questionnaire)
    assert bars.name == "Change since 2019"
    assert bars.marker.color == (figs.UP_COLOR, figs.UP_COLOR)
    assert not fig.layout.showlegend


def test_change_bars_without_an_earlier_result_say_so():
    res = make_results()
    table = peers.compare(res, "Amadora", "PT", 2017, res.iloc[0:0])
    fig = figs.change_bars(table, "Amadora")
    assert annotations(fig) == ["No earlier Index result of Amadora to compare with"]


def test_empty_comparison_gives_a_message_not_a_blank_chart():
    empty = pd.DataFrame(columns=peers.COMPARE_COLUMNS)
    assert annotations(figs.score_bars(empty, "X")) == [
        "No Index result for this city in this year"
    ]
    assert annotations(figs.radar(empty, "X")) == ["No Index result for this city in this year"]


def test_display_table_rounds_signs_and_names_the_previous_year():
    shown = figs.display_table(lisbon_table()).set_index("Area")
    assert shown.loc["Commitment", "Difference"] == "-5"
    assert shown.loc["Language", "Difference"] == "+35"
    assert shown.loc["Anti-discrimination", "Difference"] == "0"
    assert shown.loc["Language", "Change since previous result"] == (
        "+50 (since 2012, different questionnaire)"
    )
    assert shown.loc["Anti-discrimination", "Change since previous result"] == ""
    assert shown.loc["Overall ICC Index", "Change since previous result"] == ""


def test_display_table_says_where_the_city_stands_in_words_not_places():
    shown = figs.display_table(lisbon_table()).set_index("Area")
    assert "Position in peer group" not in shown.columns
    assert shown.loc["Language", "Among its peers"] == "highest of 3"
    assert shown.loc["Commitment", "Among its peers"] == "joint lowest of 3"
    assert not shown["Among its peers"].str.contains(r"\d+(?:st|nd|rd|th) of").any()


def test_display_table_differences_are_those_of_the_numbers_shown():
    from tests.test_peers import long_index

    # Language 93 against peers 50 and 61 (mean 55.5, shown 56): 93 - 56 reads +37.
    res = peers.prepare_results(
        long_index(
            {
                ("Lisbon", "PT", 2019): {"language": 93, "commitment": 40.4},
                ("Amadora", "PT", 2019): {"language": 50, "commitment": 40},
                ("Oslo", "NO", 2019): {"language": 61, "commitment": 41.3},
            }
        )
    )
    group = res[res["city"] != "Lisbon"]
    shown = figs.display_table(peers.compare(res, "Lisbon", "PT", 2019, group))
    for row in shown.itertuples(index=False):
        score, mean, diff = int(row[1]), int(row[2]), row[3]
        assert int(diff) == score - mean, row
    assert shown.set_index("Area").loc["Language", "Difference"] == "+37"


def view(label, edition=None, group="all", picked=None, source=""):
    """The compare view over the inline results, as the callback renders it."""
    from dashboard.cards import render
    from dashboard.urlstate import PageState
    from dashboard.views import compare

    res = make_results(source)
    prepared = {
        "results": res,
        "table": peers.city_choices(make_cities(), res),
        "cities": make_cities(),
    }
    params = {"city": label, "edition": edition, "peer": group, "peers": picked}
    result = compare.view(prepared, PageState(params=params))
    return render(result), result


def test_callback_opens_on_the_latest_edition_and_lists_the_city_years():
    out, _ = view("Lisbon")
    assert [o["value"] for o in out["edition_options"]] == [2019, 2012]
    assert out["edition"] == 2019
    assert out["compare-picked"] == {"display": "none"}
    summary = " ".join(p.children for p in out["compare-summary"])
    assert "Lisbon is above its peer group mean" in summary


def test_callback_falls_back_to_the_latest_edition_for_a_year_without_results():
    assert view("Lisbon", edition=2015)[0]["edition"] == 2019
    assert view("Lisbon", edition=2012)[0]["edition"] == 2012


def test_callback_shows_hand_picked_list_and_asks_for_cities_when_none_picked():
    out, _ = view("Lisbon", group="custom", picked=[])
    assert out["compare-picked"] is None
    assert "Pick one or more cities" in str(out["compare-notice"])
    out, _ = view("Lisbon", group="custom", picked=["Amadora"])
    assert "1 of 1 cities" in " ".join(p.children for p in out["compare-summary"])
    assert out["compare-notice"] is None


def test_callback_marks_illustrative_scores_on_badge_and_charts():
    from dashboard.views.compare import BARS

    out, result = view("Lisbon", source=ILL)
    assert out["compare-summary-badge"] == {"display": "inline"}
    bars = out[BARS.id]
    assert ILLUSTRATIVE_TEXT in annotations(bars["figure"])
    assert bars["badge"] == {"display": "inline"}
    assert "illustrative" in bars["source"]
    data = result[BARS.id].download(BARS)
    assert data["illustrative"] is True
    assert "peer_mean" in data["columns"]
    assert view("Lisbon")[0]["compare-summary-badge"] == {"display": "none"}


def test_callback_without_a_city_asks_for_one():
    out, _ = view(None)
    assert out["edition_options"] == []
    assert "Pick a city" in out["compare-summary"].children


def test_url_parameters_fall_back_with_notices(pages_app):
    from dashboard.pages.compare import parse_params

    res = make_results()
    table = peers.city_choices(make_cities(), res)
    params, notices = parse_params({"city": "LISBÔN", "edition": "2012"}, res, table)
    assert (params["city"], params["edition"], params["years"]) == ("Lisbon", 2012, [2012, 2019])
    assert notices == []
    params, notices = parse_params(
        {"city": "Atlantis", "edition": "1999", "peer": "tallest", "peers": "Oslo,Nowhere"},
        res,
        table,
    )
    assert params["city"] == "Bilbao"  # the default: most results (2), then the latest (2021)
    assert params["peer"] == "all"
    assert params["peers"] == ["Oslo"]
    assert any("city='Atlantis'" in n for n in notices)
    assert any("edition='1999'" in n for n in notices)
    assert any("peer='tallest'" in n for n in notices)
    assert any("'Nowhere'" in n for n in notices)


def test_url_city_in_another_spelling_opens_that_city_without_a_notice(pages_app):
    from dashboard.pages.compare import parse_params
    from tests.test_peers import long_index, spelled_cities

    res = peers.prepare_results(
        long_index(
            {("Odesa", "UA", 2021): {"overall": 34}, ("Lisbon", "PT", 2019): {"overall": 60}}
        )
    )
    table = peers.city_choices(spelled_cities(), res)
    params, notices = parse_params({"city": "Odessa"}, res, table)
    assert (params["city"], params["edition"]) == ("Odesa", 2021)
    assert notices == []
