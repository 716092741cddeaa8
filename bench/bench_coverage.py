"""DTKS update coverage for the whole region (every kelurahan, kecamatan and the region, with
members and the result breakdown: queries/coverage_units.sql), DuckDB against a plain-pandas
reference implementation of the same figures, at several scales, in the same run.

    .venv/bin/python bench/bench_coverage.py [--scales 1 10 100] [--runs 3] [--keep DIR]

Each scale gets a synthetic Kota Batam warehouse built here with DuckDB (64 kelurahan, 65,000
households and about 260,000 members per unit of scale, uneven verivali progress, no visits
at all in the 15 kelurahan whose code ends in 03 or 07, old-cycle rows, inactive records), so
the benchmark does not depend on the demo builder and scale 100 builds in a few minutes. For
each scale it prints the build time, the DuckDB time (median of --runs warm runs, query plus
analytics), the pandas time on tables already in memory (load time printed apart), their
ratio, and whether every count and figure of every unit is equal.
Budget (issue 5): under 1 s at scale 10.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import queries  # noqa: E402
from analytics import coverage  # noqa: E402
from warehouse import db, demo  # noqa: E402

REGION = "21.71"
CYCLE, OLD_CYCLE = "2026-1", "2025-1"
START, TARGET, TODAY = dt.date(2026, 1, 5), dt.date(2026, 6, 30), dt.date(2026, 3, 20)
HOUSEHOLDS_PER_SCALE = 65_000


def build(path: Path, scale: int) -> None:
    """A synthetic warehouse: every random choice is a hash of the row number, so the same
    scale gives the same data."""
    units = pd.read_csv(demo.BATAM_FACTS, dtype=str)
    n = HOUSEHOLDS_PER_SCALE * scale
    with db.atomic_build(path) as con:
        con.execute(queries.load("bench/coverage/wilayah_region"))
        kec = units.drop_duplicates("kode_kecamatan")
        con.executemany(
            queries.load("bench/coverage/wilayah_kecamatan"),
            list(zip(kec["kode_kecamatan"], kec["kecamatan"])),
        )
        con.executemany(
            queries.load("bench/coverage/wilayah_kelurahan"),
            list(zip(units["kode"], units["kelurahan"], units["jenis"], units["kode_kecamatan"])),
        )
        con.execute(queries.load("bench/coverage/unit_list"))
        con.execute(
            queries.load("bench/coverage/verivali_siklus"),
            {"old": OLD_CYCLE, "cycle": CYCLE, "start": START, "target": TARGET},
        )
        # Households: uneven sizes per kelurahan (hash modulo 64 squared), 5 % inactive.
        con.execute(
            queries.load("bench/coverage/dtks_keluarga"),
            {"n": n},
        )
        # Members: 1-7 per household (mean 4), 97 % active, 70 % padan.
        con.execute(queries.load("bench/coverage/dtks_anggota"))
        # Verivali rows: a proposal for 60 %, a ground check for a share that differs per
        # kelurahan (none at all where the code ends in 03 or 07), results spread over the
        # cycle, after the data date for some; one old-cycle visit for 30 %.
        con.execute(
            queries.load("bench/coverage/verivali"),
            {"cycle": CYCLE, "old": OLD_CYCLE, "start": START},
        )
        con.execute(queries.load("bench/coverage/metadata"), {"d": TODAY.isoformat()})
        # As every write does: the coverage query reads the analytics tables built from these rows.
        db.refresh_analytics(con)


def load_tables(con) -> dict[str, pd.DataFrame]:
    """The columns the reference needs, as pandas frames."""
    return {
        "wilayah": con.execute(queries.load("bench/coverage/read_wilayah")).df(),
        "keluarga": con.execute(queries.load("bench/coverage/read_keluarga")).df(),
        "anggota": con.execute(queries.load("bench/coverage/read_anggota")).df(),
        "verivali": con.execute(queries.load("bench/coverage/read_verivali")).df(),
    }


def reference_counts(t: dict[str, pd.DataFrame], kode_region: str, siklus: str, today: dt.date) -> pd.DataFrame:
    """coverage_units.sql's count columns per kelurahan, kecamatan and region, in pandas."""
    w = t["wilayah"]
    units = w[(w["level"] == "kelurahan") & w["kode"].str.startswith(kode_region + ".")]
    names = w.set_index("kode")["nama"]
    day = pd.Timestamp(today)
    v = t["verivali"]
    v = v[(v["siklus"] == siklus) & v["hasil"].notna() & (pd.to_datetime(v["tanggal"]) <= day)]
    v = v.assign(tanggal=pd.to_datetime(v["tanggal"])).sort_values(["id_dtks", "tanggal", "id_verivali"])
    results = v.groupby("id_dtks").agg(tanggal_hasil=("tanggal", "min"), hasil_akhir=("hasil", "last"))
    h = t["keluarga"]
    h = h[h["kode_kelurahan"].str.startswith(kode_region + ".")].join(results, on="id_dtks")
    frame = h[(h["status"] == "aktif") | h["tanggal_hasil"].notna()]
    updated = frame["tanggal_hasil"].notna()
    hc = (
        pd.DataFrame(
            {
                "kode": frame["kode_kelurahan"],
                "households_count": 1,
                "updated_count": updated,
                "updated_7d_ago_count": frame["tanggal_hasil"] <= day - pd.Timedelta(days=7),
                "updated_28d_count": frame["tanggal_hasil"] > day - pd.Timedelta(days=28),
                **{f"{r}_count": frame["hasil_akhir"] == r for r in coverage.RESULTS},
            }
        )
        .groupby("kode")
        .sum()
    )
    a = t["anggota"].merge(
        frame[["id_dtks", "kode_kelurahan", "status", "tanggal_hasil"]], on="id_dtks", suffixes=("", "_h")
    )
    active = (a["status"] == "aktif") & (a["status_h"] == "aktif")
    in_frame = (a["status"] == "aktif") | (a["status_h"] != "aktif")
    mc = (
        pd.DataFrame(
            {
                "kode": a["kode_kelurahan"],
                "members_count": active,
                "padan_count": active & (a["status_padan"] == "padan"),
                "frame_members_count": in_frame,
                "updated_members_count": in_frame & a["tanggal_hasil"].notna(),
                "updated_members_7d_ago_count": in_frame & (a["tanggal_hasil"] <= day - pd.Timedelta(days=7)),
                "updated_members_28d_count": in_frame & (a["tanggal_hasil"] > day - pd.Timedelta(days=28)),
            }
        )
        .groupby("kode")
        .sum()
    )
    kel = units[["kode", "kode_induk"]].set_index("kode").join(hc).join(mc).fillna(0)
    counts = [c for c in kel.columns if c.endswith("_count")]
    kel[counts] = kel[counts].astype("int64")
    kec = kel.groupby("kode_induk")[counts].sum()
    region = kel[counts].sum().to_frame(kode_region).T
    out = (
        pd.concat(
            [
                region.assign(level="region"),
                kec.assign(level="kecamatan"),
                kel.drop(columns="kode_induk").assign(level="kelurahan"),
            ]
        )
        .rename_axis("kode")
        .reset_index()
    )
    out["nama"] = out["kode"].map(names)
    return out


