"""Overview: KPI cards, membership growth (reported against on file) and its callback.

Also holds the small inline network (`small_frames`) and the fake data manager
(`use_frames`) that the map, trends and outreach tests share.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard import data
from dashboard.figures import overview as figs
from dashboard.kpis import Kpi
from data_loaders import queries
from tests.viewcalls import download

ILL = "illustrative (generated, not published)"


def small_frames() -> dict[str, pd.DataFrame]:
    """A network of five cities in three countries, prepared as the query layer does."""
    raw_cities = pd.DataFrame(
        {
            "city": ["Lisbon", "Porto", "Oslo", "Botkyrka", "Montreal"],
            "country": ["PT", "PT", "NO", "SE", "CA"],
            "joined": [2011, 2015, 2008, 2008, None],
            "left": [None, None, None, None, None],
            "population": [545_000, 230_000, 700_000, 90_000, 1_700_000],
            "foreign_born_pct": [12.0, 8.0, 28.0, 40.0, 33.0],
            "lat": [38.72, 41.15, 59.91, np.nan, 45.5],
            "lon": [-9.14, -8.61, 10.75, np.nan, -73.57],
            "source": ["ICC annual report 2017", ILL, "ICC annual report 2017", "ICC", ILL],
            "geo_source": ["gazetteer: Lisbon", "gazetteer: Porto", "gazetteer: Oslo", None, ""],
        }
    )
    raw_members = pd.DataFrame(
        {"network": ["RPCI", "RPCI"], "city": ["Lisbon", "Porto"], "country": ["PT", "PT"],
         "joined": [2012, 2012], "source": ["RPCI site", "RPCI site"]}
    )  # fmt: skip
    raw_index = pd.DataFrame(
        {
            "city": ["Lisbon", "Lisbon", "Oslo", "Oslo"],
            "country": ["PT", "PT", "NO", "NO"],
            "year": [2017, 2017, 2014, 2014],
            "indicator": ["commitment", "education", "commitment", "overall"],
            "score": [70.0, 60.0, 80.0, 75.0],
            "source": ["Lisbon report", "Lisbon report", ILL, ILL],
        }
    )
    index = queries.prepare_index(raw_index)
    cities = queries.prepare_cities(raw_cities, raw_members, index)
    followers = queries.prepare_followers(
        pd.DataFrame(
            {
                "platform": ["Facebook"] * 3 + ["X (Twitter)"] * 2,
                "date": ["2016-12-15", "2017-03-15", "2017-12-15", "2016-12-15", "2017-12-15"],
                "followers": [1000.0, 1100.0, 1300.0, 500.0, 650.0],
                "net_change": [np.nan] * 5,
                "source": ["ICC annual report 2017"] * 5,
            }
        )
    )
    activities = queries.prepare_activities(
        pd.DataFrame(
            {
                "date": ["2016", "2017", "2017", "2017-06", "2017-11", "2016-10"],
                "year": [2016, 2017, 2017, 2017, 2017, 2016],
                "kind": ["newsletter", "newsletter", "news", "seminar", "training", "study_visit"],
                "title": ["Newsletter", "Newsletter", "News", "Seminar (Lisbon)",
                          "Training (Oslo)", "Study visit (Porto)"],
                "city": [None, None, None, "Lisbon", "Oslo", "Porto"],
                "country": [None, None, None, "PT", "NO", "PT"],
                "participants": [None, None, None, 100, 40, 20],
                "women": [None, None, None, 60, 20, None],
                "men": [None, None, None, 30, 20, None],
                "nationalities": [None, None, None, 12, 25, 3],
                "count": [4, 5, 60, None, None, None],
                "source": ["ICC annual report 2017"] * 3 + [ILL] * 3,
            }
        )
    )  # fmt: skip
    metrics = pd.DataFrame(
        {
            "year": [2011, 2017, 2017, 2017],
            "metric": ["members_total", "members_total", "index_reports", "national_networks"],
            "value": [21.0, 121.0, 19.0, 6.0],
            "source": ["ICC Newsletter No 14", "ICC annual report 2017", "ICC annual report "
                       "2017", "ICC annual report 2017"],
            "illustrative": [False] * 4,
        }
    )  # fmt: skip
    networks = queries.prepare_networks(
        pd.DataFrame(
            {"network": ["RPCI"], "name": ["Rede Portuguesa de Cidades Interculturais"],
             "country": ["PT"], "founded": [2012], "status": ["active"],
             "source": ["RPCI site"]}
        ),
        raw_members,
    )  # fmt: skip
    return {
        "cities": cities,
        "index": index,
        "followers": followers,
        "activities": activities,
        "metrics": metrics,
        "networks": networks,
        "network_members": queries.prepare_members(raw_members, cities),
    }


class FakeManager:
    """The DataManager's two methods over inline frames."""

    def __init__(self, frames: dict[str, pd.DataFrame]) -> None:
        self.frames = frames
        self.derived: dict[str, object] = {}

    def load(self, name: str) -> pd.DataFrame:
        return self.frames[name].copy()

    def version(self) -> int:
        """One data version per set of frames (the answer memo is keyed by it)."""
        return id(self.frames)

    def cached(self, key: str, fn):
        if key not in self.derived:
            self.derived[key] = fn()
        return self.derived[key]


