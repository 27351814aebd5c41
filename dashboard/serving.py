"""Light on the wire: compression, precompressed static files, long cache lives, a slim page.

`serve_efficiently(app)` is called once from `create_app`. It

- compresses every dynamic answer (page HTML, `_dash-layout`, `_dash-dependencies`,
  callback answers) with Brotli or gzip, as the browser accepts (flask-compress);
- serves large static files (the plotly.js bundle, the Dash bundles, Bootstrap, the topojson)
  compressed ONCE: from files made by `python -m dashboard.serving precompress` (Brotli at
  its best level, gzip -9) when present, else gzip made on first use and kept on disk for
  every worker and restart, then held in memory: no compression work per request;
- gives every versioned URL a one-year, immutable cache life: Dash's fingerprinted
  component suites (`*.v4_4_1m1733...js`, not in debug mode), assets with Dash's `?m=`
  stamp, and `asset_url()` paths (`/assets-v/<version>/...`, e.g. the topojson folder that
  plotly.js fetches by name and so cannot carry a query), so a repeat visit downloads no
  script;
- replaces Dash's validation layout (with `use_pages`, every page's full layout, data
  included, copied into every page's HTML) by a skeleton of the same components with only
  their ids, so the renderer still checks every callback's ids and properties.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import sys
import threading
from collections.abc import Iterable
from pathlib import Path

import dash
from flask import Flask, Response, request, send_from_directory
from flask_compress import Compress

from data_loaders import settings

ONE_YEAR = 31_536_000
# Static files smaller than this are sent as they are (`precompress` skips them too).
PRECOMPRESS_MIN_BYTES = 1_024
COMPRESSIBLE = frozenset(
    {
        "application/javascript",
        "text/javascript",
        "text/css",
        "application/json",
        "image/svg+xml",
        "text/plain",
    }
)
DYNAMIC_MIMETYPES = [
    "text/html",
    "text/css",
    "text/plain",
    "application/json",
    "application/javascript",
    "text/javascript",
    "image/svg+xml",
]
STATIC_PREFIXES = ("/_dash-component-suites/", "/assets/", "/assets-v/")
VERSIONED_ASSETS = "assets-v"
PRECOMPRESSED_DIR = settings.INSTANCE_DIR / "precompressed"
ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"

_memory: dict[tuple[str, str], bytes] = {}
_lock = threading.Lock()


def assets_version(folder: Path = ASSETS_DIR) -> str:
    """A short hash of every asset's name, size and modification time."""
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            stat = path.stat()
            h.update(f"{path.relative_to(folder)}:{stat.st_size}:{int(stat.st_mtime)}".encode())
    return h.hexdigest()[:12]


ASSETS_VERSION = assets_version()


def asset_url(path: str) -> str:
    """A versioned URL of a file (or folder, with a trailing /) under assets/, cached a year."""
    plain = dash.get_asset_url(path)
    head, sep, tail = plain.partition("/assets/")
    return f"{head}/{VERSIONED_ASSETS}/{ASSETS_VERSION}/{tail}" if sep else plain


def _accepted() -> str | None:
    accept = request.headers.get("Accept-Encoding", "").lower()
    if "br" in accept:
        return "br"
    return "gzip" if "gzip" in accept else None


def _stored(digest: str, encoding: str) -> Path:
    return PRECOMPRESSED_DIR / f"{digest}.{'br' if encoding == 'br' else 'gz'}"


def _compressed(key: str, data_of, encoding: str) -> tuple[bytes, str] | None:
    """(body, encoding) for a static response: memory, then disk, else gzip made once."""
    with _lock:
        for enc in (encoding, "gzip"):
            hit = _memory.get((key, enc))
            if hit is not None:
                return hit, enc
    data = data_of()
    digest = hashlib.sha256(data).hexdigest()
    for enc in (encoding, "gzip"):
        path = _stored(digest, enc)
        if path.is_file():
            body = path.read_bytes()
            break
    else:
        enc = "gzip"
        body = gzip.compress(data, compresslevel=9, mtime=0)
        try:
            PRECOMPRESSED_DIR.mkdir(parents=True, exist_ok=True)
            tmp = _stored(digest, enc).with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(body)
            tmp.replace(_stored(digest, enc))
        except OSError:
            pass  # a read-only disk: the copy in memory still serves this process
    if len(body) >= len(data):
        return None
    with _lock:
        _memory[(key, enc)] = body
    return body, enc


