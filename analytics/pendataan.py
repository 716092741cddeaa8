"""Progress of a pendataan campaign (a data-collection drive such as the orphans of each
kecamatan) against its targets: per unit, for the region, the lagging units and each
collector's output.

A unit is lagging when its records are fewer than its target times the share of the campaign's
window elapsed on the data date (the pace that would meet the target on the last day). The
record counts come from SQL (queries/pendataan_units.sql, pendataan_petugas.sql); the targets are
settings (config/pendataan.toml) handed in as values.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd


def elapsed_share(mulai: dt.date, selesai: dt.date, today: dt.date) -> float:
    """The share of the window ``mulai``..``selesai`` (both days included) elapsed by the end
    of ``today``: 0 before it opens, 1 from its last day on."""
    days = (selesai - mulai).days + 1
    return float(min(max((today - mulai).days + 1, 0), days) / days)


def progress(units: pd.DataFrame, targets: dict[str, int], expected_rate: float) -> pd.DataFrame:
    """Each unit's records against its target.

    Parameters
    ----------
    units : pandas.DataFrame
        One row per unit with ``kode`` and ``records_count`` (records collected); other columns
        are kept.
    targets : dict
        Unit code -> records expected by the end of the campaign; a unit without one has no
        target (NaN) and is never lagging.
    expected_rate : float
        The share of the target due by now, 0-1 (:func:`elapsed_share`).

    Returns
    -------
    pandas.DataFrame
        A copy with ``target_count`` (float, NaN: none), ``progress_rate`` = records / target
        (0-1 and above; NaN for no target or a target of 0), ``expected_count`` = target x
        expected_rate rounded up, ``gap_count`` = expected_count - records where positive, else
        0, and ``lagging`` (records below expected_count).
    """
    target = units["kode"].map(targets).astype("float64")
    records = units["records_count"].astype("float64")
    expected = np.ceil(target * expected_rate - 1e-9)
    return units.assign(
        target_count=target,
        progress_rate=records / target.where(target > 0),
        expected_count=expected,
        gap_count=(expected - records).clip(lower=0).fillna(0).astype("int64"),
        lagging=(records < expected).to_numpy(),
    )


def region_progress(rows: pd.DataFrame, expected_rate: float) -> pd.Series:
    """The region's records against the sum of the targets of ``rows`` (output of
    :func:`progress`): records_count, target_count (sum over units with a target),
    progress_rate (NaN when the targets sum to 0), expected_count, gap_count, lagging_count
    (units lagging) and units_count."""
    target = float(rows["target_count"].sum(min_count=1)) if len(rows) else float("nan")
    records = int(rows["records_count"].sum())
    expected = float(np.ceil(target * expected_rate - 1e-9)) if target == target else float("nan")
    return pd.Series(
        {
            "records_count": records,
            "target_count": target,
            "progress_rate": records / target if target and target == target else float("nan"),
            "expected_count": expected,
            "gap_count": int(max(expected - records, 0)) if expected == expected else 0,
            "lagging_count": int(rows["lagging"].sum()),
            "units_count": len(rows),
        }
    )


def lagging_units(rows: pd.DataFrame) -> pd.DataFrame:
    """The lagging rows of :func:`progress`, the largest gap first (then by code)."""
    lagging = rows[rows["lagging"]]
    return lagging.sort_values(["gap_count", "kode"], ascending=[False, True], kind="stable").reset_index(drop=True)


def collector_output(collectors: pd.DataFrame) -> pd.DataFrame:
    """Each collector's records per active day.

    Parameters
    ----------
    collectors : pandas.DataFrame
        One row per collector with ``records_count`` and ``days_active`` (distinct dates with a
        record, >= 1 for a collector with records).

    Returns
    -------
    pandas.DataFrame
        A copy with ``records_per_day`` = records_count / days_active (NaN for 0 days).
    """
    days = collectors["days_active"].astype("float64")
    return collectors.assign(records_per_day=collectors["records_count"].astype("float64") / days.where(days > 0))


def cumulative(daily: pd.DataFrame, mulai: dt.date, selesai: dt.date, today: dt.date, target: float) -> pd.DataFrame:
    """Records collected by each day of the campaign up to ``today`` against the straight line
    from 0 on ``mulai`` to ``target`` on ``selesai``.

    Parameters
    ----------
    daily : pandas.DataFrame
        ``tanggal`` (date) and ``records_count`` per day with records.
    mulai, selesai, today : datetime.date
        The campaign's window and the data date.
    target : float
        The region's target (NaN: no line).

    Returns
    -------
    pandas.DataFrame
        One row per day from ``mulai`` to min(today, selesai): tanggal (Timestamp),
        records_count (cumulative), expected_count (the line, float); no rows before the
        campaign opens.
    """
    days = pd.date_range(pd.Timestamp(mulai), pd.Timestamp(min(today, selesai)), freq="D")
    if days.empty:
        return pd.DataFrame({"tanggal": days, "records_count": pd.Series([], dtype="int64"), "expected_count": []})
    per_day = daily.assign(tanggal=pd.to_datetime(daily["tanggal"])).set_index("tanggal")["records_count"]
    # Records dated before the window (none load) would be lost from the line; they count on day one.
    counts = per_day.reindex(days, fill_value=0).cumsum() + int(per_day[per_day.index < days.min()].sum())
    share = np.array([elapsed_share(mulai, selesai, d.date()) for d in days])
    return pd.DataFrame(
        {"tanggal": days, "records_count": counts.to_numpy().astype("int64"), "expected_count": target * share}
    )