@pytest.fixture
def use_frames(monkeypatch, pages_app):
    """Point the dashboard's data manager at `small_frames()` (or frames given later)."""
    manager = FakeManager(small_frames())
    monkeypatch.setattr(data, "dm", lambda: manager)
    return manager


# Builders ---------------------------------------------------------------------------------


def test_growth_table_puts_reported_totals_beside_cities_on_file():
    frames = small_frames()
    table = figs.growth_table(frames["cities"], frames["metrics"])
    by_year = table.set_index("year")
    assert by_year.at[2017, "reported_total"] == 121
    assert by_year.at[2017, "cities_on_file"] == 4  # Montreal has no joining year
    assert by_year.at[2010, "cities_on_file"] == 2
    assert np.isnan(by_year.at[2010, "reported_total"])
    assert by_year.at[2011, "reported_source"] == "ICC Newsletter No 14"


def test_growth_table_leaves_network_totals_out_under_a_place_filter():
    frames = small_frames()
    table = figs.growth_table(frames["cities"], frames["metrics"], reported=False)
    assert table["reported_total"].isna().all()
    assert table["year"].min() == 2008 and table["year"].max() == 2015


def test_growth_figure_shows_reported_totals_as_labelled_markers_with_their_source():
    frames = small_frames()
    fig = figs.growth_figure(figs.growth_table(frames["cities"], frames["metrics"]), year=2017)
    line, reported = fig.data
    assert line.name == "Cities on file" and reported.name == "Reported total"
    assert list(reported.y) == [21, 121]
    assert any("ICC annual report 2017" in text for text in reported.customdata)
    assert list(reported.text) == ["21", "121"]


def test_growth_figure_without_cities_says_so():
    frames = small_frames()
    table = figs.growth_table(frames["cities"].iloc[0:0], frames["metrics"], reported=False)
    fig = figs.growth_figure(table)
    assert fig.layout.annotations[0].text == "No member city matches these filters"


def test_growth_figure_carries_the_illustrative_mark_only_when_asked():
    frames = small_frames()
    table = figs.growth_table(frames["cities"], frames["metrics"])
    assert figs.growth_figure(table, illustrative=True).layout.annotations
    assert not figs.growth_figure(table, illustrative=False).layout.annotations


