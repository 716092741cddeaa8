"""The synthetic country (``python -m warehouse demo --national``): build, region queries and a
1,000-row import into it.

    .venv/bin/python bench/bench_national.py [--units 83000] [--households 1000000] [--keep FILE | --db FILE]
    .venv/bin/python bench/bench_national.py --db FILE --in-place [--refresh] [--batch 1] [--no-join]
    .venv/bin/python bench/bench_national.py --import-into FILE [--batch 1]   (step 3 alone)

1. Builds the country with ``--units`` desa/kelurahan and ``--households`` DTKS households in a
   child process (wall and CPU time, peak resident memory of that process, file size, rows),
   which prints its progress on stderr (elapsed and CPU seconds, peak memory so far). ``--db``
   times an existing national warehouse instead (a 100 M-member one takes 35 min to build): in a
   copy beside it, or with ``--in-place`` in the file itself (no whole-file copy: the import
   writes into it). ``--refresh`` first runs a full analytics refresh there in a child process,
   as the build ends (``warehouse.demo.national.refresh_country``: each file committed and
   checkpointed, the build's memory limit and threads), with wall, CPU and peak memory per file:
   what a warehouse built by an earlier version needs before its next import is incremental.
2. Times (median of 3 warm runs) the coverage query of the overview (``queries/coverage_units``)
   for one kab/kota (Kota Batam) and for every unit (province by province), and, as the
   reference of the same run, the cheapest region figure there is: active members per unit
   through the members' region key (``demo/bench_members_by_unit``). Beside it the same figure
   through the households (``demo/bench_members_by_unit_join``), what every query paid before
   members carried ``kode_kelurahan`` (``--no-join`` leaves it out: at 100 M members, half an
   hour). Then the whole overview page below Streamlit's caches
   (``bench_hierarchy.page``: report, map, quality, export) of Kota Batam, and of every
   provinsi in turn, against the same references; and the 6T page's entry point
   (``reports.six_t.audit``, every programme and tahap) the same two ways (issue 14's budget of
   an analytics entry point at scale 100: < 2 s).
3. Imports 1,000 SIKS-NG rows of Batam households in a child process through
   ``warehouse.db.atomic_update`` (in place, one transaction, checkpoint), then 1,000 more (the
   next batch: the steady cost, once the first import's full refresh, if any, is done), and
   times, in the same run, a copy of the warehouse file: what the former protocol (copy, import
   into the copy, rename) paid on top (skipped when the copy would leave less than a fifth of
   the disk; with ``--db`` the copy the bench made, none with ``--in-place``).

Every figure comes with its wall and CPU seconds (every thread of the process), the peak
resident memory while it ran and the machine's load average (1 min) when it began: on a shared
machine the CPU time is the figure to compare.

Budgets (issue 14): one kab/kota < 1 s, all units < 10 s, < 8 GB; the import < 10 s.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_hierarchy import page  # noqa: E402
from bench_import import HEADER  # noqa: E402

import queries  # noqa: E402
from bench import common  # noqa: E402
from reports import settings as six_t_settings  # noqa: E402
from reports import six_t as six_t_report  # noqa: E402
from warehouse import db  # noqa: E402
from warehouse.demo import BATAM_FACTS, build_national, builder, national  # noqa: E402
from warehouse.demo.common import CITY, REFERENCE_DATE  # noqa: E402
from warehouse.demo.verivali import CURRENT_CYCLE  # noqa: E402
from warehouse.imports import agency  # noqa: E402


def child_build(path: Path, units: int, households: int, seed: int) -> int:
    started = time.perf_counter()

    shown: list[str] = []

    def progress(label: str, done: float) -> None:
        # On stderr, which the parent passes through: a long build shows where it is and how it grows.
        if shown[-1:] == [label]:
            return
        shown.append(label)
        cpu = sum(os.times()[:2])
        print(
            f"  [{time.perf_counter() - started:7.0f} s, CPU {cpu:7.0f} s, peak RSS {common.peak_rss_mb():6,.0f} MB] {label}",
            file=sys.stderr,
            flush=True,
        )

    with db.atomic_build(path) as con:
        counts = build_national(con, units=units, households=households, seed=seed, progress=progress)
    seconds, cpu = time.perf_counter() - started, sum(os.times()[:2])
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "counts": counts, "peak_rss_mb": common.peak_rss_mb()}))
    return 0


def child_refresh(path: Path) -> int:
    """A full analytics refresh of the national warehouse at ``path``, in place, as the build ends
    (:func:`warehouse.demo.national.refresh_country`, the build's memory limit and threads, the
    schema's new macros first); each file's wall and CPU seconds and peak memory on stderr."""
    started, cpu = time.perf_counter(), sum(os.times()[:2])
    files: list[tuple[str, float, float, float]] = []
    last = [started, cpu]

    def done(name: str) -> None:
        now, now_cpu = time.perf_counter(), sum(os.times()[:2])
        files.append((name, now - last[0], now_cpu - last[1], common.peak_rss_mb()))
        print(
            f"  [{time.strftime('%H:%M:%S')}] {name:<34} {now - last[0]:7.1f} s, CPU {now_cpu - last[1]:7.1f} s, "
            f"peak RSS {files[-1][3]:6,.0f} MB, load {os.getloadavg()[0]:.1f}",
            file=sys.stderr,
            flush=True,
        )
        last[:] = [time.perf_counter(), sum(os.times()[:2])]
        common.reset_peak()

    with db.atomic_update(path, wait=600) as con:
        national.limit_resources(con)
        con.begin()
        db.create_schema(con)
        last[:] = [time.perf_counter(), sum(os.times()[:2])]
        common.reset_peak()
        national.refresh_country(con, after_each=done)
        con.commit()
    print(
        json.dumps(
            {
                "seconds": time.perf_counter() - started,
                "cpu_seconds": sum(os.times()[:2]) - cpu,
                "peak_rss_mb": max(f[3] for f in files),
                "files": files,
            }
        )
    )
    return 0


def child_import(csv_path: Path, path: Path) -> int:
    started, cpu = time.perf_counter(), sum(os.times()[:2])
    with db.atomic_update(path) as con:
        result = agency.import_file(con, "dtks", csv_path, today=REFERENCE_DATE.astype(object))
    print(
        json.dumps(
            {
                "seconds": time.perf_counter() - started,
                "cpu_seconds": sum(os.times()[:2]) - cpu,
                "read": result.rows_read,
                "loaded": result.rows_loaded,
                "peak_rss_mb": common.peak_rss_mb(),
            }
        )
    )
    return 0


def batam_file(path: Path, rows: int, batch: int = 0) -> Path:
    """A SIKS-NG DTKS list of ``rows`` members (4 per household) in Batam's kelurahan, by name.
    Each ``batch`` (0-19) has its own households, NIKs and KKs (born a year later each): imported
    into a warehouse that holds the earlier ones, it adds new households again."""
    units = pd.read_csv(BATAM_FACTS, dtype=str)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADER)
        for i in range(rows):
            hh = i // 4
            unit = units.iloc[hh % len(units)]
            head = i % 4 == 0
            row = {
                "ID DTKS": f"BENCH{hh:07d}" if batch == 0 else f"BENCH{batch:02d}-{hh:05d}",
                "PROVINSI": "KEPULAUAN RIAU",
                "KABUPATEN/KOTA": "KOTA BATAM",
                "KECAMATAN": unit["kecamatan"].upper(),
                "DESA/KELUARAHAN": unit["kelurahan"].upper(),
                "ALAMAT": f"Jl. Bench No. {hh % 300 + 1}",
                "RT": "001",
                "RW": "002",
                "NOMOR KK": f"217101{hh % 28 + 1:02d}05{25 - batch:02d}{hh % 9999 + 1:04d}",
                "NOMOR NIK": f"217101{(i % 28) + 1:02d}05{80 + batch:02d}{i % 9999 + 1:04d}",
                "NAMA": f"Warga Bench {i}",
                "TANGGAL LAHIR": f"{(i % 28) + 1:02d}/05/{1980 + batch}",
                "TEMPAT LAHIR": "BATAM",
                "JENIS KELAMIN": "LAKI-LAKI",
                "HUBUNGAN KELUARGA": "KEPALA KELUARGA" if head else "ANAK",
                "KETERANGAN PADAN": "PADAN",
                "BANSOS BPNT": "TIDAK",
                "BANSOS PKH": "YA" if hh % 3 == 0 else "TIDAK",
                "BANSOS BPNT-PPKM": "TIDAK",
                "PBI JKN": "TIDAK",
            }
            writer.writerow([row.get(h, "") for h in HEADER])
    return path


def import_batch(tmp: Path, path: Path, batch: int) -> tuple[float, dict]:
    """The 1,000 rows of ``batch`` (:func:`batam_file`, written in ``tmp``) imported in place into
    ``path`` by a child process: (the load average before, the child's figures)."""
    csv_path = batam_file(tmp / f"batam_1000_{batch}.csv", 1000, batch)
    load = os.getloadavg()[0]
    return load, child(["--child-import", str(csv_path), str(path)])


def child(args: list[str]) -> dict:
    """Run this script as a child with ``args``; its last line of stdout is its JSON result (its
    stderr, the build's progress and any error, goes straight through)."""
    done = subprocess.run([sys.executable, __file__, *args], stdout=subprocess.PIPE, text=True)
    if done.returncode:
        sys.exit(f"bench child {args[0]} failed (its error above)")
    return json.loads(done.stdout.strip().splitlines()[-1])


@dataclasses.dataclass(frozen=True)
class Figure:
    """One timed figure: median wall and CPU seconds (every thread of this process), peak
    resident memory (MB) over the warm-up and the timed runs, load average (1 min) before them."""

    seconds: float
    cpu: float
    peak_mb: float
    load: float


def clock(fn, label: str, runs: int = 3) -> Figure:
    """The :class:`Figure` of ``runs`` calls of ``fn`` after one warm-up: on a shared machine the
    CPU time swings least. Printed on stderr with ``label`` as soon as it is measured (a run on
    a large country takes many minutes before its table)."""
    load = os.getloadavg()[0]
    common.reset_peak()
    fn()
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    figure = Figure(statistics.median(wall), statistics.median(cpu), common.peak_rss_mb(), load)
    print(f"  [{time.strftime('%H:%M:%S')}] {label}: {figure}", file=sys.stderr, flush=True)
    return figure


def timed(con, name: str, runs: int = 3, **params) -> Figure:
    """:func:`clock` of ``queries/<name>``."""
    return clock(lambda: queries.run(con, name, **params), f"{name} {params.get('kode_region')}", runs)


def all_units(con, name: str, provinces: list[str], **params) -> Figure:
    """:func:`clock` of ``name`` for every unit, province by province."""
    return clock(lambda: [queries.run(con, name, kode_region=p, **params) for p in provinces], f"{name}, all units")


def six_t_audit(con, kode: str, settings) -> None:
    """The 6T page's entry point (``reports.six_t.audit``) for region ``kode``, every programme,
    tahap and channel."""
    selection = six_t_report.Selection(kode, kode, REFERENCE_DATE.astype(object), None, None, None)
    six_t_report.audit(con, selection, settings)


def copy_seconds(path: Path, copy: Path) -> float | None:
    """Seconds to copy the warehouse file (then removed), or None when the copy would leave less
    than a fifth of the disk free (a national warehouse is tens of GB)."""
    usage = shutil.disk_usage(copy.parent)
    if usage.free - path.stat().st_size < usage.total / 5:
        return None
    started = time.perf_counter()
    shutil.copyfile(path, copy)
    seconds = time.perf_counter() - started
    copy.unlink()
    return seconds


def stored_counts(path: Path) -> dict[str, int]:
    """Rows per table of an existing warehouse, its households as built (``metadata``)."""
    con = db.connect(path, read_only=True)
    try:
        counts = builder.table_counts(con)
        built = dict(queries.run(con, "demo/national_built").itertuples(index=False))
    finally:
        con.close()
    return {**counts, "households": int(built.get("nasional_households", counts["dtks_keluarga"]))}


def run(
    units: int,
    households: int,
    seed: int,
    keep: str | None,
    existing: str | None = None,
    in_place: bool = False,
    refresh: bool = False,
    batch: int = 1,
    join: bool = True,
) -> None:
    with tempfile.TemporaryDirectory(dir=Path(existing).parent if existing else None) as tmp:
        size_gb = 0.0
        copied = None
        if existing:
            source = Path(existing)
            counts = stored_counts(source)
            households = counts["households"]
            built = {"seconds": None, "peak_rss_mb": None}
            if in_place:
                path = source
            else:
                # The import writes: into a copy, which the bench times as the former protocol's cost.
                path = Path(tmp) / "national.duckdb"
                started = time.perf_counter()
                shutil.copyfile(source, path)
                copied = time.perf_counter() - started
            print(
                f"National synthetic warehouse {source}: {households:,} households ({source.stat().st_size / 1e9:.2f} GB)"
                + (", in place" if in_place else "")
            )
        else:
            path = Path(keep) if keep else Path(tmp) / "national.duckdb"
            built = child(["--child-build", str(path), str(units), str(households), str(seed)])
            counts = built["counts"]
            size_gb = path.stat().st_size / 1e9
            print(f"National synthetic warehouse: {units:,} units, {households:,} households, seed {seed}")
            print(
                f"  build: {built['seconds']:.1f} s ({built['cpu_seconds']:.1f} s CPU), peak RSS {built['peak_rss_mb']:,.0f} MB, file {size_gb:.2f} GB; "
                f"{counts['wilayah']:,} wilayah, {counts['dtks_anggota']:,} members, {counts['verivali']:,} verivali, "
                f"{counts['bansos_penyaluran']:,} distributions"
            )
        scale = households / 1_000_000
        if refresh:
            load = os.getloadavg()[0]
            refreshed = child(["--child-refresh", str(path)])
            print(
                f"  full analytics refresh: {refreshed['seconds']:.1f} s, {refreshed['cpu_seconds']:.1f} s CPU, "
                f"peak RSS {refreshed['peak_rss_mb']:,.0f} MB, load {load:.1f} before"
            )
            common.emit(
                "national: full analytics refresh",
                scale,
                seconds=refreshed["seconds"],
                peak_mb=refreshed["peak_rss_mb"],
                budget_mb=8000,
                note=f"CPU {refreshed['cpu_seconds']:.0f} s, load {load:.1f}",
            )

        coverage = {"siklus": CURRENT_CYCLE[0], "tanggal": REFERENCE_DATE.astype(object), "scope_kelurahan": None}
        con = db.connect(path, read_only=True)
        try:
            provinces = queries.run(con, "demo/bench_provinces")["kode"].tolist()
            city = timed(con, "coverage_units", kode_region=CITY["kode"], **coverage)
            city_ref = timed(con, "demo/bench_members_by_unit", kode_region=CITY["kode"])
            city_join = timed(con, "demo/bench_members_by_unit_join", kode_region=CITY["kode"]) if join else None
            every = all_units(con, "coverage_units", provinces, **coverage)
            every_ref = all_units(con, "demo/bench_members_by_unit", provinces)
            every_join = all_units(con, "demo/bench_members_by_unit_join", provinces) if join else None
            tree = queries.run(con, "regions_hierarchy", scope_kelurahan=None).set_index("kode")["units_count"]
            city_page = clock(lambda: page(con, CITY["kode"], int(tree[CITY["kode"]])), "overview page, Batam")
            every_page = clock(lambda: [page(con, p, int(tree[p])) for p in provinces], "overview page, all", runs=1)
            rules = six_t_settings.load()
            city_six_t = clock(lambda: six_t_audit(con, CITY["kode"], rules), "6T audit, Batam")
            every_six_t = clock(lambda: [six_t_audit(con, p, rules) for p in provinces], "6T audit, all", runs=1)
        finally:
            con.close()
        # what, its figure, its reference and the same without the region key, budget (s)
        measured = (
            ("coverage of one kab/kota", city, city_ref, city_join, 1.0),
            ("coverage of all units", every, every_ref, every_join, 10.0),
            ("overview page of one kab/kota", city_page, city_ref, city_join, 1.0),
            ("overview page of all units", every_page, every_ref, every_join, 10.0),
            ("6T audit of one kab/kota", city_six_t, city_ref, city_join, 2.0),
            ("6T audit of all units", every_six_t, every_ref, every_join, 2.0),
        )
        print(
            f"  {'query':<44} {'seconds':>8} {'CPU s':>7} {'peak MB':>8} {'load':>5} {'reference s':>12} {'ratio':>7} "
            f"{'without key s':>14}"
        )
        for name, f, ref, without_key, _ in measured:
            label = f"{name} ({'Kota Batam' if name.endswith('kab/kota') else f'{len(provinces)} provinces'})"
            print(
                f"  {label:<44} {f.seconds:>8.3f} {f.cpu:>7.3f} {f.peak_mb:>8,.0f} {f.load:>5.1f} {ref.seconds:>12.3f} "
                f"{f.seconds / ref.seconds:>6.1f}x "
                + (f"{without_key.seconds:>14.3f}" if without_key else f"{'-':>14}")
            )
        print("    (reference: members per unit through their region key; without key: through households)")

        imports = [(n, *import_batch(Path(tmp), path, n)) for n in (batch, batch + 1)]
        copy = copied if existing else copy_seconds(path, Path(tmp) / "copy.duckdb")
        for (n, load, imported), which in zip(imports, ("first", "second")):
            print(
                f"  {which} import of {imported['read']:,} rows ({imported['loaded']:,} loaded, batch {n}): "
                f"{imported['seconds']:.2f} s in place, {imported['cpu_seconds']:.2f} s CPU, "
                f"peak RSS {imported['peak_rss_mb']:,.0f} MB, load {load:.1f}; the former whole-file copy alone: "
                + (f"{copy:.2f} s (ratio import / copy {imported['seconds'] / copy:.2f})" if copy else "not measured")
            )
        if not existing:
            common.emit(
                "national build",
                scale,
                rows=counts["dtks_anggota"],
                seconds=built["seconds"],
                peak_mb=built["peak_rss_mb"],
            )
        for name, f, ref, _, budget in measured:
            common.emit(
                f"national: {name}",
                scale,
                seconds=f.seconds,
                reference_s=ref.seconds,
                peak_mb=f.peak_mb,
                budget_s=budget,
                budget_mb=8000,
                note=f"CPU {f.cpu:.2f} s, load {f.load:.1f}",
            )
        for (n, load, imported), which in zip(imports, ("first", "second")):
            common.emit(
                f"national: import of 1,000 rows ({which})",
                scale,
                rows=imported["read"],
                seconds=imported["seconds"],
                reference_s=copy,
                peak_mb=imported["peak_rss_mb"],
                budget_s=10.0,
                budget_mb=8000,
                note=f"batch {n}, CPU {imported['cpu_seconds']:.2f} s, load {load:.1f}; reference: the former whole-file copy alone",
            )


def import_into(path: Path, batch: int) -> None:
    """Step 3 alone, in place, on a national warehouse built before (``--keep``): the 1,000 rows of
    ``batch`` (a batch not imported into it yet), with the machine's load beside the figure."""
    with tempfile.TemporaryDirectory() as tmp:
        load, imported = import_batch(Path(tmp), path, batch)
    print(
        f"import of {imported['read']:,} rows ({imported['loaded']:,} loaded) into {path} "
        f"({path.stat().st_size / 1e9:.1f} GB): {imported['seconds']:.2f} s in place, {imported['cpu_seconds']:.2f} s CPU, "
        f"peak RSS {imported['peak_rss_mb']:,.0f} MB, load {load:.1f} before"
    )
    common.emit(
        "national: import of 1,000 rows",
        None,
        rows=imported["read"],
        seconds=imported["seconds"],
        peak_mb=imported["peak_rss_mb"],
        budget_s=10.0,
        note=f"into {path.name}, batch {batch}, load {load:.1f}",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    common.add_arguments(parser, default_scale=1)
    parser.add_argument("--units", type=int, default=83_000)
    parser.add_argument("--households", type=int, help="households (default 1,000,000 x --scale)")
    parser.add_argument("--seed", type=int, default=2171)
    parser.add_argument("--keep", help="build into this file and keep it (default: a temporary file)")
    parser.add_argument(
        "--db", help="time this national warehouse instead of building one (the import goes into a copy beside it)"
    )
    parser.add_argument(
        "--in-place", action="store_true", help="with --db: measure and import in that file itself, no copy"
    )
    parser.add_argument(
        "--refresh", action="store_true", help="with --db: a full analytics refresh first (a file built before)"
    )
    parser.add_argument("--child-build", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument("--child-refresh", type=Path, help=argparse.SUPPRESS)
    parser.add_argument(
        "--import-into", type=Path, help="only step 3, in place, into this national warehouse built before"
    )
    parser.add_argument(
        "--batch",
        type=int,
        default=1,
        help="the rows' batch (0-19, default 1; step 3 imports it and the next one): one not imported yet",
    )
    parser.add_argument(
        "--no-join",
        action="store_true",
        help="leave out the 'without key' figures (every unit through the households: half an hour at 100 M members)",
    )
    parser.add_argument("--child-import", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_build:
        path, units, households, seed = args.child_build
        return child_build(Path(path), int(units), int(households), int(seed))
    if args.child_refresh:
        return child_refresh(args.child_refresh)
    if args.child_import:
        return child_import(Path(args.child_import[0]), Path(args.child_import[1]))
    if args.import_into:
        import_into(args.import_into, args.batch)
        return 0
    if (args.in_place or args.refresh) and not args.db:
        parser.error("--in-place and --refresh go with --db")
    if args.quick:
        args.units, args.households = 2_000, 20_000
    households = args.households or int(1_000_000 * args.scale)
    run(
        args.units, households, args.seed, args.keep, args.db, args.in_place, args.refresh, args.batch, not args.no_join
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
