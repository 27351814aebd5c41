"""The dashboard's data layer: DataFrames loaded once per data version, handed out as copies.

One `DataManager` per process and database URL. `load(name)` returns a copy of a prepared
frame, so no caller can change what others see. Frames are read again only when an import
has bumped the data version (checked at most every ICC_DATA_CHECK_SECONDS), so a running
dashboard sees new data without a restart. `cached(key, fn)` keeps any derived result
(prepared page data) for the current data version. Never imports Dash.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from data_loaders import cache, countries, datasets, db, settings, vocab
from data_loaders.datasets import PROVENANCE_PARTS, ROW_STATUS, Dataset
from data_loaders.once import Once
from data_loaders.schema import MODELS, ImportRecord

POP_UNDER = "under 200,000"
POP_OVER = "200,000 and over"
FB_UNDER = "foreign-born share under 15%"
FB_OVER = "foreign-born share at least 15%"

# Every frame `load` can hand out, and its columns (the contract with the dashboard);
# each dataset's frame also carries, per provenance field f of the registry, the resolved
# f_status, f_source, f_qualifier and f_date (added below).
COLUMNS: dict[str, tuple[str, ...]] = {
    "cities": (
        "city", "country", "country_name", "continent", "iso3", "joined", "left", "member",
        "population", "foreign_born_pct", "pop_band", "fb_band", "lat", "lon", "placed",
        "networks", "index_years", "latest_year", "latest_overall", "source", "geo_source",
        "illustrative",
    ),
    "index": (
        "city", "country", "year", "indicator", "indicator_name", "score", "computed",
        "edition", "source", "illustrative",
    ),
    "followers": (
        "platform", "date", "year", "followers", "net_change", "derived", "reported",
        "source", "illustrative",
    ),
    "activities": (
        "date", "year", "month", "kind", "title", "city", "country", "participants", "women",
        "men", "nationalities", "count", "items", "is_event", "source", "illustrative",
    ),
    "metrics": ("year", "metric", "value", "network", "date", "source", "illustrative"),
    "networks": (
        "network", "name", "country", "country_name", "iso3", "founded", "status", "scope",
        "active_since", "members", "members_on_file", "source", "illustrative",
    ),
    "network_members": (
        "network", "city", "country", "joined", "international_member", "lat", "lon",
        "source", "illustrative",
    ),
    "imports": (
        "at", "kind", "file_name", "sha256", "rows_new", "rows_updated", "rows_unchanged",
        "warnings", "sources",
    ),
}  # fmt: skip
for _ds in datasets.DATASETS:
    # A dataset without a frame of its own above gets its file's columns as stored.
    _own = [c.name for c in _ds.file_columns if c.stored]
    _base = COLUMNS.get(
        _ds.frame, (*_own, *(["source"] if "source" not in _own else []), "illustrative")
    )
    COLUMNS[_ds.frame] = (*_base, *_ds.provenance_columns)
# Frame names `load` accepts besides the keys of COLUMNS (the registry's KIND spellings).
FRAME_ALIASES: dict[str, str] = {
    n: d.frame for d in datasets.DATASETS for n in (d.name, *d.aliases) if n != d.frame
}


def _frame(session: Session, model: type, columns: list[str]) -> pd.DataFrame:
    # pandas reads the cursor directly: 4x faster than building SQLAlchemy rows at 100x data.
    table = model.__table__
    stmt = select(*(table.c[c] for c in columns))
    return pd.read_sql_query(stmt, session.connection())[columns]


def _stored(session: Session, ds: Dataset) -> pd.DataFrame:
    """A dataset's table as stored: key, values, row status and provenance columns."""
    keys = list(ds.key)
    names = keys + [c for c in ds.stored_columns if c not in keys]
    return _frame(session, MODELS[ds.name], names)


def _illustrative(sources: pd.Series) -> pd.Series:
    return sources.fillna("").str.lower().str.contains(vocab.ILLUSTRATIVE_WORD, regex=False)


