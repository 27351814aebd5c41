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

from PIL import Image, ImageDraw, ImageFont

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


def _font(px: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A bold sans font for the counts on grouped dots (Pillow's own when none is installed)."""
    try:
        return ImageFont.truetype("DejaVuSans-Bold.ttf", px)
    except OSError:
        return ImageFont.load_default(size=px)


def group_points(
    points: Sequence[tuple[float, float, bool]], distance: float
) -> list[tuple[float, float, bool, int]]:
    """(x, y, network, count): points of one colour closer than `distance` (px) to a
    group's centre joined to it (greedy, in order), the centre the mean of its points."""
    groups: list[list] = []  # [sum_x, sum_y, network, count]
    near: dict[tuple[bool, int, int], list[int]] = {}  # groups by their first point's cell
    d = max(distance, 1e-9)
    for x, y, network in points:
        cx, cy = int(x // d), int(y // d)
        found = None
        for i in (
            i
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for i in near.get((network, cx + dx, cy + dy), ())
        ):
            g = groups[i]
            if (g[0] / g[3] - x) ** 2 + (g[1] / g[3] - y) ** 2 < d**2:
                found = g
                break
        if found is None:
            near.setdefault((network, cx, cy), []).append(len(groups))
            groups.append([x, y, network, 1])
        else:
            found[0] += x
            found[1] += y
            found[3] += 1
    return [(sx / n, sy / n, network, n) for sx, sy, network, n in groups]


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
    max_growth: float = 2.3,
    frame: tuple[float, float, float, float] | None = None,
) -> bytes:
    """A PNG of the countries in `bbox` with the `shaded` ISO3 countries filled and a dot of
    radius `dot` px per (lat, lon, in_network) point; points whose dots would overlap (same
    colour) are one dot with their count on it, up to `max_growth` times as wide. The height
    follows the box's aspect ratio. `frame` (a bbox) is outlined, its points left to the
    map that shows that box large."""
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
    inside = [
        (lat, lon, network)
        for lat, lon, network in points
        if lon0 <= lon <= lon1
        and lat0 <= lat <= lat1
        and not (frame and frame[0] <= lon <= frame[2] and frame[1] <= lat <= frame[3])
    ]
    if frame:
        draw.rectangle((*xy(frame[0], frame[3]), *xy(frame[2], frame[1])), outline="#333333",
                       width=2 * scale)  # fmt: skip
    groups = group_points([(*xy(lon, lat), network) for lat, lon, network in inside], 1.6 * r)
    top = max((n for _, _, _, n in groups), default=1)
    font = _font(max(10, round(r * 1.5)))
    for x, y, network, n in sorted(groups, key=lambda g: -g[3]):  # small dots drawn on top
        rr = r * (1 + (max_growth - 1) * ((n - 1) / max(top - 1, 1)) ** 0.5) if n > 1 else r
        draw.ellipse(
            (x - rr, y - rr, x + rr, y + rr),
            fill=DOT_NETWORK if network else DOT,
            outline="white",
            width=2 * scale,
        )
        if n > 1:
            draw.text((x, y), str(n), fill="white", font=font, anchor="mm")
    image = image.resize((width, height), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
