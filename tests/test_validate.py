"""Validation: header variants, cell parsing, index forms, and every bad-input message."""

from __future__ import annotations

import datetime as dt

import pytest

from data_loaders.readers import parse_csv_text
from data_loaders.validate import (
    UsageError,
    last_year,
    parse_number,
    parse_partial_date,
    validate_table,
)

KNOWN = {("FO", "klaksvik"): "Klaksvík", ("NO", "oslo"): "Oslo"}


def _validate(kind: str, text: str, **kwargs):
    return validate_table(kind, parse_csv_text(text, "f.csv"), **kwargs)


def _messages(parsed) -> list[str]:
    return [str(p) for p in parsed.problems]


def test_headers_match_without_case_spaces_dashes_or_accents():
    text = " CITY ;Countrý;Foreign-Born_PCT;Lat;LONGITUDE\nOslo;Norway;28,5;59,9;10,7\n"
    parsed = _validate("cities", text)
    assert parsed.problems == []
    assert parsed.records == [
        {
            "_line": 2,
            "city": "Oslo",
            "country": "NO",
            "foreign_born_pct": 28.5,
            "lat": 59.9,
            "lon": 10.7,
        }
    ]
    assert parsed.present == {"city", "country", "foreign_born_pct", "lat", "lon"}


def test_unknown_columns_are_named_in_a_warning_and_not_used():
    parsed = _validate("metrics", "year,metric,value,comment\n2017,members_total,121,hi\n")
    assert parsed.warnings == ["f.csv: columns ignored (not part of metrics): comment"]
    assert "comment" not in parsed.records[0]


@pytest.mark.parametrize(
    ("raw", "decimal_comma", "expected"),
    [
        ("12.5", False, 12.5),
        ("1,234", False, 1234.0),
        ("1,234,567.5", False, 1234567.5),
        ("12,5", True, 12.5),
        ("1.234,5", True, 1234.5),
        ("45 %", False, 45.0),
        (7, False, 7.0),
    ],
)
def test_numbers_in_the_forms_spreadsheets_write(raw, decimal_comma, expected):
    assert parse_number(raw, decimal_comma) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2017", "2017"),
        ("2017-3", "2017-03"),
        ("2017-03-21", "2017-03-21"),
        (2017, "2017"),
        (dt.date(2017, 3, 21), "2017-03-21"),
    ],
)
def test_activity_dates_keep_the_precision_given(raw, expected):
    assert parse_partial_date(raw) == expected


def test_long_index_accepts_older_indicator_names():
    text = (
        "city,country,year,indicator,score\n"
        "Klaksvik,FO,2017,Intercultural commitment,80\n"
        "Klaksvik,FO,2017,Aggregate index,61.5\n"
    )
    parsed = _validate("index", text, known_cities=KNOWN)
    assert parsed.problems == []
    assert [(r["city"], r["indicator"], r["score"]) for r in parsed.records] == [
        ("Klaksvík", "commitment", 80.0),
        ("Klaksvík", "overall", 61.5),
    ]


def test_wide_index_gives_one_record_per_filled_indicator_cell():
    text = (
        "city;country;year;Education system;Welcoming of new arrivals;Anti-discrimination\n"
        "Oslo;NO;2017;55,5;70;\n"
    )
    parsed = _validate("index", text, known_cities=KNOWN)
    assert parsed.problems == []
    assert [(r["indicator"], r["score"], r["_line"]) for r in parsed.records] == [
        ("education", 55.5, 2),
        ("welcoming", 70.0, 2),
    ]
    assert parsed.present >= {"indicator", "score"}


def test_wide_index_names_columns_that_are_not_indicators():
    parsed = _validate("index", "city,country,year,Education,Educaton\nOslo,NO,2017,1,2\n")
    assert parsed.warnings == [
        "f.csv: these columns are not ICC Index indicators and are ignored: Educaton"
    ]


NEXT = last_year()

