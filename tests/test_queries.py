"""The query layer: prepared frames, computed overall, copies, refresh on a new data version."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from data_loaders import db, queries
from data_loaders.schema import City, Follower, IndexScore, Metric, NetworkMember


@pytest.fixture()
def tiny_db(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'q.sqlite3'}"
    db.init_schema(url)
    with db.session_scope(url) as s:
        s.add_all(
            [
                City(city="Lisbon", country="PT", joined=2011, population=545_000,
                     foreign_born_pct=17.0, lat=38.7, lon=-9.1, source="published"),
                City(city="Klaksvík", country="FO", joined=2017, population=5_000,
                     foreign_born_pct=4.0, source="report; population illustrative"),
                City(city="Loures", country="PT", source="member of RPCI only"),
                NetworkMember(network="RPCI", city="Lisbon", country="PT", joined=2012),
                NetworkMember(network="RPCI", city="Loures", country="PT"),
                IndexScore(city="Lisbon", country="PT", year=2017, indicator="education",
                           score=70, source="illustrative"),
                IndexScore(city="Lisbon", country="PT", year=2017, indicator="language",
                           score=50, source="illustrative"),
                IndexScore(city="Klaksvík", country="FO", year=2017, indicator="overall",
                           score=61, source="published report"),
                Follower(platform="X (Twitter)", date=dt.date(2017, 12, 15), followers=2475,
                         source="ICC annual report 2017"),
                Follower(platform="X (Twitter)", date=dt.date(2017, 12, 16), net_change=5,
                         source="export"),
                Metric(year=2017, metric="members_total", value=121, source="report"),
            ]
        )  # fmt: skip
        db.bump_data_version(s)
    queries.reset_managers()
    return url


def test_overall_is_computed_as_mean_of_areas_and_flagged(tiny_db):
    index = queries.load("index", tiny_db)
    lisbon = index[(index["city"] == "Lisbon") & (index["indicator"] == "overall")]
    assert lisbon["score"].tolist() == [60.0]
    assert lisbon["computed"].tolist() == [True]
    assert "illustrative" in lisbon["source"].iloc[0]
    klaksvik = index[(index["city"] == "Klaksvík") & (index["indicator"] == "overall")]
    assert klaksvik["computed"].tolist() == [False]
    assert index.loc[index["indicator"] == "language", "indicator_name"].iloc[0] == "Language"


def test_cities_carry_peer_bands_networks_and_membership(tiny_db):
    cities = queries.load("cities", tiny_db).set_index("city")
    assert cities.loc["Lisbon", "pop_band"] == queries.POP_OVER
    assert cities.loc["Lisbon", "fb_band"] == queries.FB_OVER
    assert cities.loc["Klaksvík", "pop_band"] == queries.POP_UNDER
    assert cities.loc["Lisbon", "networks"] == "RPCI"
    assert cities.loc["Lisbon", "continent"] == "Europe"
    assert bool(cities.loc["Lisbon", "member"]) is True
    assert bool(cities.loc["Loures", "member"]) is False  # national network only
    assert bool(cities.loc["Klaksvík", "placed"]) is False
    assert bool(cities.loc["Klaksvík", "illustrative"]) is True
    assert cities.loc["Lisbon", "latest_overall"] == 60.0


def test_members_flag_international_membership(tiny_db):
    members = queries.load("network_members", tiny_db).set_index("city")
    assert bool(members.loc["Lisbon", "international_member"]) is True
    assert bool(members.loc["Loures", "international_member"]) is False
    nets = queries.load("networks", tiny_db)
    assert nets.empty  # no network rows on file: counts come only with the network rows


def test_follower_totals_are_derived_from_an_anchor(tiny_db):
    followers = queries.load("followers", tiny_db)
    day2 = followers[followers["date"] == pd.Timestamp("2017-12-16")].iloc[0]
    assert day2["followers"] == 2480
    assert bool(day2["derived"]) is True


def test_load_hands_out_copies(tiny_db):
    first = queries.load("cities", tiny_db)
    first.loc[:, "city"] = "changed"
    assert "changed" not in set(queries.load("cities", tiny_db)["city"])


def test_new_data_version_is_seen_without_restart(tiny_db, monkeypatch):
    manager = queries.manager(tiny_db)
    manager._check_every = 0  # check the version on every load
    assert len(manager.load("cities")) == 3
    calls = []
    assert manager.cached("n", lambda: calls.append(1) or 1) == 1
    assert manager.cached("n", lambda: calls.append(1) or 1) == 1
    assert calls == [1]  # computed once per data version
    with db.session_scope(tiny_db) as s:
        s.add(City(city="Oslo", country="NO", joined=2008, source="newsletter"))
        db.bump_data_version(s)
    assert len(manager.load("cities")) == 4
    manager.cached("n", lambda: calls.append(1) or 1)
    assert calls == [1, 1]  # recomputed for the new version


def test_index_wide_has_one_column_per_indicator(tiny_db):
    wide = queries.index_wide(queries.load("index", tiny_db))
    row = wide[wide["city"] == "Lisbon"].iloc[0]
    assert row["education"] == 70 and row["language"] == 50 and row["overall"] == 60
    assert pd.isna(row["media"])
