"""Index page: selection, sorting, heatmap, spread and lens figures, and its callback."""

from __future__ import annotations

from dashboard.figures import index as figs
from dashboard.figures.common import ILLUSTRATIVE_TEXT
from tests.test_peers import ILL, make_cities, make_results


def annotations(fig) -> list[str]:
    return [a.text for a in fig.layout.annotations]


def test_latest_2019_questionnaire_takes_each_citys_latest_result_of_that_edition():
    rows = figs.select_rows(make_results(), make_cities(), figs.LATEST_2019)
    assert dict(zip(rows["city"], rows["year"], strict=True)) == {"Amadora": 2019, "Bilbao": 2021,
                                                                  "Lisbon": 2019}  # fmt: skip


def test_latest_2009_questionnaire_and_single_year_editions():
    rows = figs.select_rows(make_results(), make_cities(), figs.LATEST_2009)
    assert dict(zip(rows["city"], rows["year"], strict=True)) == {
        "Amadora": 2017, "Bilbao": 2012, "Lisbon": 2012, "Oslo": 2014,
    }  # fmt: skip
    rows = figs.select_rows(make_results(), make_cities(), "2012")
    assert sorted(rows["city"]) == ["Bilbao", "Lisbon"]


def test_population_and_foreign_born_bands_narrow_the_cities():
    rows = figs.select_rows(make_results(), make_cities(), figs.LATEST_2009, pop="over")
    assert sorted(rows["city"]) == ["Bilbao", "Lisbon", "Oslo"]
    rows = figs.select_rows(make_results(), make_cities(), figs.LATEST_2009, pop="over", fb="over")
    assert list(rows["city"]) == ["Oslo"]


def test_edition_options_count_cities_and_default_to_the_newest_questionnaire():
    options = figs.edition_options(make_results())
    assert options[0] == {
        "label": "Latest result per city, 2019 questionnaire (3)",
        "value": figs.LATEST_2019,
    }
    assert {"label": "2012 results only (2)", "value": "2012"} in options
    assert figs.default_edition(make_results()) == figs.LATEST_2019


def test_sort_by_an_area_highest_first_or_by_name():
    rows = figs.select_rows(make_results(), make_cities(), figs.LATEST_2019)
    assert list(figs.sort_rows(rows, "language")["city"]) == ["Lisbon", "Bilbao", "Amadora"]
    assert list(figs.sort_rows(rows, "commitment")["city"]) == ["Amadora", "Bilbao", "Lisbon"]
    assert list(figs.sort_rows(rows, "name")["city"]) == ["Amadora", "Bilbao", "Lisbon"]


def test_heatmap_has_a_row_per_city_in_order_and_values_as_text():
    rows = figs.sort_rows(
        figs.select_rows(make_results(), make_cities(), figs.LATEST_2019), "overall"
    )
    fig = figs.heatmap(rows)
    (heat,) = fig.data
    assert list(heat.y) == ["Lisbon (PT)", "Amadora (PT)", "Bilbao (ES)"]
    assert list(heat.x[:2]) == ["Overall", "Intercultural lens"]
    assert "Language" in heat.x and "Anti-discrimination" in heat.x
    assert heat.z[0][0] == 70
    assert heat.texttemplate == "%{text}"  # each cell's number, as the cell shows it
    assert heat.text[0][0] == "70"
    assert all(
        t == ("" if z is None else f"{z:.0f}")
        for zr, tr in zip(heat.z, heat.text, strict=True)
        for z, t in zip(zr, tr, strict=True)
    )
    assert heat.colorscale[0][1] != heat.colorscale[-1][1]  # Cividis, not a flat colour
    assert ILLUSTRATIVE_TEXT not in annotations(fig)


def test_heatmap_grows_with_the_number_of_cities():
    rows = figs.select_rows(make_results(), make_cities(), figs.LATEST_2009)
    few = figs.heatmap(rows.head(1)).layout.height
    many = figs.heatmap(rows).layout.height
    assert many - few == 3 * figs.ROW_PX


def test_heatmap_marks_illustrative_scores():
    rows = figs.select_rows(make_results(ILL), make_cities(), figs.LATEST_2019)
    assert ILLUSTRATIVE_TEXT in annotations(figs.heatmap(rows, illustrative=True))


def test_empty_selection_says_so_on_every_chart():
    rows = figs.select_rows(make_results(), make_cities().iloc[0:0], figs.LATEST_2019)
    for build in (figs.heatmap, figs.distribution, figs.lens_bars):
        assert annotations(build(rows)) == [figs.EMPTY]


