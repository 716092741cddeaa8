"""The optimisation: whole enumerators per kelurahan minimising the makespan.

Kelurahan i has a backlog b_i (households without a verivali result in the cycle) and a
productivity p_i (households one enumerator ground-checks per working day there). With n_i
enumerators it finishes after b_i / (n_i p_i) working days; the *makespan* of a plan is the
largest of these, the day the last kelurahan finishes. The plan is static (an enumerator stays
in one kelurahan until the plan is redone), so every kelurahan with a backlog needs at least
one enumerator and E enumerators can serve at most E of them.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from analytics.calendar import EPS_DAYS

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
        c = np.where(b > 0, np.ceil(b / (p * days) - EPS_DAYS), 0).astype(np.int64)
    need = np.maximum(lo, c)
    over = np.flatnonzero(need > hi)
    if len(over):
        i = over[0]
        label = names[i] if names is not None else str(i)
        raise InfeasiblePlan("cap", unit=label, needed=int(need[i]), cap=int(hi[i]))
    return int(need.sum())
