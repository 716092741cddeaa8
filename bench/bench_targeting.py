"""The targeting pages at scale: eksklusi (exclusion and inclusion errors) and pendataan
(campaign progress), each through its SQL path (what the page and the export call) against a
pandas reference of the same rules, in the same run. Prints the seconds of each, their ratio,
and whether the per-kelurahan counts agree.

    .venv/bin/python bench/bench_targeting.py [--scale 10] [--db FILE] [--records 1000000] [--runs 3]

The warehouse is the real demo (``warehouse.demo.build``) at ``--scale``, built into a temporary
file unless ``--db`` names one already built (``python -m warehouse demo --scale 10 --db F``).

Eksklusi. The page reads the analytics table eksklusi_kelurahan (built at write time): timed
are its first-visit read (:func:`reports.eksklusi.errors`), the follow-up list of the largest
kelurahan, and the write-time refresh of the analytics tables (part of every import and build,
not of a page visit). The pandas reference evaluates the same rules (latest closed tahap per
programme, desil and status in force when the tahap began, paid or not) from the raw tables;
its time excludes reading them out of DuckDB (printed apart).

Pendataan. The demo's campaign has some 1,400 records at any scale (the targets do not scale),
so the bench copies them to ``--records`` records (new ids, same collectors, kelurahan and
dates) in its own copy of the warehouse; timed is :func:`reports.pendataan.campaign_progress`
(three queries plus the analytics) against a pandas groupby of the same records.

Budget: every page's first visit under 4 s at scale 10.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
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
from reports import (  # noqa: E402
    eksklusi,
    files,
    settings,  # noqa: E402
)
from reports import pendataan as pendataan_report  # noqa: E402
from warehouse import db, demo  # noqa: E402

REGION = "21.71"
COPY_RECORDS = queries.load("bench/targeting/copy_records")
RAW = {
    "households": queries.load("bench/targeting/raw_households"),
    "desil": queries.load("bench/targeting/raw_desil"),
    "status": queries.load("bench/targeting/raw_status"),
    "tahap": queries.load("bench/targeting/raw_tahap"),
    "paid": queries.load("bench/targeting/raw_paid"),
    "verivali_start": queries.load("bench/targeting/raw_verivali_start"),
    "records": queries.load("bench/targeting/raw_records"),
    "kelurahan": queries.load("bench/targeting/raw_kelurahan"),
}


def timed(fn, runs: int) -> tuple[float, object]:
    """(median seconds over ``runs``, the last result)."""
    seconds, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), result


def read_raw(con) -> dict[str, pd.DataFrame]:
    return {name: con.execute(sql).df() for name, sql in RAW.items()}


def eksklusi_reference(raw: dict[str, pd.DataFrame], today: dt.date) -> pd.DataFrame:
    """The all-programmes row of eksklusi_kelurahan per kelurahan, in pandas: kode_kelurahan,
    eligible_count, excluded_count, recipients_count, included_count, included_rupiah."""
    paid = raw["paid"]
    tahap = raw["tahap"].assign(
        tanggal_mulai=lambda d: pd.to_datetime(d["tanggal_mulai"]),
        tanggal_selesai=lambda d: pd.to_datetime(d["tanggal_selesai"]),
    )
    with_paid = tahap.merge(paid[["kode_program", "tahap"]].drop_duplicates(), on=["kode_program", "tahap"])
    closed = with_paid[with_paid["tanggal_selesai"] <= pd.Timestamp(today)]
    used = closed.sort_values(["tanggal_selesai", "tanggal_mulai", "tahap"]).groupby("kode_program").tail(1)
    h = raw["households"].copy()
    desil = raw["desil"].sort_values(["id_dtks", "tanggal", "id_verivali"])
    desil["replaced_on"] = desil.groupby("id_dtks")["tanggal"].shift(-1)
    replaced = desil[desil["replaced_on"] > desil["tanggal"]]
    first = raw["verivali_start"]["first"].iloc[0]
    ranked = raw["desil"].groupby("id_dtks")["tanggal"].min().rename("ranked_on")
    late = h.set_index("id_dtks")["tanggal_terdaftar"]
    ranked = ranked[ranked.index.map(lambda i: pd.isna(late.get(i)) or late.get(i) >= first)]
    since = raw["status"].groupby(["id_dtks", "hasil"])["tanggal"].min().rename("since").reset_index()
    h = h.merge(since, left_on=["id_dtks", "status"], right_on=["id_dtks", "hasil"], how="left")
    h = h.merge(ranked, left_on="id_dtks", right_index=True, how="left")
    frames = []
    for row in used.itertuples(index=False):
        start = row.tanggal_mulai
        then = replaced[(replaced["tanggal"] <= start) & (replaced["replaced_on"] > start)].set_index("id_dtks")[
            "desil"
        ]
        d = h["id_dtks"].map(then).fillna(h["desil"]).astype("float64")
        d = d.where(~(pd.to_datetime(h["ranked_on"]) > start))
        active = (h["status"] == "aktif") | (pd.to_datetime(h["since"]) > start)
        registered = h["tanggal_terdaftar"].isna() | (pd.to_datetime(h["tanggal_terdaftar"]) <= row.tanggal_selesai)
        got = paid[(paid["kode_program"] == row.kode_program) & (paid["tahap"] == row.tahap)]
        rupiah = got.groupby("id_dtks")["nilai_diterima"].sum()
        frames.append(
            pd.DataFrame(
                {
                    "id_dtks": h["id_dtks"],
                    "kode_kelurahan": h["kode_kelurahan"],
                    "eligible": active & registered & d.between(1, 4),
                    "paid": h["id_dtks"].isin(rupiah.index),
                    "included": h["id_dtks"].isin(rupiah.index) & (d >= 6),
                    "rupiah": h["id_dtks"].map(rupiah).fillna(0),
                }
            )
        )
    both = pd.concat(frames)
    per = both.groupby(["id_dtks", "kode_kelurahan"]).agg(
        eligible=("eligible", "any"), paid=("paid", "any"), included=("included", "any")
    )
    per["included_rupiah"] = both[both["included"]].groupby(["id_dtks", "kode_kelurahan"])["rupiah"].sum()
    per = per.reset_index()
    return (
        per.assign(
            excluded=per["eligible"] & ~per["paid"],
            included_rupiah=per["included_rupiah"].fillna(0),
        )
        .groupby("kode_kelurahan")
        .agg(
            eligible_count=("eligible", "sum"),
            excluded_count=("excluded", "sum"),
            recipients_count=("paid", "sum"),
            included_count=("included", "sum"),
            included_rupiah=("included_rupiah", "sum"),
        )
        .reset_index()
    )


def pendataan_reference(raw: dict[str, pd.DataFrame], campaign, today: dt.date) -> pd.DataFrame:
    """Records and collectors per kecamatan, in pandas: kode, records_count, collectors_count."""
    r = raw["records"]
    r = r[(r["kode_kampanye"] == campaign.kode) & (pd.to_datetime(r["tanggal"]) <= pd.Timestamp(today))]
    r = r.merge(raw["kelurahan"], left_on="kode_kelurahan", right_on="kode")
    r = r.assign(collector=r["id_petugas"].fillna(r["nama_petugas"]))
    return (
        r.groupby("kode_induk")
        .agg(records_count=("collector", "size"), collectors_count=("collector", "nunique"))
        .reset_index()
        .rename(columns={"kode_induk": "kode"})
    )


def bench(path: Path, records: int, runs: int, scale: float | None = None) -> None:
    con = db.connect(path, read_only=True)
    today = files.data_date(con)
    start = time.perf_counter()
    raw = read_raw(con)
    read_s = time.perf_counter() - start
    print(f"warehouse {path}: {len(raw['households']):,} households, {len(raw['paid']):,} distributions")
    print(f"  pandas reference reads its tables out of DuckDB in {read_s:.2f} s (not in the times below)")

    sql_s, found = timed(lambda: eksklusi.errors(con, REGION, today), runs)
    ref_s, reference = timed(lambda: eksklusi_reference(raw, today), 1)
    biggest = found.of(None).sort_values("excluded_count").iloc[-1]["kode"]
    list_s, rows = timed(lambda: eksklusi.follow_up(con, REGION, biggest), runs)
    got = found.of(None)[["kode", "eligible_count", "excluded_count", "recipients_count", "included_count"]]
    want = reference.rename(columns={"kode_kelurahan": "kode"})[got.columns]
    equal = (
        got.set_index("kode").sort_index().astype("int64").equals(want.set_index("kode").sort_index().astype("int64"))
    )
    print(
        f"eksklusi: page read {sql_s:.3f} s (analytics table), pandas reference {ref_s:.2f} s, "
        f"ratio {ref_s / sql_s:,.0f}x; counts equal: {equal}"
    )
    print(f"  follow-up list of {biggest} ({len(rows):,} households): {list_s:.3f} s")
    common.emit(
        "eksklusi page read",
        scale,
        rows=len(raw["households"]),
        seconds=sql_s,
        reference_s=ref_s,
        budget_s=4.0,
        note="" if equal else "SQL and pandas counts differ",
    )
    common.emit("eksklusi follow-up list", scale, rows=len(rows), seconds=list_s, budget_s=4.0)
    con.close()

    work = Path(tempfile.mkdtemp(prefix="bench_targeting-"))
    try:
        copy = work / "w.duckdb"
        shutil.copy(path, copy)
        with duckdb.connect(str(copy)) as w:
            db.create_schema(w)
            refresh_s, _ = timed(lambda: db.refresh_analytics(w), 1)
            base = w.execute(queries.load("bench/targeting/record_count")).fetchall()[0][0]
            copies = max(1, int(np.ceil(records / max(base, 1))))
            w.execute(COPY_RECORDS, {"copies": copies})
            total = w.execute(queries.load("bench/targeting/record_count")).fetchall()[0][0]
        print(f"  write-time refresh of the analytics tables: {refresh_s:.2f} s (every import and build)")
        con = db.connect(copy, read_only=True)
        (campaign,) = [c for c in settings.pendataan_campaigns() if c.in_region(REGION)]
        sql_s, progress = timed(lambda: pendataan_report.campaign_progress(con, REGION, campaign, today), runs)
        raw = read_raw(con)
        ref_s, reference = timed(lambda: pendataan_reference(raw, campaign, today), runs)
        got = progress.units[["kode", "records_count", "collectors_count"]].astype({"records_count": "int64"})
        equal = got.reset_index(drop=True).equals(
            reference.sort_values("kode").reset_index(drop=True).astype({"records_count": "int64"})[got.columns]
        )
        print(
            f"pendataan ({total:,} records): page read {sql_s:.3f} s, pandas reference {ref_s:.3f} s, "
            f"ratio {ref_s / sql_s:.1f}x; counts equal: {equal}"
        )
        common.emit(
            "pendataan page read",
            scale,
            rows=total,
            seconds=sql_s,
            reference_s=ref_s,
            budget_s=4.0,
            note="" if equal else "SQL and pandas counts differ",
        )
        common.emit("analytics tables refresh (every write)", scale, seconds=refresh_s)
        con.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    common.add_arguments(parser, default_scale=10)
    parser.add_argument("--db", help="a demo warehouse already built at the scale")
    parser.add_argument("--records", type=int, default=1_000_000, help="pendataan records to bench with")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    scale = 1 if args.quick else int(args.scale)
    runs, records = (1, 10_000) if args.quick else (args.runs, args.records)
    if args.db:
        bench(Path(args.db), records, runs, args.scale)
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "demo.duckdb"
        start = time.perf_counter()
        with db.atomic_build(path) as con:
            demo.build(con, scale=scale)
        print(f"demo at scale {scale} built in {time.perf_counter() - start:.0f} s")
        bench(path, records, runs, scale)


if __name__ == "__main__":
    main()
