"""Musyawarah proposals (usulan) per kelurahan: what the register page's usulan section shows
and what ``python -m warehouse export usulan`` writes (one row per kelurahan as CSV or Excel,
with a first row saying the region, the cycle and the data date).

Counts of proposals out of the register and of refusals below the threshold of
``config/privacy.toml`` (default 5) are hidden on the page and in the file alike, with the
count that would give them away (:func:`analytics.usulan.suppress_small_counts`).
"""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass

import pandas as pd

import queries
from analytics import usulan
from domain.i18n import translate
from reports import files, settings
from warehouse import db

FORMATS = files.FORMATS
SHEET = "usulan"

# Output column -> source column of analytics.usulan.proposal_rates; rates become 0-100.
COLUMNS = {
    "kode": "kode",
    "kelurahan": "nama",
    "kode_kecamatan": "kode_kecamatan",
    "kecamatan": "kecamatan",
    "musyawarah_held": "musyawarah_held",
    "musyawarah_count": "musyawarah_count",
    "last_musyawarah": "last_musyawarah",
    "proposals_count": "proposals_count",
    "masuk_count": "masuk_count",
    "keluar_count": "keluar_count",
    "ganda_count": "ganda_count",
    "tanpa_ba_count": "tanpa_ba_count",
    "ditetapkan_count": "ditetapkan_count",
    "ditolak_count": "ditolak_count",
    "pending_count": "pending_count",
    "accepted_pct": "accepted_rate",
    "median_days_to_decision": "median_keputusan_hari",
}


@dataclass(frozen=True)
class Usulan:
    """The proposals of one region and cycle as of the data date.

    ``region``: its region row of :func:`analytics.usulan.proposal_rates` and ``kelurahan`` its
    kelurahan rows, small counts suppressed in both (``suppress_below``); ``without``: the kelurahan
    that held no musyawarah in the cycle (:func:`analytics.usulan.without_musyawarah`).
    """

    kode_region: str
    region_name: str
    siklus: str
    cycle_name: str
    today: dt.date
    region: pd.Series
    kelurahan: pd.DataFrame
    without: pd.DataFrame
    suppress_below: int

    def table(self) -> pd.DataFrame:
        """The export table (:func:`kelurahan_table`)."""
        return kelurahan_table(self.kelurahan)

    def file(self, fmt: str, lang: str) -> bytes:
        """The same file as ``python -m warehouse export usulan`` for this region and cycle."""
        header = header_line(
            self.region_name, self.kode_region, self.siklus, self.cycle_name, self.today, lang, self.suppress_below
        )
        return files.table_file(self.table(), header, fmt, SHEET, lang)


def proposals(
    con,
    kode_region: str,
    siklus: str,
    *,
    suppress_below: int | None = None,
    scope_kelurahan: tuple[str, ...] | None = None,
) -> Usulan:
    """The :class:`Usulan` of region ``kode_region`` in cycle ``siklus`` (kelurahan limited to
    ``scope_kelurahan`` when given, bound in SQL)."""
    if suppress_below is None:
        suppress_below = settings.suppress_below()
    kode_region, region_name = files.region(con, kode_region)
    cycle = files.cycle(con, siklus)
    units = queries.run(
        con,
        "usulan_units",
        kode_region=kode_region,
        siklus=cycle.name,
        scope_kelurahan=None if scope_kelurahan is None else list(scope_kelurahan),
    )
    rates = usulan.proposal_rates(units)
    kelurahan = usulan.suppress_small_counts(usulan.unit_level(rates, "kelurahan"), suppress_below)
    return Usulan(
        kode_region=kode_region,
        region_name=region_name,
        siklus=cycle.name,
        cycle_name=cycle["nama"],
        today=files.data_date(con),
        region=usulan.suppress_small_counts(usulan.unit_level(rates, "region"), suppress_below).iloc[0],
        kelurahan=kelurahan,
        without=usulan.without_musyawarah(rates),
        suppress_below=suppress_below,
    )


def kelurahan_table(kelurahan: pd.DataFrame) -> pd.DataFrame:
    """The kelurahan rows of :class:`Usulan` as the export table: the columns of
    :data:`COLUMNS`, musyawarah_held True when a berita acara is dated in the cycle, the
    acceptance rate as a percentage rounded to 0.1, the median days to 0.1."""
    kel = kelurahan.assign(musyawarah_held=~kelurahan["no_musyawarah"].astype(bool))
    out = pd.DataFrame({name: kel[src].to_numpy() for name, src in COLUMNS.items()})
    out["accepted_pct"] = (out["accepted_pct"].astype("float64") * 100).round(1)
    out["median_days_to_decision"] = out["median_days_to_decision"].astype("float64").round(1)
    out["last_musyawarah"] = [None if pd.isna(d) else pd.Timestamp(d).date() for d in out["last_musyawarah"]]
    return out


def header_line(
    region: str,
    kode: str,
    siklus: str,
    cycle: str,
    today: dt.date,
    lang: str = "id",
    suppress_below: int = settings.SUPPRESS_BELOW,
) -> str:
    """The first row of the file: what the table is, which cycle, how current, what is hidden."""
    suppressed = translate(lang, "register.export.suppressed", n=suppress_below) if suppress_below > 0 else ""
    return translate(
        lang,
        "register.usulan.export.header",
        region=region,
        kode=kode,
        siklus=siklus,
        cycle=cycle,
        date=today.isoformat(),
        suppressed=suppressed,
    )


def build(
    con,
    kode_region: str | None,
    siklus: str | None,
    lang: str = "id",
    suppress_below: int | None = None,
    scope_kelurahan: tuple[str, ...] | None = None,
) -> tuple[pd.DataFrame, str]:
    """(export table, header line) read from the warehouse ``con``; region and cycle default to
    the largest loaded region and the newest cycle."""
    found = proposals(
        con,
        files.region(con, kode_region)[0],
        files.cycle(con, siklus).name,
        suppress_below=suppress_below,
        scope_kelurahan=scope_kelurahan,
    )
    header = header_line(
        found.region_name, found.kode_region, found.siklus, found.cycle_name, found.today, lang, found.suppress_below
    )
    return found.table(), header


def run(args: argparse.Namespace) -> int:
    return files.export_table(
        args.db,
        lambda con: build(con, args.wilayah, args.siklus, args.lang, args.suppress_below),
        args.format,
        SHEET,
        args.out,
        "usulan_musyawarah",
        lang=files.labels_language(args),
    )


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("usulan", help="musyawarah proposals into and out of the register per kelurahan")
    p.add_argument("--format", choices=FORMATS, default="csv", help="file format (default csv)")
    p.add_argument("--out", help="output file (default usulan_musyawarah.<format>)")
    p.add_argument("--siklus", help="verivali cycle (default the newest)")
    p.add_argument("--wilayah", help="kab/kota code, e.g. 21.71 (default the largest loaded region)")
    files.add_language_options(p)
    p.add_argument(
        "--suppress-below",
        type=int,
        help="hide counts of proposals out and refusals below this "
        "(default config/privacy.toml's suppress_below, 5 if unset; 0: show all)",
    )
    p.add_argument("--db", help=f"warehouse file (default ${db.DB_ENV})")
    p.set_defaults(func=run)