def test_distribution_has_one_box_per_area_with_every_city():
    rows = figs.select_rows(make_results(), make_cities(), figs.LATEST_2019)
    fig = figs.distribution(rows)
    names = [t.name for t in fig.data]
    assert names == ["Overall", "Intercultural lens", "Commitment", "Language",
                     "Anti-discrimination"]  # fmt: skip
    language = next(t for t in fig.data if t.name == "Language")
    assert sorted(language.y) == [50, 60, 90]
    assert language.boxpoints == "all"


def test_lens_table_and_bars_order_cities_by_the_composite():
    scores = {
        ("Lisbon", "PT", 2019): dict.fromkeys(("education", "neighbourhoods", "business"), 40),
        ("Amadora", "PT", 2019): dict.fromkeys(("education", "neighbourhoods", "business"), 80),
    }
    from dashboard import peers
    from tests.test_peers import long_index

    res = peers.prepare_results(long_index(scores))
    rows = figs.select_rows(res, make_cities(), figs.LATEST_2019)
    assert list(figs.lens_table(rows)["city"]) == ["Amadora", "Lisbon"]
    bars = figs.lens_bars(rows).data[0]
    assert list(bars.x) == [80, 40]


def _index_view(res, params: dict, cities=None):
    from dashboard.cards import render
    from dashboard.urlstate import PageState
    from dashboard.views import index

    prepared = {
        "results": res,
        "cities": make_cities() if cities is None else cities,
        "editions": figs.edition_options(res),
        "default_edition": figs.default_edition(res),
    }
    result = index.view(prepared, PageState(params=params))
    return render(result), result


def test_callback_outputs_count_heatmap_height_and_illustrative_mark():
    from dashboard.views.index import HEATMAP

    params = {"results": figs.LATEST_2019, "sort": "overall"}
    out, result = _index_view(make_results(ILL), params)
    heat = out[HEATMAP.id]
    assert out["index-count"].startswith("3 cities shown")
    assert out["heatmap_style"] == {"height": f"{150 + 3 * figs.ROW_PX}px"}
    assert heat["badge"] == {"display": "inline"}
    assert "illustrative" in heat["source"]
    rows = result[HEATMAP.id].download(HEATMAP)["rows"]
    assert [r[0] for r in rows] == ["Lisbon", "Amadora", "Bilbao"]
    out, _ = _index_view(make_results(), {"results": "2012", "pop": "under", "sort": "name"})
    assert out["index-count"] == figs.EMPTY + "."
    assert out[HEATMAP.id]["badge"] == {"display": "none"}


def _many(n: int):
    """n cities (City 0000 ...) with 2019 results, overall score rising with the number."""
    import pandas as pd

    from dashboard import peers
    from tests.test_peers import long_index

    names = [f"City {i:04d}" for i in range(n)]
    scores = {
        (c, "PT", 2019): {"commitment": i % 100, "education": 50, "overall": i % 100}
        for i, c in enumerate(names)
    }
    one = make_cities().iloc[[0]]
    cities = pd.concat([one] * n, ignore_index=True).assign(city=names)
    return peers.prepare_results(long_index(scores)), cities


def test_index_opens_sorted_by_city_name_and_sort_by_score_is_a_parameter():
    from dashboard.views.index import DEFAULT_SORT, HEATMAP

    assert DEFAULT_SORT == "name"
    out, result = _index_view(make_results(), {"results": figs.LATEST_2019})
    assert "sorted by city name" in out["index-count"]
    assert [r[0] for r in result[HEATMAP.id].download(HEATMAP)["rows"]] == [
        "Amadora", "Bilbao", "Lisbon"
    ]  # fmt: skip
    _, result = _index_view(make_results(), {"results": figs.LATEST_2019, "sort": "overall"})
    assert next(r[0] for r in result[HEATMAP.id].download(HEATMAP)["rows"]) == "Lisbon"


def test_heatmap_and_lens_show_one_page_of_cities_and_the_download_keeps_all():
    from dashboard.views.index import HEATMAP, LENS

    res, cities = _many(95)
    out, result = _index_view(res, {"results": figs.LATEST_2019}, cities)
    heat = result[HEATMAP.id].figure(False).data[0]
    assert next(iter(heat.y)) == "City 0000 (PT)" and len(heat.y) == 40
    assert "page 1 of 3, cities 1-40" in out["index-count"]
    assert out["page_max"] == 3
    assert out["heatmap_style"] == {"height": f"{150 + 40 * figs.ROW_PX}px"}
    assert len(result[HEATMAP.id].download(HEATMAP)["rows"]) == 95
    assert len(result[LENS.id].download(LENS)["rows"]) == 95

    out, result = _index_view(res, {"results": figs.LATEST_2019, "page": 3}, cities)
    heat = result[HEATMAP.id].figure(False).data[0]
    assert list(heat.y) == [f"City {i:04d} (PT)" for i in range(80, 95)]
    assert "page 3 of 3, cities 81-95" in out["index-count"]
    assert len(result[LENS.id].figure(False).data[0].y) == 15
    # A page past the last shows the last; 100 a page fits all on one.
    out, _ = _index_view(res, {"results": figs.LATEST_2019, "page": 9}, cities)
    assert "page 3 of 3" in out["index-count"]
    out, result = _index_view(res, {"results": figs.LATEST_2019, "rows": "100"}, cities)
    assert len(result[HEATMAP.id].figure(False).data[0].y) == 95
    assert "page" not in out["index-count"]


