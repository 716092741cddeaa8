"""Pendataan campaigns: how far each unit is against its target, which units lag, what each
collector sent in; what the pendataan page shows and what ``python -m warehouse export pendataan``
writes (one row per unit the campaign's targets are set for, kecamatan or kelurahan, a first row
naming the region, the campaign and its window and the data date; small counts suppressed).

The campaigns and their targets are settings (``config/pendataan.toml``,
:func:`reports.settings.pendataan_campaigns`); the records are the warehouse's
``pendataan_catatan`` (``python -m warehouse import pendataan FILE``).
"""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass

import pandas as pd

import queries
from analytics import pendataan, targeting
from domain.i18n import translate
from reports import files, settings
from reports.settings import Campaign
from warehouse import db

FORMATS = files.FORMATS
SHEET = "pendataan"
# Output column -> source column of analytics.pendataan.progress; rates become 0-100.
COLUMNS = {
    "kode": "kode",
    "unit": "nama",
    "kecamatan": "kecamatan",
    "target_count": "target_count",
    "records_count": "records_count",
    "progress_pct": "progress_rate",
    "expected_count": "expected_count",
    "gap_count": "gap_count",
    "lagging": "lagging",
    "collectors_count": "collectors_count",
    "last_date": "last_date",
}
# A small count of records (people found) hides what it can be worked back from.
LINKED = {"records_count": ("progress_pct", "gap_count")}


@dataclass(frozen=True)
class Progress:
    """One campaign in a region on the data date (within the user's scope).

    units: :func:`analytics.pendataan.progress` of queries/pendataan_units.sql (one row per unit
    of the campaign's level); region: :func:`analytics.pendataan.region_progress`; lagging: the
    lagging units, largest gap first; collectors: :func:`analytics.pendataan.collector_output` of
    queries/pendataan_petugas.sql; daily: :func:`analytics.pendataan.cumulative`; expected_rate:
    the share of the window elapsed (0-1).
    """

    campaign: Campaign
    units: pd.DataFrame
    region: pd.Series
    lagging: pd.DataFrame
    collectors: pd.DataFrame
    daily: pd.DataFrame
    expected_rate: float


def campaigns(kode_region: str) -> tuple[Campaign, ...]:
    """The campaigns of ``config/pendataan.toml`` (:data:`reports.settings.PENDATAAN_FILE`) with
    targets in the region."""
    return tuple(c for c in settings.pendataan_campaigns(settings.PENDATAAN_FILE) if c.in_region(kode_region))


def campaign_progress(
    con, kode_region: str, campaign: Campaign, today: dt.date, *, scope_kelurahan: tuple[str, ...] | None = None
) -> Progress:
    """The :class:`Progress` of ``campaign`` in region ``kode_region`` on the data date ``today``."""
    params = {
        "kode_region": kode_region,
        "scope_kelurahan": list(scope_kelurahan) if scope_kelurahan is not None else None,
        "kode_kampanye": campaign.kode,
        "tanggal": today,
    }
    rate = pendataan.elapsed_share(campaign.mulai, campaign.selesai, today)
    units = pendataan.progress(
        queries.run(con, "pendataan_units", tingkat=campaign.tingkat, **params), dict(campaign.targets), rate
    )
    region = pendataan.region_progress(units, rate)
    daily = queries.run(con, "pendataan_harian", **params)
    return Progress(
        campaign=campaign,
        units=units,
        region=region,
        lagging=pendataan.lagging_units(units),
        collectors=pendataan.collector_output(queries.run(con, "pendataan_petugas", **params)),
        daily=pendataan.cumulative(daily, campaign.mulai, campaign.selesai, today, region["target_count"]),
        expected_rate=rate,
    )


