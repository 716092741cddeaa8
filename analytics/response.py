"""How fast the rapid-response team (TRC) reaches a reported case, and how much work a shift
carries.

Definitions (docs/architecture.md, "Metrics"): TRC response = arrival time - report time
(``waktu_tiba - waktu_lapor``), in minutes; its median and 90th percentile (numpy's linear
interpolation between order statistics), and the share of arrivals within a configurable
target. A case without an arrival time is counted apart (``no_arrival_count``) and left out of
the percentiles and the share.

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


def shift_of(times: pd.Series, shifts=DEFAULT_SHIFTS) -> pd.DataFrame:
    """The shift each time falls in, and the date that shift began.

    Parameters
    ----------
    times : pandas.Series
        Timestamps (local time, WIB).
    shifts : sequence of (name, start hour)
        Start hours 0-23; each shift lasts until the next start, the last one past midnight
        to the first start of the next day.

    Returns
    -------
    pandas.DataFrame
        Index of ``times``: shift (name; missing for a missing time) and shift_date (the date the
        shift started: a report at 02:00 in a 23:00-07:00 shift belongs to the previous day).
    """
    order = _check_shifts(shifts)
    ts = pd.to_datetime(times)
    hour = ts.dt.hour.to_numpy(dtype="float64")
    starts = np.array([h for _, h in order], dtype="float64")
    names = np.array([n for n, _ in order], dtype=object)
    # Before the first start of the day the time belongs to the day before's last shift.
    slot = np.searchsorted(starts, hour, side="right") - 1
    before_first = slot < 0
    slot = np.where(before_first, len(order) - 1, slot)
    missing = np.isnan(hour)
    shift = np.where(missing, None, names[np.clip(slot, 0, len(order) - 1)])
    day = ts.dt.normalize() - pd.to_timedelta(np.where(before_first & ~missing, 1, 0), unit="D")
    return pd.DataFrame({"shift": shift, "shift_date": day.dt.date}, index=times.index)


def response_times(cases: pd.DataFrame, shifts=DEFAULT_SHIFTS) -> pd.DataFrame:
    """Each case's response time and shift.

    Parameters
    ----------
    cases : pandas.DataFrame
        One row per case with ``waktu_lapor`` (report) and ``waktu_tiba`` (arrival, may be
        missing) timestamps; other columns are kept (rows of ``queries/pmks_response.sql``).
    shifts
        As for :func:`shift_of`.

    Returns
    -------
    pandas.DataFrame
        ``cases`` plus response_minutes (arrival - report in minutes; NaN without an arrival),
        shift and shift_date (of the report).
    """
    out = cases.copy()
    delta = pd.to_datetime(out["waktu_tiba"]) - pd.to_datetime(out["waktu_lapor"])
    out["response_minutes"] = delta.dt.total_seconds() / 60.0
    return out.join(shift_of(out["waktu_lapor"], shifts))


def response_summary(cases: pd.DataFrame, by=(), target_minutes: float = DEFAULT_TARGET_MINUTES) -> pd.DataFrame:
    """Median and 90th percentile response time and the share within the target, per group.

    Parameters
    ----------
    cases : pandas.DataFrame
        Output of :func:`response_times` (``response_minutes`` and the ``by`` columns).
    by : sequence of str
        Grouping columns, e.g. ``("kode_kelurahan",)``, ``("shift",)``, ``("kategori",)``;
        empty for one row over all cases.
    target_minutes : float
        The service target: an arrival within this many minutes (inclusive) meets it.

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns and cases_count, arrived_count, no_arrival_count,
        median_minutes, p90_minutes (NaN for a group without arrivals), within_target_count,
        within_target_rate (0-1 of arrivals; NaN without arrivals). Groups in sorted order.
    """
    by = list(by)
    minutes = cases["response_minutes"].astype("float64")
    frame = cases[by].copy() if by else pd.DataFrame(index=cases.index)
    frame["_m"] = minutes
    frame["_arrived"] = minutes.notna()
    frame["_within"] = minutes <= target_minutes
    frame["_key"] = 0
    groups = frame.groupby(by or ["_key"], dropna=False, sort=True)
    out = groups.agg(
        cases_count=("_m", "size"),
        arrived_count=("_arrived", "sum"),
        within_target_count=("_within", "sum"),
        median_minutes=("_m", "median"),
        p90_minutes=("_m", lambda s: s.quantile(0.9) if s.notna().any() else np.nan),
    ).reset_index()
    if not by:
        out = out.drop(columns="_key")
        if out.empty:
            out = pd.DataFrame(
                [
                    {
                        "cases_count": 0,
                        "arrived_count": 0,
                        "within_target_count": 0,
                        "median_minutes": np.nan,
                        "p90_minutes": np.nan,
                    }
                ]
            )
    out["no_arrival_count"] = out["cases_count"] - out["arrived_count"]
    arrived = out["arrived_count"].astype("float64")
    out["within_target_rate"] = out["within_target_count"] / arrived.where(arrived > 0)
    columns = [
        *by,
        "cases_count",
        "arrived_count",
        "no_arrival_count",
        "median_minutes",
        "p90_minutes",
        "within_target_count",
        "within_target_rate",
    ]
    return out[columns].astype(
        {c: "int64" for c in ("cases_count", "arrived_count", "no_arrival_count", "within_target_count")}
    )


def shift_workload(
    cases: pd.DataFrame,
    start: dt.date,
    end: dt.date,
    team_size: float = DEFAULT_TEAM_SIZE,
    shifts=DEFAULT_SHIFTS,
) -> pd.DataFrame:
    """Cases the TRC answered per shift, per shift worked and per member on a shift.

    Parameters
    ----------
    cases : pandas.DataFrame
        Output of :func:`response_times`; a case counts when it has a response or an arrival
        time (``waktu_respons`` or ``waktu_tiba``).
    start, end : datetime.date
        The period (inclusive): every day in it has one shift of each kind.
    team_size : float
        TRC members (no roster in the warehouse), split evenly over the shifts.
    shifts
        As for :func:`shift_of`.

    Returns
    -------
    pandas.DataFrame
        One row per shift in the order of the day: shift, cases_count, shifts_count (days in
        the period), members_per_shift, cases_per_shift, cases_per_member_per_shift. A period
        of no day or a team of no member gives NaN ratios.
    """
    order = _check_shifts(shifts)
    answered = cases["waktu_tiba"].notna()
    if "waktu_respons" in cases.columns:
        answered |= cases["waktu_respons"].notna()
    counts = cases.loc[answered, "shift"].value_counts()
    days = max(0, (pd.Timestamp(end) - pd.Timestamp(start)).days + 1)
    members = team_size / len(order) if team_size > 0 else np.nan
    out = pd.DataFrame({"shift": [n for n, _ in order]})
    out["cases_count"] = [int(counts.get(n, 0)) for n in out["shift"]]
    out["shifts_count"] = days
    out["members_per_shift"] = members
    out["cases_per_shift"] = out["cases_count"] / days if days else np.nan
    out["cases_per_member_per_shift"] = out["cases_per_shift"] / members
    return out


def shift_summary(
    cases: pd.DataFrame,
    start: dt.date,
    end: dt.date,
    team_size: float = DEFAULT_TEAM_SIZE,
    shifts=DEFAULT_SHIFTS,
    target_minutes: float = DEFAULT_TARGET_MINUTES,
) -> pd.DataFrame:
    """Per shift, the response figures of :func:`response_summary` next to the workload of
    :func:`shift_workload` (its ``cases_count`` named ``answered_count`` here).

    Parameters
    ----------
    cases : pandas.DataFrame
        Output of :func:`response_times` computed with the same ``shifts``.
    start, end, team_size, shifts, target_minutes
        As for :func:`shift_workload` and :func:`response_summary`.

    Returns
    -------
    pandas.DataFrame
        One row per shift in the order of the day, every shift present (a shift without cases
        has zero counts and NaN times).
    """
    workload = shift_workload(cases, start, end, team_size, shifts).rename(columns={"cases_count": "answered_count"})
    times = response_summary(cases, ("shift",), target_minutes)
    out = workload[["shift"]].merge(times, on="shift", how="left")
    counts = ["cases_count", "arrived_count", "no_arrival_count", "within_target_count"]
    out[counts] = out[counts].fillna(0).astype("int64")
    return out.merge(workload, on="shift", how="left")
