"""Names from data never become links or tags in a chart: every page and slide, in Chromium.

The bundled sample with a city, a network, a platform, activity titles and sources renamed to
hostile text, served by `python app.py`; each page's charts are drawn and searched.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import text

from bench.pages_bench import free_port
from data_loaders import db
from data_loaders.importer import ensure_database

ROOT = Path(__file__).resolve().parents[2]
LINK = '<a href="https://evil.example/">{}</a>'
H_CITY = LINK.format("Lisbon")
H_NETWORK = LINK.format("Portuguese network") + " =1+2"
H_PLATFORM = "=1+2 " + LINK.format("Facebook")
H_TITLE = LINK.format("Seminar")
H_SOURCE = '=HYPERLINK("https://evil.example/","x") ' + LINK.format("report")
LONG_CITY = "Long" + "x" * 300


def hostile_database(path: Path) -> str:
    """The sample, with names and sources from an attacker."""
    url = f"sqlite:///{path}"
    ensure_database(url, sample=True)
    engine = db.get_engine(url)
    with engine.begin() as conn:
        for table in ("cities", "network_members", "index_scores", "activities"):
            conn.execute(text(f"UPDATE {table} SET city = :h WHERE city = 'Lisbon'"), {"h": H_CITY})
            conn.execute(
                text(f"UPDATE {table} SET city = :h WHERE city = 'Oslo'"), {"h": LONG_CITY}
            )
        conn.execute(text("UPDATE networks SET name = :h"), {"h": H_NETWORK})
        conn.execute(
            text("UPDATE followers SET platform = :h WHERE platform = 'Facebook'"),
            {"h": H_PLATFORM},
        )
        conn.execute(text("UPDATE activities SET title = :h || ' ' || title"), {"h": H_TITLE})
        for table in ("cities", "metrics", "followers", "activities", "index_scores", "networks"):
            conn.execute(text(f"UPDATE {table} SET source = :h || ' ' || source"), {"h": H_SOURCE})
    db.dispose_all()
    return url


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    url = hostile_database(tmp_path_factory.mktemp("hostile") / "icc.sqlite3")
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "ICC_AUTO_SAMPLE": "0"}
    process = subprocess.Popen(
        [sys.executable, "app.py", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/", timeout=5).read()
            break
        except OSError:
            time.sleep(0.3)
    try:
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


PAGES = [
    "/",
    "/map",
    "/trends",
    "/outreach",
    "/networks",
    "/index",
    "/compare?city=" + urllib.parse.quote(H_CITY),
    "/data",
    *[f"/?present=1&slide={n}" for n in range(1, 11)],
]

SEARCH = """
var out = {links: 0, json: "", labels: [], where: []};
document.querySelectorAll('.js-plotly-plot').forEach(function (el) {
  var links = el.querySelectorAll('svg a').length;
  // What Plotly draws: every trace field, but customdata only where a hover shows it (the
  // map keeps the raw name there for its click-through, never drawn).
  var drawn = (el.data || []).map(function (trace) {
    var copy = Object.assign({}, trace);
    if (String(copy.hovertemplate || '').indexOf('customdata') < 0) { delete copy.customdata; }
    return copy;
  });
  var json = JSON.stringify(drawn) + JSON.stringify(el.layout || {});
  var at = json.toLowerCase().indexOf('<a');
  var holder = el.closest('[id]');
  if (links || at >= 0) {
    out.where.push((holder ? holder.id : '?') + ': ' + json.slice(Math.max(0, at - 80), at + 20));
  }
  out.links += links;
  out.json += json;
  el.querySelectorAll('svg text').forEach(function (t) { out.labels.push(t.textContent); });
});
out.plots = document.querySelectorAll('.js-plotly-plot .main-svg').length;
return out;
"""


@pytest.mark.parametrize("path", PAGES)
def test_no_name_from_data_becomes_a_link_in_a_chart(dash_duo, hostile_server, path):
    driver = dash_duo.driver
    driver.get(hostile_server + path)
    deadline = time.monotonic() + 30
    found = driver.execute_script(SEARCH)
    while time.monotonic() < deadline and not found["plots"]:
        time.sleep(0.5)
        found = driver.execute_script(SEARCH)
    time.sleep(2)  # let every chart of the page draw
    found = driver.execute_script(SEARCH)
    assert found["links"] == 0, found["where"]
    assert "<a" not in found["json"].lower(), found["where"]
    assert all(len(label) <= 80 for label in found["labels"]), max(found["labels"], key=len)
