"""Light on the wire: compressed answers, static files compressed once, long cache lives."""

from __future__ import annotations

import gzip
import json
import re

import brotli
import dash
import pytest
from dash import Input, Output, dcc, html

from dashboard import serving

BR = {"Accept-Encoding": "gzip, deflate, br, zstd"}


@pytest.fixture
def client(tmp_path, monkeypatch):
    monkeypatch.setattr(serving, "PRECOMPRESSED_DIR", tmp_path / "pre")
    serving._memory.clear()
    app = dash.Dash(__name__, serve_locally=True, assets_folder=str(serving.ASSETS_DIR))
    app.layout = html.Div([dcc.Input(id="in", value="x"), html.Div(id="out")])

    @app.callback(Output("out", "children"), Input("in", "value"))
    def echo(value):
        return value * 5000

    serving.serve_efficiently(app)
    return app.server.test_client()


def _body(value: str) -> str:
    return json.dumps(
        {
            "output": "out.children",
            "outputs": {"id": "out", "property": "children"},
            "inputs": [{"id": "in", "property": "value", "value": value}],
            "changedPropIds": ["in.value"],
            "state": [],
        }
    )


def _scripts(client) -> list[str]:
    page = client.get("/").get_data(as_text=True)
    return [s.split('"')[0] for s in page.split('src="')[1:]]


def test_callback_answers_are_compressed_as_the_browser_accepts(client):
    post = {"data": _body("ab"), "content_type": "application/json"}
    plain = client.post("/_dash-update-component", **post)
    br = client.post("/_dash-update-component", headers=BR, **post)
    gz = client.post("/_dash-update-component", headers={"Accept-Encoding": "gzip"}, **post)
    assert "Content-Encoding" not in plain.headers
    assert br.headers["Content-Encoding"] == "br"
    assert gz.headers["Content-Encoding"] == "gzip"
    assert brotli.decompress(br.get_data()) == plain.get_data()
    assert gzip.decompress(gz.get_data()) == plain.get_data()
    assert len(br.get_data()) * 20 < len(plain.get_data())


def test_scripts_are_versioned_cached_a_year_and_compressed_once(client):
    scripts = [s for s in _scripts(client) if "dash_renderer" in s]
    assert scripts and ".v" in scripts[0]  # Dash's fingerprint, outside debug mode
    first = client.get(scripts[0], headers=BR)
    assert first.headers["Content-Encoding"] in ("br", "gzip")
    assert "immutable" in first.headers["Cache-Control"]
    assert "max-age=31536000" in first.headers["Cache-Control"]
    stored = list(serving.PRECOMPRESSED_DIR.iterdir())
    assert len(stored) == 1  # made once, on disk for the other workers
    stored[0].write_bytes(gzip.compress(b"from disk"))  # the next process reads the disk
    serving._memory.clear()
    again = client.get(scripts[0], headers=BR)
    assert gzip.decompress(again.get_data()) == b"from disk"


def test_a_precompressed_brotli_file_is_served_as_it_is(client):
    script = next(s for s in _scripts(client) if "dash_renderer" in s)
    data = client.get(script).get_data()
    serving.PRECOMPRESSED_DIR.mkdir(parents=True, exist_ok=True)
    digest = serving.hashlib.sha256(data).hexdigest()
    (serving.PRECOMPRESSED_DIR / f"{digest}.br").write_bytes(brotli.compress(data, quality=5))
    got = client.get(script, headers=BR)
    assert got.headers["Content-Encoding"] == "br"
    assert brotli.decompress(got.get_data()) == data


def test_versioned_asset_urls_are_cached_a_year_and_change_with_the_files(client, tmp_path):
    url = serving.asset_url("topojson/")
    assert url.startswith(f"/{serving.VERSIONED_ASSETS}/{serving.ASSETS_VERSION}/")
    got = client.get(url.replace("topojson/", "app.css"))
    assert got.status_code == 200
    assert "immutable" in got.headers["Cache-Control"]
    (tmp_path / "a.css").write_text("a")
    before = serving.assets_version(tmp_path)
    (tmp_path / "a.css").write_text("bb")
    assert serving.assets_version(tmp_path) != before


def test_skeleton_keeps_every_id_and_type_and_drops_the_data():
    big = [{"label": f"City {i}", "value": i} for i in range(5000)]
    layout = html.Div(
        [
            html.H1("Title"),
            html.Div([dcc.Dropdown(id={"role": "filter", "key": "city"}, options=big)]),
            dcc.Graph(id="g", figure={"data": [{"y": list(range(5000))}]}),
            html.Div(id="wrap", children=[html.Span("text"), dcc.Store(id="s", data=big)]),
        ]
    )
    light = serving.skeleton(layout)
    text = json.dumps(light, default=lambda c: c.to_plotly_json())
    assert len(text) < 1000
    for needle in ('"key": "city"', '"Dropdown"', '"id": "g"', '"Graph"', '"id": "s"', '"Store"'):
        assert needle in text
    assert "City 1" not in text and "Title" not in text


