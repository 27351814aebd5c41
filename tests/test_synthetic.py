"""The synthetic network (`init --synthetic N`): reproducible, complete, visibly illustrative."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from data_loaders import db, queries, synthetic, vocab
from data_loaders.cli import main
from data_loaders.importer import load_sample
from data_loaders.schema import MODELS, IndexScore
from data_loaders.validate import UsageError


def _dump(url: str) -> dict[str, list[tuple]]:
    out = {}
    with Session(db.get_engine(url)) as s:
        for kind, model in MODELS.items():
            cols = [c for c in model.__table__.c if c.name != "id"]
            out[kind] = sorted(map(tuple, s.execute(select(*cols))), key=repr)
    return out


def test_small_network_fills_every_dataset_and_every_source_says_illustrative(db_url):
    counts = synthetic.load_synthetic(db_url, 60, seed=3)
    # Every dataset but the optional ones (good-practice notes are never made up).
    from data_loaders import datasets

    assert set(counts) == {d.name for d in datasets.DATASETS if not d.optional}
    assert counts["cities"] == 60
    rows = _dump(db_url)
    for kind, model in MODELS.items():
        if kind not in counts:  # optional datasets stay empty
            continue
        source = [c.name for c in model.__table__.c].index("source") - 1
        assert rows[kind], kind
        assert all(r[source] == synthetic.SOURCE for r in rows[kind]), kind
        assert all(vocab.is_illustrative(r[source]) for r in rows[kind]), kind
    cities = rows["cities"]
    assert all(r[0].startswith("Synthville ") for r in cities)


def test_index_has_ten_editions_and_both_questionnaires(db_url):
    synthetic.load_synthetic(db_url, 300, seed=1)
    with Session(db.get_engine(db_url)) as s:
        pairs = s.execute(select(IndexScore.year, IndexScore.indicator).distinct()).all()
    years = {y for y, _ in pairs}
    assert years == set(synthetic.EDITIONS)
    old = {i for y, i in pairs if y == 2018} - {"overall"}
    new = {i for y, i in pairs if y == 2019} - {"overall"}
    assert len(old) == 14 and "anti_discrimination" not in old
    assert len(new) == 17 and {"participation", "interaction"} <= new


def test_same_seed_same_data_other_seed_other_data(tmp_path):
    urls = [f"sqlite:///{tmp_path / f'{i}.sqlite3'}" for i in range(3)]
    for url, seed in zip(urls, (5, 5, 6), strict=True):
        synthetic.load_synthetic(url, 40, seed=seed)
    a, b, c = (_dump(u) for u in urls)
    db.dispose_all()
    assert a == b
    assert a["index"] != c["index"]


def test_dashboard_data_manager_loads_it_all_illustrative(db_url):
    synthetic.load_synthetic(db_url, 50, seed=2)
    m = queries.DataManager(db_url)
    for name in ("cities", "index", "followers", "activities", "metrics", "networks"):
        frame = m.load(name)
        assert len(frame), name
        assert frame["illustrative"].all(), name
    assert m.load("cities")["placed"].all()
    assert m.load("followers")["platform"].nunique() == 3


def test_refuses_a_database_that_holds_cities(db_url):
    load_sample(db_url)
    before = _dump(db_url)
    with pytest.raises(UsageError, match="already holds cities"):
        synthetic.load_synthetic(db_url, 10)
    assert _dump(db_url) == before


def test_command_line(db_url, capsys):
    assert main(["init", "--synthetic", "25", "--seed", "4", "--db", db_url]) == 0
    assert "synthetic cities: 25 new" in capsys.readouterr().out
    assert main(["init", "--synthetic", "25", "--db", db_url]) == 2
    assert "already holds cities" in capsys.readouterr().err
