"""The command line end to end: exit statuses, messages on stderr, what reaches the database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from data_loaders import cli, db, importer
from tests.conftest import write_file

pytestmark = pytest.mark.usefixtures("no_gazetteer")

PROJECT_ROOT = Path(__file__).resolve().parent.parent
UNREACHABLE = "postgresql+psycopg://postgres@127.0.0.1:1/x"
CITIES = "city;country;population;foreign_born_pct\nOslo;NO;700000;28,5\nBergen;NO;285000;\n"


def test_import_prints_counts_and_exits_0(db_any, tmp_path, capsys):
    path = _file(tmp_path, "cities.csv", CITIES)
    assert cli.main(["import", "cities", path, "--db", db_any]) == 0
    assert cli.main(["--db", db_any, "import", "cities", path]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{path}: 2 new, 0 updated, 0 unchanged",
        f"{path}: 0 new, 0 updated, 2 unchanged",
    ]


def test_refused_input_exits_1_with_located_messages_and_writes_nothing(
    db_any, tmp_path, capsys, dump
):
    cli.main(["import", "cities", _file(tmp_path, "cities.csv", CITIES), "--db", db_any])
    capsys.readouterr()
    before = dump(db_any)
    bad = _file(
        tmp_path,
        "index.csv",
        "city,country,year,indicator,score\nOslo,NO,2017,commitment,120\nTromsø,NO,2017,x,5\n",
    )
    assert cli.main(["import", "index", bad, "--db", db_any]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{bad}:2: score: score 120 is outside 0 to 100",
        f"{bad}:3: indicator: unknown indicator 'x'",
        f"{bad}:3: city: city 'Tromsø' (NO) is not on file: "
        "import it with `cities` first, or in the same import",
        "refused: 3 problems; nothing was written",
    ]
    assert dump(db_any) == before


def test_more_than_50_problems_are_cut_short(db_url, tmp_path, capsys):
    rows = "".join(f"{1900 + n},m{n},1\n" for n in range(60))
    bad = _file(tmp_path, "m.csv", "year,metric,value\n" + rows)
    assert cli.main(["import", "metrics", bad, "--db", db_url]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 52
    assert err[-2] == "... and 10 more"


def test_dry_run_says_what_it_would_write(db_url, tmp_path, capsys, dump):
    before = dump(db_url)
    path = _file(tmp_path, "cities.csv", CITIES)
    assert cli.main(["import", "cities", path, "--dry-run", "--db", db_url]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{path}: would write: 2 new, 0 updated, 0 unchanged",
        "dry run: nothing was written",
    ]
    assert dump(db_url) == before


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["import", "towns", "x.csv"],
        ["import", "cities"],
        ["export", "cities"],
        ["init", "--sample", "--empty"],
        ["export", "cities", "out.json"],
    ],
)
def test_wrong_usage_exits_2(db_url, argv, capsys):
    assert cli.main([*argv, "--db", db_url]) == 2
    assert capsys.readouterr().err


def test_a_follower_sheet_without_platform_needs_the_option(db_url, tmp_path, capsys):
    path = _file(tmp_path, "f.csv", "date,followers\n2024-01-01,10\n")
    assert cli.main(["import", "followers", path, "--db", db_url]) == 2
    assert "--platform" in capsys.readouterr().err
    assert cli.main(["import", "followers", path, "--platform", "X", "--db", db_url]) == 0


@pytest.mark.parametrize(
    "command", [["status"], ["init", "--empty"], ["export", "cities", "o.csv"]]
)
def test_an_unreachable_database_is_one_line_and_exit_1(command, tmp_path, capsys):
    argv = [*command, "--db", UNREACHABLE]
    if command[0] == "export":
        argv[2] = str(tmp_path / "o.csv")
    assert cli.main(argv) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("error: cannot ")
    assert "127.0.0.1" in err


def test_export_writes_the_dataset(db_url, tmp_path, capsys):
    cli.main(["import", "cities", _file(tmp_path, "cities.csv", CITIES), "--db", db_url])
    out = tmp_path / "out.csv"
    assert cli.main(["export", "cities", str(out), "--db", db_url]) == 0
    assert out.read_text(encoding="utf-8-sig").splitlines() == [
        "city,country,joined,left,population,foreign_born_pct,lat,lon,source",
        "Bergen,NO,,,285000,,,,",
        "Oslo,NO,,,700000,28.5,,,",
    ]


def test_status_lists_datasets_and_last_imports(db_url, tmp_path, capsys):
    path = _file(tmp_path, "cities.csv", CITIES.replace("700000;28,5", "700000;28,5"))
    cli.main(["import", "cities", path, "--db", db_url])
    capsys.readouterr()
    assert cli.main(["status", "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert "  cities                  2 rows" in out
    assert f"cities          {path}  sha256 " in out
    assert "2 new, 0 updated, 0 unchanged" in out


def test_init_empty_creates_the_schema_only(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    assert cli.main(["init", "--empty", "--db", url]) == 0
    assert importer.dataset_counts(url)["cities"] == 0


def test_init_sample_loads_every_sample_file_in_one_go(tmp_path, monkeypatch, capsys):
    sample = tmp_path / "sample"
    sample.mkdir()
    (sample / "cities.csv").write_text("city,country\nOslo,NO\n", encoding="utf-8")
    (sample / "index.csv").write_text(
        "city,country,year,indicator,score\nOslo,NO,2019,overall,70\n", encoding="utf-8"
    )
    monkeypatch.setattr(importer, "SAMPLE_DIR", sample)
    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    assert cli.main(["init", "--sample", "--db", url]) == 0
    assert importer.dataset_counts(url)["index"] == 1
    assert db.data_version(url) == 1


def test_python_dash_m_runs_the_command_line(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    env = {**os.environ, "DATABASE_URL": url}
    path = _file(tmp_path, "m.csv", "year,metric,value\n2017,members_total,121\n")
    run = subprocess.run(
        [sys.executable, "-m", "data_loaders", "import", "metrics", path],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout == f"{path}: 1 new, 0 updated, 0 unchanged\n"
    bad = subprocess.run(
        [sys.executable, "-m", "data_loaders", "status", "--db", UNREACHABLE],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 1
    assert "Traceback" not in bad.stderr


def _file(tmp_path: Path, name: str, text: str) -> str:
    return str(write_file(tmp_path, name, text))