def test_kpi_card_shows_value_signed_change_detail_and_full_source_in_its_tooltip():
    kpi = Kpi("members", "Member cities", 121.0, 115.0, detail="75 on file",
              sources=("ICC annual report 2017",), illustrative=True)  # fmt: skip
    (card,) = figs.kpi_cards([kpi], 2017)
    (value,) = card.find("kpi-value")
    assert value[2:] == ["121"]
    (change,) = card.find("kpi-change")
    assert change[2:] == ["+6 on 2016 · 75 on file"]
    (source,) = card.find("kpi-source")
    assert (
        source[1]["title"]
        == source[2]
        == ("Source: ICC annual report 2017. Includes illustrative values (not published).")
    )
    (badge,) = card.find("illustrative-badge")
    assert badge[2] == "illustrative"
    (box,) = card.find("kpi-card")
    assert box[1]["id"] == "overview-kpi-members"
    assert "col-6" in card.tree[1]["className"].split()  # half the width on phones
    assert card.text().startswith("Member cities illustrative 121 +6 on 2016")


def test_a_kpi_card_of_published_values_carries_no_mark():
    kpi = Kpi("members", "Member cities", 121.0, 115.0, sources=("ICC annual report 2017",))
    (card,) = figs.kpi_cards([kpi], 2017)
    assert card.find("illustrative-badge") == []
    assert "illustrative" not in card.text()


def test_a_marked_kpi_cards_source_line_says_its_values_are_not_all_published():
    kpi = Kpi("countries", "Countries", 31.0, 31.0, sources=("member: Annual report 2017",),
              illustrative=True)  # fmt: skip
    (card,) = figs.kpi_cards([kpi], 2019)
    (source,) = card.find("kpi-source")
    text = "Source: member: Annual report 2017. Includes illustrative values (not published)."
    assert source[2] == source[1]["title"] == text
    # A source line that already says so is not told twice.
    kpi = Kpi("news", "News items", 64.0, 49.0, sources=("illustrative",), illustrative=True)
    (card,) = figs.kpi_cards([kpi], 2019)
    assert card.find("kpi-source")[0][2] == "Source: illustrative"


# Callback ---------------------------------------------------------------------------------


OVERVIEW = {"year": 2017, "continent": None, "country": None, "network": None}


def _overview(**values: object) -> dict:
    from callbacks.overview import update_overview

    return update_overview(**{**OVERVIEW, **values})


def _kpi_values(cards: list) -> dict:
    return {c.find("kpi-card")[0][1]["id"]: c.find("kpi-value")[0][2] for c in cards}


def test_overview_callback_fills_kpis_growth_and_map_for_the_year(use_frames):
    out = _overview()
    assert _kpi_values(out["overview-kpis"])["overview-kpi-members"] == "121"
    assert out["overview-kpi-title"] == "Key figures of 2017"
    assert "ICC annual report 2017" in out["overview-growth"]["source"]
    assert download("overview-growth", **OVERVIEW)["title"].startswith("Membership growth")
    map_fig = out["overview-map"]["figure"]
    placed = sorted(c[0] for t in map_fig.data if t.type == "scattergeo" for c in t.customdata)
    assert placed == ["Lisbon", "Oslo", "Porto"]  # Botkyrka has no coordinates
    # The download lists every member of the year, placed or not.
    rows = download("overview-map", **OVERVIEW)["rows"]
    assert sorted(r[0] for r in rows) == ["Botkyrka", "Lisbon", "Oslo", "Porto"]
    assert out["overview-map"]["badge"] == {"display": "inline"}  # Porto's are illustrative


def test_overview_callback_with_a_country_filter_counts_only_its_cities(use_frames):
    out = _overview(country="NO")
    assert _kpi_values(out["overview-kpis"])["overview-kpi-members"] == "1"
    assert "country=NO" in out["overview-kpi-title"]
    # F2: the figures the place filters do not narrow say so, under the filters.
    assert "network-wide" in out["overview-kpi-title"]
    assert "network-wide" not in _overview()["overview-kpi-title"]
    fig = out["overview-map"]["figure"]
    placed = [c[0] for t in fig.data if t.type == "scattergeo" for c in t.customdata]
    assert placed == ["Oslo"]
    rows = download("overview-growth", **{**OVERVIEW, "country": "NO"})["rows"]
    assert rows and all(r[1] is None for r in rows)  # no reported total


