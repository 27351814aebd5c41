"""Memory-bounded imports: a size limit checked before reading, rows streamed to the database."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from data_loaders import importer

ROOT = Path(__file__).resolve().parent.parent


def test_a_file_over_the_limit_is_refused_before_it_is_read(db_url, tmp_path, monkeypatch, dump):
    monkeypatch.setenv("ICC_MAX_IMPORT_MB", "0.001")  # about 1 KB
    path = tmp_path / "big.csv"
    path.write_text("year,metric,value\n" + "2017,m,1\n" * 200, encoding="utf-8")
    before = dump(db_url)
    read = []
    monkeypatch.setattr(importer.readers, "read_bytes", lambda p: read.append(p) or b"")
    report = importer.import_files("metrics", [path], url=db_url)
    assert [str(p) for p in report.problems] == [
        f"{path}: the file is 0.0 MB, over the import limit of 0 MB (setting "
        "ICC_MAX_IMPORT_MB): split it, or raise the limit"
    ]
    assert read == []
    assert dump(db_url) == before


def test_a_problem_late_in_a_streamed_file_leaves_nothing_written(db_url, tmp_path, dump):
    rows = "".join(f"2017,metric_{n},{n}\n" for n in range(12_000))
    path = tmp_path / "m.csv"
    path.write_text("year,metric,value\n" + rows + "2017,late,not a number\n", encoding="utf-8")
    before = dump(db_url)
    report = importer.import_files("metrics", [path], url=db_url)
    assert [str(p) for p in report.problems] == [
        f"{path}:12002: value: 'not a number' is not a number"
    ]
    assert report.files[0].new == 0
    assert dump(db_url) == before


def _followers_file(path: Path, rows: int) -> None:
    start = dt.date(1991, 1, 1)
    per_platform = 12_500
    with path.open("w", encoding="utf-8") as handle:
        handle.write("platform,date,followers,source\n")
        for n in range(rows):
            platform, day = divmod(n, per_platform)
            date = (start + dt.timedelta(days=day)).isoformat()
            handle.write(f"Platform {platform},{date},{1000 + day},export {platform}\n")


@pytest.mark.skipif(sys.platform != "linux", reason="peak memory read from /proc (Linux)")
@pytest.mark.skipif(not os.environ.get("ICC_SLOW_TESTS"), reason="set ICC_SLOW_TESTS=1 (minutes)")
def test_a_million_follower_rows_import_in_under_500_mb(tmp_path):
    path = tmp_path / "followers.csv"
    _followers_file(path, 1_000_000)
    url = f"sqlite:///{tmp_path / 'big.sqlite3'}"
    script = (
        "import resource, sys\n"
        "from data_loaders import cli\n"
        "status = cli.main(['import', 'followers', sys.argv[1], '--db', sys.argv[2]])\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)\n"
        "sys.exit(status)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path), url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert "1000000 new, 0 updated, 0 unchanged" in lines[0]
    assert int(lines[-1]) < 500, f"peak {lines[-1]} MB"
