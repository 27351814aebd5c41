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
    assert list(by_name["Peer mean"].x) == [80, 63.3, 50]
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
    assert shown.loc["Commitment", "Difference"] == "-10"
    assert shown.loc["Language", "Difference"] == "+27"
    assert shown.loc["Anti-discrimination", "Difference"] == "0"
    assert shown.loc["Language", "Change since previous result"] == (
        "+50 (since 2012, different questionnaire)"
    )
    assert shown.loc["Anti-discrimination", "Change since previous result"] == ""
    assert shown.loc["Overall ICC Index", "Change since previous result"] == ""


def test_display_table_has_no_percentile_and_no_place_in_a_small_group():
    shown = figs.display_table(lisbon_table()).set_index("Area")
    assert "Position in peer group" not in shown.columns
    assert "Percentile" not in shown.columns
    # Three peers: values only, no place in words either.
    assert (shown["Among its peers"] == "").all()


def test_display_table_gives_the_range_of_places_across_peer_groups():
    from tests.test_peers import five_peers

    res, cities = five_peers()
    cities["networks"] = ""
    cities["fb_band"] = ""
    rows = peers.peer_results(res, cities[cities["city"] != "Lisbon"], 2019)
    table = peers.compare(res, "Lisbon", "PT", 2019, rows)
    across = peers.across_groups(res, cities, "Lisbon", "PT", 2019)
    shown = figs.display_table(table, across).set_index("Area")
    assert shown.loc["Language", "Among its peers"] == "among the highest"
    assert shown.loc["Language", "Across peer groups"] == (
        "2nd of 6; above the mean in 1 of 1 peer group"
    )
    csv = figs.download_table(table, "Lisbon", 2019, "Whole sample", across)
    assert not {"percentile", "rank", "position"} & set(csv.columns)
    assert "positions_across_groups" in csv.columns


def test_side_by_side_draws_one_group_of_bars_per_area():
    table = pd.DataFrame(
        {
            "indicator": ["business", "language", "overall"],
            "area": ["Business and labour market", "Language", "Overall ICC Index"],
            "Lisbon": [43, 90, 60],
            "Porto": [80, 50, None],
        }
    )
    fig = figs.side_by_side(table)
    assert [t.name for t in fig.data] == ["Lisbon", "Porto"]
    assert list(fig.data[0].y) == ["Business", "Language"]
    assert fig.layout.barmode == "group"


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
    # One peer: values only, and one click to the whole sample.
    notice = str(out["compare-notice"])
    assert "Only 1 peer city in this group: fewer than 5" in notice
    assert "peer=all" in notice and "Compare with the whole sample" in notice


def test_leaders_are_named_with_links_that_keep_the_shared_filters():
    from dashboard.urlstate import PageState
    from dashboard.views import compare
    from tests.test_peers import five_peers

    res, cities = five_peers()
    cities["networks"] = ""
    cities["fb_band"] = ""
    cities["country_name"] = cities["country"]
    prepared = {"results": res, "table": peers.city_choices(cities, res), "cities": cities}
    params = {"city": "Lisbon", "shared": {"year": "2019", "continent": "Europe"}}
    out = compare.view(prepared, PageState(params=params))
    text = str(out["compare-leaders"])
    assert "In Business and labour market, Bilbao (85, 2012, dated), Porto (80, 2019) and " in text
    assert "/compare?year=2019&continent=Europe&city=Bilbao" in text
    top = out["compare-summary"][0].children
    assert top.startswith("In Business and labour market, Bilbao (85, 2012, dated)")
    assert top.endswith("lead your peer group; you are at 43.")
    # Five peers: a place is given, and no notice of a small group.
    assert out["compare-notice"] is None
    # The leaders are suggested for the side-by-side picker.
    assert [o["value"] for o in out["with_options"]] == ["Bilbao", "Porto", "Oslo"]


def test_side_by_side_sets_up_to_four_cities_with_their_editions():
    from dashboard.cards import render
    from dashboard.urlstate import PageState
    from dashboard.views import compare

    res = make_results()
    prepared = {
        "results": res,
        "table": peers.city_choices(make_cities(), res),
        "cities": make_cities(),
    }
    params = {"city": "Lisbon", "with": ["Amadora", "Oslo"]}
    out = render(compare.view(prepared, PageState(params=params)))
    fig = out[compare.SIDE.id]["figure"]
    assert [t["name"] for t in fig["data"]] == ["Lisbon", "Amadora", "Oslo"]
    table = str(out["compare-side-table"])
    assert "2019 (2019 questionnaire)" in table and "2014 (2009 questionnaire)" in table
    # Every city's own overall is shown with its status (Oslo's in the other
    # questionnaire too, named as not like for like).
    assert "Overall index of Oslo: a result in the other questionnaire" in table
    assert (
        "Status of each overall score: Lisbon 70 (published), Amadora 63 (published), "
        "Oslo 85 (published)." in table
    )