def median_seconds(fn, runs: int) -> tuple[float, object]:
    result = fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


# The figures compared between the two implementations, besides every count.
FIGURES = (
    "coverage_rate",
    "coverage_7d_ago_rate",
    "backlog_count",
    "pace_per_day",
    "projected_finish",
    "padan_rate",
    "lagging",
)


def pandas_levels(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The reference: counts in pandas, then the same analytics as the DuckDB side."""
    ref = reference_counts(tables, REGION, CYCLE, TODAY)
    # The kecamatan of each row, as the query gives it (the never-finishing count of a kecamatan
    # needs it): a kelurahan's is its code's first three segments, the region has none.
    ref["kode_kecamatan"] = ref["kode"].str[:8].where(ref["level"] != "region", None)
    return coverage.coverage_levels(ref, TODAY, START, TARGET)


def same_results(got: pd.DataFrame, want: pd.DataFrame) -> bool:
    """Every count and every figure of :data:`FIGURES` equal for every unit (rates to 1e-12)."""
    counts = [c for c in want.columns if c.endswith("_count")]
    a = got.set_index(["level", "kode"]).sort_index()
    b = want.set_index(["level", "kode"]).sort_index()
    if not a.index.equals(b.index):
        return False
    if not a[counts].astype("int64").equals(b[counts].astype("int64")):
        return False
    for col in FIGURES:
        x, y = a[col], b[col]
        if col.endswith("_rate") or col == "pace_per_day":
            x, y = x.astype("float64").to_numpy(), y.astype("float64").to_numpy()
            if not ((abs(x - y) <= 1e-12) | (pd.isna(x) & pd.isna(y))).all():
                return False
        elif x.tolist() != y.tolist():
            return False
    return True


def bench_scale(path: Path, scale: int, runs: int) -> dict:
    built = None
    if not path.exists():
        started = time.perf_counter()
        build(path, scale)
        built = time.perf_counter() - started
    con = db.connect(path, read_only=True)
    try:

        def duck():
            rows = queries.run(
                con, "coverage_units", kode_region=REGION, siklus=CYCLE, tanggal=TODAY, scope_kelurahan=None
            )
            return coverage.coverage_levels(rows, TODAY, START, TARGET)

        duck_s, levels = median_seconds(duck, runs)
        t0 = time.perf_counter()
        tables = load_tables(con)
        load_s = time.perf_counter() - t0
        members = len(tables["anggota"])
    finally:
        con.close()
    pandas_s, ref = median_seconds(lambda: pandas_levels(tables), runs)
    return {
        "scale": scale,
        "members": members,
        "units": len(levels),
        "built_s": built,
        "duckdb_s": duck_s,
        "load_s": load_s,
        "pandas_s": pandas_s,
        "equal": same_results(levels, ref),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", help="directory to keep (and reuse) the built warehouses in")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        print(
            f"{'scale':>5} {'members':>11} {'build s':>8} {'duckdb s':>9} {'pandas s':>9} {'load s':>8} {'pandas/duckdb':>13}  equal"
        )
        for scale in args.scales:
            r = bench_scale(folder / f"bench_coverage_{scale}.duckdb", scale, args.runs)
            built = "reused" if r["built_s"] is None else f"{r['built_s']:.1f}"
            print(
                f"{r['scale']:>5} {r['members']:>11,} {built:>8} {r['duckdb_s']:>9.3f} {r['pandas_s']:>9.3f}"
                f" {r['load_s']:>8.1f} {r['pandas_s'] / r['duckdb_s']:>12.1f}x  {r['equal']}",
                flush=True,
            )
    print("duckdb: coverage_units.sql + analytics.coverage.coverage_levels, warm, median of runs;")
    print("pandas: the same counts from tables already in memory (load time apart), then the same analytics;")
    print(
        "equal: every count, rate, backlog, pace, finish date and lagging flag of every unit. Budget: < 1 s at scale 10."
    )


if __name__ == "__main__":
    main()
