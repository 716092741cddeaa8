"""6T for every distribution at scale 1, 10 and 100: DuckDB (queries/six_t_units.sql, the
query behind the auditors' page and the export) against a pandas reference implementation of
the same rules, in the same run. Prints the seconds of each, their ratio, and whether the
per-kelurahan counts are equal. The page query counts the analytics table six_t_cells
(queries/analytics/20_*-22_*), built with the warehouse: the seconds of that refresh are printed
on their own (they are part of the build time, as in every import).

    .venv/bin/python bench/bench_six_t.py [--scales 1 10 100] [--runs 3] [--chunks 10] [--builder demo]

By default the warehouses are synthetic and built here with DuckDB range(): Kota Batam's 64
kelurahan, ~28,400 KPM households per unit of scale, PKH (tunai, 8 quarterly tahap) and BPNT
(barang, 24 monthly tahap), ~500,000 distributions per unit of scale (scale 100: ~50 million),
with the kinds of failure the demo has (late distributions in outer kecamatan, deductions
concentrated in four kelurahan, missing photos at PT Pos, prices above the reference at a few
e-warong, failed quality checks, ineligible and duplicate recipients). ``--builder demo``
builds the real demo (``warehouse.demo.build``) instead: it holds every household and member in
memory while building (2.2 GB peak at scale 10, so some 20 GB at scale 100: too much for a
small shared machine); the synthetic tables have the same schema and ~0.8 times the demo's
distributions (501,369 against 627,315 at scale 1).

The pandas reference works on in-memory frames; from the scale where the whole table would
not fit comfortably in memory (--chunks applies from scale 100) it runs on household-hash
chunks, which keeps every household's distributions together so the duplicate rule still
holds, and adds the counts up. Its time excludes reading the data out of DuckDB (printed
apart). DuckDB's CPU seconds (all its threads) are printed next to its wall time: on a machine
shared with other work the wall time swings with the load, the CPU time much less. Budget:
DuckDB under 2 s at scale 10.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import queries  # noqa: E402
from analytics import six_t  # noqa: E402
from reports import settings as six_t_settings  # noqa: E402
from reports import six_t as six_t_report  # noqa: E402
from warehouse import db, demo  # noqa: E402

REGION = "21.71"
HOUSEHOLDS_PER_SCALE = 28_400

# The synthetic warehouse, one statement per file run in file-name order. $households is the
# only parameter.
BUILD = sorted(f"bench/six_t/build/{p.stem}" for p in (queries.QUERY_DIR / "bench" / "six_t" / "build").glob("*.sql"))


def build(path: Path, scale: int, builder: str = "synthetic") -> tuple[int, float]:
    """(distributions, seconds of the analytics tables' refresh) of a new warehouse at ``path``.
    The demo refreshes them at its end, as every write does; the synthetic tables here are
    refreshed the same way (warehouse.db.refresh_analytics), timed on its own."""
    with db.atomic_build(path) as con:
        if builder == "demo":
            demo.build(con, scale=scale)
            return con.execute(queries.load("bench/six_t/distribution_count")).fetchone()[0], float("nan")
        for name in BUILD:
            statement = queries.load(name)
            params = {"households": HOUSEHOLDS_PER_SCALE * scale} if "$households" in statement else {}
            con.execute(statement, params)
        start = time.perf_counter()
        db.refresh_analytics(con)
        refreshed = time.perf_counter() - start
        return con.execute(queries.load("bench/six_t/distribution_count")).fetchone()[0], refreshed


# --- the pandas reference --------------------------------------------------------------------


READ = {
    name: queries.load(f"bench/six_t/read_{name}")
    for name in ("penyaluran", "keluarga", "anggota", "desil", "program", "tahap", "data_date")
}


def read_chunk(con, chunk: int, chunks: int) -> dict[str, pd.DataFrame]:
    params = {"chunk": chunk, "chunks": chunks}
    return {
        name: con.execute(sql, {k: v for k, v in params.items() if f"${k}" in sql}).df() for name, sql in READ.items()
    }


def desil_in_force(d: pd.DataFrame, assigned: pd.DataFrame) -> pd.Series:
    """The desil of each distribution's household when its tahap began: the latest assigned by
    then if a later assignment replaced it, else the current one (column desil of ``d``)."""
    a = assigned.sort_values(["id_dtks", "tanggal", "id_verivali"])
    # Replaced the same day counts as never in force (the later assignment, by id, wins).
    a = a.assign(
        replaced=a.groupby("id_dtks")["tanggal"].shift(-1) > a["tanggal"], tanggal=pd.to_datetime(a["tanggal"])
    )
    a = a.rename(columns={"desil": "desil_then"})[["id_dtks", "tanggal", "desil_then", "replaced"]]
    dated = d[d["tanggal_mulai"].notna()].assign(start=lambda x: pd.to_datetime(x["tanggal_mulai"]))
    # pandas 3 refuses merge_asof on keys of different dtypes: an empty verivali read-out (no
    # desil ranking in the chunk) comes back as object, the distributions' ids as str.
    a = a.astype({"id_dtks": dated["id_dtks"].dtype})
    found = pd.merge_asof(
        dated.reset_index().sort_values("start"),
        a.sort_values("tanggal", kind="stable"),
        left_on="start",
        right_on="tanggal",
        by="id_dtks",
        direction="backward",
    ).set_index("index")
    desil = d["desil"].astype("Float64")
    use = found.index[found["replaced"].fillna(False).astype(bool)]
    desil[use] = found.loc[use, "desil_then"].astype("Float64")
    return desil


def pandas_six_t(t: dict[str, pd.DataFrame], settings: six_t_settings.SixTSettings) -> pd.DataFrame:
    """Per-kelurahan 6T counts and rupiah at risk, the rules of six_t_penyaluran.sql in pandas."""
    d = t["penyaluran"].merge(t["program"], on="kode_program", how="inner")
    d = d.merge(t["tahap"], on=["kode_program", "tahap"], how="left")
    hh = t["keluarga"].rename(columns={"status": "household_status"})
    d = d.merge(hh, on="id_dtks", how="left", indicator="in_dtks")
    d["desil"] = desil_in_force(d, t["desil"])
    a = t["anggota"]
    members = (
        a.assign(active=a["status"].eq("aktif"), padan=a["status"].eq("aktif") & a["status_padan"].eq("padan"))
        .groupby(["id_dtks", "nik"], as_index=False)[["active", "padan"]]
        .any()
        .rename(columns={"nik": "nik_penerima"})
    )
    d = d.merge(members, on=["id_dtks", "nik_penerima"], how="left", indicator="is_member")

    order = d.sort_values(["kode_program", "tahap", "id_dtks", "tanggal_salur", "id_penyaluran"])
    repeat = order.duplicated(["kode_program", "tahap", "id_dtks"], keep="first").reindex(d.index)

    sasaran = ~(
        d["in_dtks"].eq("left_only")
        | d["household_status"].ne("aktif")
        | d["is_member"].eq("left_only")
        | ~d["active"].fillna(False).astype(bool)
        | ~d["padan"].fillna(False).astype(bool)
        | d["desil"].isna()
        | (d["desil"] > d["desil_maks"])
        | repeat
    )
    tol = settings.jumlah_tolerance_rupiah
    # Judged against the tahap's entitlement (the report's own only for an unknown tahap).
    hak = d["nilai_per_kpm"].fillna(d["nilai_hak"])
    deduction = d["nilai_diterima"] < hak - tol
    jumlah = ~(deduction | (d["nilai_diterima"] > hak + tol))
    grace = settings.waktu_grace_days
    grace_days = d["toleransi_hari"] if grace is None else pd.Series(grace, index=d.index)
    last_day = d["tanggal_selesai"] + pd.to_timedelta(grace_days, unit="D")
    started = d["tanggal_mulai"].notna() & (d["tanggal_salur"] >= d["tanggal_mulai"])
    # A tahap ending after the data date has not closed: waktu is not yet due (not applicable).
    data_date = pd.Timestamp(t["data_date"]["tanggal_data"].iloc[0])
    waktu_app = ~(started & (pd.to_datetime(d["tanggal_selesai"]) > data_date))
    waktu = waktu_app & started & (d["tanggal_salur"] <= last_day)
    goods = d["jenis"].eq("barang")
    kualitas_app = goods
    kualitas = goods & d["lolos_kualitas"].astype("boolean").fillna(False).astype(bool)
    harga_app = goods & d["harga_acuan"].notna()
    harga = (
        harga_app
        & d["harga_dibayar"].notna()
        & (d["harga_dibayar"] <= d["harga_acuan"] + settings.harga_tolerance_rupiah)
    )
    required = d["dokumen_wajib"].map(lambda docs: tuple(docs))
    administrasi = pd.Series(True, index=d.index)
    for docs in required.unique():
        rows = (required == docs).to_numpy()
        present = d.loc[rows, "dokumen"].str.split(",")
        ok = pd.Series(True, index=present.index)
        for doc in docs:
            ok &= present.map(lambda have, doc=doc: doc in have)
        administrasi[rows] = ok
    flags = pd.DataFrame(
        {
            "kode": d["kode_kelurahan"],
            "sasaran_applicable_count": 1,
            "sasaran_met_count": sasaran.astype(int),
            "jumlah_applicable_count": 1,
            "jumlah_met_count": jumlah.astype(int),
            "waktu_applicable_count": waktu_app.astype(int),
            "waktu_met_count": waktu.astype(int),
            "kualitas_applicable_count": kualitas_app.astype(int),
            "kualitas_met_count": kualitas.astype(int),
            "harga_applicable_count": harga_app.astype(int),
            "harga_met_count": harga.astype(int),
            "administrasi_applicable_count": 1,
            "administrasi_met_count": administrasi.astype(int),
            "distributions_count": 1,
            "compliant_count": (
                sasaran
                & jumlah
                & (waktu | ~waktu_app)
                & (kualitas | ~kualitas_app)
                & (harga | ~harga_app)
                & administrasi
            ).astype(int),
            "at_risk_rupiah": np.where(deduction, hak - d["nilai_diterima"], 0)
            + np.where(~sasaran, d["nilai_diterima"], 0),
        }
    )
    return flags.groupby("kode").sum()


COMPARED = [
    "distributions_count",
    "compliant_count",
    *[f"{t}_{c}_count" for t in six_t.INDICATORS for c in ("applicable", "met")],
    "at_risk_rupiah",
]


def run_scale(path: Path, scale: int, runs: int, chunks: int, settings) -> dict:
    params = six_t_report.query_params(REGION, None, None, None, settings)
    con = db.connect(path, read_only=True)
    try:
        times, cpu = [], []
        for _ in range(runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            counts = queries.run(con, "six_t_units", **params)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        duck, duck_cpu = statistics.median(times), statistics.median(cpu)
        n_chunks = chunks if scale >= 100 else 1
        parts, read_s, pandas_s = [], 0.0, 0.0
        for chunk in range(n_chunks):
            start = time.perf_counter()
            tables = read_chunk(con, chunk, n_chunks)
            read_s += time.perf_counter() - start
            start = time.perf_counter()
            parts.append(pandas_six_t(tables, settings))
            pandas_s += time.perf_counter() - start
            del tables
    finally:
        con.close()
    reference = pd.concat(parts).groupby(level=0).sum()
    kel = counts[(counts["level"] == "kelurahan") & (counts["distributions_count"] > 0)].set_index("kode")
    equal = kel.index.sort_values().equals(reference.index.sort_values()) and all(
        (kel.loc[reference.index, c].astype("int64") == reference[c].astype("int64")).all() for c in COMPARED
    )
    region = six_t.compliance_rates(counts[counts["level"] == "region"]).iloc[0]
    return {
        "duck": duck,
        "duck_cpu": duck_cpu,
        "pandas": pandas_s,
        "read": read_s,
        "equal": equal,
        "chunks": n_chunks,
        "rates": {m: region[f"{m}_rate"] for m in six_t.MEASURES},
        "at_risk": int(region["at_risk_rupiah"]),
        "n": int(region["distributions_count"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--runs", type=int, default=3, help="DuckDB runs per scale (median)")
    parser.add_argument("--chunks", type=int, default=10, help="pandas chunks from scale 100")
    parser.add_argument("--dir", help="where to build the warehouses (default a temporary directory)")
    parser.add_argument(
        "--builder",
        choices=("synthetic", "demo"),
        default="synthetic",
        help="synthetic range() tables (default) or the real demo (warehouse.demo.build)",
    )
    args = parser.parse_args()
    settings = six_t_settings.load()
    print(
        f"builder: {args.builder}; DuckDB {duckdb.__version__}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}"
    )
    print(
        f"{'scale':>5} {'distributions':>14} {'build s':>8} {'duckdb s':>9} {'cpu s':>6} {'pandas s':>9} "
        f"{'ratio':>7} {'equal':>6}   (pandas read-out s, chunks)"
    )
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        for scale in args.scales:
            path = Path(tmp) / f"six_t_{scale}.duckdb"
            start = time.perf_counter()
            n, refreshed = build(path, scale, args.builder)
            built = time.perf_counter() - start
            r = run_scale(path, scale, args.runs, args.chunks, settings)
            assert r["n"] == n
            print(
                f"{scale:>5} {n:>14,} {built:>8.1f} {r['duck']:>9.2f} {r['duck_cpu']:>6.2f} {r['pandas']:>9.2f} "
                f"{r['pandas'] / r['duck']:>6.1f}x {str(r['equal']):>6}   ({r['read']:.1f}, {r['chunks']})",
                flush=True,
            )
            print(f"      analytics tables refreshed in {refreshed:.1f} s (part of the build)", flush=True)
            rates = ", ".join(f"{m} {v * 100:.1f} %" for m, v in r["rates"].items())
            print(f"      rates: {rates}; at risk Rp {r['at_risk']:,}; load {os.getloadavg()[0]:.1f}", flush=True)
            path.unlink()
    print("budget: DuckDB under 2 s at scale 10 (median of warm runs, all distributions, per-unit grouping sets)")


if __name__ == "__main__":
    main()