def _blank(series: pd.Series) -> pd.Series:
    # The importer stores no blank text (an empty cell is NULL); "" comes from direct writes.
    return series.isna() | series.eq("")


def row_status(df: pd.DataFrame) -> pd.Series:
    """Each row's own status: its `status` column, else from the wording of its source."""
    source = df["source"] if "source" in df else pd.Series(None, index=df.index, dtype=object)
    default = source.map(vocab.status_of_source)
    if ROW_STATUS in df:
        return df[ROW_STATUS].where(~_blank(df[ROW_STATUS]), default)
    return default


def resolve_provenance(ds: Dataset, df: pd.DataFrame) -> pd.DataFrame:
    """Every provenance column resolved (provenance-contract.md); `illustrative` per row.

    f_status never empty (the field's own, else the row's status, else from the source's
    wording); f_source the row's source where the field has none ("" without any);
    f_qualifier "" when exact; f_date "" when not given. `illustrative` is True when any
    value the row gives is illustrative (a row without values: when the row is).
    """
    out = df.copy()
    for name in ds.stored_columns:
        if name not in out:  # a frame built by hand (tests) or before a column existed
            out[name] = None
    default = row_status(out)
    source = out["source"].where(~_blank(out["source"]), "") if "source" in out else ""
    given = pd.Series(False, index=out.index)
    any_value = pd.Series(False, index=out.index)
    for f in ds.provenance:
        for part in PROVENANCE_PARTS:
            if f.column(part) not in out:
                out[f.column(part)] = None
        own = out[f.column("status")]
        out[f.column("status")] = own.where(~_blank(own), default)
        own = out[f.column("source")]
        out[f.column("source")] = own.where(~_blank(own), source)
        for part in ("qualifier", "date"):
            out[f.column(part)] = out[f.column(part)].where(~_blank(out[f.column(part)]), "")
        has_value = pd.Series(False, index=out.index)
        for column in f.value_columns:
            if column in out:
                has_value |= out[column].notna()
        any_value |= has_value
        given |= has_value & out[f.column("status")].eq("illustrative")
    out["illustrative"] = given | (~any_value & default.eq("illustrative"))
    return out


def _int_col(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series, errors="coerce").astype("Int64")


def prepare_index(raw: pd.DataFrame) -> pd.DataFrame:
    """Index in long form with display names; `overall` computed (and flagged) where absent."""
    df = resolve_provenance(datasets.get("index"), raw)
    df["computed"] = False
    keys = ["city", "country", "year"]
    is_overall = df["indicator"] == "overall"
    areas = df[~is_overall]
    if not areas.empty:
        grouped = areas.groupby(keys, as_index=False).agg(
            score=("score", "mean"),
            n=("score", "size"),
            illustrative=("illustrative", "any"),
            status=("score_status", vocab.weakest_status),
        )
        # Only where the file gave no overall of its own.
        given = df.loc[is_overall, keys].drop_duplicates()
        grouped = grouped.merge(given, on=keys, how="left", indicator=True)
        grouped = grouped[grouped["_merge"] == "left_only"]
        if not grouped.empty:
            source = "computed: unweighted mean of " + grouped["n"].astype(str) + " areas"
            source = source.where(~grouped["illustrative"], source + "; from illustrative scores")
            computed = pd.DataFrame(
                {
                    "city": grouped["city"],
                    "country": grouped["country"],
                    "year": grouped["year"],
                    "indicator": "overall",
                    "score": grouped["score"].round(1),
                    "source": source,
                    "computed": True,
                    "illustrative": grouped["illustrative"].astype(bool),
                    # A computed overall is derived, or as weak as its weakest input.
                    "score_status": grouped["status"],
                    "score_source": source,
                    "score_qualifier": "",
                    "score_date": "",
                }
            )
            df = pd.concat([df, computed], ignore_index=True)
    df["indicator_name"] = df["indicator"].map(vocab.indicator_name)
    df["edition"] = np.where(
        df["year"] >= vocab.REVISED_EDITION_YEAR, "2019 questionnaire", "2009 questionnaire"
    )
    df["year"] = df["year"].astype(int)
    df["score"] = df["score"].astype(float)
    order = {slug: i for i, ind in enumerate(vocab.INDICATORS) for slug in [ind.slug]}
    df["_o"] = df["indicator"].map(order).fillna(99)
    df = df.sort_values(["city", "country", "year", "_o"]).drop(columns="_o")
    return df.reset_index(drop=True)[list(COLUMNS["index"])]


