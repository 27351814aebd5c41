"""World maps of cities: a scattergeo of cities over shaded countries (drawn offline).

`city_map` is shared by the map page, the overview's small map, the networks page and the
presentation view. It takes any frame with `city`, `country`, `lat` and `lon` columns (the
prepared `cities` frame, or `network_members`) and uses whatever else is there for colour,
size and hover. The topojson it needs comes from the app itself: draw it in a dcc.Graph
with `cards.graph_config(...)`, which sets `topojsonURL`.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import formats
from dashboard.figures.common import PALETTE, SEQUENTIAL, empty_figure, figure
from dashboard.figures.common import escape as esc
from dashboard.i18n import N_, _, ngettext
from data_loaders.safetext import short_label

# What a map may be coloured by: option value -> label shown in the control and legend.
# The labels are English msgids: shown through `_()`.
COLOUR_OPTIONS: dict[str, str] = {
    "continent": N_("Continent"),
    "network": N_("National network"),
    "joined": N_("Joining year"),
    "overall": N_("Overall Index score (latest)"),
}
# The categories a city without a value falls in (English keys; shown through `_()`).
NO_NETWORK = N_("No national network")
UNKNOWN = N_("Unknown")
CONTINUOUS = {"joined": "joined", "overall": "latest_overall"}
NO_VALUE_COLOR = "#9a9a9a"
SHADE_COLOR = "#cfe3f3"
LAND_COLOR = "#f2f2f0"
# Marker area follows population; sizes are diameters in px.
SIZE_MIN, SIZE_MAX, SIZE_UNKNOWN = 6.0, 30.0, 7.0
POP_CAP = 3_000_000  # larger cities all get the largest marker
# Past GROUP_MIN placed cities a map draws one marker per grid cell of GRID_DEG degrees (per
# colour), sized by the number of cities in it, instead of one marker per city: 12,000
# per-city markers weigh 4 MB and cannot be told apart at world scale anyway.
GROUP_MIN = 1500
GRID_DEG = 2.0
GROUP_NAMES = 5  # cities named in a group's hover
GROUP_SIZE_MIN, GROUP_SIZE_MAX = 7.0, 40.0


def marker_sizes(population: pd.Series) -> list[float]:
    """Marker diameters: area proportional to population, capped; unknown population small."""
    pop = pd.to_numeric(population, errors="coerce").astype(float).clip(upper=POP_CAP)
    scaled = SIZE_MIN + (SIZE_MAX - SIZE_MIN) * np.sqrt(pop / POP_CAP)
    return [round(float(v), 1) for v in scaled.fillna(SIZE_UNKNOWN)]


def _fmt_int(value: object, sep: bool = True) -> str | None:
    if value is None or pd.isna(value):
        return None
    return formats.number(int(value)) if sep else str(int(value))


def hover_texts(cities: pd.DataFrame, as_of: int | None = None) -> list[str]:
    """One hover label per city: name, country, joining year, population, foreign-born
    share, national networks and latest overall Index score (the facts present), in the
    current language. With `as_of` (the facts known in that year), a city whose first
    Index result came later says so."""
    texts = []
    cols = set(cities.columns)
    words = {  # translated once, not per city
        "joined": _("Joined ICC: {year}"),
        "joined_none": _("Joined ICC: not recorded"),
        "population": _("Population: {n}"),
        "foreign_born": _("Foreign-born: {pct}"),
        "network": _("National network: {name}"),
        "overall": _("Overall Index: {score}"),
        "no_index": _("No Index result on file"),
        "index_later": _("No Index result by {year} (first on file: {later})"),
        "illustrative": "<i>" + _("includes illustrative values") + "</i>",
    }
    for row in cities.to_dict("records"):
        country = row.get("country_name") or row.get("country") or ""
        lines = [f"<b>{esc(row['city'])}</b> ({esc(country)})"]
        if "joined" in cols:
            joined = _fmt_int(row.get("joined"), sep=False)
            lines.append(words["joined"].format(year=joined) if joined else words["joined_none"])
        if "population" in cols and (pop := _fmt_int(row.get("population"))):
            lines.append(words["population"].format(n=pop))
        fb = row.get("foreign_born_pct")
        if fb is not None and not pd.isna(fb):
            lines.append(words["foreign_born"].format(pct=formats.percent(float(fb), 1)))
        nets = row.get("networks") or row.get("network")
        if isinstance(nets, str) and nets:
            lines.append(words["network"].format(name=esc(nets)))
        score = row.get("latest_overall")
        if score is not None and not pd.isna(score):
            year = _fmt_int(row.get("latest_year"), sep=False)
            lines.append(
                words["overall"].format(score=formats.percent(float(score)))
                + (f" ({year})" if year else "")
            )
        elif as_of is not None and (later := _fmt_int(row.get("index_later"), sep=False)):
            lines.append(words["index_later"].format(year=as_of, later=later))
        elif "latest_overall" in cols:
            lines.append(words["no_index"])
        if row.get("illustrative"):
            lines.append(words["illustrative"])
        texts.append("<br>".join(lines))
    return texts


def _category(cities: pd.DataFrame, colour_by: str) -> pd.Series:
    if colour_by == "network":
        col = "networks" if "networks" in cities.columns else "network"
        nets = cities[col].fillna("").astype(str)
        # A city in two networks is listed under the first (the hover names both); once
        # per distinct value (11,000 network members share a few dozen).
        first = {v: v.split(", ")[0] or NO_NETWORK for v in nets.unique()}
        return nets.map(first)
    return cities["continent"].fillna("").replace("", UNKNOWN)


def category_name(category: str, n: int) -> str:
    """A legend entry: the category (a continent or "no national network" in the current
    language; a network's name as on file, shortened) and its number of cities."""
    shown = _(category) if category in (NO_NETWORK, UNKNOWN, *formats.CONTINENTS) else category
    return f"{short_label(shown)} ({formats.number(n)})"


def _scatter(cities: pd.DataFrame, texts: list[str], **extra: object) -> dict:
    if "count" in cities.columns:  # grouped cells: a click opens a city only when alone
        custom = [
            [c, k] if n == 1 else int(n)
            for c, k, n in zip(cities["city"], cities["country"], cities["count"], strict=True)
        ]
        extra = {"customdata": custom, **extra}
    return {
        "type": "scattergeo",
        "lat": [round(float(v), 4) for v in cities["lat"]],
        "lon": [round(float(v), 4) for v in cities["lon"]],
        "text": texts,
        "hovertemplate": "%{text}<extra></extra>",
        "customdata": [[c, k] for c, k in zip(cities["city"], cities["country"], strict=True)],
        **extra,
    }


def _marker(sizes: list[float], **extra: object) -> dict:
    return {
        "size": sizes,
        "sizemode": "diameter",
        "opacity": 0.85,
        "line": {"width": 0.6, "color": "white"},
        **extra,
    }


def n_cities(placed: pd.DataFrame) -> int:
    """Cities behind the rows: a grouped cell counts all of its cities."""
    return int(placed["count"].sum()) if "count" in placed.columns else len(placed)


def _city_traces(
    placed: pd.DataFrame, colour_by: str, sizes: list[float], texts: list[str]
) -> list[dict]:
    if colour_by in CONTINUOUS:
        col = CONTINUOUS[colour_by]
        values = pd.to_numeric(placed[col], errors="coerce").astype(float)
        has = values.notna().to_numpy()
        traces = []
        if (~has).any():
            idx = np.flatnonzero(~has)
            missing = (
                _("No Index result") if colour_by == "overall" else _("Joining year not recorded")
            )
            traces.append(
                _scatter(
                    placed.iloc[idx],
                    [texts[i] for i in idx],
                    name=missing,
                    # Hollow: a grey fill would read as a mid value on Cividis.
                    marker=_marker(
                        [sizes[i] for i in idx],
                        color="white",
                        line={"width": 1.2, "color": NO_VALUE_COLOR},
                    ),
                    showlegend=True,
                )
            )
        if has.any():
            idx = np.flatnonzero(has)
            vals = values.iloc[idx]
            traces.append(
                _scatter(
                    placed.iloc[idx],
                    [texts[i] for i in idx],
                    name=_(COLOUR_OPTIONS[colour_by]),
                    marker=_marker(
                        [sizes[i] for i in idx],
                        color=[round(float(v), 1) for v in vals],
                        colorscale=SEQUENTIAL,
                        cmin=float(vals.min()),
                        cmax=float(vals.max()),
                        colorbar={
                            "title": {"text": _(COLOUR_OPTIONS[colour_by]), "side": "right"},
                            "thickness": 12,
                            "len": 0.7,
                            "tickformat": "d" if colour_by == "joined" else "",
                        },
                        showscale=True,
                    ),
                    showlegend=False,
                )
            )
        return traces
    cats = _category(placed, colour_by).to_numpy()
    order = sorted(set(cats), key=lambda c: (c in (NO_NETWORK, UNKNOWN), c))
    traces = []
    for i, cat in enumerate(order):
        idx = np.flatnonzero(cats == cat)
        color = NO_VALUE_COLOR if cat in (NO_NETWORK, UNKNOWN) else PALETTE[i % 8]
        traces.append(
            _scatter(
                placed.iloc[idx],
                [texts[j] for j in idx],
                name=category_name(cat, n_cities(placed.iloc[idx])),
                marker=_marker([sizes[j] for j in idx], color=color),
            )
        )
    return traces


def _group_hover(names: list[str], n: int, illustrative: bool, extra: str) -> str:
    shown = ", ".join(esc(x) for x in names[:GROUP_NAMES])
    if n > GROUP_NAMES:
        shown = ngettext("{names} and {n} more", "{names} and {n} more", n - GROUP_NAMES).format(
            names=shown, n=formats.number(n - GROUP_NAMES)
        )
    # n > 1 always (a cell of one city keeps that city's own hover).
    head = ngettext(
        "<b>{n} member city</b> in this area", "<b>{n} member cities</b> in this area", n
    ).format(n=formats.number(n))
    lines = [head, shown]
    if extra:
        lines.append(extra)
    if illustrative:
        lines.append("<i>" + _("includes illustrative values") + "</i>")
    return "<br>".join(lines)


def group_cells(placed: pd.DataFrame, colour_by: str, grid: float = GRID_DEG) -> pd.DataFrame:
    """One row per grid cell of GRID_DEG degrees and colour: the cells' cities counted
    (`count`), placed at their mean position, named in `hover` (the first few, "and N more"),
    coloured like their cities (a continuous colour: the mean of the cities with a value).
    A cell of one city keeps that city's own hover text."""
    lat = pd.to_numeric(placed["lat"], errors="coerce").astype(float)
    lon = pd.to_numeric(placed["lon"], errors="coerce").astype(float)
    work = pd.DataFrame(
        {
            "city": placed["city"].to_numpy(),
            "country": placed["country"].to_numpy(),
            "lat": lat.to_numpy(),
            "lon": lon.to_numpy(),
            "cell": (np.floor(lat / grid).astype(int) * 1000 + np.floor(lon / grid))
            .astype(int)
            .to_numpy(),
            "illustrative": placed["illustrative"].fillna(False).astype(bool).to_numpy()
            if "illustrative" in placed.columns
            else False,
            "hover": placed["hover"].to_numpy(dtype=object)
            if "hover" in placed.columns
            else hover_texts(placed),
        }
    )
    country = placed["country_name"] if "country_name" in placed.columns else placed["country"]
    work["name"] = (
        placed["city"].astype(str) + " (" + country.fillna("").astype(str) + ")"
    ).to_numpy()
    if colour_by in CONTINUOUS:
        col = CONTINUOUS[colour_by]
        work["value"] = pd.to_numeric(placed[col], errors="coerce").astype(float).to_numpy()
        work["key"] = work["value"].notna()
    else:
        work["key"] = _category(placed, colour_by).to_numpy()
    # Sorted by colour, cell and name: each group is one slice (no per-group pandas work).
    work["key_code"] = pd.factorize(work["key"], sort=True)[0]
    work = work.sort_values(["key_code", "cell", "name"], kind="stable").reset_index(drop=True)
    codes = work["key_code"].to_numpy() * 10_000_000 + work["cell"].to_numpy()
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    counts = np.diff(np.r_[starts, len(work)])
    lat_mean = np.add.reduceat(work["lat"].to_numpy(), starts) / counts
    lon_mean = np.add.reduceat(work["lon"].to_numpy(), starts) / counts
    ill = np.maximum.reduceat(work["illustrative"].to_numpy().astype(int), starts)
    # Plain lists via numpy: iterating a pandas string array boxes every element.
    names, hovers, keys = (
        work[c].to_numpy(dtype=object).tolist() for c in ("name", "hover", "key")
    )
    values = work["value"].to_numpy() if "value" in work.columns else None
    out: dict[str, list] = {"hover": []}
    for s_, n, illustrative in zip(starts, counts, ill, strict=True):
        key = keys[s_]
        extra = ""
        if values is not None:
            v = values[s_ : s_ + n]
            value = float(v.mean()) if key else np.nan
            out.setdefault(CONTINUOUS[colour_by], []).append(value)
            if key and colour_by == "overall":
                extra = _("Mean overall Index: {score}").format(score=formats.percent(value))
            elif key:
                extra = _("Joined ICC: {first}-{last}").format(
                    first=int(v.min()), last=int(v.max())
                )
        else:
            out.setdefault("continent" if colour_by == "continent" else "networks", []).append(key)
        out["hover"].append(
            hovers[s_]
            if n == 1
            else _group_hover(names[s_ : s_ + GROUP_NAMES], int(n), bool(illustrative), extra)
        )
    return pd.DataFrame(
        {
            "city": work["city"].to_numpy()[starts],
            "country": work["country"].to_numpy()[starts],
            "lat": lat_mean,
            "lon": lon_mean,
            "count": counts,
            **out,
        }
    )


def group_sizes(counts: pd.Series) -> list[float]:
    """Marker diameters of grouped cells: area proportional to the number of cities."""
    c = counts.astype(float)
    scaled = GROUP_SIZE_MIN + (GROUP_SIZE_MAX - GROUP_SIZE_MIN) * np.sqrt(c / max(c.max(), 1))
    return [round(float(v), 1) for v in scaled]


def shade_trace(iso3: Iterable[str], labels: Iterable[str] | None = None) -> dict | None:
    """A choropleth that shades countries (ISO alpha-3) in one light colour; None if none."""
    codes = [c for c in iso3 if isinstance(c, str) and c]
    if not codes:
        return None
    names = list(labels) if labels is not None else codes
    return {
        "type": "choropleth",
        "locations": codes,
        "locationmode": "ISO-3",
        "z": [1] * len(codes),
        "text": [esc(n) for n in names],
        "hovertemplate": "%{text}<extra></extra>",
        "colorscale": [[0, SHADE_COLOR], [1, SHADE_COLOR]],
        "showscale": False,
        "marker": {"line": {"color": "#8fb8d8", "width": 0.6}},
        "name": _("Countries with a national network"),
        "showlegend": False,
    }


def geo_layout(*, fit: bool = False, resolution: int = 110) -> dict:
    """The geo settings of every city map (natural earth, countries drawn, no ocean tiles)."""
    geo = {
        "projection": {"type": "natural earth"},
        "showcountries": True,
        "countrycolor": "#b9b9b9",
        "countrywidth": 0.5,
        "showcoastlines": True,
        "coastlinecolor": "#a0a0a0",
        "coastlinewidth": 0.5,
        "showland": True,
        "landcolor": LAND_COLOR,
        "showocean": False,
        "showframe": False,
        "bgcolor": "white",
        "resolution": resolution,
    }
    if fit:
        geo["fitbounds"] = "locations"
    else:
        # The ICC's members lie between Canada and Australia: no need for Antarctica.
        geo["lataxis"] = {"range": [-50, 75]}
    return geo


def placed_cities(cities: pd.DataFrame) -> pd.DataFrame:
    """Rows with both coordinates (never put at 0,0)."""
    lat = pd.to_numeric(cities["lat"], errors="coerce")
    lon = pd.to_numeric(cities["lon"], errors="coerce")
    return cities[lat.notna() & lon.notna()]


def unplaced_names(cities: pd.DataFrame) -> list[str]:
    """'City (Country)' for every row without coordinates, sorted (listed under a map)."""
    lat = pd.to_numeric(cities["lat"], errors="coerce")
    lon = pd.to_numeric(cities["lon"], errors="coerce")
    rows = cities[lat.isna() | lon.isna()]
    country = rows["country_name"] if "country_name" in rows.columns else rows["country"]
    return sorted(f"{c} ({k})" for c, k in zip(rows["city"], country.fillna(""), strict=True))


def city_map(
    cities: pd.DataFrame,
    colour_by: str = "continent",
    *,
    shade_iso3: Iterable[str] = (),
    shade_labels: Iterable[str] | None = None,
    height: int | None = None,
    show_legend: bool = True,
    fit: bool = False,
    resolution: int = 110,
    empty_message: str = "",
) -> go.Figure:
    """A world map of `cities` coloured by `colour_by` (a key of COLOUR_OPTIONS), sized by
    population, with the countries `shade_iso3` shaded (e.g. those of national networks).

    Past GROUP_MIN placed cities, nearby cities are grouped per grid cell (`group_cells`):
    marker size then follows the number of cities, the hover names them.
    Clicking a point gives `customdata == [city, country]` (a group: its count). Rows
    without coordinates are left out (list them with `unplaced_names`). `fit=True` zooms to
    the cities shown. A `hover` column, if present, is the hover text (see `hover_texts`).
    """
    empty_message = empty_message or _("No member city matches these filters")
    if colour_by not in COLOUR_OPTIONS:
        raise ValueError(f"unknown colour_by {colour_by!r}; known: {', '.join(COLOUR_OPTIONS)}")
    placed = placed_cities(cities).reset_index(drop=True)
    shade = shade_trace(shade_iso3, shade_labels)
    if placed.empty and shade is None:
        return empty_figure(empty_message)
    grouped = len(placed) > GROUP_MIN
    if grouped:
        placed = group_cells(placed, colour_by)
        sizes = group_sizes(placed["count"])
    else:
        sizes = (
            marker_sizes(placed["population"])
            if "population" in placed.columns
            else [SIZE_UNKNOWN + 2] * len(placed)
        )
    traces = [shade] if shade else []
    if not placed.empty:
        # A prepared `hover` column (from hover_texts, cached per data version) saves the
        # per-row formatting on every redraw.
        texts = list(placed["hover"]) if "hover" in placed.columns else hover_texts(placed)
        traces.extend(_city_traces(placed, colour_by, sizes, texts))
    layout: dict = {
        "geo": geo_layout(fit=fit, resolution=resolution),
        "margin": {"l": 0, "r": 0, "t": 8, "b": 0},
        "showlegend": show_legend,
        "legend": {"orientation": "h", "y": 0, "x": 0, "yanchor": "top", "bgcolor": "white"},
        # Keep the user's zoom and pan when filters redraw the points.
        "uirevision": "city-map",
    }
    if height:
        layout["height"] = height
    fig = figure(traces, **layout)
    if grouped:
        fig.add_annotation(
            text=_("{n} cities: nearby cities grouped, size = number of cities").format(
                n=formats.number(n_cities(placed))
            ),
            x=1, y=0, xref="paper", yref="paper", xanchor="right", yanchor="bottom",
            showarrow=False, font={"size": 11, "color": "#555"}, bgcolor="white",
        )  # fmt: skip
    if placed.empty:
        fig.add_annotation(
            text=empty_message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False
        )
    return fig


# The projector map (presentation view's map slide): Europe large, the world beside it.
EUROPE_LON, EUROPE_LAT = (-25.0, 45.0), (34.0, 71.0)
PROJECTOR_DOT = (20.0, 46.0)  # marker diameters in px: seen from the back of a hall
PROJECTOR_GRID = {"geo": 1.6, "geo2": 12.0}  # degrees: cities closer than this share a dot


def _in_europe(cities: pd.DataFrame) -> pd.Series:
    lat = pd.to_numeric(cities["lat"], errors="coerce")
    lon = pd.to_numeric(cities["lon"], errors="coerce")
    return lat.between(*EUROPE_LAT) & lon.between(*EUROPE_LON)


def projector_map(
    cities: pd.DataFrame,
    *,
    shade_iso3: Iterable[str] = (),
    shade_labels: Iterable[str] | None = None,
    font_size: int = 20,
) -> go.Figure:
    """The member cities for a projector: Europe large on the left, the whole world on the
    right; dots PROJECTOR_DOT px wide, cities that would overlap grouped into one dot with
    their count written on it, coloured by continent (legend under the world panel)."""
    placed = placed_cities(cities).reset_index(drop=True)
    if placed.empty:
        return empty_figure(_("No member city matches these filters"))
    cats = _category(placed, "continent")
    order = sorted(set(cats), key=lambda c: (c == UNKNOWN, c))
    colour = {c: NO_VALUE_COLOR if c == UNKNOWN else PALETTE[i % 8] for i, c in enumerate(order)}
    shade = shade_trace(shade_iso3, shade_labels)
    traces: list[dict] = []
    labels = list(shade_labels) if shade_labels is not None else None
    in_europe = _in_europe(placed)
    total = {c: int((cats == c).sum()) for c in order}
    legend: set[str] = set()
    for geo, rows in (("geo", placed[in_europe]), ("geo2", placed[~in_europe])):
        if shade:
            traces.append({**shade_trace(shade_iso3, labels), "geo": geo})
        if rows.empty:
            continue
        cells = group_cells(rows.reset_index(drop=True), "continent", PROJECTOR_GRID[geo])
        low, high = PROJECTOR_DOT
        top = max(int(cells["count"].max()), 1)
        for cat in order:
            part = cells[cells["continent"] == cat]
            if part.empty:
                continue
            counts = part["count"].astype(int)
            legend_done = cat in legend
            legend.add(cat)
            traces.append(
                {
                    "type": "scattergeo",
                    "geo": geo,
                    "lat": part["lat"].round(3).tolist(),
                    "lon": part["lon"].round(3).tolist(),
                    "mode": "markers+text",
                    "text": [str(n) if n > 1 else "" for n in counts],
                    "textfont": {"color": "white", "size": font_size - 4},
                    "hovertext": list(part["hover"]),
                    "hovertemplate": "%{hovertext}<extra></extra>",
                    "name": category_name(cat, total[cat]),
                    "legendgroup": cat,
                    "showlegend": not legend_done,  # once, whichever panel has it
                    "legendrank": order.index(cat),
                    "marker": {
                        "size": [
                            round(low + (high - low) * float(np.sqrt((n - 1) / max(top - 1, 1))), 1)
                            for n in counts
                        ],
                        "sizemode": "diameter",
                        "color": colour[cat],
                        "opacity": 0.9,
                        "line": {"width": 1.5, "color": "white"},
                    },
                }
            )
    # On the world panel Europe is a framed box: its cities are on the large panel.
    (lon0, lon1), (lat0, lat1) = EUROPE_LON, EUROPE_LAT
    traces.append(
        {
            "type": "scattergeo",
            "geo": "geo2",
            "mode": "lines+text",
            "lon": [lon0, lon1, lon1, lon0, lon0],
            "lat": [lat0, lat0, lat1, lat1, lat0],
            "line": {"color": "#333", "width": 2},
            "text": ["", "", "", _("Europe: {n}").format(n=formats.number(in_europe.sum())), ""],
            "textposition": "top right",
            "textfont": {"size": font_size - 4, "color": "#333"},
            "hoverinfo": "skip",
            "showlegend": False,
        }
    )
    base = geo_layout()
    europe = {
        **base,
        "lonaxis": {"range": list(EUROPE_LON)},
        "lataxis": {"range": list(EUROPE_LAT)},
        "projection": {"type": "mercator"},
        "domain": {"x": [0, 0.64], "y": [0, 1]},
    }
    world = {**base, "domain": {"x": [0.66, 1], "y": [0.25, 1]}}
    fig = figure(
        traces,
        geo=europe,
        geo2=world,
        margin={"l": 0, "r": 0, "t": 8, "b": 0},
        showlegend=True,
        legend={"x": 0.66, "y": 0.27, "xanchor": "left", "yanchor": "top",
                "font": {"size": font_size - 2}, "bgcolor": "white"},
        font={"size": font_size},
    )  # fmt: skip
    for x, text in ((0.005, _("Europe")), (0.665, _("The world"))):
        fig.add_annotation(
            text=f"<b>{text}</b>", x=x, y=0.995 if x < 0.5 else 1.0, xref="paper",
            yref="paper", xanchor="left", yanchor="top", showarrow=False,
            font={"size": font_size}, bgcolor="white",
        )  # fmt: skip
    return fig