BAD_INPUT = [
    ("cities", "city,source\nOslo,x\n", "f.csv:1: country: missing required column"),
    ("cities", "city,country\n,NO\n", "f.csv:2: city: empty required cell"),
    (
        "cities",
        "city,country,population\nOslo,NO,many\n",
        "f.csv:2: population: 'many' is not a number",
    ),
    (
        "cities",
        "city,country,population\nOslo,NO,12.5\n",
        "f.csv:2: population: '12.5' is not a whole number",
    ),
    (
        "cities",
        "city,country,foreign_born_pct\nOslo,NO,101\n",
        "f.csv:2: foreign_born_pct: percentage 101 is outside 0 to 100",
    ),
    (
        "cities",
        "city,country,joined\nOslo,NO,1989\n",
        f"f.csv:2: joined: year 1989 is outside 1990 to {NEXT}",
    ),
    (
        "cities",
        f"city,country,joined\nOslo,NO,{NEXT + 1}\n",
        f"f.csv:2: joined: year {NEXT + 1} is outside 1990 to {NEXT}",
    ),
    (
        "cities",
        "city,country\nOslo,Atlantis\n",
        "f.csv:2: country: unknown country 'Atlantis' (give an ISO code or English name)",
    ),
    (
        "cities",
        "city,country\nOslo,NO\nOSLO,Norway\n",
        "f.csv:3: city: duplicate of line 2 (same city + country)",
    ),
    (
        "cities",
        "city,country,lat\nOslo,NO,59.9\n",
        "f.csv:2: lon: lat and lon must be given together",
    ),
    (
        "index",
        "city,country,year,indicator,score\nOslo,NO,2017,commitment,100.5\n",
        "f.csv:2: score: score 100.5 is outside 0 to 100",
    ),
    (
        "index",
        "city,country,year,indicator,score\nOslo,NO,2017,happiness,50\n",
        "f.csv:2: indicator: unknown indicator 'happiness'",
    ),
    (
        "index",
        "city,country,year,indicator,score\nBergen,NO,2017,commitment,50\n",
        "f.csv:2: city: city 'Bergen' (NO) is not on file: "
        "import it with `cities` first, or in the same import",
    ),
    (
        "index",
        "City,Country,Year,Education\nOslo,NO,2017,55\nOslo,NO,2017,56\n",
        "f.csv:3: City: duplicate of line 2 (same city + country + year + indicator)",
    ),
    (
        "network-members",
        "network,city,country\nNOR,Bergen,NO\n",
        "f.csv:2: city: city 'Bergen' (NO) is not on file: "
        "import it with `cities` first, or in the same import",
    ),
    (
        "networks",
        "network,name,country,status\nNOR,Norwegian ICC,NO,sleeping\n",
        "f.csv:2: status: unknown status 'sleeping' (one of: active, forming)",
    ),
    (
        "activities",
        "date,kind,title\n2017,party,Summer party\n",
        "f.csv:2: kind: unknown activity kind 'party' (one of: conference, seminar, "
        "study_visit, policy_lab, training, expert_visit, coordinators_meeting, webinar, "
        "campaign, newsletter, news, publication)",
    ),
    (
        "activities",
        "date,kind,title\n2017-13,news,Item\n",
        "f.csv:2: date: '2017-13' is not a date (month outside 1-12)",
    ),
    (
        "activities",
        "date,kind,title\n21/03/2017,news,Item\n",
        "f.csv:2: date: '21/03/2017' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
    ),
    (
        "activities",
        "date,kind,title,participants,women,men\n2017-05,seminar,Lab,40,30,20\n",
        "f.csv:2: participants: women + men (50) is more than participants (40)",
    ),
    (
        "followers",
        "platform,date,followers\nX,2024-02-30,10\n",
        "f.csv:2: date: '2024-02-30' is not a date (YYYY-MM-DD)",
    ),
    (
        "metrics",
        "year,metric,value\n2017,members_total,\n",
        "f.csv:2: value: empty required cell",
    ),
]


@pytest.mark.parametrize(("kind", "text", "expected"), BAD_INPUT)
def test_bad_input_is_named_by_file_line_and_column(kind, text, expected):
    parsed = _validate(kind, text, known_cities=KNOWN)
    assert expected in _messages(parsed)
    refused_line = int(expected.split(":")[1])
    assert not any(r["_line"] == refused_line for r in parsed.records)


def test_every_problem_of_a_file_is_collected():
    text = "city,country,population\nOslo,XX,-3\n,NO,\nBergen,NO,abc\n"
    messages = _messages(_validate("cities", text))
    assert messages == [
        "f.csv:2: country: unknown country 'XX' (give an ISO code or English name)",
        "f.csv:2: population: '-3' is negative",
        "f.csv:3: city: empty required cell",
        "f.csv:4: population: 'abc' is not a number",
    ]


def test_followers_sheet_without_platform_needs_the_option():
    with pytest.raises(UsageError, match="--platform"):
        _validate("followers", "date,followers\n2024-01-01,10\n")


def test_followers_sheet_without_platform_skips_and_counts_cells_not_recorded():
    text = "date,followers,tweets\n2024-01-01,10,3\n2024-02-01,NA,4\n2024-03-01,,5\n"
    parsed = _validate("followers", text, platform="twitter")
    assert parsed.problems == []
    assert [(r["platform"], r["date"], r["followers"]) for r in parsed.records] == [
        ("X (Twitter)", dt.date(2024, 1, 1), 10)
    ]
    assert parsed.skipped == 2
    assert parsed.warnings == [
        "f.csv: columns ignored (not part of followers): tweets",
        "f.csv: 2 rows without a followers figure (empty or NA) skipped: lines 3, 4",
    ]


def test_followers_with_a_platform_column_refuse_an_empty_figure():
    parsed = _validate("followers", "platform,date,followers\nX,2024-01-01,\n")
    assert _messages(parsed) == ["f.csv:2: followers: empty required cell"]
