"""The auditor's targeting question: who is poor and receives nothing (exclusion error), and who
receives but is not poor (inclusion error), per kelurahan; what the eksklusi page shows and what
``python -m warehouse export eksklusi`` writes (one row per kelurahan, a first row naming the
region, the tahap of each programme and the data date; small counts suppressed).

The counts are those of the analytics table eksklusi_kelurahan, built at every write from each
programme's latest closed tahap (the one :func:`reports.brief_figures.closed_tahap` picks, as the
6T report does). The follow-up list of excluded households is masked here (KK and NIK to their
last four digits, names to initials) before anything else touches it.
"""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass

import pandas as pd

import queries
from analytics import targeting
from domain.i18n import translate
from reports import files, settings
from reports import six_t as six_t_report
from reports.brief_figures import closed_tahap
from warehouse import db

FORMATS = files.FORMATS
SHEET = "eksklusi"
# Output column -> source column of targeting.error_rates; rates become 0-100.
COLUMNS = {
    "kode": "kode",
    "kelurahan": "nama",
    "kode_kecamatan": "kode_kecamatan",
    "kecamatan": "kecamatan",
    "eligible_count": "eligible_count",
    "excluded_count": "excluded_count",
    "excluded_pct": "excluded_rate",
    "recipients_count": "recipients_count",
    "included_count": "included_count",
    "included_pct": "included_rate",
    "included_rupiah": "included_rupiah",
}
# A small count of households hides what it can be worked back from.
LINKED = {"excluded_count": ("excluded_pct",), "included_count": ("included_pct", "included_rupiah")}


@dataclass(frozen=True)
class Errors:
    """The targeting errors of a region (within the user's scope).

    units: the kelurahan rows of queries/eksklusi_units.sql with :func:`analytics.targeting.error_rates`,
    one per kelurahan and programme (kode_program None: all programmes together);
    totals: :func:`analytics.targeting.region_totals` of them; tahaps: each programme's latest
    closed tahap (kode_program, nama, tahap, tanggal_mulai, tanggal_selesai), as
    :func:`reports.brief_figures.closed_tahap` picks it.
    """

    units: pd.DataFrame
    totals: pd.DataFrame
    tahaps: pd.DataFrame

    def of(self, program: str | None) -> pd.DataFrame:
        """The kelurahan rows of one programme (None: all programmes together)."""
        picked = self.units["kode_program"].isna() if program is None else self.units["kode_program"] == program
        return self.units[picked.to_numpy()].reset_index(drop=True)

    def total(self, program: str | None) -> pd.Series | None:
        """The region row of one programme (None: all together); None when there is none."""
        rows = self.totals[
            self.totals["kode_program"].isna() if program is None else self.totals["kode_program"] == program
        ]
        return None if rows.empty else rows.iloc[0]


def errors(con, kode_region: str, today: dt.date, *, scope_kelurahan: tuple[str, ...] | None = None) -> Errors:
    """The :class:`Errors` of region ``kode_region`` on the data date ``today``."""
    scope = list(scope_kelurahan) if scope_kelurahan is not None else None
    units = targeting.error_rates(queries.run(con, "eksklusi_units", kode_region=kode_region, scope_kelurahan=scope))
    tahaps = closed_tahap(six_t_report.tahap_list(con, kode_region), today)
    tahaps = tahaps[["kode_program", "nama", "tahap", "tanggal_mulai", "tanggal_selesai"]].reset_index(drop=True)
    return Errors(units=units, totals=targeting.region_totals(units), tahaps=tahaps)


