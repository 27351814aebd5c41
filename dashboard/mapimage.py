"""The map slide as a PNG drawn offline: countries from the app's own topojson, city dots.

Decodes `assets/topojson/world_110m.json` (quantized, delta-encoded arcs) and draws it in
an equirectangular projection with Pillow, so the deck needs no network and no browser.
"""

from __future__ import annotations

import functools
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from PIL import Image, ImageDraw

TOPOJSON = Path(__file__).resolve().parent.parent / "assets" / "topojson" / "world_110m.json"
WORLD = (-180.0, -58.0, 180.0, 84.0)  # lon_min, lat_min, lon_max, lat_max (no Antarctica)
EUROPE = (-25.0, 27.0, 45.0, 71.0)
OCEAN = "#eef3f8"
LAND = "#d9dde2"
SHADED = "#9ecae1"  # countries with a national network (as on /map)
BORDER = "#ffffff"
DOT = "#0072B2"
DOT_NETWORK = "#D55E00"  # members of a national network too
Ring = list[tuple[float, float]]


@functools.cache
def _topology() -> dict:
    return json.loads(TOPOJSON.read_text(encoding="utf-8"))


@functools.cache
def _arcs() -> tuple[tuple[tuple[float, float], ...], ...]:
    """Every arc in longitude/latitude: undo the delta encoding, then the quantization."""
    topo = _topology()
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        out.append(tuple(points))
    return tuple(out)


def _ring(indexes: Sequence[int]) -> Ring:
    """A closed ring from arc indexes (a negative index ~i is arc i reversed)."""
    arcs = _arcs()
    ring: Ring = []
    for i in indexes:
        arc = list(arcs[i]) if i >= 0 else list(reversed(arcs[~i]))
        ring.extend(arc[1:] if ring else arc)  # arcs share their end points
    return ring


def _unwrap(ring: Ring) -> Ring:
    """Longitudes made continuous (a ring crossing the antimeridian goes past +-180)."""
    out: Ring = []
    for lon, lat in ring:
        if out:
            while lon - out[-1][0] > 180:
                lon -= 360
            while lon - out[-1][0] < -180:
                lon += 360
        out.append((lon, lat))
    return out


@functools.cache
def countries() -> dict[str, tuple[Ring, ...]]:
    """Outer rings of every country, keyed by ISO 3166-1 alpha-3 (e.g. "PRT")."""
    out: dict[str, tuple[Ring, ...]] = {}
    for geom in _topology()["objects"]["countries"]["geometries"]:
        if geom["type"] == "Polygon":
            polygons = [geom["arcs"]]
        elif geom["type"] == "MultiPolygon":
            polygons = geom["arcs"]
        else:
            continue
        rings = tuple(_unwrap(_ring(poly[0])) for poly in polygons if poly)
        out[str(geom.get("id", ""))] = rings
    return out


def render_map(
    points: Iterable[tuple[float, float, bool]],
    *,
    shaded: Iterable[str] = (),
    bbox: tuple[float, float, float, float] = WORLD,
    width: int = 1600,
    dot: int = 7,
) -> bytes:
    """A PNG of the countries in `bbox` with the `shaded` ISO3 countries filled and a dot per
    (lat, lon, in_network) point; the height follows the box's aspect ratio."""
    lon0, lat0, lon1, lat1 = bbox
    height = round(width * (lat1 - lat0) / (lon1 - lon0))
    scale = 2  # draw at twice the size, then downsample: smooth edges without antialiasing
    w, h = width * scale, height * scale

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return ((lon - lon0) / (lon1 - lon0) * w, (lat1 - lat) / (lat1 - lat0) * h)

    image = Image.new("RGB", (w, h), OCEAN)
    draw = ImageDraw.Draw(image)
    shaded_set = set(shaded)
    for iso3, rings in countries().items():
        fill = SHADED if iso3 in shaded_set else LAND
        for ring in rings:
            if len(ring) < 3:
                continue
            # A ring unwrapped past +-180 is drawn again one world-width over to fill both sides.
            for shift in (-360, 0, 360):
                lons = [lon + shift for lon, _ in ring]
                if max(lons) < lon0 or min(lons) > lon1:
                    continue
                draw.polygon([xy(lon + shift, lat) for lon, lat in ring], fill=fill, outline=BORDER)
    r = dot * scale
    for lat, lon, network in points:
        if not (lon0 <= lon <= lon1 and lat0 <= lat <= lat1):
            continue
        x, y = xy(lon, lat)
        draw.ellipse(
            (x - r, y - r, x + r, y + r),
            fill=DOT_NETWORK if network else DOT,
            outline="white",
            width=scale,
        )
    image = image.resize((width, height), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
