"""What every generator of the demo shares: the data date, the region, the insert of a frame
through a ``queries/demo`` statement, and the small helpers of random dates and draws."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

import queries

REFERENCE_DATE = np.datetime64("2026-11-20", "D")
REGION = "21.71"
PROVINCE = {"kode": "21", "nama": "Kepulauan Riau", "kode_bps": "21"}
CITY = {"kode": "21.71", "nama": "Kota Batam", "kode_bps": "2171"}

DAY = np.timedelta64(1, "D")


def insert(con: duckdb.DuckDBPyConnection, query: str, params: dict | None = None, **frames: pd.DataFrame) -> None:
    """Run ``queries/demo/<query>.sql`` on ``con`` itself (the build's open transaction: a
    cursor would not see it) with the given frames registered under their keyword names."""
    for name, frame in frames.items():
        con.register(name, frame)
    try:
        con.execute(queries.load(f"demo/{query}"), params or {})
    finally:
        for name in frames:
            con.unregister(name)


def scaled_count(volume: float, per_scale: int, least: int = 4) -> int:
    """``per_scale`` times ``volume``, rounded, and never below ``least``."""
    return max(least, int(round(per_scale * volume)))


def dates_from(days: np.ndarray, origin: np.datetime64) -> np.ndarray:
    """``origin`` plus whole days (floats are floored)."""
    return origin + np.floor(days).astype("int64") * DAY


def _weekday(dates: np.ndarray) -> np.ndarray:
    """0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday)."""
    return (dates.astype("datetime64[D]").astype("int64") + 3) % 7


def no_sundays(dates: np.ndarray, earliest: np.ndarray, latest: np.ndarray) -> np.ndarray:
    """Field work moved off Sundays: to the Monday, or the Saturday when Monday is too late."""
    sunday = _weekday(dates) == 6
    moved = np.where(dates + DAY <= latest, dates + DAY, dates - DAY)
    return np.where(sunday & (moved >= earliest), moved, dates)


def choice(rng: np.random.Generator, weights, size: int) -> np.ndarray:
    """``size`` indices drawn with the given (unnormalised) weights."""
    p = np.asarray(weights, dtype=float)
    return rng.choice(len(p), size=size, p=p / p.sum())