def test_search_finds_cities_by_accents_case_and_other_names():
    from tests.test_peers import long_index, spelled_cities

    res = peers.prepare_results(
        long_index(
            {("Odesa", "UA", 2021): {"overall": 34}, ("Lisbon", "PT", 2019): {"overall": 60}}
        )
    )
    table = peers.city_choices(spelled_cities(), res)
    table = peers.with_alternates(
        table, {("PT", "lisbon"): frozenset({"lisboa"}), ("UA", "odesa"): frozenset({"odessa"})}
    )
    keys = peers.search_keys(table)
    assert peers.search(table, keys, "lisboa") == ["Lisbon"]
    assert peers.search(table, keys, "ODESSA") == ["Odesa"]
    assert peers.search(table, keys, "lisb") == ["Lisbon"]
    assert peers.resolve_city(table, "Lisboa") == ("Lisbon", "PT")


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


def test_every_compare_card_has_a_caption_from_its_data_in_both_languages():
    from dashboard import i18n
    from dashboard.urlstate import PageState
    from dashboard.views import compare

    res = make_results()
    prepared = {
        "results": res,
        "table": peers.city_choices(make_cities(), res),
        "cities": make_cities(),
    }
    params = {"city": "Lisbon", "edition": 2019, "peer": "all", "with": ["Amadora"]}
    captions = {}
    for lang in ("en", "fr"):
        with i18n.language(lang):
            result = compare.view(prepared, PageState(params=params))
        captions[lang] = {card.id: result[card.id].caption for card in compare.CARDS}
        assert all(captions[lang].values()), (lang, captions[lang])
    en, fr = captions["en"], captions["fr"]
    assert en[compare.SIDE.id].startswith("Lisbon and Amadora side by side in ")
    assert fr[compare.SIDE.id].startswith("Lisbon et Amadora côte à côte dans ")
    assert en[compare.CHANGE.id].startswith("Since 2012, Lisbon's score rose in ")
    assert fr[compare.CHANGE.id].startswith("Depuis 2012, le score de Lisbon a progressé dans ")
    assert en[compare.RADAR.id].startswith("In 2019, Lisbon scores highest in ")


def test_french_places_and_ranges_use_french_ordinals():
    from dashboard import i18n

    with i18n.language("fr"):
        assert peers.ordinal(1) == "1re" and peers.ordinal(19) == "19e"
        assert peers.place_of(2, 8) == "2e sur 8"
        assert peers.standing(0, 5, 5) == "le plus élevé sur 6"
    assert peers.ordinal(2) == "2nd" and peers.place_of(3, 42) == "3rd of 42"


def status_view(label="Lisbon", **params):
    from dashboard.cards import render
    from dashboard.urlstate import PageState
    from dashboard.views import compare
    from tests.test_peers import status_cities, status_index

    index = status_index()
    res = peers.with_status(peers.prepare_results(index), index)
    prepared = {
        "results": res,
        "table": peers.city_choices(status_cities(), res),
        "cities": status_cities(),
    }
    result = compare.view(prepared, PageState(params={"city": label, **params}))
    return render(result), result


def test_a_table_is_one_component_whose_cells_carry_their_marks_and_notes():
    """The compare tables are one component (dashboard/plaintable.py): each cell's text,
    whether the "illustrative" mark follows it, and the note under it."""
    import pandas as pd

    from dashboard.figures import compare as figs

    frame = pd.DataFrame({"Indicator": ["Overall", "Education"], "Score": ["84", "61"]})
    marks = pd.DataFrame({"Indicator": [False, False], "Score": [False, True]})
    table = figs.stacked_table(frame, marks=marks, notes={(0, "Score"): "Published: 4th"})
    assert table.to_plotly_json()["type"] == "PlainTable" and table.stacked
    assert table.cell(0, 1) == ("84", False, "Published: 4th")
    assert table.cell(1, 1) == ("61", True, "")
    assert table.cell(1, 0) == ("Education", False, "")
    assert table.mark == "illustrative"
    assert table.markTitle == "Illustrative values (not published)"


