"""Every level of the hierarchy (issue 14.3): the overview's map message and report time at a
provinsi, a kab/kota and a kecamatan of the synthetic country.

    .venv/bin/python bench/bench_hierarchy.py [--scale 1] [--quick] [--keep FILE]

1. Builds ``python -m warehouse demo --national`` with 10,000 desa/kelurahan per ``--scale``
   (``--quick``: 1,000) and ten households per unit, in this process.
2. Picks, per level, the region whose overview map is the largest: the provinsi with the most
   kab/kota, the synthetic kab/kota and kecamatan with the most units, and Kota Batam and its
   largest kecamatan (the real polygons, many more vertices than the synthetic cells).
3. For each: the median seconds (wall and CPU) of everything the overview page computes below
   Streamlit's caches (:func:`page`: the report, the map's units with their coverage and quality
   findings, the quality totals and the export file) and, as the reference of the same run, the
   region's plain coverage query (``queries/coverage_units``); then the overview page under
   Streamlit's AppTest, signed in, and the bytes of the map message: the JSON arguments
   streamlit-folium sends to the browser (the Leaflet script with the GeoJSON, the HTML and the
   links). ``--db`` times an existing national warehouse instead of building one (no map
   message then: ``--maps`` adds it).
4. Every provinsi's page in turn (every unit of the country), against their coverage queries.
5. Row order after incremental refreshes (issue 14): an import's refresh deletes the rows of the
   kelurahan it touched from each analytics table and inserts them anew at the table's end, so
   the tables drift out of region order until the next full refresh. On a copy, one
   incremental refresh of ``--drift`` of the units (one in N, spread over the country) and all
   of Kota Batam moves their rows to the end; then Batam's page and coverage query are timed
   again against the sorted warehouse (the ratio: what the drift costs through the row groups'
   zone maps).

Budget (issue 14): the largest map message < 1 MB at every level; the report has the page
budget of a warm rerun (< 1 s).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import queries  # noqa: E402
from bench import common  # noqa: E402
from reports import coverage as coverage_report  # noqa: E402
from reports import files  # noqa: E402
from warehouse import db  # noqa: E402
from warehouse.demo import build_national  # noqa: E402
from warehouse.demo.common import CITY, REFERENCE_DATE  # noqa: E402
from warehouse.demo.verivali import CURRENT_CYCLE  # noqa: E402

MAP_BUDGET_BYTES = 1_000_000
UNITS_PER_SCALE = 10_000
HOUSEHOLDS_PER_UNIT = 10


def largest(tree, level: str, synthetic: bool = True) -> str:
    """The region of ``level`` with the most units (synthetic: outside Kota Batam; else Batam's)."""
    rows = tree[tree["level"] == level]
    inside = rows["kode"].str.startswith(CITY["kode"])
    rows = rows[~inside] if synthetic else rows[inside]
    return rows.sort_values(["units_count", "kode"], ascending=[False, True])["kode"].iloc[0]


def page(con, kode: str, units_count: int):
    """What the overview page computes for region ``kode`` below Streamlit's caches (ui/coverage.py,
    app_pages/overview.py): its report; the map's units (the kelurahan polygons, or the children's
    figures and polygons for a map of larger units) with their quality findings counted at that
    level (the dwellings outside their kelurahan judged at write time); the quality totals; the
    export file (CSV)."""
    siklus, today = CURRENT_CYCLE[0], REFERENCE_DATE.astype(object)
    view = coverage_report.overview(con, kode, siklus, today)
    level = coverage_report.map_level(kode, units_count)
    if level == "kelurahan":
        files.boundaries(con, kode)
    else:
        coverage_report.children(con, kode, level, siklus, today)
    coverage_report.findings_counts(con, kode, level)
    coverage_report.totals(coverage_report.findings_counts(con, kode, "kelurahan"))
    table, header = coverage_report.build(con, kode, siklus)
    coverage_report.coverage_file(table, header, "csv")
    return view


def cpu_seconds(fn, runs: int) -> float:
    """Median CPU seconds (user + system, every thread of this process) of ``runs`` calls of
    ``fn`` after one warm-up: the figure that a loaded machine distorts least."""
    fn()
    times = []
    for _ in range(max(runs, 1)):
        started = time.process_time()
        fn()
        times.append(time.process_time() - started)
    return statistics.median(times)


def map_message_bytes(path: Path, kode: str) -> tuple[int, int]:
    """(bytes of the overview map's message, features on it) of region ``kode``, the page run
    under AppTest signed in with every permission."""
    from streamlit.testing.v1 import AppTest

    from domain import roles
    from ui import auth

    os.environ[db.DB_ENV] = str(path)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.session_state[auth.PRESET_KEY] = auth.Session("bench", "bench", frozenset(roles.PERMISSIONS))
    at.query_params["wilayah"] = kode
    at.run()
    if at.exception:
        sys.exit(f"the overview of {kode} failed: {at.exception[0].value}")
    args = [e.proto.json_args for e in at.main if type(e).__name__ == "UnknownElement" and "json_args" in str(e.proto)]
    message = args[0]
    return len(message.encode()), json.loads(message)["script"].count('"type": "Feature"')


def coverage_query(con, kode: str):
    """The reference: the region's plain coverage query."""
    return queries.run(
        con,
        "coverage_units",
        kode_region=kode,
        siklus=CURRENT_CYCLE[0],
        tanggal=REFERENCE_DATE.astype(object),
        scope_kelurahan=None,
    )


def every_province(con, provinces: list[str], counts) -> None:
    """:func:`page` of every provinsi in turn: every unit of the country."""
    for p in provinces:
        page(con, p, int(counts[p]))


def run(
    units: int, households: int, runs: int, keep: str | None, existing: str | None, maps: bool, drift_every: int
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        if existing:
            path = Path(existing)
            print(f"National synthetic warehouse {path}")
        else:
            path = Path(keep) if keep else Path(tmp) / "hierarchy.duckdb"
            seconds, peak, _ = common.measure(lambda: _build(path, units, households), runs=1, warmup=False)
            print(f"National synthetic warehouse: {units:,} units, {households:,} households: {seconds:.1f} s")
        con = db.connect(path, read_only=True)
        try:
            tree = queries.run(con, "regions_hierarchy", scope_kelurahan=None)
            picks = [
                ("provinsi", largest(tree, "provinsi")),
                ("kabkota", largest(tree, "kabkota")),
                ("kabkota", CITY["kode"]),
                ("kecamatan", largest(tree, "kecamatan")),
                ("kecamatan", largest(tree, "kecamatan", synthetic=False)),
            ]
            counts = tree.set_index("kode")["units_count"]
            timed = []
            for level, kode in picks:
                s, mb, _ = common.measure(lambda k=kode: page(con, k, int(counts[k])), runs=runs)
                cpu = cpu_seconds(lambda k=kode: page(con, k, int(counts[k])), runs=runs)
                ref, _, _ = common.measure(lambda k=kode: coverage_query(con, k), runs=runs)
                ref_cpu = cpu_seconds(lambda k=kode: coverage_query(con, k), runs=runs)
                timed.append((level, kode, s, cpu, ref, ref_cpu, mb))
            provinces = tree.loc[tree["level"] == "provinsi", "kode"].tolist()
            every, every_mb, _ = common.measure(lambda: every_province(con, provinces, counts), runs=1)
            every_cpu = cpu_seconds(lambda: every_province(con, provinces, counts), runs=1)
            every_ref, _, _ = common.measure(lambda: [coverage_query(con, p) for p in provinces], runs=1)
        finally:
            con.close()
        scale = int(counts[provinces].sum()) / UNITS_PER_SCALE
        print(
            f"  {'level':<10} {'region':<10} {'units':>6} {'shown':>8} {'map bytes':>11} {'page s':>7} "
            f"{'cpu s':>6} {'ref s':>6} {'ref cpu':>7} {'ratio':>6}"
        )
        for level, kode, s, cpu, ref, ref_cpu, mb in timed:
            map_level = coverage_report.map_level(kode, int(counts[kode]))
            measured = maps or not existing
            size, shown = map_message_bytes(path, kode) if measured else (0, 0)
            print(
                f"  {level:<10} {kode:<10} {int(counts[kode]):>6} {shown:>4} {map_level[:4]:<3} {size:>11,} "
                f"{s:>7.3f} {cpu:>6.3f} {ref:>6.3f} {ref_cpu:>7.3f} {s / ref:>5.1f}x"
            )
            met = "met" if size < MAP_BUDGET_BYTES else "NOT MET"
            shown_map = (
                f"map of {shown} {map_level}: {size:,} bytes ({met}: < 1 MB)" if measured else "map not measured"
            )
            common.emit(
                f"hierarchy: overview page of a {level} ({kode})",
                scale,
                rows=int(counts[kode]),
                seconds=s,
                reference_s=ref,
                peak_mb=mb,
                budget_s=1.0,
                note=f"CPU {cpu:.2f} s; {shown_map}",
            )
        print(
            f"  every provinsi in turn ({len(provinces)}, all units): page {every:.2f} s, CPU {every_cpu:.2f} s; "
            f"their coverage queries {every_ref:.2f} s (ratio {every / every_ref:.1f}x)"
        )
        common.emit(
            "hierarchy: overview page of every provinsi (all units)",
            scale,
            rows=int(counts[provinces].sum()),
            seconds=every,
            reference_s=every_ref,
            peak_mb=every_mb,
            budget_s=10.0,
            note=f"CPU {every_cpu:.2f} s",
        )
        if drift_every:
            drift(path, tmp, drift_every, runs, counts)


def drifted(path: Path, copy: Path, every: int) -> int:
    """A copy of the warehouse ``path`` at ``copy`` after one incremental analytics refresh of
    one unit in ``every`` and of Kota Batam (their rows moved to every table's end); the number
    of units refreshed."""
    shutil.copyfile(path, copy)
    con = db.connect(copy)
    try:
        codes = queries.run(con, "bench/hierarchy/kelurahan_sample", every=every, kode_region=CITY["kode"])["kode"]
        con.begin()
        db.refresh_analytics(con, kelurahan=codes.tolist())
        con.commit()
        con.execute("checkpoint")
    finally:
        con.close()
    return len(codes)


def drift(path: Path, tmp: str, every: int, runs: int, counts) -> None:
    """Batam's page and coverage query on the sorted warehouse and on its :func:`drifted` copy."""
    copy = Path(tmp) / "drifted.duckdb"
    moved = drifted(path, copy, every)
    kode, n = CITY["kode"], int(counts[CITY["kode"]])
    figures = {}
    for label, at in (("sorted", path), ("drifted", copy)):
        con = db.connect(at, read_only=True)
        try:
            figures[label] = (
                cpu_seconds(lambda c=con: page(c, kode, n), runs=runs),
                cpu_seconds(lambda c=con: coverage_query(c, kode), runs=runs),
            )
        finally:
            con.close()
    copy.unlink()
    (page_sorted, query_sorted), (page_drifted, query_drifted) = figures["sorted"], figures["drifted"]
    print(
        f"  after an incremental refresh of {moved:,} units (1 in {every} and Kota Batam), their rows at every "
        f"table's end: Batam's page CPU {page_drifted:.3f} s against {page_sorted:.3f} s sorted "
        f"({page_drifted / page_sorted:.2f}x), its coverage query {query_drifted:.4f} s against "
        f"{query_sorted:.4f} s ({query_drifted / query_sorted:.2f}x)"
    )
    common.emit(
        "hierarchy: Batam's page after incremental refreshes (rows out of region order)",
        rows=moved,
        seconds=page_drifted,
        reference_s=page_sorted,
        budget_s=1.0,
        note="CPU seconds; reference: the same page with the tables in region order",
    )


def _build(path: Path, units: int, households: int) -> None:
    with db.atomic_build(path) as con:
        build_national(con, units=units, households=households)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    common.add_arguments(parser)
    parser.add_argument("--keep", help="keep the warehouse in this file")
    parser.add_argument("--db", help="time this national warehouse (python -m warehouse demo --national) instead")
    parser.add_argument("--maps", action="store_true", help="with --db: measure the map messages too")
    parser.add_argument(
        "--drift", type=int, default=10, help="refresh one unit in N incrementally for step 5 (default 10; 0: skip)"
    )
    args = parser.parse_args()
    units = 1_000 if args.quick else max(1_000, int(round(UNITS_PER_SCALE * args.scale)))
    run(units, units * HOUSEHOLDS_PER_UNIT, 1 if args.quick else 3, args.keep, args.db, args.maps, args.drift)


if __name__ == "__main__":
    main()
