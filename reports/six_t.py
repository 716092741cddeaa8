"""``python -m warehouse export six-t``: 6T compliance of bansos distributions per kelurahan as
CSV or Excel, with a first row saying the region, the filters, the rules and the data date.

The auditors' page downloads the same table (:func:`kelurahan_file`) and the field-verification
working paper (:func:`working_paper_file`) from the functions here.
"""

from __future__ import annotations

import argparse
import datetime as dt

import pandas as pd

import queries
from analytics import six_t
from reports import files
from reports import settings as six_t_settings
from warehouse import db

FORMATS = files.FORMATS
KANAL = ("bank", "pos", "e_warong")

# Output column -> source column of analytics.six_t.compliance_rates; rates become 0-100.
COLUMNS = {
    "kode": "kode",
    "kelurahan": "nama",
    "kode_kecamatan": "kode_kecamatan",
    "kecamatan": "kecamatan",
    "distributions_count": "distributions_count",
    "compliant_count": "compliant_count",
    "compliant_pct": "lengkap_rate",
    **{
        name: src
        for t in six_t.INDICATORS
        for name, src in (
            (f"{t}_applicable_count", f"{t}_applicable_count"),
            (f"{t}_met_count", f"{t}_met_count"),
            (f"{t}_pct", f"{t}_rate"),
        )
    },
    "nilai_hak_rupiah": "nilai_hak_rupiah",
    "nilai_diterima_rupiah": "nilai_diterima_rupiah",
    "deduction_rupiah": "deduction_rupiah",
    "ineligible_rupiah": "ineligible_rupiah",
    "at_risk_rupiah": "at_risk_rupiah",
}

HEADERS = {
    "id": "Kepatuhan 6T penyaluran bansos per kelurahan: {region} ({kode}), program {program}, "
    "tahap {tahap}, kanal {kanal}; data per {date}; toleransi jumlah Rp {jumlah}, toleransi harga "
    "Rp {harga}, tenggang waktu {waktu}; persen = terpenuhi / berlaku",
    "en": "6T compliance of bansos distributions per kelurahan: {region} ({kode}), programme "
    "{program}, tahap {tahap}, channel {kanal}; data as of {date}; amount tolerance Rp {jumlah}, "
    "price tolerance Rp {harga}, time grace {waktu}; percent = met / applicable",
}
ALL = {"id": "semua", "en": "all"}
GRACE = {"id": ("{n} hari", "sesuai program"), "en": ("{n} days", "per programme")}


def query_params(kode_region: str, program, tahap, kanal, settings: six_t_settings.SixTSettings) -> dict:
    """The bound parameters of ``six_t_units.sql`` and ``six_t_penyaluran.sql``."""
    return {
        "kode_region": kode_region,
        "kode_program": program,
        "tahap_bansos": tahap,
        "kanal": kanal,
        **settings.query_params(),
    }


def kelurahan_table(rates: pd.DataFrame) -> pd.DataFrame:
    """The kelurahan rows of :func:`analytics.six_t.compliance_rates` as the export table:
    the columns of :data:`COLUMNS`, rates as percentages rounded to 0.1 (empty where nothing
    was applicable)."""
    kel = six_t.unit_level(rates, "kelurahan")
    out = pd.DataFrame({name: kel[src].to_numpy() for name, src in COLUMNS.items()})
    for name in [c for c in out.columns if c.endswith("_pct")]:
        out[name] = (out[name].astype("float64") * 100).round(1)
    return out


def header_line(region: str, kode: str, program, tahap, kanal, today: dt.date, settings, lang: str = "id") -> str:
    """The first row of the file: what the table is, under which filters and rules, how current."""
    grace_n, grace_default = GRACE[lang]
    days = settings.waktu_grace_days
    return HEADERS[lang].format(
        region=region,
        kode=kode,
        program=program or ALL[lang],
        tahap=tahap or ALL[lang],
        kanal=kanal or ALL[lang],
        date=today.isoformat(),
        jumlah=f"{settings.jumlah_tolerance_rupiah:,}",
        harga=f"{settings.harga_tolerance_rupiah:,}",
        waktu=grace_default if days is None else grace_n.format(n=days),
    )


def kelurahan_file(table: pd.DataFrame, header: str, fmt: str) -> bytes:
    """The export file (files.table_file), sheet ``6t_kelurahan``."""
    return files.table_file(table, header, fmt, "6t_kelurahan")


def working_paper_file(sheets: dict[str, pd.DataFrame], header: str) -> bytes:
    """The field-verification working paper as xlsx: one sheet per T (named after it), each
    with ``header`` (region, filters, seed) on its first row."""
    return files.workbook(sheets, header)


def build(
    con, kode_region=None, program=None, tahap=None, kanal=None, settings=None, lang: str = "id"
) -> tuple[pd.DataFrame, str]:
    """(export table, header line) read from the warehouse ``con``; the region defaults to the
    largest loaded one, the rules to ``config/six_t.toml``."""
    settings = settings or six_t_settings.load()
    kode_region, region_name = files.region(con, kode_region)
    known = queries.run(con, "six_t_tahap", kode_region=kode_region)
    if program is not None and program not in set(known["kode_program"]):
        names = ", ".join(sorted(set(known["kode_program"])))
        raise LookupError(f"programme {program!r} has no distributions in {kode_region} (there are: {names})")
    tahaps = known if program is None else known[known["kode_program"] == program]
    if tahap is not None and tahap not in set(tahaps["tahap"]):
        raise LookupError(
            f"tahap {tahap!r} has no distributions in {kode_region}" + (f" for {program}" if program else "")
        )
    today = files.data_date(con)
    counts = queries.run(con, "six_t_units", **query_params(kode_region, program, tahap, kanal, settings))
    header = header_line(region_name, kode_region, program, tahap, kanal, today, settings, lang)
    return kelurahan_table(six_t.compliance_rates(counts)), header


def run(args: argparse.Namespace) -> int:
    def make(con):
        settings = six_t_settings.load(args.settings) if args.settings else six_t_settings.load()
        return build(con, args.wilayah, args.program, args.tahap, args.kanal, settings, args.lang)

    return files.export_table(args.db, make, args.format, "6t_kelurahan", args.out, "kepatuhan_6t")


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("six-t", help="6T compliance of bansos distributions per kelurahan (CSV or Excel)")
    p.add_argument("--format", choices=FORMATS, default="csv", help="file format (default csv)")
    p.add_argument("--out", help="output file (default kepatuhan_6t.<format>)")
    p.add_argument("--program", help="programme code, e.g. PKH (default all)")
    p.add_argument("--tahap", help="tahap, e.g. 2026-T1 (default all)")
    p.add_argument("--kanal", choices=KANAL, help="channel (default all)")
    p.add_argument("--wilayah", help="kab/kota code, e.g. 21.71 (default the largest loaded region)")
    p.add_argument("--settings", help=f"6T settings file (default {six_t_settings.SETTINGS_FILE.relative_to(db.ROOT)})")
    p.add_argument("--lang", choices=tuple(HEADERS), default="id", help="language of the header row")
    p.add_argument("--db", help=f"warehouse file (default ${db.DB_ENV})")
    p.set_defaults(func=run)