def test_overview_callback_for_a_place_with_no_member_says_so(use_frames):
    out = _overview(year=2009, country="CA")
    growth, small_map = out["overview-growth"]["figure"], out["overview-map"]["figure"]
    assert growth.layout.annotations[0].text == "No member city matches these filters"
    assert "No member city on file in 2009" in small_map.layout.annotations[0].text


def test_growth_under_a_place_filter_runs_to_the_selected_or_last_year_on_file():
    frames = small_frames()
    pt = frames["cities"][frames["cities"]["country"] == "PT"]
    table = figs.growth_table(pt, frames["metrics"], reported=False, last_year=2021)
    assert table["year"].min() == 2011 and table["year"].max() == 2021
    assert table.set_index("year").at[2021, "cities_on_file"] == 2  # flat after 2015


def test_growth_figure_leaves_headroom_above_the_highest_label():
    frames = small_frames()
    fig = figs.growth_figure(figs.growth_table(frames["cities"], frames["metrics"]), year=2017)
    assert fig.layout.yaxis.range[1] >= 121 * 1.1


def test_overview_growth_csv_under_a_place_filter_names_the_cities_sources(use_frames):
    growth_fig = _overview(country="PT")["overview-growth"]["figure"]
    growth_data = download("overview-growth", **{**OVERVIEW, "country": "PT"})
    assert growth_data["sources"][:2] == ["ICC annual report 2017", "illustrative"]
    assert growth_data["sources"][2].startswith("cities on file: the cities dataset (2 cities")
    years = [r[0] for r in growth_data["rows"]]
    assert years[0] == 2011 and years[-1] >= 2017
    # The year marker stays on the chart.
    assert any(s.x0 == 2017 for s in growth_fig.layout.shapes)


def test_key_figures_are_computed_once_per_year_and_filters_then_served_again(monkeypatch):
    from dashboard import kpis as kpis_module
    from dashboard.urlstate import Filters, PageState
    from dashboard.views import overview

    calls = []
    real = overview.compute_kpis

    def counting(*args, **kwargs):
        calls.append(args[1:])
        return real(*args, **kwargs)

    monkeypatch.setattr(overview, "compute_kpis", counting)
    prepared = overview.prepare(small_frames())
    first = overview.kpis(prepared, PageState(Filters(), 2017))
    again = overview.kpis(prepared, PageState(Filters(), 2017))
    assert again == first and len(calls) == 1
    other = overview.kpis(prepared, PageState(Filters(country="PT"), 2017))
    assert len(calls) == 2 and other != first
    # A new data version is a new prepared dict: computed afresh.
    overview.kpis(overview.prepare(small_frames()), PageState(Filters(), 2017))
    assert len(calls) == 3
    assert kpis_module.compute_kpis is real


def test_growth_download_holds_one_row_per_dated_total_with_date_and_source(use_frames):
    use_frames.frames["metrics"] = pd.DataFrame(
        {
            "year": [2020, 2021, 2021],
            "metric": ["members_total"] * 3,
            "value": [141.0, 145.0, 153.0],
            "date": ["2020-11", "2021-02", "2021-12-06"],
            "value_qualifier": ["", "", ""],
            "value_status": ["published", "derived", "derived"],
            "source": ["meeting report", "newsletter Feb 2021", "CoE news"],
            "illustrative": [False] * 3,
        }
    )
    data = download("overview-growth", **{**OVERVIEW, "year": 2021})
    rows = [dict(zip(data["columns"], r, strict=True)) for r in data["rows"]]
    dated = [r for r in rows if r["reported_total"] is not None]
    assert [(r["reported_date"], r["reported_total"], r["reported_source"]) for r in dated] == [
        ("2020-11", 141.0, "meeting report"),
        ("2021-02", 145.0, "newsletter Feb 2021"),
        ("2021-12-06", 153.0, "CoE news"),
    ]
    assert [r["year_figure"] for r in dated] == ["yes", "no", "yes"]
    assert [r["reported_total_status"] for r in dated] == ["published", "derived", "derived"]
    # every year of the chart is there, with its cities on file
    assert {r["year"] for r in rows} >= {2008, 2011, 2017, 2020, 2021}
