"""Rows the PMKS page pulls into Python, per query (issue 14.1: no page more than about 10,000).

    .venv/bin/python bench/bench_pmks_rows.py [--scale 10] [--db DEMO] [--quick]

Runs the PMKS page's report functions (reports.hotspots: the period, the counts and hot spots,
the categories, the Local Moran view, the heat layer, the TRC response, the lifecycle and the
shelter) on a demo warehouse (built at ``--scale``, or ``--db``) with the page's default
filter (the last 365 days, every category and source, no kelurahan picked) and counts the rows
each query returns (``queries.run`` wrapped), with its seconds (warm, median of three; the
first run is not counted). A query over ``LIMIT_ROWS`` is marked OVER and the bench exits 1.
``--quick``: scale 1, one run.

Before the analytics tables pmks_respons and pmks_tahap_durasi (same bench, scale 10):
pmks_response 32,811 rows, pmks_stage_history 241,894 rows. Before the heat layer's cases came
counted per cell (pmks_case_cells, at most reports.hotspots.HEAT_MAX_CELLS = 5,000 cells):
pmks_case_points 32,112 rows, one per case (38,882 rows in all); after, pmks_case_cells 3,287
rows of 424 m cells (10,057 in all, the largest pmks_cases_category's 5,481, read twice). Since
pmks_cases_category counts per category and source (of one kelurahan when one is picked) and
pmks_cases_source per kelurahan and source: 162 and 378 rows, 5,116 in all. With the smallest
radius, 250 m, the cells stop at 200 m (reports.hotspots.HEAT_MAX_SCALE): about 8,900 rows.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import queries  # noqa: E402
from analytics import response  # noqa: E402
from bench import common  # noqa: E402
from bench.bench_load import demo_warehouse  # noqa: E402
from reports import hotspots  # noqa: E402
from warehouse import db  # noqa: E402

LIMIT_ROWS = 10_000
REGION = "21.71"


def page_reads(con, today: dt.date) -> None:
    """What the PMKS page reads on its first visit, through the report functions it caches."""
    span = hotspots.period(con, REGION)
    dari, sampai = hotspots.default_period(span["first_date"], today)
    flt = hotspots.CaseFilter(REGION, (), (), dari, sampai)
    hotspots.unit_analysis(con, flt, "cases_per_10k_eb")
    hotspots.category_table(con, flt)
    hotspots.moran(con, flt, "cases_per_10k_eb")
    hotspots.heat(con, flt, 750.0)
    hotspots.response_report(
        con,
        flt,
        response.DEFAULT_TARGET_MINUTES,
        response.DEFAULT_TEAM_SIZE,
        response.DEFAULT_SHIFTS,
        hotspots.load_trc_settings(),
    )
    hotspots.lifecycle(con, flt, today)
    hotspots.shelter(con, flt, today, hotspots.load_shelters())


def counted(con, today: dt.date, runs: int) -> dict[str, tuple[int, float]]:
    """Per query name: (rows of its last call, median seconds of its calls over the runs)."""
    rows: dict[str, int] = {}
    seconds: dict[str, list[float]] = collections.defaultdict(list)
    plain = queries.run

    def run(c, name, **params):
        start = time.perf_counter()
        out = plain(c, name, **params)
        seconds[name].append(time.perf_counter() - start)
        rows[name] = max(rows.get(name, 0), len(out))
        return out

    queries.run = run
    try:
        page_reads(con, today)  # warm-up, not counted
        seconds.clear()
        for _ in range(runs):
            page_reads(con, today)
    finally:
        queries.run = plain
    return {name: (rows[name], statistics.median(seconds[name])) for name in rows}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a demo warehouse to read instead of building one")
    common.add_arguments(parser, default_scale=10)
    args = parser.parse_args()
    scale = 1 if args.quick else int(args.scale)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or demo_warehouse(Path(tmp), scale)[0]
        con = db.connect(path, read_only=True)
        try:
            today = dt.date.fromisoformat(str(con.execute(queries.load("data_date")).fetchone()[0])[:10])
            figures = counted(con, today, 1 if args.quick else 3)
        finally:
            con.close()
    over = [name for name, (n, _) in figures.items() if n > LIMIT_ROWS]
    print(f"{'query':<28} {'rows':>9} {'warm s':>8}")
    for name, (n, s) in sorted(figures.items(), key=lambda kv: -kv[1][0]):
        print(f"{name:<28} {n:>9,} {s:>8.3f}   {'OVER' if n > LIMIT_ROWS else 'ok'}")
    total = sum(n for n, _ in figures.values())
    print(f"{'all queries':<28} {total:>9,}   largest {max(n for n, _ in figures.values()):,} (limit {LIMIT_ROWS:,})")
    common.emit(
        "PMKS page: largest query result",
        scale,
        rows=max(n for n, _ in figures.values()),
        seconds=sum(s for _, s in figures.values()),
        note=f"{len(figures)} queries, {total:,} rows in all; over {LIMIT_ROWS:,}: {', '.join(over) or 'none'}",
    )
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
