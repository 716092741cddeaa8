"""Time of the enumerator allocation (analytics.allocation.allocate) on synthetic regions.

Two sizes: Kota Batam (64 kelurahan, 12 kecamatan, 87 enumerators) and a province (6,000
units, 300 kecamatan, 2,000 enumerators), each plain (greedy) and with every constraint a
planner can ask for (at least one per kelurahan, a cap of 4, enumerators kept to their home
kecamatan with 5 % of them free to go anywhere, a third of the units on islands at 4/5 of the
productivity), solved by the MILP. Every figure is the median of several runs, and is also
given as a ratio against the plain greedy of the same size measured in the same run: the ratio
is what to compare across machines.

A static plan needs one enumerator in each unit with a backlog, so 2,000 enumerators can serve
at most 2,000 units: the province is taken mid-cycle, with a backlog left in 1,500 of its
6,000 units (the others are done).

The rolling plan (analytics.allocation.rolling_schedule) has no such limit: Batam with 87
enumerators for 64 kelurahan and the province with 2,000 enumerators for a backlog in all
6,000 units, each enumerator at their own shrunk productivity (synthetic histories of 0 to 60
active days), a third of the units on islands. Printed: its makespan against the lower bound
(total backlog / total daily capacity, and the slowest unit under a cap), the gap, the proven
upper bound, and the time; plain, with a cap of 4 and with a cap of 1 per unit; no moves for
less than a day of work, as in the planner (MIN_POSTING_DAYS). For Batam the
static plan of the same people is printed next to it.

    .venv/bin/python bench/bench_allocation.py [--runs 5] [--quick]

``--quick`` (bench/run_all.py) runs each case once and leaves out the province's MILP and
rolling plan. Every case is also printed as a ``BENCH`` line for bench/run_all.py
(bench/common.py): its median time, the greedy of the same size as the reference, the peak
memory of the process while it ran.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analytics import allocation  # noqa: E402
from bench import common  # noqa: E402

BUDGET_S = 1.0


def region(units: int, kecamatan: int, enumerators: int, busy: int, seed: int):
    """Backlogs (households), productivities (households per enumerator per day, island units
    at 4/5), each unit's kecamatan, and the enumerators restricted to each kecamatan."""
    rng = np.random.default_rng(seed)
    backlog = np.zeros(units)
    backlog[rng.choice(units, busy, replace=False)] = np.round(rng.lognormal(np.log(400), 0.8, busy)) + 1
    island = rng.random(units) < 1 / 3
    productivity = rng.uniform(8, 15, units) * np.where(island, 0.8, 1.0)
    unit_pool = np.array([f"k{i:03d}" for i in np.sort(rng.integers(0, kecamatan, units))])
    free = enumerators // 20
    # Every unit with a backlog has someone living in its kecamatan; the rest live anywhere.
    needed = unit_pool[backlog > 0]
    homes = np.concatenate([needed, rng.choice(needed, enumerators - free - len(needed))])
    keys, sizes = np.unique(homes, return_counts=True)
    return backlog, productivity, unit_pool, dict(zip(keys.tolist(), sizes.tolist()))


def rolling_region(units: int, enumerators: int, seed: int):
    """Backlogs in every unit (households), unit factors (islands at 4/5), and each
    enumerator's productivity shrunk to the median from a synthetic history."""
    rng = np.random.default_rng(seed)
    backlog = np.round(rng.lognormal(np.log(400), 0.8, units)) + 1
    factor = np.where(rng.random(units) < 1 / 3, 0.8, 1.0)
    days = rng.integers(0, 61, enumerators)
    history = pd.DataFrame(
        {"visits_count": rng.poisson(rng.uniform(6, 16, enumerators) * days), "active_days_count": days}
    )
    rates = allocation.enumerator_productivity(history, allocation.regional_productivity(history)).to_numpy()
    return backlog, factor, rates


