"""The register's life page at scale 1 and 10: the musyawarah proposals (reports.usulan, through
queries/usulan_units.sql and the usulan_status macro) and the PKH exits (reports.graduasi,
through queries/graduasi_units.sql and the pkh_keluar macro) against a plain pandas reference
of the same rules, in the same run. Prints the seconds of each, their ratio, whether the
per-kelurahan counts agree, and the page's first visit (both reports and the boundaries, what
ui.register.life and the maps read) against the page budget of 4 s.

    .venv/bin/python bench/bench_register.py [--scale 10] [--quick] [--runs 3] [--keep DIR] [--db PATH]

Each scale builds the real demo (warehouse.demo.build; about a minute and 2 GB at scale 10);
``--db`` times an existing warehouse instead. The pandas reference's time excludes reading the
tables out of DuckDB (printed apart as "read s"): that is what the SQL path saves on top.
"""

from __future__ import annotations

import argparse
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
from bench import common  # noqa: E402
from reports import files  # noqa: E402
from reports import graduasi as graduasi_report  # noqa: E402
from reports import usulan as usulan_report  # noqa: E402
from warehouse import db, demo  # noqa: E402

REGION = "21.71"
USULAN_COUNTS = ["proposals_count", "masuk_count", "keluar_count", "ganda_count", "ditetapkan_count", "ditolak_count"]
GRADUASI_COUNTS = ["keluar_count", "sejahtera_mandiri_count", "alamiah_tidak_layak_count", "tanpa_keterangan_count"]


def timed(fn, runs: int):
    """(median seconds, last result) of ``runs`` calls."""
    seconds, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), result


def read_tables(con, siklus: str) -> dict[str, pd.DataFrame]:
    """The raw rows the pandas reference needs, as frames (queries/bench/register/)."""
    return {
        "usulan": con.execute(queries.load("bench/register/usulan_of_cycle"), {"s": siklus}).df(),
        "verivali": con.execute(
            queries.load("bench/register/verivali_of_proposed"),
            {"s": siklus},
        ).df(),
        "units": con.execute(queries.load("bench/register/kelurahan_codes")).df(),
        "pkh": con.execute(queries.load("bench/register/pkh_paid")).df(),
        "tahap": con.execute(queries.load("bench/register/pkh_tahap")).df(),
        "graduasi": con.execute(queries.load("bench/register/graduasi")).df(),
        "keluarga": con.execute(queries.load("bench/register/households")).df(),
        "data_date": files.data_date(con),
    }


