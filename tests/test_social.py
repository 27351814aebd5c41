"""Native social-media exports: recognised, read with exact values, or refused as the spec says."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from data_loaders.social import NativeResult, parse_count, parse_date, parse_native

FIXTURES = Path(__file__).parent / "fixtures" / "social"
X_HEADER = (
    "Date,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,Unfollows,Replies,"
    "Reposts,Profile visits,Create Post,Video views,Media views"
)


def read_fixture(name: str, platform: str | None = None) -> NativeResult | None:
    """Decode a fixture as the import pipeline would (UTF-16 by its BOM) and parse it."""
    path = FIXTURES / name
    raw = path.read_bytes()
    text = raw.decode("utf-16") if raw[:2] == b"\xff\xfe" else raw.decode("utf-8-sig")
    return parse_native(path, text, platform)


def net_by_date(result: NativeResult) -> dict[dt.date, int]:
    return {r["date"]: r["net_change"] for r in result.records}


def test_x_account_overview_gives_daily_new_follows_less_unfollows():
    result = read_fixture("x-account-overview.csv")
    assert result.export_name == "X account overview"
    assert result.problems == []
    assert result.columns == {"net_change"}
    assert {r["platform"] for r in result.records} == {"X (Twitter)"}
    assert result.records[0]["date"] == dt.date(2025, 9, 1)
    assert result.records[-1]["date"] == dt.date(2025, 9, 6)
    assert sum(r["net_change"] for r in result.records) == 1229
    assert all(r["followers"] is None for r in result.records)


def test_x_account_overview_reads_quoted_thousands_separators():
    result = read_fixture("x-account-overview.csv")
    # "1,204" new follows and 3 unfollows on the newest day.
    assert net_by_date(result)[dt.date(2025, 9, 6)] == 1201


def test_x_account_overview_newest_first_keeps_each_row_on_its_own_line():
    result = read_fixture("x-account-overview.csv")
    lines = {r["date"]: r["line"] for r in result.records}
    assert lines[dt.date(2025, 9, 6)] == 2
    assert lines[dt.date(2025, 9, 1)] == 7
    assert [r["date"] for r in result.records] == sorted(r["date"] for r in result.records)


def test_x_account_overview_columns_are_matched_by_name_not_position():
    reordered = net_by_date(read_fixture("x-account-overview-reordered.csv"))
    documented = net_by_date(read_fixture("x-account-overview.csv"))
    assert reordered == {day: documented[day] for day in reordered}
    assert reordered == {dt.date(2025, 9, 1): 8, dt.date(2025, 9, 2): 4}


def test_bad_cells_are_all_reported_with_line_and_column():
    result = read_fixture("x-account-overview-bad-cells.csv")
    where = [(p.line, p.column) for p in result.problems]
    assert where == [(3, "Date"), (4, "New follows")]
    assert "Sept 32" in result.problems[0].message
    assert "nine" in result.problems[1].message


def test_problem_keeps_the_file_name_as_given():
    path = Path("some/dir/overview.csv")
    text = X_HEADER + '\n"Mon, Sep 1, 2025",1,1,1,1,1,x,1,1,1,1,1,1,1\n'
    result = parse_native(path, text, None)
    assert [p.file for p in result.problems] == ["some/dir/overview.csv"]


def test_x_account_overview_with_another_platform_given_is_refused():
    text = X_HEADER + '\n"Mon, Sep 1, 2025",1,1,1,1,1,4,1,1,1,1,1,1,1\n'
    result = parse_native(Path("o.csv"), text, "Facebook")
    assert len(result.problems) == 1
    assert "X (Twitter)" in result.problems[0].message


def test_same_date_twice_is_a_problem_on_the_second_line():
    row = '"Mon, Sep 1, 2025",1,1,1,1,1,4,1,1,1,1,1,1,1\n'
    result = parse_native(Path("o.csv"), X_HEADER + "\n" + row + row, None)
    assert [(p.line, p.column) for p in result.problems] == [(3, "Date")]


def test_meta_business_suite_utf16_facebook_follows():
    result = read_fixture("meta-business-suite-facebook-follows-utf16.csv")
    assert result.problems == []
    assert {r["platform"] for r in result.records} == {"Facebook"}
    assert result.records[0]["date"] == dt.date(2025, 9, 1)
    assert result.records[0]["line"] == 4
    assert result.records[-1]["date"] == dt.date(2025, 9, 7)
    assert sum(r["net_change"] for r in result.records) == 18
    assert "unfollows not counted" in result.records[0]["source"]


def test_meta_business_suite_utf16_takes_the_platform_from_the_title():
    result = read_fixture("meta-business-suite-instagram-follows-utf16.csv")
    assert {r["platform"] for r in result.records} == {"Instagram"}
    assert result.records[-1]["date"] == dt.date(2025, 8, 31)
    assert sum(r["net_change"] for r in result.records) == 38


def test_meta_business_suite_metric_without_follows_is_refused():
    text = 'sep=,\n"Facebook visits"\n"Date","Primary"\n"2025-09-01T00:00:00","40"\n'
    result = parse_native(Path("visits.csv"), text, None)
    assert result.records == []
    assert [(p.line, p.column) for p in result.problems] == [(2, "")]
    assert "no follower figures" in result.problems[0].message


def test_meta_2022_english_sample_imports():
    result = read_fixture("meta-business-suite-2022-likes.csv")
    assert result.problems == []
    assert len(result.records) == 183
    assert result.records[0]["date"] == dt.date(2022, 5, 1)
    assert result.records[-1]["date"] == dt.date(2022, 10, 30)
    assert sum(r["net_change"] for r in result.records) == 111
    assert {r["platform"] for r in result.records} == {"Facebook"}


def test_meta_2022_french_sample_imports():
    result = read_fixture("meta-business-suite-2022-new-likes-fr.csv")
    assert result.problems == []
    assert len(result.records) == 31
    assert result.records[0]["date"] == dt.date(2022, 7, 21)
    assert result.records[-1]["date"] == dt.date(2022, 8, 20)
    assert sum(r["net_change"] for r in result.records) == 67


def test_meta_2022_platform_given_overrides_facebook():
    result = read_fixture("meta-business-suite-2022-new-likes-fr.csv", platform="instagram")
    assert {r["platform"] for r in result.records} == {"Instagram"}


def test_meta_2022_french_jaime_label_is_recognised():
    text = "Date,Nouvelles mentions J'aime\n2022-08-01T00:00:00,4\n"
    result = parse_native(Path("vih.csv"), text, None)
    assert net_by_date(result) == {dt.date(2022, 8, 1): 4}


def test_meta_2022_empty_value_is_skipped_with_a_counted_warning():
    text = (
        "Date,New Facebook Page likes\n"
        "2022-05-01T00:00:00,2\n2022-05-02T00:00:00,\n2022-05-03T00:00:00,\n"
        "2022-05-04T00:00:00,1\n"
    )
    result = parse_native(Path("likes.csv"), text, None)
    assert result.problems == []
    assert [r["line"] for r in result.records] == [2, 5]
    assert any("2 row(s)" in w for w in result.warnings)


def test_legacy_facebook_insights_gives_totals_and_net_changes():
    result = read_fixture("facebook-insights-legacy.csv")
    assert result.problems == []
    assert result.columns == {"followers", "net_change"}
    days = {r["date"]: r for r in result.records}
    assert sorted(days) == [
        dt.date(2016, 12, 13),
        dt.date(2016, 12, 14),
        dt.date(2016, 12, 15),
        dt.date(2016, 12, 17),
    ]
    assert days[dt.date(2016, 12, 13)]["followers"] == 2315
    assert days[dt.date(2016, 12, 13)]["line"] == 3  # row 2 (descriptions) is dropped
    assert days[dt.date(2016, 12, 17)]["followers"] == 2326
    assert days[dt.date(2016, 12, 14)]["net_change"] == 3
    # Daily Unlikes empty: no net change, the total still counts.
    assert days[dt.date(2016, 12, 15)]["net_change"] is None
    assert days[dt.date(2016, 12, 15)]["followers"] == 2321
    assert {r["platform"] for r in result.records} == {"Facebook"}
    assert any("1 row(s)" in w for w in result.warnings)


def test_legacy_facebook_insights_with_iso_dates():
    text = (
        "Date,Lifetime Total Likes,Daily New Likes,Daily Unlikes,Daily Total Reach\n"
        ',"Lifetime: The total number of people who have liked your Page.","Daily: new",'
        '"Daily: unlikes","Daily: reach"\n'
        "2016-12-15,1000,5,2,300\n"
    )
    result = parse_native(Path("insights.csv"), text, None)
    assert result.records[0]["date"] == dt.date(2016, 12, 15)
    assert (result.records[0]["followers"], result.records[0]["net_change"]) == (1000, 3)


def test_per_tweet_sample_is_refused_naming_the_account_overview():
    result = read_fixture("tweet-activity-metrics-per-tweet.csv")
    assert result.records == []
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert (problem.line, problem.column) == (1, "")
    assert "no follower figures" in problem.message
    assert "account_overview_analytics.csv" in problem.message


def test_per_post_export_with_post_id_header_is_refused():
    text = "Post id,Date,Post text,Impressions\n1,2025-09-01,hello,10\n"
    result = parse_native(Path("posts.csv"), text, None)
    assert result.records == []
    assert len(result.problems) == 1
    assert "account_overview_analytics.csv" in result.problems[0].message


@pytest.mark.parametrize(
    "text",
    [
        "platform,date,followers\nX,2025-01-01,100\n",
        "date,followers\n2025-01-01,100\n",
        "",
        "Date,Something else\n2022-05-01T00:00:00,3\n",
    ],
)
def test_canonical_and_unknown_forms_are_left_to_the_generic_reader(text):
    assert parse_native(Path("f.csv"), text, None) is None


def test_hand_kept_sample_is_left_to_the_generic_reader():
    assert read_fixture("twitter-metrics-monthly-handkept.csv", platform="X") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [("3", 3), ("1,234", 1234), ("12 480", 12480), ("1938.0", 1938), ("-4", -4)],
)
def test_counts_with_thousands_separators_parse(value, expected):
    assert parse_count(value) == expected


@pytest.mark.parametrize("value", ["12.5", "1,23", "nine", ""])
def test_counts_that_are_not_whole_numbers_do_not_parse(value):
    assert parse_count(value) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Sat, Sep 6, 2025", dt.date(2025, 9, 6)),
        ("2025-09-06T00:00:00", dt.date(2025, 9, 6)),
        ("12/15/16", dt.date(2016, 12, 15)),
        ("2016-12-15", dt.date(2016, 12, 15)),
    ],
)
def test_export_dates_parse(value, expected):
    assert parse_date(value) == expected
