"""Import throughput of a SIKS-NG DTKS list: a generated CSV of ``--rows`` members (default
one million, about 4 per household) into the seed warehouse (fictional kota 99.71), with the
full validation (NIK/KK structure, dates, kelurahan names, enumerations, duplicates) and the
upsert, through ``warehouse.db.atomic_update`` as the command line does it.

The reference, measured in the same run on the same file: DuckDB's own multi-threaded
``read_csv`` of it into a table of text columns, with no checks at all. The ratio is what to
compare across machines; the budget is 30 s for one million rows on a 2-core machine.

    .venv/bin/python bench/bench_import.py [--rows 1000000] [--seed 4]

About 1 % of the rows are bad on purpose (NIK with an impossible date, an unknown kelurahan, a
repeated member), so the quarantine path is measured too.
"""

from __future__ import annotations

import argparse
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        csv_path, warehouse = tmp / "dtks.csv", tmp / "w.duckdb"
        started = time.perf_counter()
        generate(csv_path, args.rows, args.seed)
        generated = time.perf_counter() - started
        size_mb = csv_path.stat().st_size / 1e6
        build_seed(warehouse)

        started = time.perf_counter()
        con = duckdb.connect()
        con.execute(
            "create table t as select * from read_csv($p, delim = ';', header = true, all_varchar = true)",
            {"p": str(csv_path)},
        )
        reference_rows = con.execute("select count(*) from t").fetchone()[0]
        con.close()
        reference = time.perf_counter() - started

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
        f"DTKS import, {args.rows:,} generated rows (+ repeats), {size_mb:.0f} MB CSV (generated in {generated:.1f} s)"
    )
    print(f"  rows: {result.rows_read:,} read, {result.rows_loaded:,} loaded, {result.rows_quarantined:,} quarantined")
    print(f"  new records: {result.added}")
    for row in result.report.itertuples(index=False):
        print(f"    {row.rows_count:>8,}  {row.alasan} [{row.kolom}]")
    print(f"  import with validation:        {seconds:6.2f} s  ({result.rows_read / seconds:,.0f} rows/s; budget 30 s)")
    for label, s in steps.items():
        if label not in ("start", "done"):
            print(f"    {label:<28} {s:6.2f} s")
    print(f"  reference duckdb read_csv:     {reference:6.2f} s  ({reference_rows:,} rows, no checks)")
    print(f"  ratio import / reference:      {seconds / reference:6.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