def index_wide(index: pd.DataFrame) -> pd.DataFrame:
    """One row per city, country and year; one column per indicator slug (NaN where absent)."""
    if index.empty:
        return pd.DataFrame(columns=["city", "country", "year", *vocab.AREA_SLUGS, "overall"])
    wide = index.pivot_table(
        index=["city", "country", "year"], columns="indicator", values="score", aggfunc="first"
    ).reset_index()
    wide.columns.name = None
    for slug in (*vocab.AREA_SLUGS, "overall"):
        if slug not in wide.columns:
            wide[slug] = np.nan
    return wide[["city", "country", "year", *vocab.AREA_SLUGS, "overall"]]


def prepare_cities(raw: pd.DataFrame, members: pd.DataFrame, index: pd.DataFrame) -> pd.DataFrame:
    """Cities with country name, continent, peer-group bands, networks and latest Index."""
    df = resolve_provenance(datasets.get("cities"), raw)
    df["country_name"] = df["country"].map(countries.country_name)
    df["continent"] = df["country"].map(countries.continent)
    df["iso3"] = df["country"].map(countries.iso3)
    for col in ("joined", "left", "population"):
        df[col] = _int_col(df[col])
    df["foreign_born_pct"] = pd.to_numeric(df["foreign_born_pct"], errors="coerce")
    df["member"] = df["joined"].notna() & df["left"].isna()
    pop = df["population"].astype(float)
    df["pop_band"] = np.where(
        pop.isna(), None, np.where(pop < vocab.POPULATION_THRESHOLD, POP_UNDER, POP_OVER)
    )
    fb = df["foreign_born_pct"]
    df["fb_band"] = np.where(
        fb.isna(), None, np.where(fb < vocab.FOREIGN_BORN_THRESHOLD, FB_UNDER, FB_OVER)
    )
    df["placed"] = df["lat"].notna() & df["lon"].notna()
    key = df["city"] + "|" + df["country"]
    if not members.empty:
        nets = (
            members.assign(k=members["city"] + "|" + members["country"])
            .groupby("k")["network"]
            .agg(lambda s: ", ".join(sorted(s)))
        )
        df["networks"] = key.map(nets).fillna("")
    else:
        df["networks"] = ""
    overall = index[index["indicator"] == "overall"]
    if not overall.empty:
        years = overall.groupby(["city", "country"])["year"].agg(lambda s: sorted(set(s)))
        latest = overall.sort_values("year").groupby(["city", "country"]).tail(1)
        latest_k = latest["city"] + "|" + latest["country"]
        years_k = years.index.get_level_values(0) + "|" + years.index.get_level_values(1)
        df["index_years"] = key.map(dict(zip(years_k, years.values, strict=True)))
        df["index_years"] = df["index_years"].apply(lambda v: v if isinstance(v, list) else [])
        df["latest_year"] = _int_col(key.map(dict(zip(latest_k, latest["year"], strict=True))))
        df["latest_overall"] = key.map(dict(zip(latest_k, latest["score"], strict=True)))
    else:
        df["index_years"] = [[] for _ in range(len(df))]
        df["latest_year"] = pd.array([pd.NA] * len(df), dtype="Int64")
        df["latest_overall"] = np.nan
    return df.sort_values(["country", "city"]).reset_index(drop=True)[list(COLUMNS["cities"])]


