"""The analytics refresh of an import: in full versus only the kelurahan the import touched.

A DTKS file of 50 member rows of one kelurahan (its most paid households as stored, desil
changed) is imported into the demo warehouse at ``--scale`` (built here, or a copy of ``--db``)
through ``warehouse.db.atomic_update`` as the command line does it; the import refreshes the
analytics tables of the kelurahan it touched (``warehouse.db.refresh_analytics`` with
``kelurahan``). Then, in the same run and on the same warehouse, each refresh is timed on its
own inside a transaction that is rolled back: the incremental one of the import's kelurahan
(``seconds``) and the full one every import ran before (``reference_s``); the ratio is the
share of the full refresh an import of 50 rows now waits for.

    .venv/bin/python bench/bench_refresh.py [--scale 10] [--quick] [--runs 3] [--db WAREHOUSE.duckdb]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402
from tests.test_db_refresh import DTKS_HEADER, member_rows, paid_households, write_csv  # noqa: E402
from warehouse import db, demo  # noqa: E402
from warehouse.imports import agency  # noqa: E402

ROWS = 50


def fifty_rows(path: Path) -> list[list[str]]:
    """50 member rows of the most paid households of one kelurahan, desil changed."""
    with duckdb.connect(str(path), read_only=True) as con:
        households = con.table("dtks_keluarga").df()
        members = con.table("dtks_anggota").df()
        paid = con.table("bansos_penyaluran").select("id_dtks, kode_kelurahan").df()
    kode = paid["kode_kelurahan"].mode().iloc[0]
    candidates = paid_households(households[households["kode_kelurahan"] == kode], paid)
    kk = dict(zip(households["id_dtks"], households["no_kk"], strict=True))
    body: list[list[str]] = []
    for h in candidates.itertuples():
        rows = member_rows(members, h.id_dtks, kode, 9 if (h.desil or 1) < 9 else 1, "AKTIF")
        for row in rows:
            row[2] = kk[h.id_dtks]
        body += rows
        if len(body) >= ROWS:
            return body[:ROWS]
    return body


def timed_refresh(path: Path, kelurahan) -> float:
    """Seconds of one refresh inside a transaction rolled back afterwards."""
    with duckdb.connect(str(path)) as con:
        con.begin()
        start = time.perf_counter()
        db.refresh_analytics(con, kelurahan=kelurahan)
        seconds = time.perf_counter() - start
        con.rollback()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    common.add_arguments(parser, default_scale=10)
    parser.add_argument("--db", type=Path, help="a demo warehouse to copy instead of building one")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each refresh (default 3; --quick: 1)")
    args = parser.parse_args()
    scale = 1 if args.quick else args.scale
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "w.duckdb"
        start = time.perf_counter()
        if args.db:
            shutil.copyfile(args.db, path)
            with db.atomic_update(path) as con:
                # A warehouse of an earlier version gets the schema and its analytics' basis.
                con.begin()
                db.create_schema(con)
                db.refresh_analytics(con)
                con.commit()
        else:
            with db.atomic_build(path) as con:
                demo.build(con, scale=int(scale))
        print(f"warehouse ready in {time.perf_counter() - start:.0f} s", flush=True)
        file = write_csv(Path(tmp) / "fifty.csv", DTKS_HEADER, fifty_rows(path))
        start = time.perf_counter()
        with db.atomic_update(path) as con:
            result = agency.import_file(con, "dtks", file)
        imported = time.perf_counter() - start
        print(f"import of {result.rows_loaded} rows touching {len(result.touched)} kelurahan: {imported:.1f} s")
        runs = 1 if args.quick else args.runs
        common.reset_peak()
        incremental = sorted(timed_refresh(path, result.touched) for _ in range(runs))[runs // 2]
        peak = common.peak_rss_mb()
        full = sorted(timed_refresh(path, None) for _ in range(runs))[runs // 2]
        print(f"refresh: incremental {incremental:.2f} s, full {full:.2f} s, ratio {incremental / full:.3f}")
        common.emit(
            "refresh_incremental",
            scale,
            rows=result.rows_loaded,
            seconds=incremental,
            reference_s=full,
            peak_mb=peak,
            note=f"import of {result.rows_loaded} rows, {len(result.touched)} kelurahan; reference: full refresh",
        )
        common.emit("import_50_rows", scale, rows=result.rows_loaded, seconds=imported, note="incremental refresh")


if __name__ == "__main__":
    main()
