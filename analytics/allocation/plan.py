"""The plan: who goes where, with the finish dates of today's postings and of the proposal.

Island kelurahan (:func:`analytics.allocation.geography.island_units`) lose travel days: their
productivity is multiplied by (working days - travel days) / working days per week, 4/5 by
default.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment

from analytics.allocation.productivity import PRIOR_DAYS, regional_productivity, staff_productivity
from analytics.allocation.solver import InfeasiblePlan, allocate, enumerators_needed, unit_days
from analytics.calendar import PLAIN_WEEK, WorkCalendar, last_finish

TRAVEL_DAYS_PER_WEEK = 1.0
WORK_DAYS_PER_WEEK = 5.0


@dataclass(frozen=True)
class Constraints:
    """What a planner asks for on top of the plain problem.

    min_per_unit: least enumerators in each kelurahan with a backlog; keep_current: at least as
    many as are posted there now; max_per_unit: a cap per kelurahan (None: no cap);
    own_kecamatan: enumerators work only in the kecamatan of their home kelurahan (those with
    no known home kecamatan in the region work anywhere); island_travel: island kelurahan lose
    ``travel_days_per_week`` of ``work_days_per_week``.
    """

    min_per_unit: int = 0
    keep_current: bool = False
    max_per_unit: int | None = None
    own_kecamatan: bool = False
    island_travel: bool = False
    travel_days_per_week: float = TRAVEL_DAYS_PER_WEEK
    work_days_per_week: float = WORK_DAYS_PER_WEEK

    @property
    def island_factor(self) -> float:
        """Share of an island kelurahan's working week left for visits (1 without travel)."""
        if not self.island_travel:
            return 1.0
        return max(0.0, self.work_days_per_week - self.travel_days_per_week) / self.work_days_per_week


@dataclass(frozen=True)
class Plan:
    """An allocation with its finish dates, next to today's.

    units: per kelurahan: the columns of :func:`planning_units` (kode, nama, kode_kecamatan,
    kecamatan, backlog_count, island, productivity_per_day, enumerators_now_count,
    minimum_count) and enumerators_proposed_count,
    finish_now_days, finish_proposed_days (working days; inf where nobody works on a backlog),
    finish_now, finish_proposed (dates in ``calendar``'s working days; None for never).

    assignments: per enumerator (the available ones, those left in reserve, and any additional
    enumerators beyond today's staff): id_petugas, nama (None for an additional one),
    additional (bool), kode_now, kelurahan_now (where they work now),
    kode_proposed, kelurahan_proposed, kecamatan_proposed (None: in reserve), start (first
    working day of the plan, None in reserve), finish_proposed (the proposed finish of their
    kelurahan), moved (bool: placed away from where they work now).
    """

    units: pd.DataFrame
    assignments: pd.DataFrame
    total: int
    today: dt.date
    start: dt.date
    regional_per_day: float
    makespan_now_days: float
    makespan_proposed_days: float
    finish_now: dt.date | None
    finish_proposed: dt.date | None
    unassigned_count: int
    calendar: WorkCalendar = PLAIN_WEEK

    @property
    def uncovered_now_count(self) -> int:
        """Kelurahan with a backlog and nobody posted there today (they never finish "now")."""
        return len(self.never_now)

    @property
    def never_now(self) -> pd.DataFrame:
        """The kelurahan rows that never finish with today's postings (a backlog and nobody
        there): the reason ``finish_now`` is None, as in the overview
        (:func:`analytics.calendar.last_finish`)."""
        _, never = last_finish(self.units["finish_now"], self.units["backlog_count"])
        return self.units[never]

    @property
    def change_days(self) -> int | None:
        """Working days the proposal finishes after (positive) or before (negative) today's
        postings; None when either never finishes."""
        if self.finish_now is None or self.finish_proposed is None:
            return None
        return self.calendar.days_between(self.finish_now, self.finish_proposed)


def available_staff(staff: pd.DataFrame, total: int, regional: float) -> pd.DataFrame:
    """The ``total`` enumerators a plan works with: the most productive of ``staff``
    (:func:`staff_productivity` with ``additional``), then, beyond today's staff, additional
    ones at the regional productivity with no home kecamatan; reindexed 0..total-1."""
    available = staff.sort_values(["productivity_per_day", "id_petugas"], ascending=[False, True]).head(total)
    hires = pd.DataFrame(
        {"productivity_per_day": regional, "additional": True}, index=range(max(0, total - len(staff)))
    )
    return pd.concat([available, hires], ignore_index=True)


def kecamatan_labels(units: pd.DataFrame) -> pd.Series:
    """Each unit's kecamatan name (its code where the name is missing): the pools' keys."""
    return units["kecamatan"].fillna(units["kode_kecamatan"]).astype(object)