def test_phone_list_names_each_city_of_the_page_with_its_scores():
    res, cities = _many(45)
    out, _ = _index_view(res, {"results": figs.LATEST_2019, "sort": "overall"}, cities)
    phone = out["index-phone-list"]
    assert phone.to_plotly_json()["type"] == "PlainList"  # one component for the whole list
    items = phone.items
    assert len(items) == 40
    title, _marked, text, detail = items[0]
    assert title == "City 0044 (PT), 2019" and text.startswith("Overall 44")
    assert detail.startswith("Commitment ")


def test_past_300_cities_the_boxes_come_from_statistics_without_dots():
    res, cities = _many(400)
    rows = figs.select_rows(res, cities, figs.LATEST_2019)
    fig = figs.distribution(rows)
    overall = fig.data[0]
    assert overall.boxpoints is False and overall.y is None  # no 400 dots
    assert list(overall.median) == [49.5] and list(overall.q1) == [24.8]
    assert list(overall.lowerfence) == [0] and list(overall.upperfence) == [99]
    assert any("400 cities" in a.text for a in fig.layout.annotations)
    small = figs.distribution(figs.select_rows(*_many(300), figs.LATEST_2019))
    assert small.data[0].boxpoints == "all" and len(small.data[0].y) == 300


def test_edition_choices_from_the_long_rows_match_the_prepared_results():
    """The page's layout reads its edition choices without preparing the results (the
    first request of the app builds every layout); they must be the same choices."""
    from dashboard import peers
    from tests.test_peers import long_index

    raw = long_index(
        {
            ("Lisbon", "PT", 2012): {"commitment": 50, "overall": 45},
            ("Lisbon", "PT", 2019): {"commitment": 70, "overall": 70},
            ("Oslo", "NO", 2019): {"language": 80},
        }
    )
    res = peers.prepare_results(raw)
    assert figs.edition_choices(raw) == (figs.edition_options(res), figs.default_edition(res))


def test_every_card_has_a_caption_from_its_rows_in_the_request_language():
    from dashboard import i18n
    from dashboard.views.index import HEATMAP, LENS, SPREAD

    params = {"results": figs.LATEST_2019, "sort": "overall"}
    out, _ = _index_view(make_results(), params)
    assert out[HEATMAP.id]["caption"].startswith("3 cities with Index results (Latest result")
    assert "overall scores" in out[HEATMAP.id]["caption"]
    assert out[SPREAD.id]["caption"].startswith("Mean score per area, 3 cities: from ")
    # These results hold no lens area: the lens chart is empty and says so, as its caption.
    assert out[LENS.id]["caption"] == figs.EMPTY + "."
    with i18n.language("fr"):
        out, _ = _index_view(make_results(), {**params, "rows": "40"})
    assert out[HEATMAP.id]["caption"].startswith(
        "3 villes ayant des résultats de l'Index (Dernier résultat par ville"
    )
    assert out[SPREAD.id]["caption"].startswith("Score moyen par domaine, 3 villes : de ")
    assert out["index-count"].startswith("3 villes affichées")
    empty, _ = _index_view(make_results(), {"results": "2012", "pop": "under"})
    assert empty[HEATMAP.id]["caption"] == empty[SPREAD.id]["caption"] == figs.EMPTY + "."


def test_the_lens_caption_gives_the_medians_of_its_cities():
    import pandas as pd

    from dashboard import i18n
    from dashboard.views.index import lens_caption

    table = pd.DataFrame({"lens": [60.0, 50.0, 70.0], "overall": [55.0, 45.0, None]})
    assert lens_caption(table) == (
        "3 cities with an intercultural-lens score: median 60, median overall 50."
    )
    with i18n.language("fr"):
        assert lens_caption(table) == (
            "3 villes ayant un score de prisme interculturel : médiane 60, médiane globale 50."
        )


def test_phone_list_marks_each_city_whose_scores_are_illustrative_and_only_those():
    res, cities = _many(3)
    res.loc[res["city"] == "City 0001", "illustrative"] = True
    out, _ = _index_view(res, {"results": figs.LATEST_2019, "sort": "name"}, cities)
    phone = out["index-phone-list"]
    marked = {title for title, is_marked, _text, _detail in phone.items if is_marked}
    assert marked == {"City 0001 (PT), 2019"}
    assert phone.mark == "illustrative" and "not published" in phone.markTitle.lower()
