"""The 6T audit of bansos distributions: what the auditors' page shows and what
``python -m warehouse export six-t`` writes (6T compliance per kelurahan as CSV or Excel, with a
first row saying the region, the filters, the rules and the data date).

Every reading function takes a read-only warehouse connection ``con`` first (``ui.six_t`` caches
them). Personal data: the distribution lists are masked here (NIK and KK to their last four
digits, names shortened) before anything else touches them.
"""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass

import pandas as pd

import queries
from analytics import six_t
from analytics.privacy import mask_frame
from domain.i18n import translate
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
    # Reports whose own nilai_hak differs from the tahap's entitlement (bansos_tahap).
    "nilai_hak_differs_count": "nilai_hak_berbeda_count",
}

# Repeated on every sheet of the working paper, so each sheet can be filled in on its own.
PAPER_COLUMNS = [
    "kode_kelurahan",
    "kelurahan",
    "kecamatan",
    "sample_rank",
    "stratum_count",
    "id_penyaluran",
    "kode_program",
    "tahap",
    "kanal",
    "id_penyalur",
    "tanggal_salur",
    "nik_penerima",
    "no_kk",
    "nama",
    "nilai_hak_rupiah",
    "nilai_diterima_rupiah",
    "deduction_rupiah",
]


@dataclass(frozen=True)
class Selection:
    """The page's filters: the region and programme/tahap/channel (None = all)."""

    kode_region: str
    region_name: str
    today: dt.date
    program: str | None
    tahap: str | None
    kanal: str | None

    def params(self, settings: six_t_settings.SixTSettings) -> dict:
        """Bound parameters of queries/six_t_units.sql and six_t_penyaluran.sql."""
        return query_params(self.kode_region, self.program, self.tahap, self.kanal, settings)

    @property
    def file_stem(self) -> str:
        return f"{self.kode_region}_{self.program or 'semua'}_{self.tahap or 'semua'}"


@dataclass(frozen=True)
class Audit:
    """Everything the page shows for one selection.

    rates: :func:`analytics.six_t.compliance_rates` of every level of six_t_units.sql;
    region: its region row (None when the region has no unit); kelurahan: its kelurahan rows;
    trend: :func:`analytics.six_t.trend` over every tahap of the programme(s) and channel;
    failing: the failing distributions of six_t_penyaluran.sql, masked;
    population: every distribution of the selection, masked, only when one programme and
    tahap are chosen (the sampling frame), else None.
    """

    rates: pd.DataFrame
    region: pd.Series | None
    kelurahan: pd.DataFrame
    trend: pd.DataFrame
    failing: pd.DataFrame
    population: pd.DataFrame | None


def tahap_list(con, kode_region: str) -> pd.DataFrame:
    """The programmes and tahap with distributions in the region (queries/six_t_tahap.sql)."""
    return queries.run(con, "six_t_tahap", kode_region=kode_region)


def program_names(tahaps: pd.DataFrame) -> dict[str, str]:
    """kode_program -> programme name, in the order of :func:`tahap_list`."""
    return dict(zip(tahaps["kode_program"], tahaps["nama"]))


def tahap_options(tahaps: pd.DataFrame, program: str | None) -> list[str]:
    """The tahap of one programme, oldest first (none when no programme is chosen)."""
    if program is None:
        return []
    return tahaps.loc[tahaps["kode_program"] == program, "tahap"].tolist()


def open_tahap(tahaps: pd.DataFrame, program: str | None, data_date: dt.date) -> list[str]:
    """The tahap of one programme whose window ends after ``data_date`` (tepat waktu not yet due)."""
    rows = tahaps[tahaps["kode_program"] == program]
    ends = pd.to_datetime(rows["tanggal_selesai"])
    return rows.loc[ends > pd.Timestamp(data_date), "tahap"].tolist()


def latest_closed_tahap(tahaps: pd.DataFrame, program: str | None, data_date: dt.date) -> str | None:
    """The newest tahap of :func:`tahap_options` not in :func:`open_tahap` (None: none closed)."""
    still_open = set(open_tahap(tahaps, program, data_date))
    closed = [v for v in tahap_options(tahaps, program) if v not in still_open]
    return closed[-1] if closed else None


def audit(con, selection: Selection, settings: six_t_settings.SixTSettings) -> Audit:
    """The :class:`Audit` of a selection under the given rules."""
    params = selection.params(settings)
    rates = six_t.compliance_rates(queries.run(con, "six_t_units", **params))
    region = six_t.unit_level(rates, "region")
    every_tahap = six_t.compliance_rates(queries.run(con, "six_t_units", **{**params, "tahap_bansos": None}))
    one_tahap = selection.program is not None and selection.tahap is not None
    return Audit(
        rates=rates,
        region=None if region.empty else region.iloc[0],
        kelurahan=six_t.unit_level(rates, "kelurahan"),
        trend=six_t.trend(six_t.unit_level(every_tahap, "tahap")),
        failing=mask_frame(queries.run(con, "six_t_penyaluran", hanya_gagal=True, **params)),
        population=(
            mask_frame(queries.run(con, "six_t_penyaluran", hanya_gagal=False, **params)) if one_tahap else None
        ),
    )


