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
    assert heat.texttemplate == "%{z:.0f}"
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


def _index_view(res, params: dict):
    from dashboard.cards import render
    from dashboard.urlstate import PageState
    from dashboard.views import index

    prepared = {
        "results": res,
        "cities": make_cities(),
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
