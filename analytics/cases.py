"""What happens to a PMKS case after the report: the lifecycle funnel and the time spent in each
stage, the outcomes by category, and the shelter (UPT) occupancy and length of stay.

The lifecycle is linear (``warehouse.codes.PMKS_STAGES``): dilaporkan, diamankan,
diasesmen, rencana_intervensi, intervensi, evaluasi, monitoring, ditutup. A case whose current
stage (``pmks_kasus.tahap``) is s has reached s and every stage before it, so the funnel
needs no history. Time in a stage needs the stage history (``pmks_kasus_tahap``: when the case
entered each stage); a stage ends when the next recorded one begins (its figures are computed in
SQL from the analytics table ``pmks_tahap_durasi``).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from analytics.ratios import ratio
from domain.codes import PMKS_OUTCOMES, PMKS_STAGES


def _positional_ratio(numerator, denominator) -> np.ndarray:
    # analytics.ratios.ratio by position, not by index: the two sides come from frames with
    # different indexes here.
    return ratio(pd.Series(np.asarray(numerator)), pd.Series(np.asarray(denominator))).to_numpy()


def lifecycle_funnel(cases: pd.DataFrame, stages=PMKS_STAGES) -> pd.DataFrame:
    """How many cases reached each stage of the lifecycle.

    Parameters
    ----------
    cases : pandas.DataFrame
        ``tahap`` (current stage) and optionally ``cases_count`` (cases in the row; 1 per row
        without it): one row per case, or counts as from ``queries/pmks_lifecycle.sql``.
    stages : sequence of str
        The stages in order.

    Returns
    -------
    pandas.DataFrame
        One row per stage in order: tahap, at_stage_count (cases whose current stage it is),
        reached_count (cases at it or a later stage), reached_rate (0-1 of all cases; NaN when
        there are none), step_rate (0-1 of the previous stage's reached_count; 1 for the first
        stage, NaN after a stage no case reached). Unknown stages raise ValueError.
    """
    counts = cases["cases_count"] if "cases_count" in cases.columns else pd.Series(1, index=cases.index)
    unknown = set(cases["tahap"]) - set(stages)
    if unknown:
        raise ValueError(f"unknown stage(s) {sorted(unknown)}")
    at = counts.groupby(cases["tahap"]).sum().reindex(list(stages), fill_value=0).astype("int64")
    reached = at[::-1].cumsum()[::-1]
    out = pd.DataFrame({"tahap": list(stages), "at_stage_count": at.to_numpy(), "reached_count": reached.to_numpy()})
    total = int(at.sum())
    out["reached_rate"] = out["reached_count"] / total if total else np.nan
    previous = out["reached_count"].shift(1).fillna(out["reached_count"].iloc[0])
    out["step_rate"] = _positional_ratio(out["reached_count"], previous)
    return out


def stage_durations(figures: pd.DataFrame, stages=PMKS_STAGES) -> pd.DataFrame:
    """Time spent in each lifecycle stage, every stage in order.

    Parameters
    ----------
    figures : pandas.DataFrame
        One row per stage with a recorded stay: ``tahap``, completed_count, median_hours,
        p90_hours, mean_hours (over the completed stays), open_count, open_median_hours (the
        time so far of the cases in the stage now), as computed from the stage history by
        ``queries/pmks_stage_durations.sql``.
    stages : sequence of str
        The stages in order.

    Returns
    -------
    pandas.DataFrame
        One row per stage in order: tahap, completed_count (stays that ended),
        median_hours, p90_hours, mean_hours (over completed stays; NaN without one),
        open_count (cases in the stage now), open_median_hours (their time so far). The
        closed stage 'ditutup' never ends: no time so far. A stage without stays has zero
        counts and NaN times.
    """
    out = figures.set_index("tahap").reindex(list(stages))
    for col in ("completed_count", "open_count"):
        out[col] = out[col].fillna(0).astype("int64")
    for col in ("median_hours", "p90_hours", "mean_hours", "open_median_hours"):
        out[col] = out[col].astype("float64")
    out.loc[stages[-1], "open_median_hours"] = np.nan
    columns = ["completed_count", "median_hours", "p90_hours", "mean_hours", "open_count", "open_median_hours"]
    return out[columns].rename_axis("tahap").reset_index()


def outcomes_by_category(rows: pd.DataFrame, categories, outcomes=PMKS_OUTCOMES) -> pd.DataFrame:
    """The outcome of the cases of each category.

    Parameters
    ----------
    rows : pandas.DataFrame
        ``kategori``, ``hasil`` (outcome; missing while the case is open) and ``cases_count``
        (rows of ``queries/pmks_lifecycle.sql``; other columns are ignored).
    categories : sequence of str
        Category codes in display order; categories without cases are left out.
    outcomes : sequence of str
        Outcome codes: one column each.

    Returns
    -------
    pandas.DataFrame
        kategori, cases_count, open_count (no outcome yet), ``<hasil>_count`` and
        ``<hasil>_rate`` per outcome (0-1 of the category's cases with an outcome; NaN when it
        has none), sorted by cases_count, largest first.
    """
    present = [c for c in categories if c in set(rows["kategori"])]
    counts = rows.assign(hasil=rows["hasil"].fillna("_open"))
    wide = counts.pivot_table(index="kategori", columns="hasil", values="cases_count", aggfunc="sum", fill_value=0)
    wide = wide.reindex(index=present, columns=[*outcomes, "_open"], fill_value=0).fillna(0).astype("int64")
    out = pd.DataFrame({"kategori": present})
    out["cases_count"] = wide.sum(axis=1).to_numpy()
    out["open_count"] = wide["_open"].to_numpy()
    closed = (out["cases_count"] - out["open_count"]).to_numpy()
    for hasil in outcomes:
        out[f"{hasil}_count"] = wide[hasil].to_numpy()
    for hasil in outcomes:
        out[f"{hasil}_rate"] = _positional_ratio(wide[hasil].to_numpy(), closed)
    return out.sort_values("cases_count", ascending=False, kind="stable").reset_index(drop=True)


def shelter_occupancy(stays: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    """People in the shelter each day, with admissions and discharges.

    Parameters
    ----------
    stays : pandas.DataFrame
        One row per stay: ``tanggal_masuk_shelter`` (admission date) and
        ``tanggal_keluar_shelter`` (discharge date; missing while the person is still there).
        Rows without an admission date are ignored.
    start, end : datetime.date
        The days to report (inclusive).

    Returns
    -------
    pandas.DataFrame
        tanggal (every day from start to end), occupants_count (admitted on or before the day
        and not discharged by it: a person discharged on day d is not counted on d),
        admissions_count, discharges_count. Empty when ``end`` is before ``start``.
    """
    days = pd.date_range(pd.Timestamp(start), pd.Timestamp(end), freq="D")
    masuk = pd.to_datetime(stays["tanggal_masuk_shelter"]).dropna()
    keluar = pd.to_datetime(stays.loc[masuk.index, "tanggal_keluar_shelter"])
    admitted = np.searchsorted(np.sort(masuk.to_numpy()), days.to_numpy(), side="right")
    left = np.searchsorted(np.sort(keluar.dropna().to_numpy()), days.to_numpy(), side="right")
    per_day_in = masuk.value_counts().reindex(days, fill_value=0)
    per_day_out = keluar.dropna().value_counts().reindex(days, fill_value=0)
    return pd.DataFrame(
        {
            "tanggal": days.date,
            "occupants_count": (admitted - left).astype("int64"),
            "admissions_count": per_day_in.to_numpy(dtype="int64"),
            "discharges_count": per_day_out.to_numpy(dtype="int64"),
        }
    )


def length_of_stay(stays: pd.DataFrame, today: dt.date) -> pd.Series:
    """How long people stay in the shelter, as of a day.

    Parameters
    ----------
    stays : pandas.DataFrame
        As for :func:`shelter_occupancy`.
    today : datetime.date
        The day the figures are taken on (the data date or the end of the period): a stay
        discharged after it still counts as current.

    Returns
    -------
    pandas.Series
        discharged_count, median_days, p90_days, mean_days (discharge - admission in days,
        over stays discharged by ``today``; NaN without one), current_count (in the shelter
        on ``today`` as :func:`shelter_occupancy` counts), current_median_days (their days so
        far).
    """
    masuk = pd.to_datetime(stays["tanggal_masuk_shelter"])
    keluar = pd.to_datetime(stays["tanggal_keluar_shelter"])
    now = pd.Timestamp(today)
    discharged = masuk.notna() & keluar.notna() & (keluar <= now)
    done = (keluar - masuk)[discharged].dt.days.astype("float64")
    still = masuk.notna() & (masuk <= now) & ~discharged
    so_far = (now - masuk[still]).dt.days.astype("float64")
    return pd.Series(
        {
            "discharged_count": len(done),
            "median_days": done.median() if len(done) else np.nan,
            "p90_days": done.quantile(0.9) if len(done) else np.nan,
            "mean_days": done.mean() if len(done) else np.nan,
            "current_count": int(still.sum()),
            "current_median_days": so_far.median() if len(so_far) else np.nan,
        }
    )
