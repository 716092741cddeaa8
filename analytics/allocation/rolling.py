"""The rolling plan: enumerators move to another kelurahan when theirs is done.

The static plan (:mod:`~analytics.allocation.plan`) keeps each enumerator in one kelurahan, so it
needs at least one per kelurahan with a backlog. The rolling plan answers for any number: each
enumerator has an ordered list of postings; a kelurahan is done when the households its
enumerators visit add up to its backlog, and at that moment all of them move on.

Model. Enumerator j visits r_j households per working day (their own history shrunk to the
median, :func:`~analytics.allocation.productivity.enumerator_productivity`), r_j f_i in
kelurahan i (f_i: island travel and what-if factor). Several enumerators may work a kelurahan
at once, at most ``cap`` (None: no limit); an enumerator leaves a kelurahan only when it is
done, and starts the next posting the same moment (days are fractional; dates round to whole
working days).

Rule (:func:`rolling_schedule`). At the start and whenever a kelurahan is done, each free
enumerator, fastest first, joins the open kelurahan (not done, below the cap, in their
kecamatan when restricted) that would finish last with its present team: one nobody works in
first (the largest backlog first), else the largest remaining households / team rate. With
more enumerators than kelurahan this is the order of :func:`~analytics.allocation.solver.greedy_allocation`.

Bounds (:func:`lower_bound_days`). No plan beats L = sum_i (b_i / f_i) / sum_j r_j, the total
backlog over the total daily capacity, nor b_i / (f_i * the cap's fastest rates) for one
kelurahan. Without a cap or kecamatan restriction the rule never leaves anyone idle while
households remain, so every enumerator works until the last kelurahan is done and the makespan
*equals* L: the rule is optimal. With a cap c, anyone idle means every open kelurahan has c
enumerators, the last one to finish (k) included, which then advances by at least c r_min f_k a
day; so the idle time is at most max_k b_k / (c r_min f_k) and the makespan at most
L + max_k b_k / (c r_min f_k) (:func:`upper_bound_days`). Kecamatan restrictions void that
bound (an enumerator may wait while another kecamatan still has work); the plan reports how
close it comes to L.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.allocation.plan import Constraints, available_staff, kecamatan_labels, planning_units
from analytics.allocation.productivity import PRIOR_DAYS, regional_productivity, staff_productivity
from analytics.calendar import EPS_DAYS, PLAIN_WEEK, WorkCalendar, last_finish


@dataclass(frozen=True)
class Schedule:
    """The postings of a rolling plan, in working days from the start of the plan.

    enumerator, unit, start, end: one entry per posting (arrays of equal length, in the order
    they start; enumerator and unit are positions); finish: per unit the day it is done (0
    without a backlog, inf when nobody can reach it); makespan: the largest finish.
    """

    enumerator: np.ndarray
    unit: np.ndarray
    start: np.ndarray
    end: np.ndarray
    finish: np.ndarray

    @property
    def makespan(self) -> float:
        return float(self.finish.max()) if len(self.finish) else 0.0


def lower_bound_days(backlog, factor, rates, cap: int | None = None) -> float:
    """No rolling plan finishes sooner: max(total backlog / total daily capacity, the slowest
    kelurahan with the ``cap`` fastest enumerators in it); working days. Arrays as for
    :func:`rolling_schedule`."""
    b, f, r = (np.asarray(x, dtype="float64") for x in (backlog, factor, rates))
    busy = b > 0
    if not busy.any():
        return 0.0
    if not len(r) or r.sum() <= 0:
        return np.inf
    capacity = float((b[busy] / f[busy]).sum() / r.sum())
    team = np.sort(r)[::-1][: len(r) if cap is None else cap].sum()
    return max(capacity, float((b[busy] / (f[busy] * team)).max()))


def upper_bound_days(backlog, factor, rates, cap: int | None = None) -> float:
    """What :func:`rolling_schedule` is proven not to exceed without kecamatan restrictions:
    the capacity bound L without a cap, L + max_k b_k / (c r_min f_k) with a cap c (module
    note); working days."""
    b, f, r = (np.asarray(x, dtype="float64") for x in (backlog, factor, rates))
    busy = b > 0
    if not busy.any():
        return 0.0
    capacity = float((b[busy] / f[busy]).sum() / r.sum())
    if cap is None or cap >= len(r):
        return capacity
    return capacity + float((b[busy] / (f[busy] * cap * r.min())).max())


def rolling_schedule(backlog, factor, rates, cap: int | None = None, first=None, allowed=None) -> Schedule:
    """The rolling plan of the module note, by simulating it event by event.

    Parameters
    ----------
    backlog : array-like
        b_i, households per kelurahan (>= 0).
    factor : array-like
        f_i > 0 per kelurahan: the share of an enumerator's rate that counts there (island
        travel, what-if change).
    rates : array-like
        r_j > 0, households per working day per enumerator.
    cap : int or None
        Most enumerators in a kelurahan at once (None: no limit). Postings kept by ``first``
        may exceed it.
    first : array-like of int, optional
        Per enumerator the kelurahan they start in (today's posting kept), -1 for free; a
        kelurahan without a backlog counts as free.
    allowed : numpy.ndarray of bool, optional
        (enumerators, kelurahan): where each enumerator may work (their own kecamatan).

    Returns
    -------
    Schedule
    """
    b = np.asarray(backlog, dtype="float64")
    f = np.asarray(factor, dtype="float64")
    r = np.asarray(rates, dtype="float64")
    n_units, n_people = len(b), len(r)
    if (r <= 0).any() or (f[b > 0] <= 0).any():
        raise ValueError("rates and factors must be positive")
    limit = np.iinfo(np.int64).max if cap is None else int(cap)
    if limit < 1:
        raise ValueError("the cap must be at least 1")
    left = b.copy()
    done = b <= 0
    finish = np.where(done, 0.0, np.inf)
    team_rate = np.zeros(n_units)
    team_size = np.zeros(n_units, dtype=np.int64)
    at = np.full(n_people, -1)
    since = np.zeros(n_people)
    postings: list[tuple[int, int, float, float]] = []
    order = np.lexsort((np.arange(n_people), -r))  # fastest first, then by position

    def join(j: int, i: int, t: float) -> None:
        at[j], since[j] = i, t
        team_rate[i] += r[j] * f[i]
        team_size[i] += 1

    def place(people, t: float) -> None:
        for j in people:
            open_ = ~done & (team_size < limit)
            if allowed is not None:
                open_ &= allowed[j]
            if not open_.any():
                continue
            with np.errstate(divide="ignore"):
                ahead = np.where(team_rate > 0, left / np.where(team_rate > 0, team_rate, 1.0), np.inf)
            # Lexicographic: longest to finish with the present team, then most households
            # (for the kelurahan nobody works in yet), then the first position.
            score = np.where(open_, ahead, -1.0)
            best = np.flatnonzero(score == score.max())
            join(j, int(best[np.argmax(left[best])]), t)

    if first is not None:
        for j, i in enumerate(np.asarray(first, dtype=np.int64)):
            if i >= 0 and not done[i] and (allowed is None or allowed[j, i]):
                join(j, int(i), 0.0)
    place([j for j in order if at[j] < 0], 0.0)

    t = 0.0
    while not done.all():
        working = ~done & (team_rate > 0)
        if not working.any():
            break  # the rest is out of everyone's reach: it never finishes
        step = left[working] / team_rate[working]
        dt = float(step.min())
        t += dt
        left[working] -= team_rate[working] * dt
        ended = np.flatnonzero(working)[step <= dt * (1 + 1e-12) + EPS_DAYS * 1e-3]
        left[ended] = 0.0
        done[ended] = True
        finish[ended] = t
        team_rate[ended] = 0.0
        team_size[ended] = 0
        freed = np.isin(at, ended)
        for j in np.flatnonzero(freed):
            postings.append((int(j), int(at[j]), float(since[j]), t))
        at[freed] = -1
        place([j for j in order if at[j] < 0], t)
    for j in np.flatnonzero(at >= 0):
        postings.append((int(j), int(at[j]), float(since[j]), np.inf))

    postings.sort(key=lambda p: (p[2], p[0]))
    cols = list(zip(*postings)) if postings else [(), (), (), ()]
    return Schedule(
        enumerator=np.asarray(cols[0], dtype=np.int64),
        unit=np.asarray(cols[1], dtype=np.int64),
        start=np.asarray(cols[2], dtype="float64"),
        end=np.asarray(cols[3], dtype="float64"),
        finish=finish,
    )


@dataclass(frozen=True)
class RollingPlan:
    """A rolling plan with its dates, next to its lower bound.

    units: per kelurahan the columns of :func:`~analytics.allocation.plan.planning_units` and
    enumerators_rolling_count (people who work there at some point), start_rolling_days,
    finish_rolling_days (working days from the start; inf: never), finish_rolling (date, None
    for never).

    postings: per posting, ordered by enumerator and order: id_petugas, nama (None for an
    additional enumerator), additional, urutan (1 for the first posting), kode, kelurahan,
    kecamatan, start_days, end_days (working days from the start of the plan), start (the
    working day it begins), end (the working day it ends), households_count (households the
    enumerator visits there: their rate times the kelurahan's factor times the days).

    makespan_days, lower_bound_days (:func:`lower_bound_days`), upper_bound_days (the proven
    bound, None under kecamatan restrictions), finish and lower_bound_finish (dates; None for
    never); reserve_count: today's enumerators left out when ``total`` is smaller.
    """

    units: pd.DataFrame
    postings: pd.DataFrame
    total: int
    today: dt.date
    start: dt.date
    regional_per_day: float
    makespan_days: float
    lower_bound_days: float
    upper_bound_days: float | None
    finish: dt.date | None
    lower_bound_finish: dt.date | None
    reserve_count: int
    calendar: WorkCalendar = PLAIN_WEEK

    @property
    def gap_rate(self) -> float:
        """How far the plan is above the lower bound, as a fraction (0: it reaches it; NaN when
        either is 0 or infinite)."""
        if not (0 < self.lower_bound_days < np.inf and self.makespan_days < np.inf):
            return np.nan
        return self.makespan_days / self.lower_bound_days - 1.0

    @property
    def never(self) -> pd.DataFrame:
        """The kelurahan rows nobody can reach (a backlog and no enumerator allowed there)."""
        _, mask = last_finish(self.units["finish_rolling"], self.units["backlog_count"])
        return self.units[mask]


def build_rolling_plan(
    units: pd.DataFrame,
    enumerators: pd.DataFrame,
    total: int,
    today: dt.date,
    constraints: Constraints = Constraints(),
    productivity_change: float = 0.0,
    island_codes: Collection[str] = (),
    prior_days: float = PRIOR_DAYS,
    calendar: WorkCalendar = PLAIN_WEEK,
) -> RollingPlan:
    """Plan ``total`` enumerators as a rolling plan (module note), for any ``total``.

    Parameters
    ----------
    units, enumerators, total, today, productivity_change, island_codes, prior_days, calendar
        As for :func:`~analytics.allocation.plan.build_plan`: the most productive ``total``
        enumerators are planned (additional ones at the regional productivity beyond today's
        staff), each at their own shrunk productivity, times the kelurahan's island factor and
        1 + ``productivity_change``.
    constraints : Constraints
        keep_current: each enumerator starts in the kelurahan they work in now (if it has a
        backlog) and moves on when it is done; max_per_unit: the cap of the team in a
        kelurahan at once; own_kecamatan: enumerators work only in their home kecamatan (those
        without one anywhere). min_per_unit does not apply (a rolling plan has no fixed team).

    Returns
    -------
    RollingPlan

    Raises
    ------
    InfeasiblePlan
        Kind ``no_history`` (:func:`~analytics.allocation.productivity.staff_productivity`).
    """
    staff = staff_productivity(enumerators, prior_days).assign(additional=False)
    regional = regional_productivity(staff)
    out = planning_units(units, staff, constraints, productivity_change, island_codes)
    available = available_staff(staff, total, regional)
    b = out["backlog_count"].to_numpy(dtype="float64")
    factor = (1.0 + productivity_change) * np.where(out["island"], constraints.island_factor, 1.0)
    rates = available["productivity_per_day"].to_numpy(dtype="float64")

    position = pd.Series(np.arange(len(out)), index=out["kode"])
    first = None
    if constraints.keep_current:
        first = available["kode_kelurahan_kini"].map(position).fillna(-1).to_numpy(dtype=np.int64)
    allowed = None
    if constraints.own_kecamatan:
        labels = kecamatan_labels(out)
        home = available["kode_kecamatan_asal"].map(dict(zip(out["kode_kecamatan"], labels)))
        allowed = home.isna().to_numpy()[:, None] | (home.to_numpy()[:, None] == labels.to_numpy()[None, :])
    cap = constraints.max_per_unit
    schedule = rolling_schedule(b, factor, rates, cap=cap, first=first, allowed=allowed)

    j, i = schedule.enumerator, schedule.unit
    postings = pd.DataFrame(
        {
            "id_petugas": available["id_petugas"].to_numpy()[j],
            "nama": available["nama"].to_numpy()[j],
            "additional": available["additional"].astype(bool).to_numpy()[j],
            "kode": out["kode"].to_numpy()[i],
            "kelurahan": out["nama"].to_numpy()[i],
            "kecamatan": out["kecamatan"].to_numpy()[i],
            "start_days": schedule.start,
            "end_days": schedule.end,
            "start": [calendar.day_of(today, d) for d in schedule.start],
            "end": [calendar.finish_date(today, d) for d in schedule.end],
            "households_count": rates[j] * factor[i] * (schedule.end - schedule.start),
            "_person": j,
        }
    )
    postings = postings.sort_values(["_person", "start_days"], kind="stable", ignore_index=True)
    postings.insert(3, "urutan", postings.groupby("_person").cumcount() + 1)
    postings = postings.drop(columns="_person")

    out["enumerators_rolling_count"] = np.bincount(i, minlength=len(out))
    first_start = pd.Series(schedule.start).groupby(i).min()
    out["start_rolling_days"] = pd.Series(np.arange(len(out))).map(first_start).to_numpy(dtype="float64")
    out["finish_rolling_days"] = schedule.finish
    out["finish_rolling"] = [calendar.finish_date(today, d) for d in schedule.finish]
    lower = lower_bound_days(b, factor, rates, cap)
    return RollingPlan(
        units=out,
        postings=postings,
        total=int(total),
        today=today,
        start=calendar.finish_date(today, 1),
        regional_per_day=regional,
        makespan_days=schedule.makespan,
        lower_bound_days=lower,
        upper_bound_days=None if allowed is not None else upper_bound_days(b, factor, rates, cap),
        finish=last_finish(out["finish_rolling"], b)[0] if len(out) else today,
        lower_bound_finish=calendar.finish_date(today, lower),
        reserve_count=int(max(0, len(staff) - total)),
        calendar=calendar,
    )