def test_an_unversioned_script_is_revalidated_not_downloaded_again(client):
    url = next(s for s in _scripts(client) if "dash_renderer" in s)
    plain_url = url.split(".v")[0] + ".min.js"  # as dcc's loader asks for its chunks
    first = client.get(plain_url, headers=BR)
    assert first.status_code == 200 and first.headers["Content-Encoding"] in ("br", "gzip")
    again = client.get(plain_url, headers={**BR, "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.get_data() == b""


def test_plotly_js_is_named_by_the_page_itself_and_kept_a_year(client):
    """The page's head fetches the dashboard's plotly.js bundle at a URL carrying its content
    hash (a repeat visit never asks for it again) and preloads dcc's graph chunk; the promise
    of it (assets) comes first."""
    import re

    page = client.get("/").get_data(as_text=True)
    found = re.search(r'<script defer id="icc-plotly" src="([^"]+)"></script>', page)
    assert found and page.index(found.group(0)) < page.index("</head>")
    url = found.group(1)
    digest = serving._file_digest(serving.PLOTLY_BUNDLE)
    assert url == f"/assets-v/{digest}/vendor/plotly-icc.min.js"
    answer = client.get(url, headers=BR)
    assert answer.status_code == 200
    assert "max-age=31536000" in answer.headers["Cache-Control"]
    assert "immutable" in answer.headers["Cache-Control"]
    decode = {"br": brotli.decompress, "gzip": gzip.decompress}[answer.headers["Content-Encoding"]]
    assert decode(answer.get_data()) == serving.PLOTLY_BUNDLE.read_bytes()  # compressed once
    chunk = (
        '<link rel="preload" as="script" href="/_dash-component-suites/dash/dcc/async-graph.js">'
    )
    assert chunk in page
    assert client.get("/_dash-component-suites/dash/dcc/async-graph.js").status_code == 200
    assert "00_plotly_early.js" in page


def test_without_the_bundle_the_full_plotly_js_is_named(client, tmp_path):
    """A checkout without assets/vendor/plotly-icc.min.js still draws: plotly.py's whole
    plotly.min.js is named instead, fingerprinted and kept a year."""
    import re

    app = dash.Dash(__name__, serve_locally=True)
    url = serving.plotly_js_url(app, bundle=tmp_path / "missing.min.js")
    assert re.fullmatch(
        r"/_dash-component-suites/plotly/package_data/plotly\.v[\w]+m\d+\.min\.js", url
    )
    answer = client.get(url, headers=BR)
    assert answer.status_code == 200 and "immutable" in answer.headers["Cache-Control"]


def test_the_page_names_regenerator_runtime_where_dash_names_its_polyfill(pages_app):
    """Dash's polyfill (core-js 2) is replaced by the one part Dash's scripts need in a
    current browser, regenerator-runtime: named before Dash's renderer, at a URL carrying
    its content hash, served cached a year; no inline script is needed (the CSP allows
    only the app's own files and Dash's hashed scripts)."""
    client = pages_app.server.test_client()
    page = client.get("/")
    html_text = page.get_data(as_text=True)
    assert "polyfill" not in html_text
    match = re.search(
        r'<script src="(/assets-v/[0-9a-f]{12}/vendor/regenerator-runtime\.min\.js)"></script>',
        html_text,
    )
    assert match, html_text[-3000:]
    assert match.start() < html_text.index("dash_renderer")
    answer = client.get(match.group(1))
    assert answer.status_code == 200 and "immutable" in answer.headers["Cache-Control"]
    assert b"regeneratorRuntime" in answer.get_data()
    policy = page.headers["Content-Security-Policy"]
    script_src = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src


def test_without_the_regenerator_file_dashs_scripts_are_left_as_they_are(
    pages_app, monkeypatch, tmp_path
):
    scripts = (
        '<script src="/_dash-component-suites/dash/deps/polyfill@7.v4_4_1m1.12.1.min.js"></script>'
    )
    tag = serving.regenerator_tag(pages_app)
    assert "polyfill" not in serving.without_polyfill(scripts, tag)
    monkeypatch.setattr(serving, "REGENERATOR", tmp_path / "missing.min.js")
    assert serving.regenerator_tag(pages_app) == ""
    assert serving.without_polyfill(scripts, "") == scripts
