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

from dashboard.figures.common import PALETTE, SEQUENTIAL, empty_figure, figure
from dashboard.figures.common import escape as esc
from data_loaders.safetext import short_label

# What a map may be coloured by: option value -> label shown in the control and legend.
COLOUR_OPTIONS: dict[str, str] = {
    "continent": "Continent",
    "network": "National network",
    "joined": "Joining year",
    "overall": "Overall Index score (latest)",
}
CONTINUOUS = {"joined": "joined", "overall": "latest_overall"}
NO_VALUE_COLOR = "#9a9a9a"
SHADE_COLOR = "#cfe3f3"
LAND_COLOR = "#f2f2f0"
# Marker area follows population; sizes are diameters in px.
SIZE_MIN, SIZE_MAX, SIZE_UNKNOWN = 6.0, 30.0, 7.0
POP_CAP = 3_000_000  # larger cities all get the largest marker


def marker_sizes(population: pd.Series) -> list[float]:
    """Marker diameters: area proportional to population, capped; unknown population small."""
    pop = pd.to_numeric(population, errors="coerce").astype(float).clip(upper=POP_CAP)
    scaled = SIZE_MIN + (SIZE_MAX - SIZE_MIN) * np.sqrt(pop / POP_CAP)
    return [round(float(v), 1) for v in scaled.fillna(SIZE_UNKNOWN)]


def _fmt_int(value: object, sep: bool = True) -> str | None:
    if value is None or pd.isna(value):
        return None
    return f"{int(value):,}" if sep else str(int(value))


def hover_texts(cities: pd.DataFrame) -> list[str]:
    """One hover label per city: name, country, joining year, population, foreign-born
    share, national networks and latest overall Index score (the facts present)."""
    texts = []
    cols = set(cities.columns)
    for row in cities.to_dict("records"):
        country = row.get("country_name") or row.get("country") or ""
        lines = [f"<b>{esc(row['city'])}</b> ({esc(country)})"]
        if "joined" in cols:
            joined = _fmt_int(row.get("joined"), sep=False)
            lines.append(f"Joined ICC: {joined}" if joined else "Joined ICC: not recorded")
        if "population" in cols and (pop := _fmt_int(row.get("population"))):
            lines.append(f"Population: {pop}")
        fb = row.get("foreign_born_pct")
        if fb is not None and not pd.isna(fb):
            lines.append(f"Foreign-born: {float(fb):.1f}%")
        nets = row.get("networks") or row.get("network")
        if isinstance(nets, str) and nets:
            lines.append(f"National network: {esc(nets)}")
        score = row.get("latest_overall")
        if score is not None and not pd.isna(score):
            year = _fmt_int(row.get("latest_year"), sep=False)
            lines.append(f"Overall Index: {float(score):.0f}%" + (f" ({year})" if year else ""))
        elif "latest_overall" in cols:
            lines.append("No Index result on file")
        if row.get("illustrative"):
            lines.append("<i>includes illustrative values</i>")
        texts.append("<br>".join(lines))
    return texts


def _category(cities: pd.DataFrame, colour_by: str) -> pd.Series:
    if colour_by == "network":
        col = "networks" if "networks" in cities.columns else "network"
        nets = cities[col].fillna("").astype(str)
        # A city in two networks is listed under the first (the hover names both).
        return nets.str.split(", ").str[0].replace("", "No national network")
    return cities["continent"].fillna("").replace("", "Unknown")


def _scatter(cities: pd.DataFrame, texts: list[str], **extra: object) -> dict:
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
            missing = "no Index result" if colour_by == "overall" else "joining year not recorded"
            traces.append(
                _scatter(
                    placed.iloc[idx],
                    [texts[i] for i in idx],
                    name=missing.capitalize(),
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
                    name=COLOUR_OPTIONS[colour_by],
                    marker=_marker(
                        [sizes[i] for i in idx],
                        color=[round(float(v), 1) for v in vals],
                        colorscale=SEQUENTIAL,
                        cmin=float(vals.min()),
                        cmax=float(vals.max()),
                        colorbar={
                            "title": {"text": COLOUR_OPTIONS[colour_by], "side": "right"},
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
    order = sorted(set(cats), key=lambda c: (c in ("No national network", "Unknown"), c))
    traces = []
    for i, cat in enumerate(order):
        idx = np.flatnonzero(cats == cat)
        color = NO_VALUE_COLOR if cat in ("No national network", "Unknown") else PALETTE[i % 8]
        traces.append(
            _scatter(
                placed.iloc[idx],
                [texts[j] for j in idx],
                name=f"{short_label(cat)} ({len(idx)})",
                marker=_marker([sizes[j] for j in idx], color=color),
            )
        )
    return traces


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
        "name": "Countries with a national network",
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
    empty_message: str = "No member city matches these filters",
) -> go.Figure:
    """A world map of `cities` coloured by `colour_by` (a key of COLOUR_OPTIONS), sized by
    population, with the countries `shade_iso3` shaded (e.g. those of national networks).

    Clicking a point gives `customdata == [city, country]`. Rows without coordinates are
    left out (list them with `unplaced_names`). `fit=True` zooms to the cities shown. A
    `hover` column, if present, is used as the hover text (see `hover_texts`).
    """
    if colour_by not in COLOUR_OPTIONS:
        raise ValueError(f"unknown colour_by {colour_by!r}; known: {', '.join(COLOUR_OPTIONS)}")
    placed = placed_cities(cities).reset_index(drop=True)
    shade = shade_trace(shade_iso3, shade_labels)
    if placed.empty and shade is None:
        return empty_figure(empty_message)
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
    if placed.empty:
        fig.add_annotation(
            text=empty_message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False
        )
    return fig