def planning_units(
    units: pd.DataFrame,
    staff: pd.DataFrame,
    constraints: Constraints = Constraints(),
    productivity_change: float = 0.0,
    island_codes: Collection[str] = (),
) -> pd.DataFrame:
    """Per kelurahan the inputs of the allocation.

    Parameters
    ----------
    units : pandas.DataFrame
        One row per kelurahan: kode, nama, kode_kecamatan, kecamatan (name, may be null),
        backlog_count (households; :func:`analytics.coverage.update_coverage`).
    staff : pandas.DataFrame
        Today's enumerators with kode_kelurahan_kini (where they work now) and
        productivity_per_day (:func:`staff_productivity`).
    constraints, productivity_change, island_codes
        As for :func:`build_plan`.

    Returns
    -------
    pandas.DataFrame
        The five columns of ``units`` plus island (bool), productivity_per_day (households per
        enumerator per working day: the mean of those posted there now, else the regional
        median; times the island factor and 1 + ``productivity_change``),
        enumerators_now_count and minimum_count (the least the constraints allow).
    """
    regional = regional_productivity(staff)
    posted = staff.groupby("kode_kelurahan_kini")["productivity_per_day"].agg(["size", "mean"])
    out = units[["kode", "nama", "kode_kecamatan", "kecamatan", "backlog_count"]].reset_index(drop=True)
    out["island"] = out["kode"].isin(set(island_codes))
    factor = (1.0 + productivity_change) * np.where(out["island"], constraints.island_factor, 1.0)
    out["productivity_per_day"] = out["kode"].map(posted["mean"]).fillna(regional).to_numpy() * factor
    out["enumerators_now_count"] = out["kode"].map(posted["size"]).fillna(0).astype(np.int64)
    minimum = np.full(len(out), constraints.min_per_unit, dtype=np.int64)
    if constraints.keep_current:
        minimum = np.maximum(minimum, out["enumerators_now_count"].to_numpy())
    out["minimum_count"] = minimum
    return out


def enumerators_needed_by(
    planning: pd.DataFrame,
    today: dt.date,
    target: dt.date,
    constraints: Constraints = Constraints(),
    calendar: WorkCalendar = PLAIN_WEEK,
) -> int:
    """What-if: the fewest enumerators that finish every kelurahan by ``target``
    (:func:`enumerators_needed` on the working days after ``today`` up to ``target``).

    Parameters
    ----------
    planning : pandas.DataFrame
        :func:`planning_units` (backlog_count, productivity_per_day, minimum_count, nama).
    today, target : datetime.date
        Data date and target date.
    constraints : Constraints
        Its cap applies.
    calendar : analytics.calendar.WorkCalendar
        Which days are worked (default Monday to Friday).

    Raises
    ------
    InfeasiblePlan
        Kind ``deadline`` when no working day lies between the two dates, ``cap`` when a
        kelurahan would need more than the cap.
    """
    days = calendar.working_days_until(today, target)
    if days == 0 and (planning["backlog_count"] > 0).any():
        raise InfeasiblePlan("deadline", today=today.isoformat(), date=target.isoformat())
    return enumerators_needed(
        planning["backlog_count"].to_numpy(dtype="float64"),
        planning["productivity_per_day"].to_numpy(),
        max(days, 1),
        minimum=planning["minimum_count"].to_numpy(),
        maximum=constraints.max_per_unit,
        names=planning["nama"].tolist(),
    )