def prepare_followers(raw: pd.DataFrame) -> pd.DataFrame:
    """Follower rows with totals derived from changes where an anchor allows."""
    from data_loaders.followers import derive_totals

    if raw.empty:
        return pd.DataFrame(columns=list(COLUMNS["followers"]))
    ds = datasets.get("followers")
    df = resolve_provenance(ds, raw)
    df["date"] = pd.to_datetime(df["date"]).dt.normalize()
    df["followers"] = pd.to_numeric(df["followers"], errors="coerce").astype(float)
    df["net_change"] = pd.to_numeric(df["net_change"], errors="coerce").astype(float)
    out = derive_totals(df)
    out["date"] = pd.to_datetime(out["date"])
    provenance = df.drop_duplicates(list(ds.key))[[*ds.key, *ds.provenance_columns]]
    out = out.merge(provenance, on=list(ds.key), how="left")
    status = out["followers_status"].fillna(row_status(out))
    # A total computed from changes is derived, or as weak as the row it is computed on.
    out["followers_status"] = status.where(
        ~out["derived"], status.map(lambda s: vocab.weakest_status([s]))
    )
    out["followers_source"] = out["followers_source"].fillna(out["source"].fillna(""))
    for part in ("qualifier", "date"):
        out[f"followers_{part}"] = out[f"followers_{part}"].fillna("")
    out["year"] = out["date"].dt.year
    out["illustrative"] = out["followers_status"].eq("illustrative") & out["followers"].notna()
    out["illustrative"] |= out["followers"].isna() & row_status(out).eq("illustrative")
    return out.reset_index(drop=True)[list(COLUMNS["followers"])]


def prepare_activities(raw: pd.DataFrame) -> pd.DataFrame:
    """Activities with month (where known), items (count or 1) and an event flag."""
    df = resolve_provenance(datasets.get("activities"), raw)
    for col in ("participants", "women", "men", "nationalities", "count"):
        df[col] = _int_col(df[col])
    df["month"] = _int_col(df["date"].str.slice(5, 7).replace("", None))
    df["items"] = df["count"].fillna(1).astype(int)
    df["is_event"] = df["kind"].isin(vocab.EVENT_KINDS)
    return df.sort_values(["date", "kind", "title"]).reset_index(drop=True)[
        list(COLUMNS["activities"])
    ]


