"""Every analytics entry point (each export's ``build``, what ``python -m warehouse export`` and
the pages' downloads call, and the quality findings) on one demo warehouse, with its CPU time.

    .venv/bin/python bench/bench_entry_points.py [--scale 10] [--db DEMO] [--runs 3] [--quick]

Each entry point runs for the demo's whole region with its defaults (current cycle, latest tahap,
the last year of PMKS cases): once cold (the first call in this process), then ``--runs`` times
warm; printed are the warm median's wall and CPU seconds (the process's, every DuckDB thread
included: on a shared machine the CPU time is what compares between runs) and the cold wall
time. Budget (issue 14): each under 2 s at scale 100; run it at scales 1 and 10 (and 100 where
the machine can build that demo) to see how each grows: ``--db`` names a demo built at
``--scale`` (``python -m warehouse demo --scale S --db F``), else one is built here.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402
from reports import allocation, coverage, eksklusi, files, graduasi, hotspots, pendataan, six_t, usulan  # noqa: E402
from warehouse import db, demo  # noqa: E402

BUDGET_S = 2.0
ENUMERATORS = 87  # the demo's enumerators (Batam: 64 kelurahan, each needs one)


def quality_findings(con):
    """The quality counts per kelurahan (the overview's layer and table), summed in SQL from the
    analytics table and the write-time table of the dwellings outside their unit."""
    region, _ = files.region(con, None)
    return coverage.findings_counts(con, region, "kelurahan")


ENTRY_POINTS = {
    "coverage (export coverage)": lambda con: coverage.build(con, None, None, suppress_below=0),
    "six_t (export six_t)": lambda con: six_t.build(con),
    "hotspots (export hotspots)": lambda con: hotspots.build(con, suppress_below=0),
    "allocation (export allocation)": lambda con: allocation.build(con, None, None, ENUMERATORS),
    "usulan (export usulan)": lambda con: usulan.build(con, None, None, suppress_below=0),
    "graduasi (export graduasi)": lambda con: graduasi.build(con, None, None, suppress_below=0),
    "eksklusi (export eksklusi)": lambda con: eksklusi.build(con, suppress_below=0),
    "pendataan (export pendataan)": lambda con: pendataan.build(con, suppress_below=0),
    "quality findings per kelurahan": quality_findings,
}


def timed(fn) -> tuple[float, float]:
    start, start_cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - start, time.process_time() - start_cpu


def bench(path: Path, scale: float, runs: int) -> None:
    con = db.connect(path, read_only=True)
    try:
        print(f"warehouse {path} (scale {scale:g})")
        print(f"{'entry point':<34} {'cold s':>7} {'warm s':>7} {'cpu s':>6}")
        for name, fn in ENTRY_POINTS.items():
            common.reset_peak()
            cold, _ = timed(lambda fn=fn: fn(con))
            warm = [timed(lambda fn=fn: fn(con)) for _ in range(runs)]
            wall, cpu = statistics.median(w for w, _ in warm), statistics.median(c for _, c in warm)
            print(f"{name:<34} {cold:>7.2f} {wall:>7.2f} {cpu:>6.2f}", flush=True)
            common.emit(
                f"entry point: {name}",
                scale,
                seconds=wall,
                peak_mb=common.peak_rss_mb(),
                budget_s=BUDGET_S if scale >= 100 else None,
                note=f"cpu {cpu:.2f} s; cold {cold:.2f} s; median of {runs}; budget 2 s at scale 100",
            )
    finally:
        con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    common.add_arguments(parser, default_scale=10)
    parser.add_argument("--db", type=Path, help="a demo warehouse already built at --scale")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    scale = 1 if args.quick else args.scale
    runs = 1 if args.quick else args.runs
    if args.db:
        bench(args.db, scale, runs)
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "demo.duckdb"
        with db.atomic_build(path) as con:
            demo.build(con, scale=int(scale))
        bench(path, scale, runs)


if __name__ == "__main__":
    main()