def in_kelurahan(rows: pd.DataFrame, kelurahan: str | None) -> pd.DataFrame:
    """The distributions of one kelurahan (code; None = all)."""
    return rows if kelurahan is None else rows[rows["kode_kelurahan"] == kelurahan]


def failing_of(failing: pd.DataFrame, which: str | None, kelurahan: str | None = None) -> pd.DataFrame:
    """The rows of :attr:`Audit.failing` that fail ``which`` (one T; None = all), of one
    kelurahan when given."""
    rows = in_kelurahan(failing, kelurahan)
    return rows if which is None else six_t.failing_on(rows, which)


def sample_of(population: pd.DataFrame, per: int, seed: int) -> pd.DataFrame:
    """The field-verification sample (:func:`analytics.six_t.stratified_sample` of the masked
    population, stratified by kelurahan)."""
    return six_t.stratified_sample(population, per, seed)


def kelurahan_csv(selection: Selection, rates: pd.DataFrame, settings, lang: str) -> bytes:
    """The same file as ``python -m warehouse export six-t --format csv`` for this selection."""
    s = selection
    header = header_line(s.region_name, s.kode_region, s.program, s.tahap, s.kanal, s.today, settings, lang)
    return kelurahan_file(kelurahan_table(rates), header, "csv", lang)


def working_paper(selection: Selection, drawn: pd.DataFrame, per: int, seed: int, lang: str) -> bytes:
    """The field-verification working paper (xlsx, one sheet per T); its header row names the
    region, filters, data date, sample size and seed."""
    s = selection
    header = translate(
        lang,
        "six_t.sample.header",
        region=s.region_name,
        kode=s.kode_region,
        program=s.program,
        tahap=s.tahap,
        kanal=translate(lang, "six_t.all") if s.kanal is None else s.kanal,
        date=s.today.isoformat(),
        per=per,
        seed=seed,
    )
    return working_paper_file(six_t.working_paper(drawn, PAPER_COLUMNS), header, lang)


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
    """The first row of the file: what the table is, under which filters and rules, how current.
    Codes and rupiah stay as a script reads them (ISO date, comma thousands) in both languages."""
    every = translate(lang, "six_t.export.all")
    days = settings.waktu_grace_days
    return translate(
        lang,
        "six_t.export.header",
        region=region,
        kode=kode,
        program=program or every,
        tahap=tahap or every,
        kanal=kanal or every,
        date=today.isoformat(),
        jumlah=f"{settings.jumlah_tolerance_rupiah:,}",
        harga=f"{settings.harga_tolerance_rupiah:,}",
        waktu=translate(lang, "six_t.grace_programme") if days is None else translate(lang, "six_t.grace_days", n=days),
    )


def kelurahan_file(table: pd.DataFrame, header: str, fmt: str, lang: str | None = None) -> bytes:
    """The export file (files.table_file), sheet ``6t_kelurahan``: for people in ``lang``, for
    scripts without."""
    return files.table_file(table, header, fmt, "6t_kelurahan", lang)


def working_paper_file(sheets: dict[str, pd.DataFrame], header: str, lang: str | None = None) -> bytes:
    """The field-verification working paper as xlsx: one sheet per T (named after it), each
    with ``header`` (region, filters, seed) on its first row; for people in ``lang`` (verdicts
    and reasons in words), for scripts without."""
    return files.workbook(sheets, header, lang=lang)


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

    return files.export_table(
        args.db, make, args.format, "6t_kelurahan", args.out, "kepatuhan_6t", lang=files.labels_language(args)
    )


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("six-t", help="6T compliance of bansos distributions per kelurahan (CSV or Excel)")
    p.add_argument("--format", choices=FORMATS, default="csv", help="file format (default csv)")
    p.add_argument("--out", help="output file (default kepatuhan_6t.<format>)")
    p.add_argument("--program", help="programme code, e.g. PKH (default all)")
    p.add_argument("--tahap", help="tahap, e.g. 2026-T1 (default all)")
    p.add_argument("--kanal", choices=KANAL, help="channel (default all)")
    p.add_argument("--wilayah", help="kab/kota code, e.g. 21.71 (default the largest loaded region)")
    p.add_argument("--settings", help=f"6T settings file (default {six_t_settings.SETTINGS_FILE.relative_to(db.ROOT)})")
    files.add_language_options(p)
    p.add_argument("--db", help=f"warehouse file (default ${db.DB_ENV})")
    p.set_defaults(func=run)