def _long_life(response: Response) -> None:
    response.cache_control.public = True
    response.cache_control.max_age = ONE_YEAR
    response.cache_control.immutable = True
    response.cache_control.no_cache = None


def _static(response: Response) -> Response:
    """Cache life and precompressed body of a static file response (runs before Compress)."""
    path = request.path
    if request.method not in ("GET", "HEAD") or not path.startswith(STATIC_PREFIXES):
        return response
    fingerprinted = path.startswith("/_dash-component-suites/") and ".v" in path.rsplit("/", 1)[-1]
    versioned = path.startswith(f"/{VERSIONED_ASSETS}/") or (
        path.startswith("/assets/") and "m" in request.args
    )
    if response.status_code == 200 and (fingerprinted or versioned):
        _long_life(response)
    encoding = _accepted()
    size = response.content_length
    if (
        response.status_code != 200
        or encoding is None
        or response.mimetype not in COMPRESSIBLE
        or "Content-Encoding" in response.headers
        or (size is not None and size < PRECOMPRESS_MIN_BYTES)
    ):
        return response
    if not (fingerprinted or versioned):
        # An unversioned URL (plotly.min.js and dcc's async chunks, which dcc's loader asks
        # for by name): the browser revalidates it with the compressed copy's ETag; answer
        # 304 as Dash and Flask would for the plain file.
        etag = response.get_etag()[0]
        if etag and any(request.if_none_match.contains(f"{etag}-{e}") for e in ("br", "gzip")):
            response.close()
            not_modified = Response(status=304)
            not_modified.headers["ETag"] = request.headers.get("If-None-Match", "")
            not_modified.vary.add("Accept-Encoding")
            return not_modified
    key = request.full_path
    if not (fingerprinted or versioned):
        key += f"|{size}|{response.headers.get('Last-Modified', '')}|{response.get_etag()[0]}"

    def data_of() -> bytes:
        response.direct_passthrough = False
        return response.get_data()

    found = _compressed(key, data_of, encoding)
    if found is None:
        return response
    body, enc = found
    response.direct_passthrough = False
    response.set_data(body)
    response.headers["Content-Encoding"] = enc
    response.headers["Content-Length"] = str(len(body))
    response.vary.add("Accept-Encoding")
    etag, weak = response.get_etag()
    if etag:
        response.set_etag(f"{etag}-{enc}", weak=weak)
    return response


def _holds_components(value) -> bool:
    if isinstance(value, list | tuple):
        return any(_holds_components(v) for v in value)
    return isinstance(value, dash.development.base_component.Component)


def skeleton(component):
    """The same component tree with only ids (and the components that hold them) kept.

    Every property that holds components (children, but also e.g. a label given as a
    component) is walked; every other property (options, figure, data, text) is dropped.
    """
    if isinstance(component, list | tuple):
        kept = [s for s in (skeleton(c) for c in component) if s is not None]
        flat = [x for s in kept for x in (s if isinstance(s, list) else [s])]
        return flat or None
    if not isinstance(component, dash.development.base_component.Component):
        return None
    nested = {
        name: skeleton(value)
        for name in component._prop_names
        if _holds_components(value := getattr(component, name, None))
    }
    nested = {k: v for k, v in nested.items() if v is not None}
    if getattr(component, "id", None) is None:
        # Not needed itself: its id-bearing descendants, flattened, stand in for it.
        found = [x for v in nested.values() for x in (v if isinstance(v, list) else [v])]
        return found or None
    light = object.__new__(type(component))
    light.__dict__.update(
        {k: v for k, v in component.__dict__.items() if k not in component._prop_names}
    )
    light.id = component.id
    for name, value in nested.items():
        setattr(light, name, value)
    return light


