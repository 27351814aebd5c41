"""Deployment: gunicorn with several workers on a fresh database loads the sample once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from bench.pages_bench import free_port
from data_loaders import db

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("gunicorn") is None, reason="gunicorn is not installed")
def test_gunicorn_workers_share_one_sample_load_and_serve_every_page(tmp_path):
    url = f"sqlite:///{tmp_path / 'gunicorn.sqlite3'}"
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "ICC_DATA_CHECK_SECONDS": "0"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "app:server"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        status = None
        while time.monotonic() < deadline and status is None:
            try:
                status = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).status
            except OSError:
                time.sleep(0.5)
        assert status == 200
        for path in (
            "/map",
            "/compare?city=Lisbon",
            "/_dash-layout",
            "/assets/topojson/world_110m.json",
        ):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as page:
                assert page.status == 200, path
        # Two workers started on an empty database: the sample was written exactly once.
        assert db.data_version(url) == 1
    finally:
        server.terminate()
        server.wait(timeout=30)
        db.dispose_all()


def test_the_master_prepares_every_page_before_the_workers_fork(pages_app):
    """gunicorn's master runs `warm_up` before forking: every page's prepared data is then
    shared by the workers, none prepares a page on its first requests."""
    import app
    from dashboard import i18n, views

    app.warm_up()
    prepared = views.frames_of()._prepared
    assert all(f"{page}:{i18n.current()}" in prepared for page in views.PAGES)


def test_the_master_computes_every_page_first_answer_before_the_workers_fork(
    pages_app, monkeypatch
):
    """After `warm_up`, opening any page at its plain address, or the presentation's first
    slide, computes nothing: a forked worker answers them from the memos it inherited."""
    import dash

    import app
    from callbacks import present as present_callbacks
    from dashboard import views, wiring

    wiring.clear_memos()
    present_callbacks._slide_memo.clear()
    app.warm_up()

    def computed(*args, **kwargs):
        raise AssertionError("computed after warm-up")

    monkeypatch.setattr(views, "run", computed)
    monkeypatch.setattr(present_callbacks, "_kept", computed)
    for entry in dash.page_registry.values():
        entry["layout"]()  # every page's first answer comes from the memo
    children, hidden = present_callbacks.slide_answer("?present=1")
    assert hidden is False and children