def pandas_usulan(t: dict) -> pd.DataFrame:
    """Per-kelurahan proposal counts by the rule of queries/schema/32_usulan_status.sql."""
    u = t["usulan"].copy()
    u["subjek"] = np.where(u["sasaran"] == "individu", u["nik"], None)
    u["subjek"] = u["subjek"].fillna(u["id_dtks"]).fillna(u["no_kk"]).fillna(u["nik"])
    m = u[["id_usulan", "id_dtks", "siklus", "arah", "tanggal_musyawarah"]].merge(
        t["verivali"], on=["id_dtks", "siklus"]
    )
    m = m[m["tanggal"] >= m["tanggal_musyawarah"].fillna(pd.Timestamp("1900-01-01"))]
    gc = m["tahap"] == "ground_check"
    ranked = m["tahap"] == "desil"
    masuk = m["arah"] == "masuk"
    accept = (masuk & ranked) | (
        ~masuk & ((gc & m["hasil"].isin(["pindah", "meninggal", "duplikat"])) | (ranked & (m["desil"] > 4)))
    )
    reject = (masuk & gc & m["hasil"].isin(["tidak_ditemukan", "duplikat"])) | (~masuk & ranked & (m["desil"] <= 4))
    steps = (
        pd.DataFrame(
            {
                "id_usulan": m["id_usulan"],
                "entri": m["tanggal"].where(m["tahap"] == "entri_siksng"),
                "verified": m["tanggal"].where(m["tahap"].isin(["cek_dinsos", "ground_check"])),
                "accepted": m["tanggal"].where(accept),
                "rejected": m["tanggal"].where(reject),
            }
        )
        .groupby("id_usulan")
        .min()
    )
    u = u.join(steps, on="id_usulan")
    followed = np.select(
        [
            u["accepted"].notna() & (u["rejected"].isna() | (u["accepted"] <= u["rejected"])),
            u["rejected"].notna(),
            u["verified"].notna(),
            u["entri"].notna(),
        ],
        ["ditetapkan", "ditolak", "diverifikasi", "diinput"],
        "diusulkan",
    )
    u["stage"] = u["tahap"].fillna(pd.Series(followed, index=u.index))
    u = u.sort_values(["tanggal_musyawarah", "id_usulan"], na_position="last")
    u["ganda"] = u.groupby(["siklus", "arah", "subjek"], dropna=False).cumcount() > 0
    own = ~u["ganda"]
    counts = (
        pd.DataFrame(
            {
                "kode": u["kode_kelurahan"],
                "proposals_count": 1,
                "masuk_count": (own & (u["arah"] == "masuk")).astype(int),
                "keluar_count": (own & (u["arah"] == "keluar")).astype(int),
                "ganda_count": u["ganda"].astype(int),
                "ditetapkan_count": (own & (u["stage"] == "ditetapkan")).astype(int),
                "ditolak_count": (own & (u["stage"] == "ditolak")).astype(int),
            }
        )
        .groupby("kode")
        .sum()
    )
    return counts.reindex(t["units"]["kode"], fill_value=0)[USULAN_COUNTS]


def pandas_graduasi(t: dict) -> pd.DataFrame:
    """Per-kelurahan and year exit counts by the rule of queries/analytics/51_pkh_keluar_kpm.sql."""
    periods = t["tahap"].sort_values(["tanggal_mulai", "tahap"]).reset_index(drop=True)
    periods["seq"] = np.arange(1, len(periods) + 1)
    closed = periods.loc[pd.to_datetime(periods["tanggal_selesai"]) <= pd.Timestamp(t["data_date"]), "seq"]
    last_closed = int(closed.max()) if len(closed) else 0
    d = t["pkh"].merge(periods[["tahap", "seq"]], on="tahap")
    d = d.sort_values("seq")
    last = d.groupby("id_dtks").agg(last_seq=("seq", "max"), kode_kelurahan=("kode_kelurahan", "last"))
    history = last[last["last_seq"] + 2 <= last_closed].copy()
    starts = dict(zip(periods["seq"], pd.to_datetime(periods["tanggal_mulai"]).dt.year))
    history["tahun_h"] = (history["last_seq"] + 1).map(starts)
    g = t["graduasi"]
    both = g.merge(history.reset_index(), on="id_dtks", how="outer", suffixes=("_l", "_h"))
    both = both.merge(t["keluarga"], on="id_dtks", how="left")
    inferred = np.select(
        [
            both["status"] == "pindah",
            both["status"] == "meninggal",
            (both["status"] == "duplikat") | (both["desil"] > 4),
        ],
        ["alamiah_pindah", "alamiah_meninggal", "alamiah_tidak_layak"],
        "tanpa_keterangan",
    )
    both["kind"] = both["jenis"].fillna(pd.Series(inferred, index=both.index))
    both["tahun"] = both["tahun"].fillna(both["tahun_h"]).astype(int)
    both["kode"] = both["kode_kelurahan_l"].fillna(both["kode_kelurahan_h"])
    paid = (
        t["pkh"]
        .merge(t["tahap"][["tahap", "tanggal_mulai"]], on="tahap")
        .merge(g[["id_dtks", "tahun", "tanggal_graduasi"]], on="id_dtks")
    )
    paid = paid[pd.to_datetime(paid["tanggal_mulai"]) > pd.to_datetime(paid["tanggal_graduasi"])]
    still = set(zip(paid["id_dtks"], paid["tahun"]))
    both["still"] = [(i, y) in still for i, y in zip(both["id_dtks"], both["tahun"])]
    left = both[~both["still"]]
    counts = (
        pd.DataFrame(
            {
                "kode": left["kode"],
                "tahun": left["tahun"],
                "keluar_count": 1,
                **{f"{k}_count": (left["kind"] == k).astype(int) for k in ("sejahtera_mandiri", "alamiah_tidak_layak")},
                "tanpa_keterangan_count": (left["kind"] == "tanpa_keterangan").astype(int),
            }
        )
        .groupby(["tahun", "kode"])[GRADUASI_COUNTS]
        .sum()
    )
    years = sorted(both["tahun"].unique())
    grid = pd.MultiIndex.from_product([years, t["units"]["kode"]], names=["tahun", "kode"])
    return counts.reindex(grid, fill_value=0)


