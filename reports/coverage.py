"""``python -m warehouse export coverage``: the DTKS update coverage per kelurahan as CSV or
Excel, with a first row saying the region, the cycle and the data date.

Small counts of the results that concern single persons (not found, moved, died, duplicate)
are suppressed in the file (DESIGN.md, "Privacy"); ``--suppress-below 0`` turns that off.

The dashboard's download button calls :func:`coverage_file` on the same inputs, so the file
from the page and the file from the command line are the same.
"""

from __future__ import annotations

import argparse
import datetime as dt

import pandas as pd

import queries
from analytics import coverage
from reports import files, settings
from warehouse import db

FORMATS = files.FORMATS
SUPPRESS_BELOW = 3
# Results that say something about a person (left, died, not found, registered twice); the
# usual result, diperbarui, is only hidden to protect these.
EVENT_RESULTS = ("tidak_ditemukan", "pindah", "meninggal", "duplikat")

# Output column -> source column of analytics.coverage.coverage_levels; rates become 0-100.
COLUMNS = {
    "kode": "kode",
    "kelurahan": "nama",
    "kode_kecamatan": "kode_kecamatan",
    "kecamatan": "kecamatan",
    "households_count": "households_count",
    "updated_households_count": "updated_count",
    "members_count": "frame_members_count",
    "updated_members_count": "updated_members_count",
    "coverage_pct": "coverage_rate",
    "coverage_7d_ago_pct": "coverage_7d_ago_rate",
    "backlog_count": "backlog_count",
    "pace_per_day": "pace_per_day",
    "projected_finish": "projected_finish",
    "target_pct": "target_rate",
    "behind_target": "behind_target",
    "behind_region": "behind_region",
    "lagging": "lagging",
    "active_members_count": "members_count",
    "padan_count": "padan_count",
    "padan_pct": "padan_rate",
    **{f"{r}_count": f"{r}_count" for r in coverage.RESULTS},
}

HEADERS = {
    "id": "Cakupan pemutakhiran DTKS per kelurahan: {region} ({kode}), siklus {siklus} ({cycle}), "
    "data per {date}, dihitung dalam {unit}; target hari ini {target} %{suppressed}",
    "en": "DTKS update coverage per kelurahan: {region} ({kode}), cycle {siklus} ({cycle}), "
    "data as of {date}, counted in {unit}; target for today {target} %{suppressed}",
}
SUPPRESSED = {
    "id": "; jumlah hasil tidak ditemukan/pindah/meninggal/duplikat di bawah {n} disembunyikan",
    "en": "; counts of not found/moved/died/duplicate below {n} suppressed",
}
UNIT_NAMES = {
    "id": {"households": "keluarga", "members": "anggota"},
    "en": {"households": "households", "members": "members"},
}


def suppress_small_counts(table: pd.DataFrame, threshold: int = SUPPRESS_BELOW) -> pd.DataFrame:
    """A copy of ``table`` whose counts of :data:`EVENT_RESULTS` are emptied where
    0 < count < ``threshold``, and in such a row diperbarui_count too (otherwise the hidden
    sum would follow from updated_households_count by subtraction). Zero counts stay, since
    they reveal nobody; a threshold of 0 turns suppression off."""
    out = table.copy()
    if threshold <= 0:
        return out
    columns = [f"{r}_count" for r in EVENT_RESULTS]
    small = (out[columns] > 0) & (out[columns] < threshold)
    for col in columns:
        out[col] = out[col].astype("object").where(~small[col], None)
    out["diperbarui_count"] = out["diperbarui_count"].astype("object").where(~small.any(axis=1), None)
    return out


