"""DTKS update coverage: how much of the register has been verified this cycle, and when the
rest will be done at today's pace.

Definitions (DESIGN.md, "Metrics"): a household is *updated* when it has a verivali result in
the current cycle; update coverage = updated / households in the cycle's frame; backlog = the
rest; pace = households updated per day over the last ``window_days`` days; projected finish =
data date + backlog / pace, none when the pace is zero. All figures here count households,
except the NIK padan rate, which counts members.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd

COUNT_COLUMNS = (
    "households_count",
    "updated_count",
    "updated_7d_ago_count",
    "updated_28d_count",
    "members_count",
    "padan_count",
)


def _ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """numerator / denominator as float, NaN where the denominator is zero."""
    den = denominator.astype("float64")
    return numerator.astype("float64") / den.where(den > 0)


def projected_finish(backlog: float, pace_per_day: float, today: dt.date) -> dt.date | None:
    """The date the backlog is done at a constant pace.

    Parameters
    ----------
    backlog : float
        Records still to do (households).
    pace_per_day : float
        Records done per day.
    today : datetime.date
        The data date the projection starts from.

    Returns
    -------
    datetime.date or None
        ``today`` when there is no backlog; None when the pace is zero or unknown (the work
        never finishes at this pace); otherwise today plus the whole days needed, rounded up.
    """
    if backlog <= 0:
        return today
    if not pace_per_day or pace_per_day <= 0 or math.isnan(pace_per_day):
        return None
    return today + dt.timedelta(days=math.ceil(backlog / pace_per_day))


def update_coverage(counts: pd.DataFrame, today: dt.date, window_days: int = 28) -> pd.DataFrame:
    """Coverage, backlog, pace and projected finish per unit.

    Parameters
    ----------
    counts : pandas.DataFrame
        One row per unit (kelurahan, kecamatan or region) with the count columns of
        ``queries/coverage_kelurahan.sql``: households_count, updated_count,
        updated_7d_ago_count, updated_28d_count (households), members_count, padan_count
        (members). Other columns are kept.
    today : datetime.date
        Data date: the end of the pace window and the start of the projection.
    window_days : int
        Length of the pace window in days (the query counts 28).

    Returns
    -------
    pandas.DataFrame
        ``counts`` plus coverage_rate and coverage_7d_ago_rate (0-1, NaN where a unit has no
        households), backlog_count (households), pace_per_day (households per day),
        projected_finish (date; None when the pace is zero and a backlog remains), padan_rate
        (0-1 of active members, NaN where there are none).
    """
    out = counts.copy()
    out["coverage_rate"] = _ratio(out["updated_count"], out["households_count"])
    out["coverage_7d_ago_rate"] = _ratio(out["updated_7d_ago_count"], out["households_count"])
    out["backlog_count"] = (out["households_count"] - out["updated_count"]).clip(lower=0)
    out["pace_per_day"] = out["updated_28d_count"] / float(window_days)
    out["projected_finish"] = [
        projected_finish(b, p, today) for b, p in zip(out["backlog_count"], out["pace_per_day"])
    ]
    out["padan_rate"] = _ratio(out["padan_count"], out["members_count"])
    return out


def region_coverage(counts: pd.DataFrame, today: dt.date, window_days: int = 28) -> pd.Series:
    """The same figures as :func:`update_coverage` for all units together.

    Parameters
    ----------
    counts : pandas.DataFrame
        Per-unit counts as for :func:`update_coverage`; an empty frame gives zero counts.
    today, window_days
        As for :func:`update_coverage`.

    Returns
    -------
    pandas.Series
        Summed counts plus the derived rates, pace and projected finish of the region.
    """
    totals = counts[list(COUNT_COLUMNS)].sum().astype(np.int64).to_frame().T
    return update_coverage(totals, today, window_days).iloc[0]