def prepare_networks(raw: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """Networks with their member counts on file, or the published size where a file gives it.

    `members` is the published size where one is on file, else the count of members on
    file (then derived, or as weak as the weakest member row); `members_on_file` always
    the count.
    """
    df = resolve_provenance(datasets.get("networks"), raw)
    for col in ("founded", "active_since"):
        df[col] = _int_col(df[col])
    df["scope"] = df["scope"].where(~_blank(df["scope"]), "national")
    df["country_name"] = df["country"].map(countries.country_name)
    df["iso3"] = df["country"].map(countries.iso3)
    if members.empty:
        counts, statuses = pd.Series(dtype=int), pd.Series(dtype=object)
    else:
        by_network = members.assign(_status=row_status(members)).groupby("network")
        counts, statuses = by_network.size(), by_network["_status"].agg(vocab.weakest_status)
    df["members_on_file"] = df["network"].map(counts).fillna(0).astype(int)
    reported = pd.to_numeric(df["members"], errors="coerce")
    counted = reported.isna()
    df["members"] = reported.where(~counted, df["members_on_file"]).astype(int)
    weakest = df.loc[counted, "network"].map(statuses).astype(object)
    df.loc[counted, "members_status"] = weakest.where(weakest.notna(), "derived")
    df.loc[counted, "members_source"] = "count of the network's members on file"
    df.loc[counted, ["members_qualifier", "members_date"]] = ""
    return df.sort_values("network").reset_index(drop=True)[list(COLUMNS["networks"])]


def prepare_members(members: pd.DataFrame, cities: pd.DataFrame) -> pd.DataFrame:
    """Network members with coordinates and whether each is an international member."""
    df = resolve_provenance(datasets.get("network-members"), members)
    df["joined"] = _int_col(df["joined"])
    on_file = cities.set_index(["city", "country"])
    idx = pd.MultiIndex.from_frame(df[["city", "country"]])
    df["international_member"] = on_file["member"].reindex(idx).fillna(False).to_numpy(bool)
    df["lat"] = on_file["lat"].reindex(idx).to_numpy()
    df["lon"] = on_file["lon"].reindex(idx).to_numpy()
    return df.sort_values(["network", "city"]).reset_index(drop=True)[
        list(COLUMNS["network_members"])
    ]


def prepare_metrics(raw: pd.DataFrame) -> pd.DataFrame:
    """Network-level figures with their date, network and provenance."""
    df = resolve_provenance(datasets.get("metrics"), raw)
    for col in ("network", "date"):
        df[col] = df[col].where(~_blank(df[col]), "") if col in df else ""
    return df.sort_values(["metric", "year", "network", "date"]).reset_index(drop=True)[
        list(COLUMNS["metrics"])
    ]


def prepare_frame(ds: Dataset, raw: pd.DataFrame) -> pd.DataFrame:
    """A dataset without a preparation of its own: as stored, provenance resolved, by key."""
    df = resolve_provenance(ds, raw)
    return df.sort_values(list(ds.key)).reset_index(drop=True)[list(COLUMNS[ds.frame])]


def read_all(url: str | None = None) -> dict[str, pd.DataFrame]:
    """Read every table once and prepare every frame of COLUMNS."""
    engine = db.get_engine(url)
    with Session(engine) as s:
        raw = {ds.name: _stored(s, ds) for ds in datasets.DATASETS}
        imports = _frame(s, ImportRecord, list(COLUMNS["imports"]))
    prepared_index = prepare_index(raw["index"])
    members = raw["network-members"]
    prepared_cities = prepare_cities(raw["cities"], members, prepared_index)
    frames = {
        "cities": prepared_cities,
        "index": prepared_index,
        "followers": prepare_followers(raw["followers"]),
        "activities": prepare_activities(raw["activities"]),
        "metrics": prepare_metrics(raw["metrics"]),
        "networks": prepare_networks(raw["networks"], members),
        "network_members": prepare_members(members, prepared_cities),
    }
    for ds in datasets.DATASETS:
        if ds.frame not in frames:
            frames[ds.frame] = prepare_frame(ds, raw[ds.name])
    frames["imports"] = imports.sort_values("at", ascending=False).reset_index(drop=True)
    return frames


def provenance_counts(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Values per dataset, year and status: the table behind the Data page's heatmap.

    A value is one filled provenance field of a row (a city's population, an Index score,
    a computed overall); a dataset without provenance fields counts its rows. `year` is
    the year the row belongs to (<NA> where it has none). Columns: dataset, year, status,
    values.
    """
    parts = []
    for ds in datasets.DATASETS:
        frame = frames.get(ds.frame)
        if frame is None or frame.empty:
            continue
        year_col = "year" if "year" in frame else ds.year_column
        year = (
            _int_col(frame[year_col]) if year_col in frame else pd.Series(pd.NA, index=frame.index)
        )
        if not ds.provenance:
            status = frame["illustrative"].map({True: "illustrative", False: "published"})
            parts.append(pd.DataFrame({"dataset": ds.name, "year": year, "status": status}))
            continue
        for f in ds.provenance:
            filled = pd.Series(False, index=frame.index)
            for column in f.value_columns:
                filled |= frame[column].notna()
            parts.append(
                pd.DataFrame(
                    {
                        "dataset": ds.name,
                        "year": year[filled],
                        "status": frame.loc[filled, f.column("status")],
                    }
                )
            )
    columns = ["dataset", "year", "status", "values"]
    if not parts:
        return pd.DataFrame(columns=columns)
    values = pd.concat(parts, ignore_index=True)
    values["year"] = values["year"].astype("Int64")
    out = values.groupby(["dataset", "year", "status"], dropna=False).size()
    out = out.reset_index(name="values")
    order = {name: i for i, name in enumerate(datasets.KINDS)}
    rank = {name: i for i, name in enumerate(vocab.STATUSES)}
    out = out.sort_values(
        ["dataset", "year", "status"],
        key=lambda c: (
            c.map(order) if c.name == "dataset" else c.map(rank) if c.name == "status" else c
        ),
    )
    return out.reset_index(drop=True)[columns]


def value_status_counts(url: str | None = None) -> dict[str, dict[str, int]]:
    """Values per dataset and status, strongest status first (the `status` command)."""
    counts = provenance_counts(read_all(url))
    out: dict[str, dict[str, int]] = {}
    for (kind, status), n in (
        counts.groupby(["dataset", "status"], sort=False)["values"].sum().items()
    ):
        out.setdefault(kind, dict.fromkeys(vocab.STATUSES, 0))[status] = int(n)
    return out


class DataManager:
    """Frames of one database, refreshed when its data version changes; copies handed out."""

    def __init__(self, url: str | None = None) -> None:
        self.url = settings.database_url(url)
        self._lock = threading.RLock()
        self._version: int | None = None
        self._frames: dict[str, pd.DataFrame] = {}
        self._derived = Once()
        self._checked_at = 0.0
        self._check_every = float(settings.get("ICC_DATA_CHECK_SECONDS"))

    def version(self) -> int:
        """The data version the frames belong to (reloading first if the database moved on)."""
        self._refresh()
        assert self._version is not None
        return self._version

    def recent_version(self) -> int | None:
        """The data version if it was checked within ICC_DATA_CHECK_SECONDS (the time the
        frames are trusted without asking the database), else None; never asks the
        database, nor waits for a refresh under way."""
        version, checked_at = self._version, self._checked_at
        return version if time.monotonic() - checked_at < self._check_every else None

    def _refresh(self, force: bool = False) -> None:
        now = time.monotonic()
        with self._lock:
            if (
                not force
                and self._version is not None
                and now - self._checked_at < (self._check_every)
            ):
                return
            current = db.data_version(self.url)
            self._checked_at = now
            if force or current != self._version:
                self._frames = read_all(self.url)
                self._derived = Once()
                self._version = current

    def load(self, name: str) -> pd.DataFrame:
        """A copy of frame `name` (one of COLUMNS, or a dataset's KIND), for the latest data."""
        name = FRAME_ALIASES.get(name, name)
        if name not in COLUMNS:
            raise KeyError(f"unknown frame {name!r}; known: {', '.join(COLUMNS)}")
        self._refresh()
        return self._frames[name].copy()

    def cached(self, key: str, fn: Callable[[], Any]) -> Any:
        """`fn()` computed once per data version under `key` (callers must not mutate it)."""
        self._refresh()
        with self._lock:  # the version and its values, together
            derived, version = self._derived, self._version
        # Computed under the key's own lock, not the manager's: `fn` may read frames that
        # other threads are loading (data_loaders/once.py). Shared with the other workers
        # through Redis when CACHE_REDIS_URL is set.
        return derived.get(key, lambda: cache.compute_shared(self.url, version, key, fn))

    def reload(self) -> None:
        """Read everything again now (after an import made by this process)."""
        self._refresh(force=True)


_managers: dict[str, DataManager] = {}
_managers_lock = threading.Lock()


def manager(url: str | None = None) -> DataManager:
    """The DataManager of this process for `url` (default: the configured database)."""
    key = settings.database_url(url)
    with _managers_lock:
        if key not in _managers:
            _managers[key] = DataManager(key)
        return _managers[key]


def load(name: str, url: str | None = None) -> pd.DataFrame:
    """Shortcut: `manager(url).load(name)`."""
    return manager(url).load(name)


def reset_managers() -> None:
    """Forget every DataManager (tests)."""
    with _managers_lock:
        _managers.clear()
