"""Graduasi PKH per kelurahan and year: what the register page's graduasi section shows and
what ``python -m warehouse export graduasi`` writes (one row per kelurahan for one year as CSV or
Excel, with a first row saying the region, the year, its target and the data date).

Every count is of KPM (families): below the threshold of ``config/privacy.toml`` (default 5) a
count is hidden on the page and in the file alike
(:func:`analytics.graduasi.suppress_small_counts`). The yearly target of graduasi sejahtera
mandiri is ``config/graduasi.toml`` (:func:`reports.settings.graduasi_targets`).
"""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass

import pandas as pd

import queries
from analytics import graduasi
from domain.i18n import translate
from reports import files, settings
from warehouse import db

FORMATS = files.FORMATS
SHEET = "graduasi_pkh"
TARGETS_FILE = settings.GRADUASI_FILE

COLUMNS = (
    "kode",
    "kelurahan",
    "kode_kecamatan",
    "kecamatan",
    "tahun",
    "keluar_count",
    *graduasi.KIND_COLUMNS,
    "tidak_tercatat_count",
    "masih_menerima_count",
)


@dataclass(frozen=True)
class Graduasi:
    """The PKH exits of one region as of the data date, every year.

    ``units``: the rows of graduasi_units.sql (counts unsuppressed: only :meth:`year` hands
    them out); ``progress``: :func:`analytics.graduasi.against_target` of the region's rows;
    ``targets``: year -> target.
    """

    kode_region: str
    region_name: str
    today: dt.date
    units: pd.DataFrame
    progress: pd.DataFrame
    targets: dict
    suppress_below: int

    @property
    def shown(self) -> pd.DataFrame:
        """:attr:`progress` with its small counts suppressed, as the page shows it."""
        return graduasi.suppress_small_counts(self.progress, self.suppress_below)

    @property
    def years(self) -> list[int]:
        """Years with an exit or a target, oldest first."""
        return [int(y) for y in self.progress["tahun"]]

    def year(self, tahun: int) -> Year:
        """The :class:`Year` ``tahun`` (one of :attr:`years`)."""
        kelurahan = graduasi.of_year(self.units, tahun)
        progress = self.shown.set_index("tahun")
        return Year(
            tahun=tahun,
            region=progress.loc[tahun] if tahun in progress.index else None,
            kelurahan=graduasi.suppress_small_counts(kelurahan, self.suppress_below) if len(kelurahan) else kelurahan,
            target=self.targets.get(tahun),
        )

    def file(self, tahun: int, fmt: str, lang: str) -> bytes:
        """The same file as ``python -m warehouse export graduasi --tahun`` for this year."""
        return files.table_file(kelurahan_table(self.year(tahun)), self.header(tahun, lang), fmt, SHEET, lang)

    def header(self, tahun: int, lang: str) -> str:
        return header_line(
            self.region_name, self.kode_region, tahun, self.targets.get(tahun), self.today, lang, self.suppress_below
        )


@dataclass(frozen=True)
class Year:
    """One year: ``region`` its row of :attr:`Graduasi.shown` (small counts suppressed), ``kelurahan`` its kelurahan rows with small counts suppressed (empty when no KPM
    left that year), ``target`` the target of graduasi sejahtera mandiri (None: none set)."""

    tahun: int
    region: pd.Series | None
    kelurahan: pd.DataFrame
    target: int | None


def exits(
    con,
    kode_region: str,
    *,
    targets=TARGETS_FILE,
    suppress_below: int | None = None,
    scope_kelurahan: tuple[str, ...] | None = None,
) -> Graduasi:
    """The :class:`Graduasi` of region ``kode_region`` (kelurahan limited to ``scope_kelurahan``
    when given, bound in SQL)."""
    if suppress_below is None:
        suppress_below = settings.suppress_below()
    kode_region, region_name = files.region(con, kode_region)
    units = queries.run(
        con,
        "graduasi_units",
        kode_region=kode_region,
        scope_kelurahan=None if scope_kelurahan is None else list(scope_kelurahan),
    )
    goals = settings.graduasi_targets(kode_region, targets)
    region_rows = units[units["level"] == "region"]
    return Graduasi(
        kode_region=kode_region,
        region_name=region_name,
        today=files.data_date(con),
        units=units,
        progress=graduasi.against_target(region_rows, goals),
        targets=goals,
        suppress_below=suppress_below,
    )


def kelurahan_table(year: Year) -> pd.DataFrame:
    """The kelurahan rows of a :class:`Year` as the export table (:data:`COLUMNS`)."""
    return pd.DataFrame(
        {c: year.kelurahan["nama" if c == "kelurahan" else c].to_numpy() for c in COLUMNS}, columns=list(COLUMNS)
    )


def header_line(
    region: str,
    kode: str,
    tahun: int,
    target: int | None,
    today: dt.date,
    lang: str = "id",
    suppress_below: int = settings.SUPPRESS_BELOW,
) -> str:
    """The first row of the file: what the table is, which year and target, how current, what is hidden."""
    suppressed = translate(lang, "register.export.suppressed", n=suppress_below) if suppress_below > 0 else ""
    return translate(
        lang,
        "register.graduasi.export.header",
        region=region,
        kode=kode,
        tahun=tahun,
        target=translate(lang, "register.graduasi.no_target") if target is None else f"{target:,}",
        date=today.isoformat(),
        suppressed=suppressed,
    )


def build(
    con,
    kode_region: str | None,
    tahun: int | None,
    lang: str = "id",
    suppress_below: int | None = None,
    targets=TARGETS_FILE,
    scope_kelurahan: tuple[str, ...] | None = None,
) -> tuple[pd.DataFrame, str]:
    """(export table, header line) read from the warehouse ``con``; the region defaults to the
    largest loaded one, the year to the latest with an exit or a target."""
    found = exits(con, kode_region, targets=targets, suppress_below=suppress_below, scope_kelurahan=scope_kelurahan)
    if not found.years:
        raise LookupError(f"no KPM left PKH in {found.kode_region} and no target is set")
    tahun = found.years[-1] if tahun is None else tahun
    if tahun not in found.years:
        raise LookupError(f"year {tahun} has no PKH exit in {found.kode_region} (years: {found.years})")
    return kelurahan_table(found.year(tahun)), found.header(tahun, lang)


def run(args: argparse.Namespace) -> int:
    return files.export_table(
        args.db,
        lambda con: build(con, args.wilayah, args.tahun, args.lang, args.suppress_below),
        args.format,
        SHEET,
        args.out,
        "graduasi_pkh",
        lang=files.labels_language(args),
    )


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("graduasi", help="KPM who left PKH per kelurahan in a year, by kind (CSV or Excel)")
    p.add_argument("--format", choices=FORMATS, default="csv", help="file format (default csv)")
    p.add_argument("--out", help="output file (default graduasi_pkh.<format>)")
    p.add_argument("--tahun", type=int, help="year (default the latest with an exit or a target)")
    p.add_argument("--wilayah", help="kab/kota code, e.g. 21.71 (default the largest loaded region)")
    files.add_language_options(p)
    p.add_argument(
        "--suppress-below",
        type=int,
        help="hide counts of KPM below this (default config/privacy.toml's suppress_below, 5 if unset; 0: show all)",
    )
    p.add_argument("--db", help=f"warehouse file (default ${db.DB_ENV})")
    p.set_defaults(func=run)
