"""Trends: members by continent or country, Index completions, followers with the
international days, net growth and activities; the callbacks over a small network."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.figures import trends as figs
from tests.test_figures_overview import small_frames, use_frames  # noqa: F401
from tests.viewcalls import download


def test_members_by_continent_counts_members_on_file_each_year():
    cities = small_frames()["cities"]
    table = figs.members_by_group(cities[cities["joined"].notna()], [2008, 2011, 2015], "continent")
    europe = table[table["group"] == "Europe"].set_index("year")["members"]
    assert europe.to_dict() == {2008: 2, 2011: 3, 2015: 4}


def test_members_by_country_sums_the_smaller_countries_as_other():
    cities = pd.DataFrame(
        {
            "country_name": [f"Country {i}" for i in range(10)],
            "continent": ["Europe"] * 10,
            "joined": [2010] * 10,
            "left": [None] * 10,
        }
    )
    table = figs.members_by_group(cities, [2010], "country")
    assert table["group"].nunique() == figs.TOP_GROUPS + 1
    assert table.set_index("group").at[figs.OTHER, "members"] == 3


def test_members_figure_stacks_one_area_per_group_and_says_when_empty():
    cities = small_frames()["cities"]
    fig = figs.members_figure(figs.members_by_group(cities, [2010, 2011], "country"), "country")
    assert {t.name for t in fig.data} == {"Norway", "Portugal", "Sweden"}
    assert all(t.stackgroup == "members" for t in fig.data)
    empty = figs.members_figure(figs.members_by_group(cities.iloc[0:0], [2010], "country"), "x")
    assert empty.layout.annotations[0].text == "No member city matches these filters"


def test_index_completions_count_cities_per_year_beside_the_reported_number():
    frames = small_frames()
    table = figs.index_completions(frames["index"], frames["metrics"], [2014, 2015, 2017])
    by_year = table.set_index("year")
    assert by_year.at[2014, "cities"] == 1 and by_year.at[2017, "cities"] == 1
    assert by_year.at[2015, "cities"] == 0
    assert by_year.at[2017, "reported"] == 19
    fig = figs.index_figure(table)
    assert [t.name for t in fig.data][-1] == "Reported completions (annual report)"


def test_international_days_are_the_five_icc_days_of_each_year_in_range():
    days = figs.international_days(pd.Timestamp("2017-01-01"), pd.Timestamp("2017-12-31"))
    assert [d.strftime("%m-%d") for d in days["date"]] == [
        "03-21", "05-17", "05-21", "06-20", "12-18",
    ]  # fmt: skip
    assert days["name"].iloc[-1] == "International Migrants Day"


def test_followers_figure_marks_the_international_days_with_their_names_in_hover():
    table = figs.followers_table(small_frames()["followers"], 2017, 2017)
    fig = figs.followers_figure(table)
    names = [t.name for t in fig.data if t.showlegend is not False]
    assert names == ["Facebook", "X (Twitter)", "International days"]
    days = fig.data[-1]
    assert "World Refugee Day, 20 Jun 2017" in list(days.text)
    lines = fig.data[-2]
    assert [x for x in lines.x if x is not None] == [x for x in days.x for _ in (0, 1)]
    assert list(fig.data[0].y) == [1100, 1300]


def test_followers_figure_for_years_without_totals_says_so():
    table = figs.followers_table(small_frames()["followers"], 2020, 2021)
    assert "No follower totals" in figs.followers_figure(table).layout.annotations[0].text


def test_net_growth_is_the_difference_of_totals_per_month():
    table = figs.growth_table(small_frames()["followers"])
    fb = table[table["platform"] == "Facebook"].set_index("period")["net_growth"]
    assert fb[pd.Timestamp("2017-03-01")] == 100
    assert fb[pd.Timestamp("2017-12-01")] == 200
    fig = figs.net_growth_figure(table)
    assert fig.data[-1].name == "International days"


def test_activities_per_year_group_events_and_sum_their_participants():
    table = figs.activities_per_year(small_frames()["activities"], [2016, 2017]).set_index("year")
    assert table.at[2017, "events"] == 2 and table.at[2016, "events"] == 1
    assert table.at[2017, "newsletter"] == 5 and table.at[2017, "news"] == 60
    assert table.at[2017, "participants"] == 140
    fig = figs.activities_figure(table.reset_index())
    assert fig.data[-1].name == "Event participants (right axis)"


def test_year_span_is_cut_to_the_chosen_range():
    assert figs.year_span(pd.Series([2008, 2012]), 2010, None) == [2010, 2011, 2012]
    assert figs.year_span(pd.Series([2008, 2012]), None, 2009) == [2008, 2009]
    assert figs.year_span(pd.Series([], dtype=float), None, None) == []


TRENDS = {"from": None, "to": None, "continent": None, "country": None, "network": None}


def _trends(**values: object) -> dict:
    from callbacks.trends import update_trends

    return update_trends(**{**TRENDS, "by": None, **values})


def _columns(data: dict) -> dict:
    return dict(zip(data["columns"], zip(*data["rows"], strict=True), strict=True))


@pytest.mark.usefixtures("use_frames")
def test_members_callback_by_country_within_the_year_range():
    values = {**TRENDS, "by": "country", "from": 2010, "to": 2015}
    chart = _trends(**values)["trends-members"]
    assert {t.name for t in chart["figure"].data} == {"Norway", "Portugal", "Sweden"}
    rows = download("trends-members", **values)
    assert {r[0] for r in rows["rows"]} == set(range(2010, 2016))
    assert rows["columns"] == ["year", "country", "members"]
    assert chart["source"].startswith("Source: ICC annual report 2017")


@pytest.mark.usefixtures("use_frames")
def test_trends_callback_under_a_country_filter_keeps_only_its_index_and_activities():
    values = {**TRENDS, "country": "NO"}
    index_rows = download("trends-index", **values)["rows"]
    assert [(r[0], r[2]) for r in index_rows] == [(2014, 1)]  # Oslo only, no reported total
    activities = _columns(download("trends-activities", **values))
    assert activities["events"] == (1,)  # the Oslo training, in 2017
    # followers from the annual report: not illustrative
    assert _trends(**values)["trends-followers"]["badge"] == {"display": "none"}


@pytest.mark.usefixtures("use_frames")
def test_trends_callback_swaps_a_reversed_year_range():
    rows = download("trends-activities", **{**TRENDS, "from": 2017, "to": 2016})["rows"]
    assert {r[0] for r in rows} == {2016, 2017}


@pytest.mark.usefixtures("pages_app")
def test_by_parameter_falls_back_to_continent_with_a_notice():
    from dashboard.pages import trends as page

    notices: list[str] = []
    assert page.by_param("country", notices) == "country"
    assert page.by_param("city", notices) == "continent"
    assert len(notices) == 1 and "by='city'" in notices[0]


def test_source_line_names_whole_publications_most_frequent_first_never_fragments():
    from dashboard.figures.common import publications, source_line

    ballarat = (
        "City of Ballarat; Council of Europe news (Index 2016: 84%, 4th of 80); 2nd among "
        "cities under 200,000"
    )
    sources = ["ICC annual report 2017 (270 people; 31 nationalities)"] * 3 + [
        ballarat,
        "A",
        "B",
        "C",
        "C",
    ]
    names = publications(sources)
    assert names[:2] == ["ICC annual report 2017", "C"]
    assert "2nd among cities under 200,000" not in names  # never a piece of a source
    assert names[-1] == "and 1 more"
    line = source_line(sources)
    assert line.startswith("Source: ICC annual report 2017 · C · City of Ballarat; Council")
    assert len(source_line(["x" * 40 + f" report {i}" for i in range(50)])) < 300


@pytest.mark.usefixtures("use_frames")
def test_activities_download_carries_each_counts_qualifier_and_status():
    data = download("trends-activities", **TRENDS)
    rows = [dict(zip(data["columns"], r, strict=True)) for r in data["rows"]]
    by_year = {r["year"]: r for r in rows}
    assert by_year[2017]["events_status"] == "illustrative"  # the events are generated
    assert by_year[2017]["newsletter_status"] == "published"
    assert by_year[2017]["participants_status"] == "illustrative"
    assert "participants_qualifier" in data["columns"]


def test_a_best_month_computed_from_illustrative_totals_is_marked_illustrative():
    from dashboard.views.trends import growth_caption

    totals = pd.DataFrame(
        {
            "platform": ["Facebook"] * 3,
            "date": pd.to_datetime(["2017-01-15", "2017-02-15", "2017-12-15"]),
            "followers": [1000.0, 1300.0, 1350.0],
            "illustrative": [True, True, False],
        }
    )
    growth = pd.DataFrame(
        {
            "platform": ["Facebook", "Facebook"],
            "period": pd.to_datetime(["2017-02-01", "2017-12-01"]),
            "net_growth": [300.0, 50.0],
        }
    )
    text = growth_caption(growth, totals)
    assert "the best month was Feb 2017 on Facebook (+300, illustrative, not published)" in text
    published = totals.assign(illustrative=False)
    assert "illustrative" not in growth_caption(growth, published)


@pytest.mark.usefixtures("use_frames")
def test_the_busiest_year_of_illustrative_activities_is_marked_illustrative():
    caption = _trends()["trends-activities"]["caption"]
    assert "the busiest year was 2017 (67, illustrative, not published)" in caption


def _daily_followers(days: int = 3650) -> pd.DataFrame:
    dates = pd.date_range("2012-01-01", periods=days, freq="D")
    rows = []
    for platform in ("Facebook", "X (Twitter)", "LinkedIn"):
        for i, date in enumerate(dates):
            rows.append(
                {
                    "platform": platform,
                    "date": date,
                    "year": date.year,
                    "followers": 1000 + i,
                    "derived": True,
                    "source": "derived",
                    "illustrative": False,
                }
            )
    frame = pd.DataFrame(rows)
    published = (frame["platform"] == "Facebook") & (frame["date"] == "2017-06-14")  # a Wednesday
    frame.loc[published, ["derived", "source"]] = [False, "Annual report 2017"]
    return frame


def test_ten_years_of_daily_totals_are_drawn_one_per_week_keeping_every_published_one():
    table = figs.followers_table(_daily_followers())
    fig = figs.followers_figure(table)
    lines = [t for t in fig.data if t.name in ("Facebook", "X (Twitter)", "LinkedIn")]
    assert len(lines) == 3
    for line in lines:
        assert len(line.x) <= figs.MAX_LINE_POINTS
        assert line.x[0] == "2012-01-01" and line.x[-1] == "2021-12-28"  # first and last day
    facebook = next(t for t in lines if t.name == "Facebook")
    assert "2017-06-14" in facebook.x  # published, kept though not a week's last day
    assert "2017-06-13" not in facebook.x
    assert len(fig.to_json()) < 200_000  # was 700 KB


def test_the_followers_caption_says_what_the_chart_leaves_out_and_the_download_keeps_all():
    from dashboard.views import trends as view

    table = figs.followers_table(_daily_followers())
    caption = view.followers_caption(table)
    assert "last total of each week" in caption
    assert f"of {len(table):,} totals" in caption
    short = figs.followers_table(_daily_followers(200))
    assert "each week" not in view.followers_caption(short)
    assert len(figs.followers_figure(short).data[0].x) == 200
