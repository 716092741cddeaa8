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
BOM = "\ufeff".encode()
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

    def params(self, settings: six_t_settings.SixTSettings, scope_kelurahan: tuple[str, ...] | None = None) -> dict:
        """Bound parameters of queries/six_t_units.sql and six_t_penyaluran.sql."""
        return query_params(
            self.kode_region, self.program, self.tahap, self.kanal, settings, scope_kelurahan=scope_kelurahan
        )

    @property
    def file_stem(self) -> str:
        return f"{self.kode_region}_{self.program or 'semua'}_{self.tahap or 'semua'}"


@dataclass(frozen=True)
class Audit:
    """Everything the page shows for one selection.

    rates: :func:`analytics.six_t.compliance_rates` of every level of six_t_units.sql;
    region: its region row (None when the region has no unit); kelurahan: its kelurahan rows;
    trend: :func:`analytics.six_t.trend` over every tahap of the programme(s) and channel;
    population_count: the distributions of the selection (the sampling frame) when one
    programme and tahap are chosen, else None. The rows themselves are read a page at a time
    (:func:`failing_page`, :func:`sample`), never all at once.
    """

    rates: pd.DataFrame
    region: pd.Series | None
    kelurahan: pd.DataFrame
    trend: pd.DataFrame
    population_count: int | None


def scope_param(scope_kelurahan: tuple[str, ...] | None) -> list[str] | None:
    """The bound ``$scope_kelurahan``: the codes as a list, None for no limit (an empty scope
    stays an empty list: it sees nothing)."""
    return None if scope_kelurahan is None else list(scope_kelurahan)