def coverage_table(levels: pd.DataFrame, suppress_below: int = SUPPRESS_BELOW) -> pd.DataFrame:
    """The kelurahan rows of :func:`analytics.coverage.coverage_levels` as the export table:
    the columns of :data:`COLUMNS`, rates as percentages rounded to 0.1, pace to 0.01, small
    result counts suppressed (:func:`suppress_small_counts`)."""
    kel = levels[levels["level"] == "kelurahan"]
    out = pd.DataFrame({name: kel[src].to_numpy() for name, src in COLUMNS.items()})
    for name in [c for c in out.columns if c.endswith("_pct")]:
        out[name] = (out[name].astype("float64") * 100).round(1)
    out["pace_per_day"] = out["pace_per_day"].astype("float64").round(2)
    return suppress_small_counts(out, suppress_below)


def header_line(
    region: str,
    kode: str,
    siklus: str,
    cycle: str,
    today: dt.date,
    unit: str,
    target: float,
    lang: str = "id",
    suppress_below: int = SUPPRESS_BELOW,
) -> str:
    """The first row of the file: what the table is, how current, and what is suppressed."""
    return HEADERS[lang].format(
        region=region,
        kode=kode,
        siklus=siklus,
        cycle=cycle,
        date=today.isoformat(),
        unit=UNIT_NAMES[lang][unit],
        target=f"{target * 100:.1f}",
        suppressed=SUPPRESSED[lang].format(n=suppress_below) if suppress_below > 0 else "",
    )


def coverage_file(table: pd.DataFrame, header: str, fmt: str) -> bytes:
    """The export file (files.table_file), sheet ``cakupan``."""
    return files.table_file(table, header, fmt, "cakupan")


def build(
    con,
    kode_region: str | None,
    siklus: str | None,
    unit: str = "households",
    lang: str = "id",
    targets=settings.COVERAGE_TARGETS_FILE,
    suppress_below: int = SUPPRESS_BELOW,
) -> tuple[pd.DataFrame, str]:
    """(export table, header line) read from the warehouse ``con``; region and cycle default to
    the largest loaded region and the newest cycle."""
    kode_region, region_name = files.region(con, kode_region)
    cycle = files.cycle(con, siklus)
    siklus = cycle.name
    today = files.data_date(con)
    start, end = pd.Timestamp(cycle["tanggal_mulai"]).date(), pd.Timestamp(cycle["tanggal_target"]).date()
    schedule = settings.target_schedule(siklus, targets)
    rows = queries.run(con, "coverage_units", kode_region=kode_region, siklus=siklus, tanggal=today)
    levels = coverage.coverage_levels(rows, today, start, end, schedule, unit=unit)
    target = coverage.target_rate(today, start, end, schedule)
    header = header_line(region_name, kode_region, siklus, cycle["nama"], today, unit, target, lang, suppress_below)
    return coverage_table(levels, suppress_below), header


def run(args: argparse.Namespace) -> int:
    return files.export_table(
        args.db,
        lambda con: build(con, args.wilayah, args.siklus, args.unit, args.lang, suppress_below=args.suppress_below),
        args.format,
        "cakupan",
        args.out,
        "cakupan_dtks",
    )


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("coverage", help="DTKS update coverage per kelurahan (CSV or Excel)")
    p.add_argument("--format", choices=FORMATS, default="csv", help="file format (default csv)")
    p.add_argument("--out", help="output file (default cakupan_dtks.<format>)")
    p.add_argument("--siklus", help="verivali cycle (default the newest)")
    p.add_argument("--wilayah", help="kab/kota code, e.g. 21.71 (default the largest loaded region)")
    p.add_argument("--unit", choices=coverage.UNITS, default="households", help="count households or members")
    p.add_argument("--lang", choices=tuple(HEADERS), default="id", help="language of the header row")
    p.add_argument(
        "--suppress-below",
        type=int,
        default=SUPPRESS_BELOW,
        help=f"hide counts of not found/moved/died/duplicate below this (default {SUPPRESS_BELOW}; 0: show all)",
    )
    p.add_argument("--db", help=f"warehouse file (default ${db.DB_ENV})")
    p.set_defaults(func=run)
