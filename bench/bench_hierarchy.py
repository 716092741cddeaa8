"""Every level of the hierarchy (issue 14.3): the overview's map message and report time at a
provinsi, a kab/kota and a kecamatan of the synthetic country.

    .venv/bin/python bench/bench_hierarchy.py [--scale 1] [--quick] [--keep FILE]

1. Builds ``python -m warehouse demo --national`` with 10,000 desa/kelurahan per ``--scale``
   (``--quick``: 1,000) and ten households per unit, in this process.
2. Picks, per level, the region whose overview map is the largest: the provinsi with the most
   kab/kota, the synthetic kab/kota and kecamatan with the most units, and Kota Batam and its
   largest kecamatan (the real polygons, many more vertices than the synthetic cells).
3. For each: the median seconds of the overview's report (``reports.coverage.overview`` and, for
   a map of kab/kota or kecamatan, ``reports.coverage.children``: what the page computes) and,
   as the reference of the same run, the region's plain coverage query
   (``queries/coverage_units``); then the overview page under Streamlit's AppTest, signed in,
   and the bytes of the map message: the JSON arguments streamlit-folium sends to the browser
   (the Leaflet script with the GeoJSON, the HTML and the links).

Budget (issue 14): the largest map message < 1 MB at every level; the report has the page
budget of a warm rerun (< 1 s).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import queries  # noqa: E402
from bench import common  # noqa: E402
from reports import coverage as coverage_report  # noqa: E402
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


def report(con, kode: str, units_count: int):
    """What the overview computes for region ``kode``: its report and, for a map of larger
    units, their figures and polygons."""
    siklus, today = CURRENT_CYCLE[0], REFERENCE_DATE.astype(object)
    view = coverage_report.overview(con, kode, siklus, today)
    level = coverage_report.map_level(kode, units_count)
    if level != "kelurahan":
        coverage_report.children(con, kode, level, siklus, today)
    return view


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


def run(units: int, households: int, runs: int, keep: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
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
                s, mb, _ = common.measure(lambda k=kode: report(con, k, int(counts[k])), runs=runs)
                ref, _, _ = common.measure(
                    lambda k=kode: queries.run(
                        con,
                        "coverage_units",
                        kode_region=k,
                        siklus=CURRENT_CYCLE[0],
                        tanggal=REFERENCE_DATE.astype(object),
                        scope_kelurahan=None,
                    ),
                    runs=runs,
                )
                timed.append((level, kode, s, ref, mb))
        finally:
            con.close()
        scale = units / UNITS_PER_SCALE
        print(
            f"  {'level':<10} {'region':<10} {'units':>6} {'shown':>8} {'map bytes':>11} {'report s':>9} {'ref s':>7}"
        )
        for level, kode, s, ref, mb in timed:
            size, shown = map_message_bytes(path, kode)
            map_level = coverage_report.map_level(kode, int(counts[kode]))
            print(
                f"  {level:<10} {kode:<10} {int(counts[kode]):>6} {shown:>4} {map_level[:4]:<3} {size:>11,} "
                f"{s:>9.3f} {ref:>7.3f}"
            )
            met = "met" if size < MAP_BUDGET_BYTES else "NOT MET"
            common.emit(
                f"hierarchy: overview of a {level} ({kode})",
                scale,
                rows=int(counts[kode]),
                seconds=s,
                reference_s=ref,
                peak_mb=mb,
                budget_s=1.0,
                note=f"map of {shown} {map_level}: {size:,} bytes ({met}: < 1 MB)",
            )


def _build(path: Path, units: int, households: int) -> None:
    with db.atomic_build(path) as con:
        build_national(con, units=units, households=households)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    common.add_arguments(parser)
    parser.add_argument("--keep", help="keep the warehouse in this file")
    args = parser.parse_args()
    units = 1_000 if args.quick else max(1_000, int(round(UNITS_PER_SCALE * args.scale)))
    run(units, units * HOUSEHOLDS_PER_UNIT, 1 if args.quick else 3, args.keep)


if __name__ == "__main__":
    main()
