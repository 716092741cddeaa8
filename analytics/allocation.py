"""Enumerator allocation: where the field enumerators should work so that the region's
ground-check backlog is done soonest, and when it will be done.

Model (DESIGN.md, "Enumerator allocation"). Kelurahan i has a backlog b_i (households without
a verivali result in the cycle) and a productivity p_i (households one enumerator ground-checks
per working day there). With n_i enumerators it finishes after b_i / (n_i p_i) working days;
the *makespan* of a plan is the largest of these, the day the last kelurahan finishes. The plan
is static (an enumerator stays in one kelurahan until the plan is redone), so every kelurahan
with a backlog needs at least one enumerator and E enumerators can serve at most E of them.

Time. Productivity is measured per active (working) day, so every duration here is in working
days, Monday to Friday, without a holiday calendar; a finish date is the data date plus that
many working days, rounded up to whole days (:func:`finish_date`). Work starts on the first
working day after the data date.

Productivity. Per enumerator from their ground-check history, shrunk towards the regional
median where the history is short (:func:`enumerator_productivity`); per kelurahan the mean of
the enumerators posted there now, or the regional median where nobody is (:func:`build_plan`).
Island kelurahan (:func:`island_units`) lose travel days: their productivity is multiplied by
(working days - travel days) / working days per week, 4/5 by default.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, linear_sum_assignment, milp
from scipy.sparse.csgraph import connected_components

from analytics.classify import Classes

PRIOR_DAYS = 10.0
ISLAND_GAP_M = 50.0
TRAVEL_DAYS_PER_WEEK = 1.0
WORK_DAYS_PER_WEEK = 5.0

# Rounding slack so that 2.0000000001 working days count as 2.
_EPS = 1e-9

_MESSAGES = {
    "minimums": "the minimums need {needed} enumerators (at least one in each of the {units} "
    "kelurahan with a backlog) but only {available} are available",
    "cap": "kelurahan {unit} needs at least {needed} enumerators but the cap is {cap}",
    "kecamatan": "kecamatan {units} need {needed} enumerators more than live there, but only "
    "{available} can work in any kecamatan",
    "no_history": "no enumerator has a ground-check result to estimate productivity from",
    "deadline": "there is no working day between the data date {today} and the target {date}",
}


class InfeasiblePlan(ValueError):
    """A planning request that no allocation can meet.

    ``kind`` names the conflict (a key of the messages: minimums, cap, kecamatan, no_history,
    deadline) and ``values`` holds the figures of the message, so that a page can say the same
    in its own language.
    """

    def __init__(self, kind: str, **values):
        self.kind = kind
        self.values = values
        super().__init__(_MESSAGES[kind].format(**values))


# --- productivity ---------------------------------------------------------------------------


def regional_productivity(enumerators: pd.DataFrame) -> float:
    """The region's typical productivity: the median over enumerators of their own rate.

    Parameters
    ----------
    enumerators : pandas.DataFrame
        One row per enumerator with ``visits_count`` (ground-check results, households) and
        ``active_days_count`` (distinct days with at least one result).

    Returns
    -------
    float
        Households per enumerator per working day; NaN when nobody has an active day.
    """
    days = enumerators["active_days_count"].astype("float64")
    rates = enumerators["visits_count"].astype("float64")[days > 0] / days[days > 0]
    return float(rates.median()) if len(rates) else math.nan


def enumerator_productivity(
    enumerators: pd.DataFrame, regional_per_day: float, prior_days: float = PRIOR_DAYS
) -> pd.Series:
    """Each enumerator's productivity, shrunk towards the regional median.

    p_j = (x_j + k m) / (d_j + k) = w_j (x_j / d_j) + (1 - w_j) m,  w_j = d_j / (d_j + k),

    with x_j the enumerator's ground-check results, d_j their active days, m the regional
    median and k = ``prior_days`` the prior weight in days (default 10). It is the posterior
    mean of a Poisson daily rate under a gamma prior with mean m worth k observed days: an
    enumerator with 10 active days sits halfway between their own rate and the median, one with
    90 days at 90 % their own, one without history at the median.

    Parameters
    ----------
    enumerators : pandas.DataFrame
        ``visits_count`` and ``active_days_count`` per enumerator (as for
        :func:`regional_productivity`).
    regional_per_day : float
        m, households per enumerator per working day.
    prior_days : float
        k, working days; must be positive.

    Returns
    -------
    pandas.Series
        Households per working day, on the index of ``enumerators``.
    """
    if prior_days <= 0:
        raise ValueError("prior_days must be positive")
    visits = enumerators["visits_count"].astype("float64")
    days = enumerators["active_days_count"].astype("float64")
    return (visits + prior_days * regional_per_day) / (days + prior_days)


# --- geography ------------------------------------------------------------------------------


def island_units(shapes: gpd.GeoDataFrame, gap_m: float = ISLAND_GAP_M) -> pd.Series:
    """Which units lie off the region's main landmass (and cost travel days to reach).

    The polygons are split into their parts; parts closer than ``gap_m`` to each other are
    linked, and the linked group with the largest total area is the main landmass. A unit is an
    island unit when less than half of its area lies on it. Nothing is hard-coded: in Kota Batam
    this finds the kecamatan Belakang Padang, Bulang and Galang and Ngenang, an island
    kelurahan of Nongsa.

    Parameters
    ----------
    shapes : geopandas.GeoDataFrame
        Units with polygon geometry (EPSG:4326 from the warehouse; no CRS is read as
        EPSG:4326); geographic coordinates are projected to the local UTM zone so that
        distances are in metres.
    gap_m : float
        Metres: official boundaries leave gaps of this order between neighbours.

    Returns
    -------
    pandas.Series
        Boolean, on the index of ``shapes``; False for a unit without a polygon (unknown) and
        for every unit when none has a polygon.
    """
    out = pd.Series(False, index=shapes.index)
    has_shape = shapes.geometry.notna() & ~shapes.geometry.is_empty
    if not has_shape.any():
        return out
    drawn = shapes[has_shape]
    if drawn.crs is None:
        drawn = drawn.set_crs("EPSG:4326")
    if drawn.crs.is_geographic:
        drawn = drawn.to_crs(drawn.estimate_utm_crs())
    parts = drawn.geometry.reset_index(drop=True).explode(index_parts=False)
    owner = parts.index.to_numpy()
    geoms = parts.to_numpy()
    left, right = shapely.STRtree(geoms).query(geoms, predicate="dwithin", distance=gap_m)
    links = sparse.coo_matrix((np.ones(len(left)), (left, right)), shape=(len(geoms), len(geoms)))
    _, group = connected_components(links, directed=False)
    area = shapely.area(geoms)
    main = np.bincount(group, weights=area).argmax()
    on_main = np.bincount(owner, weights=area * (group == main), minlength=len(drawn))
    total = np.bincount(owner, weights=area, minlength=len(drawn))
    out[has_shape] = on_main < 0.5 * total
    return out


def count_classes(before: pd.Series, after: pd.Series, max_classes: int = 7) -> tuple[Classes, Classes]:
    """Map classes of whole counts (enumerators per kelurahan) shared by two maps.

    Parameters
    ----------
    before, after : pandas.Series
        Counts (today's postings, the proposal); NaN is no data (class -1).
    max_classes : int
        With at most this many distinct counts, each count is a class of its own; with more,
        zero keeps a class of its own (a kelurahan nobody works in) and the breaks of the
        other classes are the quantiles of the positive counts of both series, rounded up.

    Returns
    -------
    tuple of analytics.classify.Classes
        (before, after) with the same ``bins`` (whole upper bounds, inclusive) and ``lower``
        (the least count); no bins when there is no value at all.
    """
    both = pd.concat([before, after], ignore_index=True).astype("float64").to_numpy()
    valid = both[~np.isnan(both)]
    if not len(valid):
        bins = np.array([])
    elif len(np.unique(valid)) <= max_classes:
        bins = np.unique(valid)
    else:
        zero = bool((valid <= 0).any())
        positive = valid[valid > 0]
        breaks = np.ceil(np.quantile(positive, np.linspace(0, 1, max_classes - zero + 1)[1:]))
        bins = np.unique(np.concatenate([[0.0] if zero else [], breaks]))
    index = np.where(np.isnan(both), -1, np.searchsorted(bins, np.nan_to_num(both), side="left"))
    lower = float(valid.min()) if len(valid) else math.nan

    def part(idx: np.ndarray) -> Classes:
        counts = tuple(int((idx == i).sum()) for i in range(len(bins)))
        return Classes(lower, tuple(float(b) for b in bins), idx, counts, int((idx < 0).sum()))

    return part(index[: len(before)]), part(index[len(before) :])


# --- time -----------------------------------------------------------------------------------


def finish_date(today: dt.date, days: float) -> dt.date | None:
    """The date ``days`` working days (Mon-Fri) after the data date ``today``.

    Returns ``today`` when nothing is left (days <= 0), None when the work never finishes
    (days infinite or NaN); partial days round up to the next whole working day.
    """
    if days <= 0:
        return today
    if not math.isfinite(days):
        return None
    return np.busday_offset(today, math.ceil(days - _EPS), roll="backward").astype(dt.date)


def working_days_until(today: dt.date, target: dt.date) -> int:
    """Working days (Mon-Fri) after ``today`` up to and including ``target``; 0 if none."""
    return max(0, int(np.busday_count(today + dt.timedelta(days=1), target + dt.timedelta(days=1))))


# --- the optimisation -----------------------------------------------------------------------


def unit_days(backlog, productivity, counts) -> np.ndarray:
    """Working days each unit needs: b_i / (n_i p_i); 0 without a backlog, inf with a backlog
    and nobody (or no productivity) there. Arrays of equal length: households, households per
    enumerator per working day, enumerators."""
    b = np.asarray(backlog, dtype="float64")
    rate = np.asarray(counts, dtype="float64") * np.asarray(productivity, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        days = b / rate
    return np.where(b > 0, np.where(rate > 0, days, np.inf), 0.0)


def makespan_days(backlog, productivity, counts) -> float:
    """Working days until the last unit finishes (max of :func:`unit_days`; 0 for no units)."""
    days = unit_days(backlog, productivity, counts)
    return float(days.max()) if len(days) else 0.0


def _arrays(backlog, productivity) -> tuple[np.ndarray, np.ndarray]:
    b = np.asarray(backlog, dtype="float64")
    p = np.asarray(productivity, dtype="float64")
    if b.shape != p.shape or b.ndim != 1:
        raise ValueError("backlog and productivity must be 1-d arrays of the same length")
    if (b < 0).any() or np.isnan(b).any():
        raise ValueError("backlog must be zero or more")
    if not (np.isfinite(p[b > 0]) & (p[b > 0] > 0)).all():
        raise ValueError("productivity must be positive wherever there is a backlog")
    return b, p


def _fill(counts: np.ndarray, b: np.ndarray, p: np.ndarray, open_: np.ndarray, cap: np.ndarray, extra: int) -> int:
    """Give ``extra`` enumerators one at a time to the open unit below its cap that would
    finish last (in place); returns how many found no such unit."""
    heap = [
        (-b[i] / (counts[i] * p[i]) if counts[i] else -math.inf, i)
        for i in np.flatnonzero(open_ & (b > 0) & (counts < cap))
    ]
    heapq.heapify(heap)
    while extra and heap:
        _, i = heapq.heappop(heap)
        counts[i] += 1
        extra -= 1
        if counts[i] < cap[i]:
            heapq.heappush(heap, (-b[i] / (counts[i] * p[i]), i))
    return extra


def greedy_allocation(backlog, productivity, total: int) -> np.ndarray:
    """The plain problem: whole n_i >= 0, sum n_i = E, minimising max_i b_i / (n_i p_i).

    One enumerator to each unit with a backlog, then each next one to the unit that would
    finish last (largest b_i / (n_i p_i)); units without a backlog get none.

    Optimality. A plan finishes by T iff n_i >= c_i(T) = ceil(b_i / (p_i T)) for all i, so the
    optimum T* has sum c_i(T*) <= E. Greedy raises n_i only while unit i is the slowest: if it
    ever raises n_i past c_i(T*), every unit is already done by T* and stays so; otherwise it
    ends with n_i <= c_i(T*) and sum n_i = E >= sum c_i(T*), so n_i = c_i(T*): either way its
    makespan is <= T*.

    Parameters
    ----------
    backlog : array-like
        Households per unit (>= 0).
    productivity : array-like
        Households per enumerator per working day, positive where there is a backlog.
    total : int
        E, enumerators available.

    Returns
    -------
    numpy.ndarray
        Whole enumerators per unit; they add up to E unless no unit has a backlog (then all 0).

    Raises
    ------
    InfeasiblePlan
        When fewer than one enumerator per unit with a backlog is available.
    """
    b, p = _arrays(backlog, productivity)
    busy = b > 0
    if busy.sum() > total:
        raise InfeasiblePlan("minimums", needed=int(busy.sum()), units=int(busy.sum()), available=int(total))
    counts = busy.astype(np.int64)
    _fill(counts, b, p, busy, np.full(len(b), np.iinfo(np.int64).max), int(total - busy.sum()))
    return counts


def _bounds(b: np.ndarray, minimum, maximum) -> tuple[np.ndarray, np.ndarray]:
    """(lo, hi) per unit: at least one and the minimum where there is a backlog, none elsewhere
    (keeping staff in a finished kelurahan helps no one); hi the cap (no cap: unbounded)."""
    busy = b > 0
    big = np.iinfo(np.int64).max
    lo = np.ones(len(b), dtype=np.int64)
    if minimum is not None:
        lo = np.maximum(lo, np.broadcast_to(np.asarray(minimum, dtype=np.int64), b.shape))
    hi = np.full(len(b), big, dtype=np.int64)
    if maximum is not None:
        hi = np.broadcast_to(np.asarray(maximum, dtype=np.int64), b.shape).copy()
    return np.where(busy, lo, 0), np.where(busy, hi, 0)


def _check(b, lo, hi, total, names, unit_pool, pools, free) -> None:
    """Raise :class:`InfeasiblePlan` for requests no allocation meets. With them passed, a plan
    that finishes exists (every unit with a backlog can get at least one enumerator)."""
    busy = b > 0
    if lo.sum() > total:
        raise InfeasiblePlan("minimums", needed=int(lo.sum()), units=int(busy.sum()), available=int(total))
    over = np.flatnonzero(lo > hi)
    if len(over):
        i = over[0]
        raise InfeasiblePlan("cap", unit=names[i], needed=int(lo[i]), cap=int(hi[i]))
    if pools is None:
        return
    wanted = pd.Series(lo).groupby(pd.Series(unit_pool, dtype=object)).sum()
    deficit = {k: int(n - pools.get(k, 0)) for k, n in wanted.items() if n > pools.get(k, 0)}
    if sum(deficit.values()) > free:
        named = ", ".join(sorted(map(str, deficit)))
        raise InfeasiblePlan("kecamatan", units=named, needed=sum(deficit.values()), available=int(free))


def allocate(
    backlog,
    productivity,
    total: int,
    *,
    minimum=None,
    maximum=None,
    unit_pool: Sequence[str] | None = None,
    pools: Mapping[str, int] | None = None,
    names: Sequence[str] | None = None,
) -> np.ndarray:
    """Whole enumerators per unit minimising the makespan, under a planner's constraints.

    Without constraints this is :func:`greedy_allocation`. With them it is one mixed-integer
    linear programme solved by HiGHS (``scipy.optimize.milp``):

        minimise T
        subject to  n_i = lo_i + sum_m y_im,  y_im in {0, 1}
                    T + sum_m D_im y_im >= t_i(lo_i)          for each unit with a backlog
                    sum_i n_i <= E, or per pool k: sum_(i in k) z_i <= E_k,
                      sum_i f_i <= E_free, n_i = z_i + f_i (z, f whole numbers)

    where t_i(n) = b_i / (n p_i) and D_im = t_i(lo_i + m - 1) - t_i(lo_i + m) is the time the
    m-th extra enumerator saves. Because t_i is convex the savings shrink with m, so the cheapest
    way to reach a count takes the increments in order and the piecewise-linear bound is exact
    at every whole n_i. This linearisation was chosen over a bisection on T (a feasibility
    problem per step, an outer search written by hand) because it is one solver call whose
    answer is optimal as it stands. Its size is kept small by an upper bound: the plain greedy
    makespan T0 (same productivities, no constraints) is a lower bound on T*, and c_i(T0) =
    ceil(b_i / (p_i T0)) enumerators already finish unit i by T0, so more than
    max(lo_i, c_i(T0)) in a unit never helps the makespan; this leaves about E - (units with a
    backlog) binaries. Enumerators left over after the solve (the bound, or a pool that cannot
    be used up) are then given one by one to the unit of their pool that would finish last,
    which shortens the other units and never lengthens the makespan.

    Parameters
    ----------
    backlog, productivity, total
        As for :func:`greedy_allocation` (productivity already includes island travel and any
        what-if change).
    minimum : int or array-like, optional
        Least enumerators per unit with a backlog (a unit without backlog gets none).
    maximum : int or array-like, optional
        Cap per unit; None for no cap.
    unit_pool : sequence of str, optional
        With ``pools``: the pool (kecamatan) of each unit.
    pools : mapping of str to int, optional
        Enumerators restricted to the units of one pool (those living in a kecamatan). The rest,
        E - sum(pools), can work anywhere.
    names : sequence of str, optional
        Unit names for the error messages (default their positions).

    Returns
    -------
    numpy.ndarray
        Whole enumerators per unit; they add up to E unless caps, pools or a lack of backlog
        leave some without a place.

    Raises
    ------
    InfeasiblePlan
        When the minimums (one per unit with a backlog included) need more than E, a minimum
        exceeds the cap, or the kecamatan pools leave units without enough enumerators.
    """
    b, p = _arrays(backlog, productivity)
    names = list(names) if names is not None else [str(i) for i in range(len(b))]
    lo, hi = _bounds(b, minimum, maximum)
    free = int(total - sum(pools.values())) if pools is not None else int(total)
    if free < 0:
        raise ValueError("the pools hold more enumerators than the total")
    _check(b, lo, hi, total, names, unit_pool, pools, free)
    busy = b > 0
    if not busy.any():
        return np.zeros(len(b), dtype=np.int64)
    if pools is None and (lo == busy).all() and (hi[busy] >= total).all():
        return greedy_allocation(b, p, total)
    counts, spare = _milp_makespan(b, p, int(total), lo, hi, unit_pool, pools, free)
    keys = np.asarray(unit_pool, dtype=object) if pools is not None else None
    for key, left in spare.items():
        _fill(counts, b, p, np.ones(len(b), dtype=bool) if key is None else keys == key, hi, left)
    return counts


def _milp_makespan(b, p, total, lo, hi, unit_pool, pools, free) -> tuple[np.ndarray, dict]:
    """The MILP of :func:`allocate`: counts with the least makespan, and the enumerators each
    pool still has to place ({pool: count}, None for those free to go anywhere; kecamatan
    pools first)."""
    busy = np.flatnonzero(b > 0)
    t0 = makespan_days(b, p, greedy_allocation(b, p, total))
    up = lo.copy()
    up[busy] = np.minimum(hi[busy], np.maximum(lo[busy], np.ceil(b[busy] / (p[busy] * t0)).astype(np.int64)))

    n_units = len(busy)
    extra = up[busy] - lo[busy]
    y_start = 1 + np.concatenate([[0], np.cumsum(extra)])[:-1].astype(np.int64)
    n_y = int(extra.sum())
    restricted = pools is not None
    pool_keys = list(pools) if restricted else []
    position = {key: j for j, key in enumerate(pool_keys)}
    pool_of = np.full(n_units, -1)
    if restricted:
        pool_of[:] = [position.get(key, -1) for key in np.asarray(unit_pool, dtype=object)[busy]]
    z_col = np.full(n_units, -1)
    f_col = np.full(n_units, -1)
    n_vars = 1 + n_y
    if restricted:
        has_pool = pool_of >= 0
        z_col[has_pool] = n_vars + np.arange(has_pool.sum())
        n_vars += int(has_pool.sum())
        if free > 0:
            f_col[:] = n_vars + np.arange(n_units)
            n_vars += n_units

    rows, cols, vals, row_lo, row_hi = [], [], [], [], []

    def row(entries, low, high):
        r = len(row_lo)
        for c, v in entries:
            rows.append(r)
            cols.append(c)
            vals.append(v)
        row_lo.append(low)
        row_hi.append(high)

    def t(i, n):
        return b[i] / (n * p[i])

    for k, i in enumerate(busy):
        ys = range(y_start[k], y_start[k] + extra[k])
        savings = [t(i, lo[i] + m) - t(i, lo[i] + m + 1) for m in range(extra[k])]
        row([(0, 1.0), *zip(ys, savings)], t(i, lo[i]), np.inf)
        if restricted:
            parts = [(c, 1.0) for c in (z_col[k], f_col[k]) if c >= 0]
            row([*parts, *((y, -1.0) for y in ys)], lo[i], lo[i])
    if restricted:
        for j, key in enumerate(pool_keys):
            row([(c, 1.0) for c in z_col[pool_of == j]], -np.inf, pools[key])
        row([(c, 1.0) for c in f_col[f_col >= 0]], -np.inf, free)
    else:
        row([(c, 1.0) for c in range(1, 1 + n_y)], -np.inf, total - lo.sum())

    lower = np.zeros(n_vars)
    upper = np.ones(n_vars)
    lower[0], upper[0] = t0, np.inf
    upper[1 + n_y :] = np.inf
    for k in range(n_units):
        for c in (z_col[k], f_col[k]):
            if c >= 0:
                upper[c] = up[busy[k]]
    integrality = np.ones(n_vars)
    integrality[0] = 0
    cost = np.zeros(n_vars)
    cost[0] = 1.0
    matrix = sparse.csr_array((vals, (rows, cols)), shape=(len(row_lo), n_vars))
    res = milp(
        cost,
        integrality=integrality,
        bounds=Bounds(lower, upper),
        constraints=LinearConstraint(matrix, row_lo, row_hi),
        options={"mip_rel_gap": 1e-9},
    )
    if res.x is None:
        raise RuntimeError(f"the allocation solver failed: {res.message}")
    x = np.round(res.x).astype(np.int64)

    counts = np.zeros(len(b), dtype=np.int64)
    for k, i in enumerate(busy):
        counts[i] = lo[i] + x[y_start[k] : y_start[k] + extra[k]].sum()
    if not restricted:
        return counts, {None: total - int(counts.sum())}
    spare = {key: pools[key] - int(x[z_col[pool_of == j]].sum()) for j, key in enumerate(pool_keys)}
    spare[None] = free - int(x[f_col[f_col >= 0]].sum())
    return counts, spare


def enumerators_needed(backlog, productivity, days: int, *, minimum=None, maximum=None, names=None) -> int:
    """The fewest enumerators that finish every unit within ``days`` working days.

    No search over E is needed: "done by T" is separable (n_i >= c_i(T) = ceil(b_i / (p_i T)),
    see :func:`greedy_allocation`), so the answer is sum_i max(lo_i, c_i(T)), and
    :func:`allocate` with that many enumerators finishes in time while one fewer cannot. With
    enumerators restricted to their kecamatan the count is the same, but it holds only if
    the extra enumerators are recruited where the units need them.

    Parameters
    ----------
    backlog, productivity, minimum, maximum, names
        As for :func:`allocate`.
    days : int
        Working days available (:func:`working_days_until`).

    Raises
    ------
    InfeasiblePlan
        When a unit would need more than its cap (kind ``cap``); ``days`` must be positive.
    """
    if days <= 0:
        raise ValueError("days must be positive")
    b, p = _arrays(backlog, productivity)
    lo, hi = _bounds(b, minimum, maximum)
    with np.errstate(divide="ignore", invalid="ignore"):
        c = np.where(b > 0, np.ceil(b / (p * days) - _EPS), 0).astype(np.int64)
    need = np.maximum(lo, c)
    over = np.flatnonzero(need > hi)
    if len(over):
        i = over[0]
        label = names[i] if names is not None else str(i)
        raise InfeasiblePlan("cap", unit=label, needed=int(need[i]), cap=int(hi[i]))
    return int(need.sum())


# --- the plan -------------------------------------------------------------------------------


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
    finish_now, finish_proposed (dates; None for never).

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

    @property
    def uncovered_now_count(self) -> int:
        """Kelurahan with a backlog and nobody posted there today (they never finish "now")."""
        return int(((self.units["backlog_count"] > 0) & (self.units["enumerators_now_count"] == 0)).sum())

    @property
    def change_days(self) -> int | None:
        """Working days the proposal finishes after (positive) or before (negative) today's
        postings; None when either never finishes."""
        if self.finish_now is None or self.finish_proposed is None:
            return None
        return int(np.busday_count(self.finish_now, self.finish_proposed))


def _labels(units: pd.DataFrame) -> pd.Series:
    """Each unit's kecamatan name (its code where the name is missing): the pools' keys."""
    return units["kecamatan"].fillna(units["kode_kecamatan"]).astype(object)


def staff_productivity(enumerators: pd.DataFrame, prior_days: float = PRIOR_DAYS) -> pd.DataFrame:
    """``enumerators`` (reindexed 0..n-1) with ``productivity_per_day``, the shrunk estimate of
    :func:`enumerator_productivity` (households per working day).

    Raises
    ------
    InfeasiblePlan
        Kind ``no_history`` when no enumerator has an active day to measure.
    """
    regional = regional_productivity(enumerators)
    if math.isnan(regional):
        raise InfeasiblePlan("no_history")
    staff = enumerators.reset_index(drop=True)
    return staff.assign(productivity_per_day=enumerator_productivity(staff, regional, prior_days))


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
    planning: pd.DataFrame, today: dt.date, target: dt.date, constraints: Constraints = Constraints()
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

    Raises
    ------
    InfeasiblePlan
        Kind ``deadline`` when no working day lies between the two dates, ``cap`` when a
        kelurahan would need more than the cap.
    """
    days = working_days_until(today, target)
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

    available = staff.sort_values(["productivity_per_day", "id_petugas"], ascending=[False, True]).head(total)
    hires = pd.DataFrame(
        {"productivity_per_day": regional, "additional": True}, index=range(max(0, total - len(staff)))
    )
    available = pd.concat([available, hires], ignore_index=True)
    labels = _labels(out)
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
    out["finish_now"] = [finish_date(today, d) for d in out["finish_now_days"]]
    out["finish_proposed"] = [finish_date(today, d) for d in out["finish_proposed_days"]]

    start = finish_date(today, 1)
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
        finish_now=finish_date(today, now_days),
        finish_proposed=finish_date(today, proposed_days),
        unassigned_count=int(total - counts.sum()),
    )


def _assign(units: pd.DataFrame, staff: pd.DataFrame, available: pd.DataFrame, home, start) -> pd.DataFrame:
    """Name who fills each proposed place: a minimum-cost assignment (scipy's
    linear_sum_assignment) where staying in the same kelurahan costs 0, moving within the kecamatan 1, elsewhere 2, and a
    place outside a restricted enumerator's own kecamatan is barred."""
    slots = np.repeat(np.arange(len(units)), units["enumerators_proposed_count"].to_numpy())
    kec_codes, kec_of_unit = np.unique(_labels(units).to_numpy(dtype=str), return_inverse=True)
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