def _slim_validation_layout(app: dash.Dash) -> None:
    """Once, after Dash has built its validation layout from every page: keep its skeleton."""
    state = {"done": False}

    def slim() -> None:
        if state["done"] or app.validation_layout is None:
            return
        full = app.validation_layout
        light = skeleton(full)
        app.validation_layout = dash.html.Div(light if isinstance(light, list) else [light])
        state["done"] = True

    app.server.before_request(slim)


def _versioned_assets(app: dash.Dash) -> None:
    folder = app.config.assets_folder

    def serve(version: str, filename: str) -> Response:
        return send_from_directory(folder, filename)

    app.server.add_url_rule(
        f"{app.config.routes_pathname_prefix}{VERSIONED_ASSETS}/<version>/<path:filename>",
        endpoint="icc_versioned_assets",
        view_func=serve,
    )


def serve_efficiently(app: dash.Dash) -> dash.Dash:
    """Wire compression, cache lives, precompressed static files and a slim page HTML."""
    server: Flask = app.server
    server.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    server.config.setdefault("COMPRESS_MIMETYPES", DYNAMIC_MIMETYPES)
    server.config.setdefault("COMPRESS_BR_LEVEL", 4)
    server.config.setdefault("COMPRESS_LEVEL", 6)
    server.config.setdefault("COMPRESS_MIN_SIZE", 500)
    # Files (send_file responses stream) are this module's, compressed once, never per request.
    server.config.setdefault("COMPRESS_STREAMS", False)
    Compress(server)
    # after_request hooks run last-registered first: this one before flask-compress.
    server.after_request(_static)
    _versioned_assets(app)
    _slim_validation_layout(app)
    _early_scripts(app)
    return app


# ---- plotly.js from the first byte ----
# dcc.Graph loads plotly.js only once a graph is on screen: after the page, its layout, the
# page router's answer and dcc's graph chunk, each a round trip, and by a plain name, so even
# a repeat visit asks the server again (304). The page now names it itself, fingerprinted
# (cached a year, never asked again) and `defer`: it loads while the renderer fetches the
# layout and runs once the page is parsed, so `window.Plotly` is there when the first graph
# mounts (dcc then loads nothing). dcc's graph chunk, which only dcc can ask for by name, is
# preloaded beside it.
#
# The plotly.js named is the dashboard's own partial bundle (assets/vendor/plotly-icc.min.js,
# built by tools/plotly-bundle from the npm plotly.js of the same version as plotly.py's):
# the core and only the trace types the charts use, 1.5 MB (433 KB in Brotli) against the
# full 4.7 MB (1.4 MB). Dash does not add it to the page itself (`VENDOR_DIR` is ignored as an
# assets folder). Without it (a checkout that removed it), plotly.py's full bundle is named.
PLOTLY_JS = "package_data/plotly.min.js"
VENDOR_DIR = "vendor"
PLOTLY_BUNDLE = ASSETS_DIR / VENDOR_DIR / "plotly-icc.min.js"
PRELOADED_CHUNKS = ("async-graph.js",)
# Dash's polyfill (@babel/polyfill 7: core-js 2 and regenerator-runtime, 99 KB) is for
# browsers older than any Dash 4 supports. In a current one it costs a page about 40 ms:
# core-js sets up its typed-array and other shims on every load, and replaces parseFloat,
# parseInt and String's trim methods with copies 30-70 times slower (it takes U+180E for a
# space, as Unicode did before 6.3), which Plotly calls for every colour, number and label.
# The one thing Dash's scripts need from it is the global `regeneratorRuntime` their async
# functions were compiled against: the page names regenerator-runtime alone in its place
# (assets/vendor/regenerator-runtime.min.js, built by tools/plotly-bundle from the npm
# package), at a URL carrying its content hash.
POLYFILL_TAG = re.compile(r'<script src="[^"]*/deps/polyfill@[^"]*"></script>')
REGENERATOR = ASSETS_DIR / VENDOR_DIR / "regenerator-runtime.min.js"


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def vendor_url(app: dash.Dash, path: Path) -> str:
    """A file of assets/vendor at a URL carrying its content hash (cached a year)."""
    relative = path.relative_to(ASSETS_DIR).as_posix()
    return (
        f"{app.config.requests_pathname_prefix}{VERSIONED_ASSETS}/{_file_digest(path)}/{relative}"
    )


