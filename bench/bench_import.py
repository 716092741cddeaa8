"""Import throughput of a SIKS-NG DTKS list: a generated CSV of ``--rows`` members (default
one million, about 4 per household) into the seed warehouse (fictional kota 99.71), with the
full validation (NIK/KK structure, dates, kelurahan names, enumerations, duplicates) and the
upsert, through ``warehouse.db.atomic_update`` as the command line does it.

The reference, measured in the same run on the same file: DuckDB's own multi-threaded
``read_csv`` of it into a table of text columns, with no checks at all. The ratio is what to
compare across machines; the budget is 30 s for one million rows on a 2-core machine.

Memory: each import runs in a child process of its own, which reports its peak resident set
size (``VmHWM`` of /proc/self/status, the interpreter and libraries included; not ``ru_maxrss``,
which Linux carries over from the parent the child was forked from); the budget is twice the file
size plus a fixed 400 MB (the interpreter with pandas, pyarrow and DuckDB, and DuckDB's memory
limit beyond the file's size, ``warehouse.imports.agency.DUCKDB_MEMORY_BASE_MB``).
``--mb 250 500`` sizes the generated files in megabytes instead of rows.

    .venv/bin/python bench/bench_import.py [--rows 1000000 | --mb 250 500] [--seed 4]

About 1 % of the rows are bad on purpose (NIK with an impossible date, an unknown kelurahan, a
repeated member), so the quarantine path is measured too.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import queries  # noqa: E402
from tests.seed import build_seed  # noqa: E402
from warehouse import db  # noqa: E402
from warehouse.imports import agency as agency_import  # noqa: E402

HEADER = [
    "ID DTKS",
    "PROVINSI",
    "KABUPATEN/KOTA",
    "KECAMATAN",
    "DESA/KELUARAHAN",
    "ALAMAT",
    "DUSUN",
    "RT",
    "RW",
    "NOMOR KK",
    "NOMOR NIK",
    "NAMA",
    "TANGGAL LAHIR",
    "TEMPAT LAHIR",
    "JENIS KELAMIN",
    "PEKERJAAN",
    "NAMA IBU KANDUNG",
    "HUBUNGAN KELUARGA",
    "KETERANGAN PADAN",
    "BANSOS BPNT",
    "BANSOS PKH",
    "BANSOS BPNT-PPKM",
    "PBI JKN",
]


def generate(path: Path, rows: int, seed: int) -> None:
    """Write a SIKS-NG style DTKS CSV (semicolon, UTF-8) of ``rows`` members."""
    rng = np.random.default_rng(seed)
    member = np.arange(rows)
    household = member // 4
    women = rng.random(rows) < 0.5
    day = rng.integers(1, 29, rows)
    month = rng.integers(1, 13, rows)
    year = rng.integers(1940, 2020, rows)
    nik_day = np.where(women, day + 40, day)
    # Unique NIK: the serial and the region's last digits spread the member number.
    serial = member % 9999 + 1
    kec = 1 + (member // 9999) % 99
    nik = np.char.add(
        np.char.add(
            np.char.add("9971", np.char.zfill(kec.astype(str), 2)),
            np.char.add(np.char.zfill(nik_day.astype(str), 2), np.char.zfill(month.astype(str), 2)),
        ),
        np.char.add(np.char.zfill((year % 100).astype(str), 2), np.char.zfill(serial.astype(str), 4)),
    )
    # KK: region, an issue date (DDMMYY) and a serial, unique per household.
    kk_date = np.char.add(
        np.char.add(
            np.char.zfill((household % 28 + 1).astype(str), 2), np.char.zfill((household // 28 % 12 + 1).astype(str), 2)
        ),
        np.char.zfill((household // 336 % 100).astype(str), 2),
    )
    kk = np.char.add(np.char.add("997102", kk_date), np.char.zfill((household // 33600 + 1).astype(str), 4))
    kelurahan = np.array(["KEL. ALPHA", "Beta", "Gamma", "Delta"])[household % 4]
    bad = rng.random(rows) < 0.01
    kind = rng.integers(0, 3, rows)
    nik = np.where(
        bad & (kind == 0), np.char.add(np.char.add(np.char.ljust(nik.astype("<U6"), 6), "320299"), "0001"), nik
    )
    kelurahan = np.where(bad & (kind == 1), "Omega", kelurahan)
    relation = np.where(member % 4 == 0, "KEPALA KELUARGA", np.where(member % 4 == 1, "ISTRI", "ANAK"))
    table = pa.table(
        {
            "ID DTKS": np.char.add("B", household.astype(str)),
            "PROVINSI": np.full(rows, "PROVINSI UJI"),
            "KABUPATEN/KOTA": np.full(rows, "KOTA UJI"),
            "KECAMATAN": np.full(rows, "KECAMATAN SATU"),
            "DESA/KELUARAHAN": kelurahan,
            "ALAMAT": np.char.add("Jl. Uji No. ", (household % 500).astype(str)),
            "DUSUN": np.full(rows, ""),
            "RT": np.char.zfill((household % 20 + 1).astype(str), 3),
            "RW": np.char.zfill((household % 7 + 1).astype(str), 3),
            "NOMOR KK": kk,
            "NOMOR NIK": nik,
            "NAMA": np.char.add("Warga ", member.astype(str)),
            "TANGGAL LAHIR": np.char.add(
                np.char.add(np.char.zfill(day.astype(str), 2), "/"),
                np.char.add(np.char.add(np.char.zfill(month.astype(str), 2), "/"), year.astype(str)),
            ),
            "TEMPAT LAHIR": np.full(rows, "KOTA UJI"),
            "JENIS KELAMIN": np.where(women, "PEREMPUAN", "LAKI-LAKI"),
            "PEKERJAAN": np.full(rows, "BURUH"),
            "NAMA IBU KANDUNG": np.full(rows, "IBU"),
            "HUBUNGAN KELUARGA": relation,
            "KETERANGAN PADAN": np.where(rng.random(rows) < 0.9, "PADAN", "TIDAK PADAN"),
            "BANSOS BPNT": np.where(household % 3 == 0, "YA", "TIDAK"),
            "BANSOS PKH": np.where(household % 5 == 0, "YA", "TIDAK"),
            "BANSOS BPNT-PPKM": np.full(rows, "TIDAK"),
            "PBI JKN": np.where(household % 2 == 0, "YA", "TIDAK"),
        }
    )
    repeats = table.take(np.flatnonzero(bad & (kind == 2))[: rows // 300])
    pacsv.write_csv(pa.concat_tables([table, repeats]), path, write_options=pacsv.WriteOptions(delimiter=";"))


FIXED_ALLOWANCE_MB = 400
"""What an import may need beyond twice the file size: the interpreter and its libraries."""
_BYTES_PER_ROW = 230
"""About the size of one generated row (the sizes are measured, this only aims them)."""


def peak_rss_mb() -> float:
    """This process's peak resident set size since it started (megabytes)."""
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"^VmHWM:\s+(\d+) kB", status, re.M).group(1)) / 1024