def export_table(units: pd.DataFrame, suppress_below: int) -> pd.DataFrame:
    """The units of :attr:`Progress.units` as the export table: the columns of :data:`COLUMNS`
    (kecamatan only for a campaign set per kelurahan), progress as a percentage rounded to 0.1
    (empty without a target), small record counts suppressed with what reveals them."""
    out = pd.DataFrame({name: units[src].to_numpy() for name, src in COLUMNS.items()})
    out["progress_pct"] = targeting.as_pct(out["progress_pct"])
    for name in ("target_count", "expected_count"):
        out[name] = out[name].astype("Int64")
    out["last_date"] = pd.to_datetime(out["last_date"]).dt.date
    if (out["kode"].str.count(r"\.") == 2).all():
        out = out.drop(columns="kecamatan")
    return targeting.suppress_small_counts(out, suppress_below, LINKED)


def header_line(
    region: str, kode: str, campaign: Campaign, today: dt.date, rate: float, suppress_below: int, lang: str
) -> str:
    """The first row of the file: the campaign, its window and level, the region, how current,
    what is hidden. Codes and dates stay as a script reads them (ISO dates) in both languages."""
    header = translate(
        lang,
        "pendataan.export.header",
        campaign=campaign.nama,
        kode_kampanye=campaign.kode,
        region=region,
        kode=kode,
        mulai=campaign.mulai.isoformat(),
        selesai=campaign.selesai.isoformat(),
        tingkat=translate(lang, f"pendataan.level.{campaign.tingkat}"),
        date=today.isoformat(),
        expected=f"{rate * 100:.1f}",
    )
    if suppress_below > 0:
        header += translate(lang, "pendataan.export.suppressed", n=suppress_below)
    return header


def unit_csv(found: Progress, region: str, kode: str, today: dt.date, suppress_below: int, lang: str) -> bytes:
    """The same file as ``python -m warehouse export pendataan --format csv`` for this campaign."""
    header = header_line(region, kode, found.campaign, today, found.expected_rate, suppress_below, lang)
    return files.table_file(export_table(found.units, suppress_below), header, "csv", SHEET, lang)


def build(
    con,
    kode_region: str | None = None,
    kampanye: str | None = None,
    lang: str = "id",
    *,
    suppress_below: int | None = None,
    scope_kelurahan: tuple[str, ...] | None = None,
) -> tuple[pd.DataFrame, str]:
    """(export table, header line) of campaign ``kampanye`` (default the region's first) read
    from the warehouse ``con``; the region defaults to the largest loaded one, the threshold to
    ``config/privacy.toml``."""
    threshold = settings.suppress_below() if suppress_below is None else suppress_below
    kode_region, region_name = files.region(con, kode_region)
    known = campaigns(kode_region)
    if not known:
        raise LookupError(f"config/pendataan.toml has no campaign with targets in {kode_region}")
    picked = [c for c in known if kampanye in (None, c.kode)]
    if not picked:
        raise LookupError(
            f"no campaign {kampanye!r} with targets in {kode_region} (there are: {', '.join(c.kode for c in known)})"
        )
    today = files.data_date(con)
    found = campaign_progress(con, kode_region, picked[0], today, scope_kelurahan=scope_kelurahan)
    header = header_line(region_name, kode_region, picked[0], today, found.expected_rate, threshold, lang)
    return export_table(found.units, threshold), header


def run(args: argparse.Namespace) -> int:
    return files.export_table(
        args.db,
        lambda con: build(con, args.wilayah, args.kampanye, args.lang, suppress_below=args.suppress_below),
        args.format,
        SHEET,
        args.out,
        "pendataan",
        summary=lambda table: f"{len(table)} units",
        lang=files.labels_language(args),
    )


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "pendataan",
        help="progress of a pendataan campaign per kecamatan or kelurahan against its targets (CSV or Excel)",
    )
    p.add_argument("--format", choices=FORMATS, default="csv", help="file format (default csv)")
    p.add_argument("--out", help="output file (default pendataan.<format>)")
    p.add_argument("--kampanye", help="campaign code of config/pendataan.toml (default the region's first)")
    p.add_argument("--wilayah", help="kab/kota code, e.g. 21.71 (default the largest loaded region)")
    files.add_language_options(p)
    p.add_argument(
        "--suppress-below",
        type=int,
        help="hide record counts below this (default config/privacy.toml's suppress_below, 5 if unset; 0: show all)",
    )
    p.add_argument("--db", help=f"warehouse file (default ${db.DB_ENV})")
    p.set_defaults(func=run)