def tahap_list(con, kode_region: str, *, scope_kelurahan: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The programmes and tahap with distributions in the region, of the scope's kelurahan
    (queries/six_t_tahap.sql)."""
    return queries.run(con, "six_t_tahap", kode_region=kode_region, scope_kelurahan=scope_param(scope_kelurahan))


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


def audit(
    con, selection: Selection, settings: six_t_settings.SixTSettings, *, scope_kelurahan: tuple[str, ...] | None = None
) -> Audit:
    """The :class:`Audit` of a selection under the given rules, of the scope's kelurahan only
    (None: every kelurahan of the region)."""
    params = selection.params(settings, scope_kelurahan)
    rates = six_t.compliance_rates(queries.run(con, "six_t_units", **params))
    region = six_t.unit_level(rates, "region")
    every_tahap = six_t.compliance_rates(queries.run(con, "six_t_units", **{**params, "tahap_bansos": None}))
    one_tahap = selection.program is not None and selection.tahap is not None
    return Audit(
        rates=rates,
        region=None if region.empty else region.iloc[0],
        kelurahan=six_t.unit_level(rates, "kelurahan"),
        trend=six_t.trend(six_t.unit_level(every_tahap, "tahap")),
        population_count=int(region["distributions_count"].sum()) if one_tahap else None,
    )


def in_kelurahan(rows: pd.DataFrame, kelurahan: str | None) -> pd.DataFrame:
    """The distributions of one kelurahan (code; None = all)."""
    return rows if kelurahan is None else rows[rows["kode_kelurahan"] == kelurahan]


def failing_total(rates: pd.DataFrame, which: str | None, kelurahan: str | None = None) -> int:
    """How many distributions of :attr:`Audit.rates` fail ``which`` (one T; None: at least one
    T), of the region or of one kelurahan: the total of the paged list :func:`failing_page`."""
    units = six_t.unit_level(rates, "kelurahan" if kelurahan else "region")
    if kelurahan:
        units = units[units["kode"] == kelurahan]
    if which is None:
        return int(units["failed_count"].sum())
    if which not in six_t.INDICATORS:
        raise ValueError(f"unknown indicator {which!r}; choose from {six_t.INDICATORS}")
    return int((units[f"{which}_applicable_count"] - units[f"{which}_met_count"]).sum())


def failing_page(
    con,
    selection: Selection,
    settings: six_t_settings.SixTSettings,
    which: str | None,
    kelurahan: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    *,
    scope_kelurahan: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    """The failing distributions of the selection (those failing ``which``, one T, or any T
    when None; of one kelurahan when given), ``limit`` rows (None: all) after ``offset``, in
    the order of six_t_penyaluran.sql, masked."""
    params = {
        **selection.params(settings, scope_kelurahan),
        "hanya_gagal": True,
        "gagal_t": which,
        "kode_kelurahan": kelurahan,
        "batas": limit,
        "lewati": offset,
    }
    return mask_frame(queries.run(con, "six_t_penyaluran", **params))


def failing_chunks(
    con,
    selection: Selection,
    settings: six_t_settings.SixTSettings,
    which: str | None,
    kelurahan_codes,
    *,
    scope_kelurahan: tuple[str, ...] | None = None,
):
    """:func:`failing_page` of every row of the kelurahan ``kelurahan_codes`` (in the list's
    order: pass them sorted), one kelurahan at a time: a generator of masked frames, for a
    download that never holds the whole list as one frame."""
    for kode in kelurahan_codes:
        rows = failing_page(con, selection, settings, which, kode, scope_kelurahan=scope_kelurahan)
        if len(rows):
            yield rows


def reason_counts(
    con,
    selection: Selection,
    settings: six_t_settings.SixTSettings,
    kelurahan: str | None = None,
    *,
    scope_kelurahan: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    """How often each T failed for each reason in the selection (of one kelurahan when given):
    queries/six_t_reasons.sql in the order of :func:`analytics.six_t.sort_reasons`."""
    params = {**selection.params(settings, scope_kelurahan), "kode_kelurahan": kelurahan}
    return six_t.sort_reasons(queries.run(con, "six_t_reasons", **params))


def sample(
    con,
    selection: Selection,
    settings: six_t_settings.SixTSettings,
    per: int,
    seed: int,
    *,
    scope_kelurahan: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    """The field-verification sample of the selection, stratified by kelurahan
    (queries/six_t_sample.sql: the rows :func:`analytics.six_t.stratified_sample` draws), masked."""
    if per < 1:
        raise ValueError("per_stratum must be at least 1")
    params = {**selection.params(settings, scope_kelurahan), "per_kelurahan": per, "benih": seed}
    return mask_frame(queries.run(con, "six_t_sample", **params))


def chunked_csv(chunks, empty: pd.DataFrame, lang: str | None = None) -> bytes:
    """One CSV file (:func:`reports.files.csv_bytes`, for people in ``lang``) of frames with the
    same columns, written chunk by chunk; without any chunk, the file of ``empty`` (its header row)."""
    parts = [files.csv_bytes(empty, lang=lang)]
    for n, chunk in enumerate(chunks):
        text = files.csv_bytes(chunk, lang=lang)
        if n:
            # Every chunk after the first drops its byte-order mark and header row.
            text = text[len(BOM) :].split(b"\n", 1)[1]
        else:
            parts = []
        parts.append(text)
    return b"".join(parts)


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


def query_params(
    kode_region: str,
    program,
    tahap,
    kanal,
    settings: six_t_settings.SixTSettings,
    *,
    scope_kelurahan: tuple[str, ...] | None = None,
) -> dict:
    """The bound parameters of ``six_t_units.sql`` and ``six_t_penyaluran.sql``."""
    return {
        "kode_region": kode_region,
        "kode_program": program,
        "tahap_bansos": tahap,
        "kanal": kanal,
        **settings.query_params(),
        "scope_kelurahan": scope_param(scope_kelurahan),
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
    con,
    kode_region=None,
    program=None,
    tahap=None,
    kanal=None,
    settings=None,
    lang: str = "id",
    *,
    scope_kelurahan: tuple[str, ...] | None = None,
) -> tuple[pd.DataFrame, str]:
    """(export table, header line) read from the warehouse ``con``; the region defaults to the
    largest loaded one, the rules to ``config/six_t.toml``; only the scope's kelurahan when
    given."""
    settings = settings or six_t_settings.load()
    kode_region, region_name = files.region(con, kode_region)
    known = tahap_list(con, kode_region, scope_kelurahan=scope_kelurahan)
    if program is not None and program not in set(known["kode_program"]):
        names = ", ".join(sorted(set(known["kode_program"])))
        raise LookupError(f"programme {program!r} has no distributions in {kode_region} (there are: {names})")
    tahaps = known if program is None else known[known["kode_program"] == program]
    if tahap is not None and tahap not in set(tahaps["tahap"]):
        raise LookupError(
            f"tahap {tahap!r} has no distributions in {kode_region}" + (f" for {program}" if program else "")
        )
    today = files.data_date(con)
    params = query_params(kode_region, program, tahap, kanal, settings, scope_kelurahan=scope_kelurahan)
    counts = queries.run(con, "six_t_units", **params)
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