def plotly_js_url(app: dash.Dash, bundle: Path = PLOTLY_BUNDLE) -> str:
    """The partial bundle at a URL carrying its own content hash, else plotly.py's full
    plotly.min.js at a fingerprinted URL (Dash's scheme: version and file time); both are
    served with a one-year cache life."""
    if bundle.is_file():
        return vendor_url(app, bundle)
    import plotly
    from dash.fingerprint import build_fingerprint

    modified = int((Path(plotly.__file__).parent / PLOTLY_JS).stat().st_mtime)
    name = build_fingerprint(PLOTLY_JS, plotly.__version__, modified)
    return f"{app.config.requests_pathname_prefix}_dash-component-suites/plotly/{name}"


def early_tags(app: dash.Dash) -> str:
    """The head tags that fetch plotly.js and dcc's graph chunk from the first byte."""
    prefix = f"{app.config.requests_pathname_prefix}_dash-component-suites/dash/dcc/"
    preload = "".join(
        f'<link rel="preload" as="script" href="{prefix}{chunk}">' for chunk in PRELOADED_CHUNKS
    )
    return f'{preload}<script defer id="icc-plotly" src="{plotly_js_url(app)}"></script>'


def regenerator_tag(app: dash.Dash) -> str:
    """The script tag naming regenerator-runtime; "" when its file is missing."""
    if not REGENERATOR.is_file():
        return ""
    return f'<script src="{vendor_url(app, REGENERATOR)}"></script>'


def without_polyfill(scripts: str, tag: str) -> str:
    """Dash's scripts with `tag` (regenerator_tag) where Dash names its polyfill; unchanged
    without a tag."""
    return POLYFILL_TAG.sub(lambda _: tag, scripts, count=1) if tag else scripts


def _early_scripts(app: dash.Dash) -> None:
    build = app.interpolate_index
    tags: list[str] = []

    def interpolate_index(**kwargs: object) -> str:
        if not tags:
            tags.extend((early_tags(app), regenerator_tag(app)))
        kwargs["css"] = f"{kwargs.get('css', '')}{tags[0]}"
        kwargs["scripts"] = without_polyfill(str(kwargs.get("scripts", "")), tags[1])
        return build(**kwargs)

    app.interpolate_index = interpolate_index


# ---- precompress: `python -m dashboard.serving precompress` ----


def _static_files() -> Iterable[Path]:
    import dash_bootstrap_components
    import plotly

    roots = [
        Path(dash.__file__).parent,
        Path(plotly.__file__).parent / "package_data",
        Path(dash_bootstrap_components.__file__).parent,
        ASSETS_DIR,
    ]
    for root in roots:
        for path in root.rglob("*"):
            if (
                path.suffix in (".js", ".css", ".json")
                and path.is_file()
                and path.stat().st_size >= PRECOMPRESS_MIN_BYTES
                and "tests" not in path.parts
                and not path.name.endswith((".map", "package.json", "metadata.json"))
            ):
                yield path


def precompress(out: Path = PRECOMPRESSED_DIR) -> int:
    """Write Brotli (best) and gzip -9 copies of every large static file; files written."""
    import brotli

    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for path in _static_files():
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        for enc, make in (
            ("gzip", lambda d: gzip.compress(d, compresslevel=9, mtime=0)),
            ("br", lambda d: brotli.compress(d, quality=11)),
        ):
            target = _stored(digest, enc)
            if target.is_file():
                continue
            target.write_bytes(make(data))
            written += 1
            print(f"{target.name}  {path.name}  {len(data):,} -> {target.stat().st_size:,}")
    return written


if __name__ == "__main__":
    if sys.argv[1:] != ["precompress"]:
        raise SystemExit("usage: python -m dashboard.serving precompress")
    print(f"{precompress()} files written to {PRECOMPRESSED_DIR}")
