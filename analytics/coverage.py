"""DTKS update coverage: how much of the register has been verified this cycle, and when the
rest will be done at today's pace.

Definitions (docs/architecture.md, "Metrics"): a household is *updated* when it has a verivali result in
the current cycle; update coverage = updated / households in the cycle's frame; backlog = the
rest; pace = households updated per day over the last ``window_days`` days; projected finish =
data date + backlog / pace, none when the pace is zero. A unit lags when its coverage is below
the target for the data date (a configurable schedule, by default a straight line from 0 at the
cycle's start to 1 at its target date); below the regional coverage is a separate marker
(behind_region) that does not by itself make a unit lagging (issue 16, point 7).

Days. Without a calendar, pace and finish count calendar days. With a
:class:`analytics.calendar.WorkCalendar` (the agency's working days: weekends, public holidays,
cuti bersama and local days off are not worked) the pace is per working day of the window and
the finish is the data date plus backlog / pace working days.

The region's finish (:func:`last_kelurahan_finish`). "At today's city pace" (the region row's
own projected_finish) spreads the region's pace over its whole backlog as if a kelurahan's
enumerators could work anywhere. The region is done when its last kelurahan is, each at its own
pace: finish_last_kelurahan is that date, and none when a kelurahan with a backlog has pace zero
(never_finish_count of them, named by :func:`never_finishing`). The planner's "finish with
today's postings" is the same definition (:func:`analytics.calendar.last_finish`).

:func:`update_coverage` and :func:`region_coverage` count households, except the NIK padan rate,
which counts members; :func:`coverage_by_unit` lets the caller count households or members.

A little over 500 lines: every coverage figure shares the frame, the pace window and the
calendar; the funnel and the cumulative progress are the seam along which it would split.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd

from analytics.calendar import WorkCalendar, last_finish
from analytics.classify import Classes, classify
from analytics.ratios import ratio

COUNT_COLUMNS = (
    "households_count",
    "updated_count",
    "updated_7d_ago_count",
    "updated_28d_count",
    "members_count",
    "padan_count",
)


def projected_finish(
    backlog: float, pace_per_day: float, today: dt.date, calendar: WorkCalendar | None = None
) -> dt.date | None:
    """The date the backlog is done at a constant pace.

    Parameters
    ----------
    backlog : float
        Records still to do (households).
    pace_per_day : float
        Records done per day (per working day of ``calendar`` when one is given).
    today : datetime.date
        The data date the projection starts from.
    calendar : analytics.calendar.WorkCalendar or None
        None: count calendar days; else count its working days.

    Returns
    -------
    datetime.date or None
        ``today`` when there is no backlog; None when the pace is zero or unknown (the work
        never finishes at this pace); otherwise today plus the whole (working) days needed,
        rounded up.
    """
    if backlog <= 0:
        return today
    if not pace_per_day or pace_per_day <= 0 or math.isnan(pace_per_day):
        return None
    if calendar is not None:
        return calendar.finish_date(today, backlog / pace_per_day)
    return today + dt.timedelta(days=math.ceil(backlog / pace_per_day))


def pace_days(today: dt.date, window_days: int, calendar: WorkCalendar | None = None) -> int:
    """The days the pace is measured over: the ``window_days`` days ending on ``today``, or the
    working days among them when a calendar is given (at least 1)."""
    if calendar is None:
        return int(window_days)
    first = today - dt.timedelta(days=int(window_days) - 1)
    return max(1, calendar.working_days_between(first, today))


def kelurahan_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """The kelurahan/desa rows of ``queries/coverage_units.sql`` output, in its order."""
    return rows[rows["level"] == "kelurahan"].reset_index(drop=True)


def update_coverage(
    counts: pd.DataFrame, today: dt.date, window_days: int = 28, calendar: WorkCalendar | None = None
) -> pd.DataFrame:
    """Coverage, backlog, pace and projected finish per unit.

    Parameters
    ----------
    counts : pandas.DataFrame
        One row per unit (kelurahan, kecamatan or region) with the count columns of
        ``queries/coverage_units.sql``: households_count, updated_count,
        updated_7d_ago_count, updated_28d_count (households), members_count, padan_count
        (members). Other columns are kept.
    today : datetime.date
        Data date: the end of the pace window and the start of the projection.
    window_days : int
        Length of the pace window in days (the query counts 28).
    calendar : analytics.calendar.WorkCalendar or None
        None: pace and finish in calendar days; else in its working days (:func:`pace_days`).

    Returns
    -------
    pandas.DataFrame
        ``counts`` plus coverage_rate and coverage_7d_ago_rate (0-1, NaN where a unit has no
        households), backlog_count (households), pace_per_day (households per day, or per
        working day with a calendar),
        projected_finish (date; None when the pace is zero and a backlog remains), padan_rate
        (0-1 of active members, NaN where there are none).
    """
    out = counts.copy()
    out["coverage_rate"] = ratio(out["updated_count"], out["households_count"])
    out["coverage_7d_ago_rate"] = ratio(out["updated_7d_ago_count"], out["households_count"])
    out["backlog_count"] = (out["households_count"] - out["updated_count"]).clip(lower=0)
    out["pace_per_day"] = out["updated_28d_count"] / float(pace_days(today, window_days, calendar))
    # Once per distinct (backlog, pace): a province has thousands of units and few distinct pairs
    # per day count, and each finish walks the working-day calendar.
    finishes: dict[tuple[float, float], dt.date | None] = {}
    out["projected_finish"] = [
        finishes[key] if key in finishes else finishes.setdefault(key, projected_finish(*key, today, calendar))
        for key in zip(out["backlog_count"], out["pace_per_day"])
    ]
    out["padan_rate"] = ratio(out["padan_count"], out["members_count"])
    return out


def region_coverage(
    counts: pd.DataFrame, today: dt.date, window_days: int = 28, calendar: WorkCalendar | None = None
) -> pd.Series:
    """The same figures as :func:`update_coverage` for all units together.

    Parameters
    ----------
    counts : pandas.DataFrame
        Per-unit counts as for :func:`update_coverage`; an empty frame gives zero counts.
    today, window_days, calendar
        As for :func:`update_coverage`.

    Returns
    -------
    pandas.Series
        Summed counts plus the derived rates, pace and projected finish of the region.
    """
    totals = counts[list(COUNT_COLUMNS)].sum().astype(np.int64).to_frame().T
    return update_coverage(totals, today, window_days, calendar).iloc[0]


UNITS = ("households", "members")

# Which count columns the coverage figures use when they count households or members.
UNIT_COLUMNS = {
    "households": {
        "frame": "households_count",
        "updated": "updated_count",
        "updated_7d_ago": "updated_7d_ago_count",
        "updated_28d": "updated_28d_count",
    },
    "members": {
        "frame": "frame_members_count",
        "updated": "updated_members_count",
        "updated_7d_ago": "updated_members_7d_ago_count",
        "updated_28d": "updated_members_28d_count",
    },
}

RESULTS = ("diperbarui", "tidak_ditemukan", "pindah", "meninggal", "duplikat")

# The verivali stages in funnel order (docs/architecture.md, data model: verivali).
STAGES = ("usulan_musyawarah", "entri_siksng", "cek_dinsos", "ground_check", "padan", "desil")


def coverage_by_unit(
    counts: pd.DataFrame,
    today: dt.date,
    unit: str = "households",
    window_days: int = 28,
    calendar: WorkCalendar | None = None,
) -> pd.DataFrame:
    """:func:`update_coverage` counting households or members.

    Parameters
    ----------
    counts : pandas.DataFrame
        Rows of ``queries/coverage_units.sql`` (any level): the columns of
        :data:`UNIT_COLUMNS` for ``unit`` plus members_count and padan_count.
    today, window_days, calendar
        As for :func:`update_coverage`.
    unit : {'households', 'members'}
        What coverage_rate, coverage_7d_ago_rate, backlog_count, pace_per_day and
        projected_finish count. With 'members' a member counts as updated when its household
        is; the input columns are kept under their own names.

    Returns
    -------
    pandas.DataFrame
        ``counts`` plus the columns of :func:`update_coverage` and ``frame_count`` and
        ``done_count`` (records in the frame and updated, in ``unit``). Zero denominators give
        NaN rates; a zero pace with a backlog gives no finish date.
    """
    if unit not in UNIT_COLUMNS:
        raise ValueError(f"unknown unit {unit!r}; choose from {UNITS}")
    cols = UNIT_COLUMNS[unit]
    generic = counts.assign(
        households_count=counts[cols["frame"]],
        updated_count=counts[cols["updated"]],
        updated_7d_ago_count=counts[cols["updated_7d_ago"]],
        updated_28d_count=counts[cols["updated_28d"]],
    )
    out = update_coverage(generic, today, window_days, calendar)
    for column in ("households_count", "updated_count", "updated_7d_ago_count", "updated_28d_count"):
        out[column] = counts[column]
    out["frame_count"] = counts[cols["frame"]].to_numpy()
    out["done_count"] = counts[cols["updated"]].to_numpy()
    return out


def result_breakdown(counts: pd.DataFrame) -> pd.DataFrame:
    """The updated households of each unit by their latest result, as counts and shares.

    Parameters
    ----------
    counts : pandas.DataFrame
        Rows with ``kode`` and ``<result>_count`` for every result of :data:`RESULTS`
        (households, ``queries/coverage_units.sql``).

    Returns
    -------
    pandas.DataFrame
        Long: kode, hasil (in the order of :data:`RESULTS`), households_count, share_rate
        (0-1 of the unit's updated households; NaN when it has none).
    """
    wide = counts.set_index("kode")[[f"{r}_count" for r in RESULTS]]
    wide.columns = list(RESULTS)
    long = wide.stack().rename("households_count").reset_index()
    long.columns = ["kode", "hasil", "households_count"]
    totals = long.groupby("kode", sort=False)["households_count"].transform("sum")
    long["share_rate"] = ratio(long["households_count"], totals)
    return long


def _as_date(value) -> dt.date:
    return pd.Timestamp(value).date()


def target_rate(day: dt.date, start: dt.date, end: dt.date, schedule=None) -> float:
    """The coverage a cycle should have reached on ``day``.

    Parameters
    ----------
    day : datetime.date
    start, end : datetime.date
        The cycle's tanggal_mulai and tanggal_target.
    schedule : sequence of (date, rate) or None
        Configured targets (rate 0-1), in any order. Between two points the target runs in a
        straight line; before the first point it rises in a straight line from 0 at ``start``;
        after the last it stays there. None or empty: a straight line from 0 at ``start`` to
        1 at ``end``.

    Returns
    -------
    float
        0-1. Before ``start`` 0; with ``end`` equal to ``start`` the target is 1 from that day.
    """
    points = sorted((_as_date(d), float(r)) for d, r in (schedule or ()))
    if not points:
        points = [(_as_date(end), 1.0)]
    if points[0][0] > _as_date(start):
        points = [(_as_date(start), 0.0), *points]
    day = _as_date(day)
    if day < points[0][0]:
        return 0.0
    for (d0, r0), (d1, r1) in zip(points, points[1:]):
        if d0 <= day <= d1:
            span = (d1 - d0).days
            return r1 if span == 0 else r0 + (r1 - r0) * (day - d0).days / span
    return points[-1][1]


def lagging_flags(units: pd.DataFrame, region_rate: float, target: float) -> pd.DataFrame:
    """Which units lag: below the target set for today. Below the regional coverage is its
    own marker (behind_region), not a reason to lag: half the units are below any average.

    Parameters
    ----------
    units : pandas.DataFrame
        Output of :func:`update_coverage` or :func:`coverage_by_unit` (``coverage_rate`` 0-1).
    region_rate : float
        The region's coverage (0-1); NaN compares as not lagging.
    target : float
        Target coverage for the data date (0-1, :func:`target_rate`).

    Returns
    -------
    pandas.DataFrame
        ``units`` plus target_rate, gap_to_target_rate (target - coverage, positive when
        behind), behind_target, behind_region and lagging (booleans; lagging = behind_target).
        A unit without records
        (NaN coverage) is never lagging.
    """
    out = units.copy()
    rate = out["coverage_rate"]
    out["target_rate"] = float(target)
    out["gap_to_target_rate"] = float(target) - rate
    out["behind_target"] = (rate < target).fillna(False).astype(bool)
    out["behind_region"] = (rate < region_rate).fillna(False).astype(bool)
    out["lagging"] = out["behind_target"]
    return out


def cumulative_progress(
    daily: pd.DataFrame,
    frame_count: float,
    start: dt.date,
    end: dt.date,
    today: dt.date,
    column: str = "updated_count",
    schedule=None,
) -> pd.DataFrame:
    """The cumulative share done, day by day from the cycle start to ``today``, with the target.

    Parameters
    ----------
    daily : pandas.DataFrame
        One unit's rows of ``queries/coverage_daily.sql``: ``tanggal`` and ``column`` (records
        done that day; households or members, as the column says).
    frame_count : float
        Records in the frame (the denominator, same unit as ``column``).
    start, end : datetime.date
        The cycle's tanggal_mulai and tanggal_target.
    today : datetime.date
        Last day of the series (the data date).
    column : str
        Which daily count to accumulate.
    schedule
        Target schedule for :func:`target_rate`.

    Returns
    -------
    pandas.DataFrame
        tanggal (every day from ``start`` to ``today``; days before ``start`` are folded into
        the first day), done_count (cumulative), progress_rate (0-1; NaN when the frame is
        empty), target_rate (0-1).
    """
    start, today = _as_date(start), _as_date(today)
    last = max(start, today)
    days = pd.date_range(start, last, freq="D")
    when = pd.to_datetime(daily["tanggal"]).clip(lower=pd.Timestamp(start))
    per_day = pd.Series(daily[column].to_numpy(dtype="float64"), index=when).groupby(level=0).sum()
    done = per_day.reindex(days, fill_value=0.0).cumsum()
    out = pd.DataFrame({"tanggal": days.date, "done_count": done.to_numpy()})
    out["progress_rate"] = out["done_count"] / frame_count if frame_count > 0 else np.nan
    out["target_rate"] = [target_rate(d, start, end, schedule) for d in out["tanggal"]]
    return out


def funnel_table(funnel: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    """The verivali funnel per unit, stages as columns, each as a share of the frame.

    Parameters
    ----------
    funnel : pandas.DataFrame
        Rows of ``queries/verivali_funnel.sql``: kode, tahap_order, tahap, households_count.
    frame : pandas.DataFrame
        kode and households_count (the frame, households) of the same units; its other
        columns are kept.

    Returns
    -------
    pandas.DataFrame
        One row per kode of ``frame`` (in its order), its columns and ``<tahap>_count`` and
        ``<tahap>_rate`` (0-1 of the frame; NaN for an empty frame) for each stage in funnel
        order (counts in households).
    """
    order = funnel.drop_duplicates("tahap").sort_values("tahap_order")["tahap"].tolist()
    wide = funnel.pivot(index="kode", columns="tahap", values="households_count").reindex(columns=order)
    out = frame.merge(wide.reset_index(), on="kode", how="left")
    den = frame["households_count"].to_numpy(dtype="float64")
    for tahap in order:
        counts = out[tahap].fillna(0).astype("int64")
        out[f"{tahap}_count"] = counts
        out[f"{tahap}_rate"] = ratio(counts, pd.Series(den, index=out.index))
    return out.drop(columns=order)


def shared_classes(before: pd.Series, after: pd.Series, scheme: str = "quantiles", k: int = 5):
    """Classify two snapshots of the same value with one set of class breaks.

    Parameters
    ----------
    before, after : pandas.Series
        The mapped value (any unit) at two dates; NaN is no data.
    scheme, k
        As for :func:`analytics.classify.classify`, applied to both together.

    Returns
    -------
    tuple of analytics.classify.Classes
        (before, after) with the same ``lower`` and ``bins``, so equal colours mean equal
        classes on both maps; ``counts`` are each snapshot's own.
    """
    both = classify(pd.concat([before, after], ignore_index=True), scheme=scheme, k=k)
    n = len(before)

    def part(index: np.ndarray) -> Classes:
        counts = tuple(int((index == i).sum()) for i in range(len(both.bins)))
        return Classes(both.lower, both.bins, index, counts, int((index < 0).sum()))

    return part(both.index[:n]), part(both.index[n:])


def coverage_levels(
    rows: pd.DataFrame,
    today: dt.date,
    start: dt.date,
    end: dt.date,
    schedule=None,
    unit: str = "households",
    window_days: int = 28,
    calendar: WorkCalendar | None = None,
) -> pd.DataFrame:
    """Coverage, pace, finish dates and lagging flags for every row of ``coverage_units.sql``.

    Parameters
    ----------
    rows : pandas.DataFrame
        Rows of ``queries/coverage_units.sql`` (levels region, kecamatan, kelurahan); exactly
        one region row.
    today : datetime.date
        The data date.
    start, end : datetime.date
        The cycle's tanggal_mulai and tanggal_target (the default target line).
    schedule
        Configured target schedule (:func:`target_rate`).
    unit : {'households', 'members'}
        What the coverage figures count (:func:`coverage_by_unit`).
    window_days : int
        Pace window, days.
    calendar : analytics.calendar.WorkCalendar or None
        Working days of the pace and the finish dates (:func:`update_coverage`).

    Returns
    -------
    pandas.DataFrame
        ``rows`` with the columns of :func:`coverage_by_unit`, :func:`last_kelurahan_finish`
        and :func:`lagging_flags`; every unit is compared with the region row's coverage (so
        the region itself is never behind the region) and the target for ``today``.
    """
    out = last_kelurahan_finish(coverage_by_unit(rows, today, unit=unit, window_days=window_days, calendar=calendar))
    region = out.loc[out["level"] == "region", "coverage_rate"]
    region_rate = float(region.iloc[0]) if len(region) else np.nan
    return lagging_flags(out, region_rate, target_rate(today, start, end, schedule))


def last_kelurahan_finish(levels: pd.DataFrame) -> pd.DataFrame:
    """When each unit is done: the finish of its last kelurahan, each at its own pace.

    Parameters
    ----------
    levels : pandas.DataFrame
        Rows of ``queries/coverage_units.sql`` (level, kode, kode_kecamatan) with
        backlog_count and projected_finish (:func:`coverage_by_unit`).

    Returns
    -------
    pandas.DataFrame
        ``levels`` plus finish_last_kelurahan (date; None when one of its kelurahan never
        finishes, :func:`analytics.calendar.last_finish`) and never_finish_count (its
        kelurahan with a backlog and pace zero). On a kelurahan row they are its own finish
        and 0 or 1; on a kecamatan row those of its kelurahan; on the region row those of all
        kelurahan. The region row's projected_finish stays "at today's city pace".
    """
    out = levels.copy()
    kelurahan = levels[levels["level"] == "kelurahan"]
    # A kelurahan is a set of one: its own finish, never when a backlog has none (last_finish of
    # one unit, without a group per unit: a province has thousands).
    own_never = (kelurahan["backlog_count"].to_numpy(dtype="float64") > 0) & kelurahan["projected_finish"].isna()
    per_group = {
        "kelurahan": {
            k: (f, np.array([n])) for k, f, n in zip(kelurahan["kode"], kelurahan["projected_finish"], own_never)
        },
        "kecamatan": {
            k: last_finish(g["projected_finish"], g["backlog_count"]) for k, g in kelurahan.groupby("kode_kecamatan")
        },
    }
    region = last_finish(kelurahan["projected_finish"], kelurahan["backlog_count"])
    empty = (None, np.zeros(0, dtype=bool))
    found = [
        region if level == "region" else per_group.get(level, {}).get(kode, empty)
        for level, kode in zip(levels["level"], levels["kode"])
    ]
    out["finish_last_kelurahan"] = pd.Series([f for f, _ in found], index=out.index, dtype=object)
    out["never_finish_count"] = np.array([int(m.sum()) for _, m in found], dtype=np.int64)
    return out


def never_finishing(levels: pd.DataFrame, kode: str | None = None) -> pd.DataFrame:
    """The kelurahan rows of ``levels`` that never finish at their own pace: a backlog and pace
    zero (the reason a finish_last_kelurahan is None), inside the kecamatan ``kode`` (None or
    the region's code: all), most backlog first."""
    rows = levels[levels["level"] == "kelurahan"]
    if kode is not None and kode not in set(levels.loc[levels["level"] == "region", "kode"]):
        rows = rows[rows["kode_kecamatan"] == kode]
    _, mask = last_finish(rows["projected_finish"], rows["backlog_count"])
    return rows[mask].sort_values("backlog_count", ascending=False, kind="stable")


def week_change(now: pd.Series, before: pd.Series) -> pd.Series:
    """How the headline figures of one unit changed between two snapshots (e.g. the data date
    and a week before it).

    Parameters
    ----------
    now, before : pandas.Series
        The same unit's row of :func:`coverage_levels` (or :func:`coverage_by_unit`) at the
        later and the earlier date, counted in the same unit (households or members).

    Returns
    -------
    pandas.Series
        coverage_points (percentage points, 0-100 scale; NaN when either rate is NaN),
        done_count and backlog_count (records, in the unit counted), pace_per_day (records per
        day), finish_days (days the projected finish moved, positive = later; NaN when either
        snapshot has no finish date).
    """
    finish_now, finish_before = now["projected_finish"], before["projected_finish"]
    moved = (
        float((finish_now - finish_before).days)
        if isinstance(finish_now, dt.date) and isinstance(finish_before, dt.date)
        else np.nan
    )
    return pd.Series(
        {
            "coverage_points": (float(now["coverage_rate"]) - float(before["coverage_rate"])) * 100,
            "done_count": int(now["done_count"]) - int(before["done_count"]),
            "backlog_count": int(now["backlog_count"]) - int(before["backlog_count"]),
            "pace_per_day": float(now["pace_per_day"]) - float(before["pace_per_day"]),
            "finish_days": moved,
        },
        dtype=object,
    )