def bench(path: Path, runs: int, scale: float | None = None) -> None:
    con = duckdb.connect(str(path), read_only=True)
    siklus = files.cycle(con, None).name
    households = con.execute(queries.load("bench/register/household_count")).fetchone()[0]
    proposals = con.execute(queries.load("bench/register/proposal_count")).fetchone()[0]
    pkh_rows = con.execute(queries.load("bench/register/pkh_distribution_count")).fetchone()[0]
    print(f"{path.name}: {households:,} households, {proposals:,} proposals, {pkh_rows:,} PKH distributions")
    u_sql, u = timed(lambda: usulan_report.proposals(con, REGION, siklus, suppress_below=0), runs)
    g_sql, g = timed(lambda: graduasi_report.exits(con, REGION, suppress_below=0), runs)
    b_sql, _ = timed(lambda: files.boundaries(con, REGION), runs)
    read_s, tables = timed(lambda: read_tables(con, siklus), 1)
    u_pd, u_ref = timed(lambda: pandas_usulan(tables), runs)
    g_pd, g_ref = timed(lambda: pandas_graduasi(tables), runs)
    u_got = u.kelurahan.set_index("kode")[USULAN_COUNTS].astype("int64")
    g_units = g.units[g.units["level"] == "kelurahan"].set_index(["tahun", "kode"])[GRADUASI_COUNTS].astype("int64")
    u_equal = u_got.equals(u_ref.astype("int64"))
    g_equal = g_units.equals(g_ref.astype("int64"))
    print(f"  {'part':<9} {'SQL s':>7} {'pandas s':>9} {'ratio':>7}  equal")
    print(f"  {'usulan':<9} {u_sql:>7.3f} {u_pd:>9.3f} {u_pd / u_sql:>6.1f}x  {u_equal}")
    print(f"  {'graduasi':<9} {g_sql:>7.3f} {g_pd:>9.3f} {g_pd / g_sql:>6.1f}x  {g_equal}")
    print(f"  read s (pandas reference, once): {read_s:.2f}")
    first_visit = u_sql + g_sql + b_sql
    print(f"  page's first visit (both reports + boundaries): {first_visit:.2f} s (budget 4 s)")
    note = "" if u_equal and g_equal else "SQL and pandas counts differ"
    common.emit("usulan per kelurahan", scale, rows=proposals, seconds=u_sql, reference_s=u_pd, note=note)
    common.emit("graduasi per kelurahan", scale, rows=pkh_rows, seconds=g_sql, reference_s=g_pd, note=note)
    common.emit("register page, first visit", scale, seconds=first_visit, budget_s=4.0)
    con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    common.add_arguments(parser, default_scale=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", help="directory to keep the built warehouses in (default: a temporary one)")
    parser.add_argument("--db", help="time this warehouse instead of building demos")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    scale = 1 if args.quick else int(args.scale)
    if args.db:
        bench(Path(args.db), runs, args.scale)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"demo_scale{scale}.duckdb"
        if not path.exists():
            start = time.perf_counter()
            with db.atomic_build(path) as con:
                demo.build(con, scale=scale)
            print(f"scale {scale}: demo built in {time.perf_counter() - start:.1f} s")
        bench(path, runs, scale)


if __name__ == "__main__":
    main()
