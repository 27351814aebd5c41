"""Outreach: publications per year, events with participants and nationalities, the events
table, and the callback over a small network."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.figures import outreach as figs
from tests.test_figures_overview import small_frames, use_frames  # noqa: F401
from tests.viewcalls import download


def test_publications_per_year_count_newsletters_news_and_campaigns():
    table = figs.publications_per_year(small_frames()["activities"], [2016, 2017, 2018])
    by_year = table.set_index("year")
    assert by_year.loc[2017].to_dict() == {"newsletter": 5, "news": 60, "campaign": 0}
    assert by_year.loc[2018].sum() == 0
    fig = figs.publications_figure(table)
    assert [t.name for t in fig.data] == ["Newsletters", "News items", "Campaigns"]


def test_publications_figure_for_years_without_any_says_so():
    table = figs.publications_per_year(small_frames()["activities"], [2020])
    text = figs.publications_figure(table).layout.annotations[0].text
    assert text == "No newsletter, news item or campaign on file for these years"


def test_events_per_year_split_participants_into_women_men_and_the_rest():
    table = figs.events_per_year(small_frames()["activities"], [2016, 2017]).set_index("year")
    assert table.at[2017, "events"] == 2
    assert table.at[2017, "participants"] == 140
    assert table.at[2017, "women"] == 80 and table.at[2017, "men"] == 50
    assert table.at[2017, "other_or_unrecorded"] == 10
    assert table.at[2017, "most_nationalities"] == 25
    # 2016: 20 participants, no gender recorded: all of them "other or not recorded".
    assert table.at[2016, "other_or_unrecorded"] == 20 and pd.isna(table.at[2016, "women"])


def test_events_figure_stacks_women_men_and_the_rest_with_nationalities_on_the_right():
    table = figs.events_per_year(small_frames()["activities"], [2016, 2017])
    fig = figs.events_figure(table, illustrative=True)
    assert [t.name for t in fig.data][:3] == ["Women", "Men", "Other or not recorded"]
    assert fig.data[3].yaxis == "y2" and list(fig.data[3].y) == [3, 25]
    assert fig.layout.annotations[0].text.startswith("Illustrative")


def test_events_figure_without_events_says_so():
    table = figs.events_per_year(small_frames()["activities"], [2012])
    assert "No event on file" in figs.events_figure(table).layout.annotations[0].text


def test_event_rows_list_single_events_newest_first_without_yearly_counts():
    rows = figs.event_rows(small_frames()["activities"], [2016, 2017])
    assert rows["title"].tolist() == ["Training (Oslo)", "Seminar (Lisbon)", "Study visit (Porto)"]
    assert rows["kind"].tolist()[-1] == "study visit"


def test_event_rows_say_which_numbers_are_not_published_value_by_value():
    acts = small_frames()["activities"].copy()
    seminar = acts["title"] == "Seminar (Lisbon)"
    acts.loc[seminar, ["participants_status", "women_status"]] = ["published", "estimated"]
    rows = figs.event_rows(acts, [2016, 2017]).set_index("title")
    assert not rows.loc["Seminar (Lisbon)", "marked_participants"]  # its own status
    assert rows.loc["Seminar (Lisbon)", "marked_women"]
    assert rows.loc["Training (Oslo)", "marked_participants"]  # an illustrative value


OUTREACH = {"from": None, "to": None, "continent": None, "country": None, "network": None}


def _outreach(**values: object) -> dict:
    from callbacks.outreach import update_outreach

    return update_outreach(**{**OUTREACH, **values})


def _table_rows(table) -> list[dict]:
    from dashboard.figures.datasets import table_cells

    names, *body = table_cells(table)
    return [dict(zip(names, tr, strict=True)) for tr in body]


@pytest.mark.usefixtures("use_frames")
def test_outreach_callback_fills_every_chart_and_the_events_table():
    out = _outreach()
    followers = out["outreach-followers"]
    assert followers["figure"].data[-1].name == "International days"
    assert followers["source"].startswith("Source: ICC annual report 2017")
    rows = _table_rows(out["outreach-events-table"])
    assert rows[0]["Event"] == "Training (Oslo)"
    assert rows[-1]["Women"] == ""  # an empty cell, not NaN
    assert out["outreach-events-count"].startswith("3 events")
    assert out["outreach-events"]["badge"] == {"display": "inline"}  # illustrative events
    # Each number of an illustrative event carries the mark in its own cell.
    table = out["outreach-events-table"]
    participants = table.columns.index("Participants")
    assert table.cell(0, participants)[1] and table.mark == "illustrative"
    assert not table.cell(0, table.columns.index("Event"))[1]


@pytest.mark.usefixtures("use_frames")
def test_outreach_callback_with_a_place_filter_keeps_only_events_held_there():
    values = {**OUTREACH, "from": 2017, "to": 2017, "country": "PT"}
    rows = _table_rows(_outreach(**values)["outreach-events-table"])
    assert [r["Event"] for r in rows] == ["Seminar (Lisbon)"]
    publications = download("outreach-publications", **values)["rows"]
    # network-wide, not filtered; each count with its qualifier and status
    assert publications == [[2017, 5, "", "published", 60, "", "published", 0, "", ""]]


def _mixed_followers() -> pd.DataFrame:
    """One platform: a published total, a total derived from a daily change, an
    illustrative total, and a published bound ("more than 3,000")."""
    from data_loaders import queries

    return queries.prepare_followers(
        pd.DataFrame(
            {
                "platform": ["Facebook"] * 4,
                "date": ["2017-12-15", "2017-12-16", "2018-06-01", "2019-01-01"],
                "followers": [4551.0, None, 4700.0, 3000.0],
                "net_change": [None, 10.0, None, None],
                "followers_qualifier": [None, None, None, "more than"],
                "source": ["ICC annual report 2017", "ICC annual report 2017",
                           "illustrative (generated, not published)", "ICC newsletter"],
            }
        )
    )  # fmt: skip


@pytest.mark.usefixtures("use_frames")
def test_follower_hovers_carry_each_points_own_status_and_qualifier(use_frames):  # noqa: F811
    use_frames.frames["followers"] = _mixed_followers()
    fig = _outreach()["outreach-followers"]["figure"]
    trace = fig.data[0]
    notes = [list(c) for c in trace.customdata]
    assert notes == [
        ["4,551", "published"],
        ["4,561", "derived from daily changes"],
        ["4,700", "illustrative, not published"],
        ["more than 3,000", "published"],
    ]
    assert "customdata[1]" in trace.hovertemplate


@pytest.mark.usefixtures("use_frames")
def test_followers_download_marks_each_value_published_derived_or_illustrative(
    use_frames,  # noqa: F811
):
    use_frames.frames["followers"] = _mixed_followers()
    data = download("outreach-followers", **OUTREACH)
    rows = [dict(zip(data["columns"], r, strict=True)) for r in data["rows"]]
    assert [r["followers_status"] for r in rows] == [
        "published", "derived", "illustrative", "published"
    ]  # fmt: skip
    assert [r["followers_qualifier"] for r in rows] == ["", "", "", "more than"]
    assert data["columns"].index("followers_status") == data["columns"].index("followers") + 2


@pytest.mark.usefixtures("use_frames")
def test_publication_and_event_downloads_carry_provenance_per_value():
    pubs = download("outreach-publications", **OUTREACH)
    row = dict(zip(pubs["columns"], pubs["rows"][-1], strict=True))
    assert row["year"] == 2017 and row["news"] == 60
    assert row["news_status"] == "published" and row["news_qualifier"] == ""
    assert row["campaign_status"] == ""  # no campaign on file: no status either
    events = download("outreach-events", **OUTREACH)
    row = dict(zip(events["columns"], events["rows"][-1], strict=True))
    assert row["participants_status"] == "illustrative"
    assert "women_qualifier" in events["columns"]
