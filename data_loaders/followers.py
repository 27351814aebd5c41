"""Follower totals derived from daily net changes, and net growth per period (pure pandas).

A change on day d is the growth during day d: total[d] = total[d-1] + change[d]. A chain of
consecutive calendar days that each carry a change links their totals, so one reported
total anywhere on the chain (before, inside or after the days of the changes) fixes them
all. A missing day breaks the chain; without a reported total a chain gives no totals.
"""

from __future__ import annotations

import pandas as pd

KEY = ["platform", "date"]
ONE_DAY = pd.Timedelta(days=1)
OUT_COLUMNS = ["platform", "date", "followers", "net_change", "source", "derived", "reported"]


def _join_sources(values: pd.Series) -> str | None:
    texts = list(dict.fromkeys(str(v) for v in values.dropna() if str(v).strip()))
    return "; ".join(texts) or None


def _one_row_per_day(df: pd.DataFrame) -> pd.DataFrame:
    """Rows sorted by platform and day, several rows of one day merged (first figure wins)."""
    data = pd.DataFrame(
        {
            "platform": df["platform"].astype(str),
            "date": pd.to_datetime(df["date"]).dt.normalize(),
            "followers": pd.to_numeric(df["followers"], errors="coerce").astype(float),
            "net_change": pd.to_numeric(df["net_change"], errors="coerce").astype(float),
            "source": df["source"] if "source" in df.columns else None,
        }
    )
    shared = data.duplicated(KEY, keep=False)
    if shared.any():
        # Only the days given more than once go through the (slower) per-group merge.
        merged = (
            data[shared]
            .groupby(KEY, sort=False)
            .agg(
                followers=("followers", "first"),
                net_change=("net_change", "first"),
                source=("source", _join_sources),
            )
            .reset_index()
        )
        data = pd.concat([data[~shared], merged], ignore_index=True)
    return data.sort_values(KEY, ignore_index=True)


def derive_totals(df: pd.DataFrame) -> pd.DataFrame:
    """Totals per platform and day, filled from changes where a reported total anchors them."""
    if df.empty:
        return pd.DataFrame(columns=OUT_COLUMNS)
    days = _one_row_per_day(df)
    reported = days["followers"].notna()
    # A day links to the day before when it is the next calendar day of the same platform
    # and carries its change: then each total of a linked run follows from any other.
    linked = (
        days["platform"].eq(days["platform"].shift())
        & days["date"].eq(days["date"].shift() + ONE_DAY)
        & days["net_change"].notna()
    )
    run = (~linked).cumsum()
    level = days["net_change"].where(linked, 0.0).groupby(run).cumsum()
    # Each reported total fixes the run's offset: total = offset + level.
    offset = (days["followers"] - level).where(reported)
    anchor_day = days["date"].where(reported)
    before, after = offset.groupby(run).ffill(), offset.groupby(run).bfill()
    day_before, day_after = anchor_day.groupby(run).ffill(), anchor_day.groupby(run).bfill()
    # Between two anchors (which disagree only if the data do) the nearer one is followed.
    use_before = before.notna() & (
        after.isna() | (days["date"] - day_before <= day_after - days["date"])
    )
    derived_total = before.where(use_before, after) + level
    days["followers"] = days["followers"].where(reported, derived_total)
    days["derived"] = days["followers"].notna() & ~reported
    days["reported"] = reported
    return days[OUT_COLUMNS]


def net_growth(df: pd.DataFrame, freq: str = "MS") -> pd.DataFrame:
    """Net growth per platform and period (sum of net changes, or difference of totals where
    only totals are known); columns platform, period, net_growth, derived."""
    columns = ["platform", "period", "net_growth", "derived"]
    days = df if {"derived", "reported"} <= set(df.columns) else derive_totals(df)
    if days.empty:
        return pd.DataFrame(columns=columns)
    days = days.assign(date=pd.to_datetime(days["date"])).sort_values(KEY, ignore_index=True)
    change = days["net_change"].astype(float)
    total = days["followers"].astype(float)
    summed = change.fillna(0.0).groupby(days["platform"]).cumsum()
    # Between two days with a total, the growth that the known changes do not account for
    # (days without a change) is the difference of the totals less those changes. Totals
    # are end-of-day counts: it goes on the later day, or on the day before it when that
    # day's own change is known (the unexplained growth happened before it).
    known = total.notna()
    unexplained = (total - summed)[known]
    rest = unexplained.groupby(days["platform"][known]).diff().reindex(days.index)
    with_rest = rest.notna() & (change.isna() | rest.ne(0.0))
    parts = [
        pd.DataFrame({"platform": days["platform"], "period": days["date"], "net_growth": change})[
            change.notna()
        ].assign(derived=False),
        pd.DataFrame(
            {
                "platform": days["platform"],
                "period": days["date"] - pd.to_timedelta(change.notna().astype(int), unit="D"),
                "net_growth": rest,
            }
        )[with_rest].assign(derived=True),
    ]
    frame = pd.concat(parts, ignore_index=True).assign(days=1)
    out = (
        frame.groupby(["platform", pd.Grouper(key="period", freq=freq)])
        .agg(net_growth=("net_growth", "sum"), derived=("derived", "any"), days=("days", "sum"))
        .reset_index()
    )
    # The grouper also makes the empty periods between two known ones: no figure there.
    return out[out["days"] > 0][columns].reset_index(drop=True)