def median_seconds(fn, runs: int) -> tuple[float, float]:
    """(median seconds of ``runs`` warm calls, peak RSS in MB while they ran)."""
    seconds, peak_mb, _ = common.measure(fn, runs)
    return seconds, peak_mb


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    common.add_arguments(parser)
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    cases = [
        ("Batam: 64 kelurahan, 87 enumerators", 64, 12, 87, 64),
        ("province: 6,000 units, 2,000 enumerators", 6000, 300, 2000, 1500),
    ]
    for label, units, kecamatan, enumerators, busy in cases[:1] if args.quick else cases:
        b, p, unit_pool, pools = region(units, kecamatan, enumerators, busy, seed=units)

        def plain():
            return allocation.allocate(b, p, enumerators)

        def constrained():
            return allocation.allocate(b, p, enumerators, minimum=1, maximum=4, unit_pool=unit_pool, pools=pools)

        reference, _ = median_seconds(plain, runs)
        timed, peak_mb = median_seconds(constrained, runs)
        t_plain = allocation.makespan_days(b, p, plain())
        t_constrained = allocation.makespan_days(b, p, constrained())
        print(label)
        print(f"  plain greedy:          {reference * 1000:9.2f} ms   makespan {t_plain:7.1f} working days")
        print(
            f"  with constraints, MILP: {timed * 1000:8.2f} ms   makespan {t_constrained:7.1f} working days"
            f"   ratio {timed / reference:8.1f}x the greedy"
        )
        if units == 64:
            verdict = "within" if timed < BUDGET_S else "OVER"
            print(f"  budget: under {BUDGET_S:.0f} s for Batam with constraints: {verdict} ({timed:.3f} s)")
        common.emit(
            f"allocate, MILP with constraints ({units:,} units)",
            rows=units,
            seconds=timed,
            reference_s=reference,
            peak_mb=peak_mb,
            budget_s=BUDGET_S if units == 64 else None,
            note="reference: plain greedy",
        )
    rolling(runs, quick=args.quick)


def rolling(runs: int, quick: bool = False) -> None:
    cases = [("Batam: 87 enumerators, 64 kelurahan", 64, 87), ("province: 2,000 enumerators, 6,000 units", 6000, 2000)]
    spare = allocation.MIN_POSTING_DAYS
    for label, units, enumerators in cases[:1] if quick else cases:
        b, f, r = rolling_region(units, enumerators, seed=enumerators)
        print(f"rolling plan, {label} (all with a backlog, {b.sum():,.0f} households)")
        # The static greedy plan of the same people as the reference, where one exists (a static
        # plan needs an enumerator in every unit with a backlog).
        reference = None
        if enumerators >= units:
            reference, _ = median_seconds(lambda: allocation.allocate(b, f * np.median(r), enumerators), runs)
        for cap in (None, 4, 1):
            seconds, peak_mb = median_seconds(
                lambda: allocation.rolling_schedule(b, f, r, cap=cap, min_days=spare), runs
            )
            makespan = allocation.rolling_schedule(b, f, r, cap=cap, min_days=spare).makespan
            lower = allocation.lower_bound_days(b, f, r, cap)
            upper = allocation.upper_bound_days(b, f, r, cap, spare)
            print(
                f"  cap {str(cap or '-'):>2}: makespan {makespan:8.2f}   lower bound {lower:8.2f}   "
                f"gap {(makespan / lower - 1) * 100:6.2f} %   proven at most {upper:8.2f}   {seconds * 1000:8.1f} ms"
            )
            common.emit(
                f"rolling_schedule, cap {cap or '-'} ({units:,} units)",
                rows=units,
                seconds=seconds,
                reference_s=reference,
                peak_mb=peak_mb,
                budget_s=BUDGET_S if units == 64 else None,
                note=f"gap to lower bound {(makespan / lower - 1) * 100:.1f} %"
                + ("; reference: greedy static plan" if reference else ""),
            )
        if enumerators >= units:
            # The static plan with the same people: each kelurahan at the mean rate of its team.
            counts = allocation.allocate(b, f * np.median(r), enumerators)
            print(
                f"  static plan (greedy, median rate): makespan {allocation.makespan_days(b, f * np.median(r), counts):8.2f}"
            )


if __name__ == "__main__":
    main()