def test_page_marks_places_and_means_computed_from_illustrative_peers_and_shows_published_places():
    from dashboard.views import compare

    out, result = status_view()
    table = out["compare-table"]
    last = len(table.rows) - 1
    overall = [table.cell(last, j) for j in range(len(table.columns))]
    # Score published: no mark; peer mean and difference: marked. The computed places
    # (from illustrative peers) give way to the published ones: one ranking, the real one.
    assert not overall[1][1]
    assert all(marked for _text, marked, _note in overall[2:4]), overall
    assert not overall[4][1] and not overall[5][1]
    assert "Published: 4th among the global sample of 80 cities;" in overall[5][2]
    assert " of " not in overall[4][0]
    summary = str(out["compare-summary"])
    assert "Overall ICC Index of Lisbon: 84% (published). Published: 4th among" in summary
    assert "illustrative-badge" in summary
    # Captions and hovers say so too.
    assert result[compare.BARS.id].caption.endswith(
        "Computed from illustrative values (not published)."
    )
    fig = out[compare.BARS.id]["figure"]
    means = next(t for t in fig["data"] if t["name"] == "Peer mean")
    assert all(c[1] == " (illustrative)" for c in means["customdata"])
    city = next(t for t in fig["data"] if t["name"] == "Lisbon")
    assert [c[1] for c in city["customdata"]] == [" (illustrative)", " (illustrative)"]


def test_download_carries_a_status_beside_every_value_and_the_published_places():
    from dashboard.views import compare

    _out, result = status_view()
    data = result[compare.BARS.id].download(compare.BARS)
    df = pd.DataFrame(data["rows"], columns=data["columns"]).set_index("indicator")
    for column in (
        "score",
        "peer_mean",
        "peer_min",
        "peer_max",
        "difference",
        "standing",
        "positions_across_groups",
        "above_mean_across_groups",
        "published_places",
    ):
        assert f"{column}_status" in df.columns, column
        assert list(df.columns).index(f"{column}_status") == list(df.columns).index(column) + 1
    assert df.loc["overall", "score_status"] == "published"
    assert df.loc["overall", "peer_mean_status"] == "illustrative"
    assert df.loc["overall", "positions_across_groups_status"] == "illustrative"
    assert df.loc["overall", "published_places_status"] == "published"
    assert df.loc["overall", "published_places"].startswith("4th among the global sample of 80")
    assert df.loc["overall", "published_places_source"].startswith("City of Ballarat")
    assert df.loc["commitment", "published_places"] in ("", None)


def test_url_notices_carry_codes_and_are_in_the_request_language(pages_app):
    from dashboard import i18n, urlstate
    from dashboard.pages.compare import parse_params

    res = make_results()
    table = peers.city_choices(make_cities(), res)
    kwargs = {"city": "Lisbon", "edition": "1999", "peer": "tallest", "with": "Nowhere"}
    with i18n.language("fr"):
        _params, notices = parse_params(kwargs, res, table)
    assert urlstate.is_notice(notices[0], urlstate.NOT_AN_OPTION, "edition")
    assert urlstate.is_notice(notices[1], urlstate.NOT_AN_OPTION, "peer")
    assert urlstate.is_notice(notices[2], urlstate.NO_SUCH_CITY, "with")
    assert not any(n.startswith("Ignored") for n in notices), notices
    assert notices[0].startswith("Ignoré") or "ignoré" in notices[0].lower(), notices[0]


def test_shared_year_opens_the_latest_edition_up_to_it_and_says_so(pages_app):
    from dashboard import urlstate
    from dashboard.pages.compare import parse_params

    res = make_results()
    table = peers.city_choices(make_cities(), res)
    params, notices = parse_params({"city": "Lisbon"}, res, table, 2017)
    assert params["edition"] == 2012
    assert urlstate.is_notice(notices[0], urlstate.YEAR_AS_EDITION, "year")
    assert "latest Index edition up to 2017, 2012" in notices[0]
    # An explicit edition wins over the shared year, without a notice.
    params, notices = parse_params({"city": "Lisbon", "edition": "2019"}, res, table, 2017)
    assert params["edition"] == 2019 and notices == []


def test_an_empty_peer_group_gives_one_notice_with_the_wider_group():
    out, _ = view("Oslo", group="network")
    notice = out["compare-notice"]
    text = str(notice)
    assert "has no city with results to compare Oslo with" in text
    assert "Only 0 peer" not in text
    assert text.count("alert alert-") == 1 and "Compare with the whole sample" in text


def test_change_and_side_downloads_carry_a_status_beside_every_value():
    from dashboard.views import compare

    _out, result = view("Lisbon", source=ILL)
    data = result[compare.CHANGE.id].download(compare.CHANGE)
    columns = data["columns"]
    for column in ("previous", "score", "change"):
        assert columns[columns.index(column) + 1] == f"{column}_status"
    df = pd.DataFrame(data["rows"], columns=columns)
    assert set(df["change_status"]) == {"illustrative"}
    _out, result = status_view(**{"with": ["Oslo"]})
    data = result[compare.SIDE.id].download(compare.SIDE)
    df = pd.DataFrame(data["rows"], columns=data["columns"]).set_index("indicator")
    assert df.loc["overall", "Lisbon_status"] == "published"
    assert df.loc["overall", "Oslo_status"] == "illustrative"