def build_plan(
    units: pd.DataFrame,
    enumerators: pd.DataFrame,
    total: int,
    today: dt.date,
    constraints: Constraints = Constraints(),
    productivity_change: float = 0.0,
    island_codes: Collection[str] = (),
    prior_days: float = PRIOR_DAYS,
    calendar: WorkCalendar = PLAIN_WEEK,
) -> Plan:
    """Allocate ``total`` enumerators to the kelurahan and name who goes where.

    Parameters
    ----------
    units : pandas.DataFrame
        As for :func:`planning_units`.
    enumerators : pandas.DataFrame
        Today's staff (``queries/enumerator_postings.sql``): id_petugas, nama,
        kode_kecamatan_asal (home kecamatan, may be null), kode_kelurahan_kini (where they work
        now), visits_count, active_days_count.
    total : int
        E, enumerators to plan with. Fewer than today's staff: the most productive E are
        planned, the rest stay in reserve; more: the difference are additional enumerators
        with the regional productivity and no home kecamatan.
    today : datetime.date
        Data date; finish dates count working days from it.
    constraints : Constraints
        What the planner asked for. A home kecamatan outside ``units`` counts as unknown.
    productivity_change : float
        What-if change of every productivity as a fraction (-0.2: a 20 % drop).
    island_codes : collection of str
        Kelurahan that lie off the main landmass (:func:`island_units`).
    prior_days : float
        Prior weight of the productivity shrinkage (:func:`enumerator_productivity`).
    calendar : analytics.calendar.WorkCalendar
        Which days are worked (default Monday to Friday without days off); the finish dates
        count its working days.

    Returns
    -------
    Plan
        The kelurahan rows of :func:`planning_units` with the proposal and both finish dates;
        "now" is today's postings under the same productivities, so the two compare like with
        like.

    Raises
    ------
    InfeasiblePlan
        As :func:`allocate` and :func:`staff_productivity`.
    """
    staff = staff_productivity(enumerators, prior_days).assign(additional=False)
    regional = regional_productivity(staff)
    out = planning_units(units, staff, constraints, productivity_change, island_codes)

    available = available_staff(staff, total, regional)
    labels = kecamatan_labels(out)
    home = available["kode_kecamatan_asal"].map(dict(zip(out["kode_kecamatan"], labels)))
    pools = home.dropna().value_counts().to_dict() if constraints.own_kecamatan else None

    b = out["backlog_count"].to_numpy(dtype="float64")
    p = out["productivity_per_day"].to_numpy()
    counts = allocate(
        b,
        p,
        total,
        minimum=out["minimum_count"].to_numpy(),
        maximum=constraints.max_per_unit,
        unit_pool=labels.to_numpy(),
        pools=pools,
        names=out["nama"].tolist(),
    )
    out["enumerators_proposed_count"] = counts
    out["finish_now_days"] = unit_days(b, p, out["enumerators_now_count"])
    out["finish_proposed_days"] = unit_days(b, p, counts)
    out["finish_now"] = [calendar.finish_date(today, d) for d in out["finish_now_days"]]
    out["finish_proposed"] = [calendar.finish_date(today, d) for d in out["finish_proposed_days"]]

    start = calendar.finish_date(today, 1)
    assignments = _assign(out, staff, available, home if constraints.own_kecamatan else None, start)
    now_days = float(out["finish_now_days"].max()) if len(out) else 0.0
    proposed_days = float(out["finish_proposed_days"].max()) if len(out) else 0.0
    return Plan(
        units=out,
        assignments=assignments,
        total=int(total),
        today=today,
        start=start,
        regional_per_day=regional,
        makespan_now_days=now_days,
        makespan_proposed_days=proposed_days,
        finish_now=last_finish(out["finish_now"], b)[0] if len(out) else today,
        finish_proposed=last_finish(out["finish_proposed"], b)[0] if len(out) else today,
        unassigned_count=int(total - counts.sum()),
        calendar=calendar,
    )


def _assign(units: pd.DataFrame, staff: pd.DataFrame, available: pd.DataFrame, home, start) -> pd.DataFrame:
    """Name who fills each proposed place: a minimum-cost assignment (scipy's
    linear_sum_assignment) where staying in the same kelurahan costs 0, moving within the kecamatan 1, elsewhere 2, and a
    place outside a restricted enumerator's own kecamatan is barred."""
    slots = np.repeat(np.arange(len(units)), units["enumerators_proposed_count"].to_numpy())
    kec_codes, kec_of_unit = np.unique(kecamatan_labels(units).to_numpy(dtype=str), return_inverse=True)
    unit_index = pd.Series(np.arange(len(units)), index=units["kode"])
    now = available["kode_kelurahan_kini"].map(unit_index).fillna(-1).to_numpy(dtype=np.int64)
    now_kec = np.where(now >= 0, kec_of_unit[np.maximum(now, 0)], -1)
    cost = np.where(now[:, None] == slots[None, :], 0, np.where(now_kec[:, None] == kec_of_unit[slots][None, :], 1, 2))
    if home is not None:
        home_kec = pd.Series(home).map({k: i for i, k in enumerate(kec_codes)}).fillna(-1).to_numpy(dtype=np.int64)
        barred = (home_kec[:, None] >= 0) & (home_kec[:, None] != kec_of_unit[slots][None, :])
        cost = np.where(barred, len(slots) * 3 + 1, cost)
    target = np.full(len(available), -1)
    if len(slots):
        rows, cols = linear_sum_assignment(cost)
        target[rows] = slots[cols]

    planned = available.assign(_target=target)
    reserve = staff[~staff["id_petugas"].isin(available["id_petugas"].dropna())].assign(_target=-1)
    people = pd.concat([planned, reserve], ignore_index=True)
    names = units.set_index("kode")["nama"]
    placed = people["_target"].to_numpy() >= 0
    go = np.where(placed, people["_target"], 0)
    out = pd.DataFrame(
        {
            "id_petugas": people["id_petugas"],
            "nama": people["nama"],
            "additional": people["additional"].astype(bool),
            "kode_now": people["kode_kelurahan_kini"],
            "kelurahan_now": people["kode_kelurahan_kini"].map(names),
            "kode_proposed": np.where(placed, units["kode"].to_numpy()[go], None),
            "kelurahan_proposed": np.where(placed, units["nama"].to_numpy()[go], None),
            "kecamatan_proposed": np.where(placed, units["kecamatan"].to_numpy()[go], None),
            "start": np.where(placed, start, None),
            "finish_proposed": np.where(placed, units["finish_proposed"].to_numpy()[go], None),
        }
    )
    out["moved"] = placed & out["kode_now"].notna() & (out["kode_proposed"] != out["kode_now"])
    return out.sort_values(["kode_proposed", "nama"], na_position="last", ignore_index=True)
