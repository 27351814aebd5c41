"""Totals derived from daily changes (anchored, never bridged over gaps) and net growth."""

from __future__ import annotations

import math

import pandas as pd

from data_loaders.followers import derive_totals, net_growth

NA = float("nan")


def frame(rows: list[tuple]) -> pd.DataFrame:
    """(platform, ISO date, followers or NaN, net_change or NaN) rows as the importer gives."""
    df = pd.DataFrame(rows, columns=["platform", "date", "followers", "net_change"])
    df["date"] = pd.to_datetime(df["date"]).dt.date
    df["source"] = "test"
    return df


def totals(result: pd.DataFrame, platform: str = "X") -> dict[str, float]:
    rows = result[result["platform"] == platform]
    return dict(zip(rows["date"].dt.strftime("%Y-%m-%d"), rows["followers"], strict=True))


def test_anchor_before_the_changes_carries_forwards():
    df = frame(
        [("X", "2025-08-31", 100, NA), ("X", "2025-09-01", NA, 5), ("X", "2025-09-02", NA, -2)]
    )
    result = derive_totals(df)
    assert totals(result) == {"2025-08-31": 100, "2025-09-01": 105, "2025-09-02": 103}
    assert result["derived"].tolist() == [False, True, True]
    assert result["reported"].tolist() == [True, False, False]


def test_anchor_at_the_end_carries_backwards():
    df = frame(
        [
            ("X", "2025-09-01", NA, 5),
            ("X", "2025-09-02", NA, -2),
            ("X", "2025-09-03", 200, 4),
        ]
    )
    assert totals(derive_totals(df)) == {"2025-09-01": 198, "2025-09-02": 196, "2025-09-03": 200}


def test_anchor_inside_the_range_carries_both_ways():
    df = frame(
        [
            ("X", "2025-09-01", NA, 1),
            ("X", "2025-09-02", NA, 2),
            ("X", "2025-09-03", 50, 3),
            ("X", "2025-09-04", NA, 4),
        ]
    )
    assert totals(derive_totals(df)) == {
        "2025-09-01": 45,
        "2025-09-02": 47,
        "2025-09-03": 50,
        "2025-09-04": 54,
    }


def test_a_missing_day_stops_the_chain():
    df = frame(
        [
            ("X", "2025-09-01", 10, NA),
            ("X", "2025-09-02", NA, 1),
            ("X", "2025-09-04", NA, 1),  # 3 September missing: never bridged
            ("X", "2025-09-05", NA, 1),
        ]
    )
    result = totals(derive_totals(df))
    assert result["2025-09-02"] == 11
    assert math.isnan(result["2025-09-04"]) and math.isnan(result["2025-09-05"])


def test_a_day_without_a_change_stops_the_chain():
    df = frame(
        [("X", "2025-09-01", 10, NA), ("X", "2025-09-02", NA, NA), ("X", "2025-09-03", NA, 2)]
    )
    result = totals(derive_totals(df))
    assert math.isnan(result["2025-09-02"]) and math.isnan(result["2025-09-03"])


def test_backwards_needs_the_anchor_days_own_change():
    # The total on 3 Sept follows from 2 Sept only through the change of 3 Sept.
    df = frame([("X", "2025-09-01", NA, 1), ("X", "2025-09-02", NA, 1), ("X", "2025-09-03", 9, NA)])
    result = totals(derive_totals(df))
    assert math.isnan(result["2025-09-01"]) and math.isnan(result["2025-09-02"])


def test_without_an_anchor_no_total_is_invented_but_net_growth_is_kept():
    df = frame([("F", "2025-09-01", NA, 3), ("F", "2025-09-02", NA, 4), ("F", "2025-10-01", NA, 2)])
    result = derive_totals(df)
    assert result["followers"].isna().all()
    assert not result["derived"].any()
    growth = net_growth(df)
    assert growth["net_growth"].tolist() == [7, 2]
    assert growth["period"].dt.strftime("%Y-%m").tolist() == ["2025-09", "2025-10"]
    assert not growth["derived"].any()


def test_a_reported_total_wins_over_a_derived_one():
    df = frame(
        [
            ("X", "2025-09-01", 100, NA),
            ("X", "2025-09-02", NA, 5),
            ("X", "2025-09-03", 120, 5),  # the changes alone would say 110
            ("X", "2025-09-04", NA, 1),
        ]
    )
    result = derive_totals(df)
    assert totals(result) == {
        "2025-09-01": 100,
        "2025-09-02": 105,
        "2025-09-03": 120,
        "2025-09-04": 121,
    }
    assert result["reported"].tolist() == [True, False, True, False]


def test_platforms_are_derived_separately():
    df = frame(
        [("X", "2025-09-01", 100, NA), ("F", "2025-09-02", NA, 5), ("X", "2025-09-02", NA, 1)]
    )
    result = derive_totals(df)
    assert totals(result, "X") == {"2025-09-01": 100, "2025-09-02": 101}
    assert math.isnan(totals(result, "F")["2025-09-02"])


def test_a_total_and_a_change_of_the_same_day_are_merged_into_one_row():
    df = frame(
        [("X", "2025-09-01", 100, NA), ("X", "2025-09-02", 107, NA), ("X", "2025-09-02", NA, 7)]
    )
    result = derive_totals(df)
    assert len(result) == 2
    assert result.iloc[1][["followers", "net_change"]].tolist() == [107, 7]


def test_net_growth_from_totals_only_is_their_difference():
    df = frame(
        [("I", "2025-01-31", 50, NA), ("I", "2025-02-28", 70, NA), ("I", "2025-03-31", 65, NA)]
    )
    growth = net_growth(df)
    assert growth["net_growth"].tolist() == [20, -5]
    assert growth["period"].dt.strftime("%Y-%m").tolist() == ["2025-02", "2025-03"]
    assert growth["derived"].all()


def test_net_growth_counts_the_gap_between_totals_once():
    df = frame(
        [
            ("X", "2025-08-31", 100, NA),
            ("X", "2025-09-01", NA, 5),
            ("X", "2025-09-05", NA, 1),  # 2-4 Sept unknown
            ("X", "2025-09-06", 200, 1),
        ]
    )
    growth = net_growth(df)
    assert growth["net_growth"].tolist() == [100]
    assert growth["derived"].tolist() == [True]


def test_empty_input_gives_empty_frames():
    empty = frame([])
    assert derive_totals(empty).empty
    assert net_growth(empty).empty
