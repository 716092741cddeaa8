"""How fast the rapid-response team (TRC) reaches a reported case, and how much work a shift
carries.

Definitions (docs/architecture.md, "Metrics"): TRC response = arrival time - report time
(``waktu_tiba - waktu_lapor``), in minutes; its median and 90th percentile (linear
interpolation between order statistics, as numpy's default), and the share of arrivals within a
configurable target. A case without an arrival time is counted apart (``no_arrival_count``) and
left out of the percentiles and the share. The per-case figures are computed in SQL from the
analytics table ``pmks_respons`` (``queries/pmks_response.sql``); this module derives the rates,
the shifts of the day and the workload from them.

Shifts are derived from the report time: by default pagi 07:00-15:00, siang 15:00-23:00 and
malam 23:00-07:00; the start hours are a parameter. A report in the small hours belongs to the
malam shift that began the evening before. The schema has no roster, so the team size is a
parameter (Batam: 14 members plus 12 seconded, 26), split evenly over the shifts.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

# (shift name, start hour), in the order of the day; each shift runs to the next one's start.
DEFAULT_SHIFTS: tuple[tuple[str, int], ...] = (("pagi", 7), ("siang", 15), ("malam", 23))
DEFAULT_TARGET_MINUTES = 60.0
DEFAULT_TEAM_SIZE = 26


def _check_shifts(shifts) -> list[tuple[str, int]]:
    out = [(str(name), int(hour)) for name, hour in shifts]
    hours = [h for _, h in out]
    if not out or any(not 0 <= h < 24 for h in hours) or len(set(hours)) != len(hours):
        raise ValueError(f"shift start hours must be distinct whole hours 0-23, got {shifts!r}")
    return sorted(out, key=lambda s: s[1])


def hour_shifts(shifts=DEFAULT_SHIFTS) -> list[str]:
    """The shift of a report made at each hour of the day.

    Parameters
    ----------
    shifts : sequence of (name, start hour)
        Start hours 0-23; each shift lasts until the next start, the last one past midnight
        to the first start of the next day.

    Returns
    -------
    list of str
        24 shift names, element h for a report at hour h (local time, WIB): before the first
        start of the day the report belongs to the day before's last shift. Bound as
        ``$hour_shift`` in ``queries/pmks_response.sql``.
    """
    order = _check_shifts(shifts)
    starts = np.array([h for _, h in order])
    slot = np.searchsorted(starts, np.arange(24), side="right") - 1
    return [order[s][0] for s in slot]  # slot -1 is the last shift: the night before


def complete_summary(figures: pd.DataFrame, by=()) -> pd.DataFrame:
    """Response figures per group with the counts and rate derived from them.

    Parameters
    ----------
    figures : pandas.DataFrame
        The ``by`` columns and cases_count, arrived_count, within_target_count (cases),
        median_minutes, p90_minutes (minutes; NaN without arrivals), as computed from the
        cases by ``queries/pmks_response.sql``.
    by : sequence of str
        The grouping columns; empty for one row over all cases (a missing row is a group of
        no case).

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns and cases_count, arrived_count, no_arrival_count (cases without an
        arrival time), median_minutes, p90_minutes, within_target_count, within_target_rate
        (0-1 of arrivals; NaN without arrivals).
    """
    by = list(by)
    counts = ["cases_count", "arrived_count", "within_target_count"]
    out = figures[[*by, *counts, "median_minutes", "p90_minutes"]].reset_index(drop=True)
    if not by and out.empty:
        out = pd.DataFrame([{**dict.fromkeys(counts, 0), "median_minutes": np.nan, "p90_minutes": np.nan}])
    out = out.astype({c: "int64" for c in counts}).astype({"median_minutes": "float64", "p90_minutes": "float64"})
    out["no_arrival_count"] = out["cases_count"] - out["arrived_count"]
    arrived = out["arrived_count"].astype("float64")
    out["within_target_rate"] = out["within_target_count"] / arrived.where(arrived > 0)
    return out[
        [
            *by,
            "cases_count",
            "arrived_count",
            "no_arrival_count",
            "median_minutes",
            "p90_minutes",
            "within_target_count",
            "within_target_rate",
        ]
    ]


def shift_workload(
    answered: pd.Series,
    start: dt.date,
    end: dt.date,
    team_size: float = DEFAULT_TEAM_SIZE,
    shifts=DEFAULT_SHIFTS,
) -> pd.DataFrame:
    """Cases the TRC answered per shift, per shift worked and per member on a shift.

    Parameters
    ----------
    answered : pandas.Series
        Cases with a response or an arrival time, indexed by shift name (a shift missing
        answered none).
    start, end : datetime.date
        The period (inclusive): every day in it has one shift of each kind.
    team_size : float
        TRC members (no roster in the warehouse), split evenly over the shifts.
    shifts
        As for :func:`hour_shifts`.

    Returns
    -------
    pandas.DataFrame
        One row per shift in the order of the day: shift, cases_count, shifts_count (days in
        the period), members_per_shift, cases_per_shift, cases_per_member_per_shift. A period
        of no day or a team of no member gives NaN ratios.
    """
    order = _check_shifts(shifts)
    days = max(0, (pd.Timestamp(end) - pd.Timestamp(start)).days + 1)
    members = team_size / len(order) if team_size > 0 else np.nan
    out = pd.DataFrame({"shift": [n for n, _ in order]})
    out["cases_count"] = [int(answered.get(n, 0)) for n in out["shift"]]
    out["shifts_count"] = days
    out["members_per_shift"] = members
    out["cases_per_shift"] = out["cases_count"] / days if days else np.nan
    out["cases_per_member_per_shift"] = out["cases_per_shift"] / members
    return out


def shift_summary(
    figures: pd.DataFrame,
    answered: pd.Series,
    start: dt.date,
    end: dt.date,
    team_size: float = DEFAULT_TEAM_SIZE,
    shifts=DEFAULT_SHIFTS,
) -> pd.DataFrame:
    """Per shift, the response figures of :func:`complete_summary` next to the workload of
    :func:`shift_workload` (its ``cases_count`` named ``answered_count`` here).

    Parameters
    ----------
    figures : pandas.DataFrame
        As for :func:`complete_summary`, grouped by ``shift`` (of the report cases).
    answered : pandas.Series
        As for :func:`shift_workload` (of every case, reports or not).
    start, end, team_size, shifts
        As for :func:`shift_workload`.

    Returns
    -------
    pandas.DataFrame
        One row per shift in the order of the day, every shift present (a shift without cases
        has zero counts and NaN times).
    """
    workload = shift_workload(answered, start, end, team_size, shifts).rename(columns={"cases_count": "answered_count"})
    times = complete_summary(figures, ("shift",))
    out = workload[["shift"]].merge(times, on="shift", how="left")
    counts = ["cases_count", "arrived_count", "no_arrival_count", "within_target_count"]
    out[counts] = out[counts].fillna(0).astype("int64")
    return out.merge(workload, on="shift", how="left")