def child(csv_path: Path, warehouse: Path) -> int:
    """Import ``csv_path`` into ``warehouse`` and print the outcome as JSON (run as a child process)."""
    steps: dict[str, float] = {}
    last = [time.perf_counter(), "start"]

    def progress(label: str, fraction: float) -> None:
        now = time.perf_counter()
        steps[last[1]] = now - last[0]
        last[:] = [now, label]

    started = time.perf_counter()
    with db.atomic_update(warehouse) as con:
        result = agency_import.import_file(con, "dtks", csv_path, progress=progress)
    seconds = time.perf_counter() - started
    steps[last[1]] = time.perf_counter() - last[0]
    print(
        json.dumps(
            {
                "seconds": seconds,
                "steps": steps,
                "read": result.rows_read,
                "loaded": result.rows_loaded,
                "quarantined": result.rows_quarantined,
                "added": result.added,
                "report": [[r.rows_count, r.alasan, r.kolom] for r in result.report.itertuples(index=False)],
                "peak_rss_mb": peak_rss_mb(),
            }
        )
    )
    return 0


def run(rows: int, seed: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        csv_path, warehouse = tmp / "dtks.csv", tmp / "w.duckdb"
        started = time.perf_counter()
        generate(csv_path, rows, seed)
        generated = time.perf_counter() - started
        size_mb = csv_path.stat().st_size / 1e6
        build_seed(warehouse)

        started = time.perf_counter()
        con = duckdb.connect()
        con.execute(
            queries.load("bench/import/read_csv"),
            {"p": str(csv_path)},
        )
        reference_rows = con.execute(queries.load("bench/import/row_count")).fetchone()[0]
        con.close()
        reference = time.perf_counter() - started

        done = subprocess.run(
            [sys.executable, __file__, "--child", str(csv_path), str(warehouse)], capture_output=True, text=True
        )
        if done.returncode:
            sys.exit(f"the import of {size_mb:.0f} MB failed:\n{done.stderr[-3000:]}")
        r = json.loads(done.stdout.strip().splitlines()[-1])

    seconds = r["seconds"]
    budget = 2 * size_mb + FIXED_ALLOWANCE_MB
    print(f"DTKS import, {rows:,} generated rows (+ repeats), {size_mb:.0f} MB CSV (generated in {generated:.1f} s)")
    print(f"  rows: {r['read']:,} read, {r['loaded']:,} loaded, {r['quarantined']:,} quarantined")
    print(f"  new records: {r['added']}")
    for count, alasan, kolom in r["report"]:
        print(f"    {count:>8,}  {alasan} [{kolom}]")
    print(
        f"  import with validation:        {seconds:6.2f} s  ({r['read'] / seconds:,.0f} rows/s; budget 30 s per 1M rows)"
    )
    for label, s in r["steps"].items():
        if label not in ("start", "done"):
            print(f"    {label:<28} {s:6.2f} s")
    print(f"  reference duckdb read_csv:     {reference:6.2f} s  ({reference_rows:,} rows, no checks)")
    print(f"  ratio import / reference:      {seconds / reference:6.1f}")
    print(
        f"  peak RSS of the import:        {r['peak_rss_mb']:6.0f} MB  ({r['peak_rss_mb'] / size_mb:.2f} x the file; "
        f"budget 2 x file + {FIXED_ALLOWANCE_MB} MB = {budget:.0f} MB)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--mb", type=int, nargs="+", help="file sizes to generate, megabytes (instead of --rows)")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--child", nargs=2, metavar=("CSV", "WAREHOUSE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(Path(args.child[0]), Path(args.child[1]))
    for rows in [mb * 1_000_000 // _BYTES_PER_ROW for mb in args.mb] if args.mb else [args.rows]:
        run(rows, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