def follow_up(
    con, kode_region: str, kode_kelurahan: str | None, *, scope_kelurahan: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """The excluded households of one kelurahan (None: the whole region), masked
    (:func:`analytics.targeting.follow_up_list`)."""
    rows = queries.run(
        con,
        "eksklusi_keluarga",
        kode_region=kode_region,
        scope_kelurahan=list(scope_kelurahan) if scope_kelurahan is not None else None,
        kode_kelurahan=kode_kelurahan,
    )
    return targeting.follow_up_list(rows)


def export_table(units: pd.DataFrame, suppress_below: int) -> pd.DataFrame:
    """Kelurahan rows of one programme (:meth:`Errors.of`) as the export table: the columns of
    :data:`COLUMNS`, rates as percentages rounded to 0.1 (empty where the denominator is 0),
    small household counts suppressed with what reveals them (:data:`LINKED`)."""
    out = pd.DataFrame({name: units[src].to_numpy() for name, src in COLUMNS.items()})
    for name in ("excluded_pct", "included_pct"):
        out[name] = targeting.as_pct(out[name])
    return targeting.suppress_small_counts(out, suppress_below, LINKED)


def tahap_text(tahaps: pd.DataFrame, program: str | None) -> str:
    """'PKH 2026-T3, BPNT 2026-10': the tahap the figures are of (one programme's when given)."""
    rows = tahaps if program is None else tahaps[tahaps["kode_program"] == program]
    return ", ".join(f"{p} {t}" for p, t in zip(rows["kode_program"], rows["tahap"])) or "-"


def header_line(
    region: str, kode: str, tahaps: pd.DataFrame, program: str | None, today: dt.date, suppress_below: int, lang: str
) -> str:
    """The first row of the file: what the table is, of which tahap, how current, what is hidden.
    Codes and dates stay as a script reads them (ISO date) in both languages."""
    header = translate(
        lang,
        "eksklusi.export.header",
        region=region,
        kode=kode,
        program=program or translate(lang, "eksklusi.all_programmes"),
        tahap=tahap_text(tahaps, program),
        date=today.isoformat(),
    )
    if suppress_below > 0:
        header += translate(lang, "eksklusi.export.suppressed", n=suppress_below)
    return header


def kelurahan_csv(
    found: Errors, program: str | None, region: str, kode: str, today: dt.date, suppress_below: int, lang: str
) -> bytes:
    """The same file as ``python -m warehouse export eksklusi --format csv`` for this selection."""
    header = header_line(region, kode, found.tahaps, program, today, suppress_below, lang)
    return files.table_file(export_table(found.of(program), suppress_below), header, "csv", SHEET, lang)


def build(
    con,
    kode_region: str | None = None,
    program: str | None = None,
    lang: str = "id",
    *,
    suppress_below: int | None = None,
    scope_kelurahan: tuple[str, ...] | None = None,
) -> tuple[pd.DataFrame, str]:
    """(export table, header line) read from the warehouse ``con``; the region defaults to the
    largest loaded one, the threshold to ``config/privacy.toml``."""
    threshold = settings.suppress_below() if suppress_below is None else suppress_below
    kode_region, region_name = files.region(con, kode_region)
    today = files.data_date(con)
    found = errors(con, kode_region, today, scope_kelurahan=scope_kelurahan)
    known = set(found.units["kode_program"].dropna())
    if program is not None and program not in known:
        raise LookupError(
            f"programme {program!r} has no closed tahap in {kode_region} (there are: {', '.join(sorted(known))})"
        )
    header = header_line(region_name, kode_region, found.tahaps, program, today, threshold, lang)
    return export_table(found.of(program), threshold), header


def run(args: argparse.Namespace) -> int:
    return files.export_table(
        args.db,
        lambda con: build(con, args.wilayah, args.program, args.lang, suppress_below=args.suppress_below),
        args.format,
        SHEET,
        args.out,
        "eksklusi_inklusi",
        lang=files.labels_language(args),
    )


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "eksklusi", help="bansos exclusion and inclusion errors per kelurahan, latest closed tahap (CSV or Excel)"
    )
    p.add_argument("--format", choices=FORMATS, default="csv", help="file format (default csv)")
    p.add_argument("--out", help="output file (default eksklusi_inklusi.<format>)")
    p.add_argument("--program", help="one programme, e.g. PKH (default every programme together)")
    p.add_argument("--wilayah", help="kab/kota code, e.g. 21.71 (default the largest loaded region)")
    files.add_language_options(p)
    p.add_argument(
        "--suppress-below",
        type=int,
        help="hide household counts below this (default config/privacy.toml's suppress_below, 5 if unset; 0: show all)",
    )
    p.add_argument("--db", help=f"warehouse file (default ${db.DB_ENV})")
    p.set_defaults(func=run)
