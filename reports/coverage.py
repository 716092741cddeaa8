"""The DTKS update coverage report: what the overview and the kelurahan profile show, and
``python -m warehouse export coverage`` (the coverage per kelurahan as CSV or Excel, with a first
row saying the region, the cycle and the data date).

Small counts of the results that concern single persons (not found, moved, died, duplicate)
are suppressed in the file and in the kelurahan profile alike (docs/architecture.md, "Privacy"), below the
one threshold of ``config/privacy.toml`` (:func:`reports.settings.suppress_below`, default 5);
``--suppress-below 0`` turns that off for a file.

Every function of a read-only warehouse connection ``con`` reads through ``queries/`` and
computes with ``analytics/``; ``ui.coverage`` caches them for the pages. The page's download is
:func:`build` and :func:`coverage_file`, as on the command line, so both give the same file.
"""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
import shapely

import queries
from analytics import coverage, quality
from domain.i18n import translate
from reports import files, settings
from warehouse import db

TARGETS_FILE = settings.COVERAGE_TARGETS_FILE
FORMATS = files.FORMATS
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
    "never_finishes": "never_finishes",
    "active_members_count": "members_count",
    "padan_count": "padan_count",
    "padan_pct": "padan_rate",
    **{f"{r}_count": f"{r}_count" for r in coverage.RESULTS},
}


def suppress_small_counts(table: pd.DataFrame, threshold: int) -> pd.DataFrame:
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


def coverage_table(levels: pd.DataFrame, suppress_below: int) -> pd.DataFrame:
    """The kelurahan rows of :func:`analytics.coverage.coverage_levels` as the export table:
    the columns of :data:`COLUMNS` (never_finishes: a backlog and pace zero, the kelurahan that
    keep the region from finishing with today's postings), rates as percentages rounded to 0.1, pace to 0.01, small
    result counts suppressed (:func:`suppress_small_counts`)."""
    kel = levels[levels["level"] == "kelurahan"].assign(never_finishes=lambda d: d["never_finish_count"] > 0)
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
    suppress_below: int = settings.SUPPRESS_BELOW,
    region_row: pd.Series | None = None,
) -> str:
    """The first row of the file: what the table is, how current, what is suppressed and, with
    the region's row of :func:`levels`, when it finishes: at today's city pace and when its last
    kelurahan does at its own pace (never, with the count of kelurahan at pace zero), the
    overview's definition."""
    suppressed = translate(lang, "export.coverage.suppressed", n=suppress_below) if suppress_below > 0 else ""
    finish = ""
    if region_row is not None:
        never = translate(lang, "export.coverage.never")
        city = region_row["projected_finish"]
        last = region_row["finish_last_kelurahan"]
        finish = translate(
            lang,
            "export.coverage.finish",
            city=city.isoformat() if city else never,
            last=last.isoformat() if last else never,
            n=int(region_row["never_finish_count"]),
        )
    return translate(
        lang,
        "export.coverage.header",
        region=region,
        kode=kode,
        siklus=siklus,
        cycle=cycle,
        date=today.isoformat(),
        unit=translate(lang, f"export.unit.{unit}"),
        target=f"{target * 100:.1f}",
        suppressed=suppressed,
        finish=finish,
    )


def coverage_file(table: pd.DataFrame, header: str, fmt: str, lang: str | None = None) -> bytes:
    """The export file (files.table_file), sheet ``cakupan``: for people in ``lang``, for
    scripts without."""
    return files.table_file(table, header, fmt, "cakupan", lang)


def cycle_window(con, siklus: str) -> tuple[dt.date, dt.date, str]:
    """(tanggal_mulai, tanggal_target, nama) of the verivali cycle ``siklus``."""
    row = files.cycle(con, siklus)
    return pd.Timestamp(row["tanggal_mulai"]).date(), pd.Timestamp(row["tanggal_target"]).date(), row["nama"]


def levels(
    con,
    kode_region: str,
    siklus: str,
    day: dt.date,
    unit: str = "households",
    targets=TARGETS_FILE,
    scope_kelurahan: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    """:func:`analytics.coverage.coverage_levels` of the region's rows of
    queries/coverage_units.sql as of ``day`` (region, kecamatan and kelurahan rows), counted
    in ``unit``, against the cycle's configured target schedule; pace and finish dates count
    the region's working days (:func:`reports.settings.work_calendar`). With
    ``scope_kelurahan`` only those kelurahan, and the region and kecamatan rows total them."""
    start, end, _ = cycle_window(con, siklus)
    rows = queries.run(
        con, "coverage_units", kode_region=kode_region, siklus=siklus, tanggal=day, scope_kelurahan=scope_kelurahan
    )
    schedule = settings.target_schedule(siklus, targets)
    return coverage.coverage_levels(
        rows, day, start, end, schedule, unit=unit, calendar=settings.work_calendar(kode_region)
    )


def unit_choices(units: pd.DataFrame) -> dict[str, str]:
    """kode -> 'nama (kecamatan)' of the kelurahan rows ``units``, in their order, for a pick list."""
    return dict(zip(units["kode"], units["nama"] + " (" + units["kecamatan"].fillna("") + ")"))


@dataclass(frozen=True)
class Overview:
    """What the overview shows of one region, cycle and unit (households or members).

    ``region`` is the region's row of :func:`levels`, ``change`` its
    :func:`analytics.coverage.week_change` since seven days before; ``units`` and ``kecamatan``
    the kelurahan and kecamatan rows; ``lagging`` the lagging kelurahan, largest backlog first;
    ``never`` the kelurahan that never finish at their own pace
    (:func:`analytics.coverage.never_finishing`: a backlog and pace zero; the region row's
    finish_last_kelurahan is then None); ``progress`` and ``padan_progress`` the region's
    :func:`analytics.coverage.cumulative_progress`
    of updates and of the padan step; ``funnel`` the kelurahan rows of
    :func:`analytics.coverage.funnel_table` and ``funnel_region`` its region row; ``levels`` all
    rows (for the export).
    """

    levels: pd.DataFrame
    region: pd.Series
    change: pd.Series
    units: pd.DataFrame
    kecamatan: pd.DataFrame
    lagging: pd.DataFrame
    never: pd.DataFrame
    progress: pd.DataFrame
    padan_progress: pd.DataFrame
    funnel: pd.DataFrame
    funnel_region: pd.Series
    start: dt.date
    end: dt.date

    def choices(self) -> dict[str, str]:
        """kode -> 'nama (kecamatan)' of the region's kelurahan (:func:`unit_choices`)."""
        return unit_choices(self.units)

    @property
    def lagging_count(self) -> int:
        """Kelurahan behind the target for today."""
        return int(self.units["lagging"].sum())

    @property
    def below_region_count(self) -> int:
        """Kelurahan below the region's coverage (a marker, not lagging by itself)."""
        return int(self.units["behind_region"].sum())


def overview(
    con,
    kode_region: str,
    siklus: str,
    today: dt.date,
    unit: str = "households",
    targets=TARGETS_FILE,
    scope_kelurahan: tuple[str, ...] | None = None,
) -> Overview:
    """The overview of the region ``kode_region`` (its kelurahan of ``scope_kelurahan``, None:
    all) in cycle ``siklus`` as of ``today``."""
    start, end, _ = cycle_window(con, siklus)
    schedule = settings.target_schedule(siklus, targets)
    now = levels(con, kode_region, siklus, today, unit, targets, scope_kelurahan)
    before = levels(con, kode_region, siklus, today - dt.timedelta(days=7), unit, targets, scope_kelurahan)
    region = now[now["level"] == "region"].iloc[0]
    units = now[now["level"] == "kelurahan"]
    params = {"kode_region": kode_region, "siklus": siklus, "tanggal": today, "scope_kelurahan": scope_kelurahan}
    daily = queries.run(con, "coverage_daily", **params)
    region_daily = daily[daily["kode"] == kode_region]
    updated = "updated_count" if unit == "households" else "updated_members_count"
    funnels = coverage.funnel_table(
        queries.run(con, "verivali_funnel", **params),
        now[["level", "kode", "nama", "households_count"]],
    )
    return Overview(
        levels=now,
        region=region,
        change=coverage.week_change(region, before[before["level"] == "region"].iloc[0]),
        units=units,
        kecamatan=now[now["level"] == "kecamatan"],
        lagging=units[units["lagging"]].sort_values(["backlog_count", "coverage_rate"], ascending=[False, True]),
        never=coverage.never_finishing(now),
        progress=coverage.cumulative_progress(
            region_daily, region["frame_count"], start, end, today, column=updated, schedule=schedule
        ),
        padan_progress=coverage.cumulative_progress(
            region_daily, region["households_count"], start, end, today, column="padan_step_count", schedule=schedule
        ),
        funnel=funnels[funnels["level"] == "kelurahan"],
        funnel_region=funnels[funnels["level"] == "region"].iloc[0],
        start=start,
        end=end,
    )


@dataclass(frozen=True)
class Profile:
    """What the profile of one kelurahan shows.

    ``row`` is its row of :func:`levels` (households), ``region_rate`` the region's coverage
    (0-1); ``progress`` its :func:`analytics.coverage.cumulative_progress`; ``results`` its rows
    of :func:`suppressed_breakdown` (small counts hidden as in the export, ``suppress_below``
    the threshold); ``funnel`` its row of
    :func:`analytics.coverage.funnel_table`; ``enumerators`` its rows of
    queries/enumerator_output_kelurahan.sql.
    """

    kode: str
    row: pd.Series
    region_rate: float
    progress: pd.DataFrame
    results: pd.DataFrame
    funnel: pd.Series
    enumerators: pd.DataFrame
    suppress_below: int


def suppressed_breakdown(units: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """:func:`analytics.coverage.result_breakdown` of ``units`` with the counts that the export
    hides (:func:`suppress_small_counts`, the same rule) emptied: households_count and
    share_rate NaN and suppressed True there. Shares are of all updated households, so the
    hidden counts cannot be read off the shown ones."""
    columns = [f"{r}_count" for r in coverage.RESULTS]
    breakdown = coverage.result_breakdown(units)
    hidden = suppress_small_counts(units[["kode", *columns]], threshold).set_index("kode")[columns].isna()
    hidden.columns = list(coverage.RESULTS)
    mask = hidden.stack().rename("suppressed").reset_index()
    mask.columns = ["kode", "hasil", "suppressed"]
    out = breakdown.merge(mask, on=["kode", "hasil"], how="left", validate="one_to_one")
    out["suppressed"] = out["suppressed"].fillna(False).astype(bool)
    out["households_count"] = out["households_count"].astype("float64").where(~out["suppressed"])
    out["share_rate"] = out["share_rate"].where(~out["suppressed"])
    return out


@dataclass(frozen=True)
class Profiles:
    """The region's figures that the kelurahan profiles are cut from, read once for all of
    them (a profile is then a selection, :meth:`profile`)."""

    units: pd.DataFrame
    region_rate: float
    daily: pd.DataFrame
    breakdown: pd.DataFrame
    funnels: pd.DataFrame
    workers: pd.DataFrame
    start: dt.date
    end: dt.date
    today: dt.date
    schedule: list
    suppress_below: int

    def choices(self) -> dict[str, str]:
        """kode -> 'nama (kecamatan)' of the region's kelurahan (:func:`unit_choices`)."""
        return unit_choices(self.units)

    def profile(self, kode: str) -> Profile:
        """The :class:`Profile` of kelurahan ``kode`` (one of :meth:`choices`)."""
        row = self.units.set_index("kode").loc[kode]
        return Profile(
            kode=kode,
            row=row,
            region_rate=self.region_rate,
            progress=coverage.cumulative_progress(
                self.daily[self.daily["kode"] == kode],
                row["households_count"],
                self.start,
                self.end,
                self.today,
                schedule=self.schedule,
            ),
            results=self.breakdown[self.breakdown["kode"] == kode],
            funnel=self.funnels[self.funnels["kode"] == kode].iloc[0],
            enumerators=self.workers[self.workers["kode"] == kode],
            suppress_below=self.suppress_below,
        )


def profiles(
    con,
    kode_region: str,
    siklus: str,
    today: dt.date,
    targets=TARGETS_FILE,
    scope_kelurahan: tuple[str, ...] | None = None,
) -> Profiles:
    """The :class:`Profiles` of the region's kelurahan (those of ``scope_kelurahan``, None:
    all) in cycle ``siklus`` as of ``today``."""
    start, end, _ = cycle_window(con, siklus)
    now = levels(con, kode_region, siklus, today, "households", targets, scope_kelurahan)
    params = {"kode_region": kode_region, "siklus": siklus, "tanggal": today, "scope_kelurahan": scope_kelurahan}
    units = now[now["level"] == "kelurahan"]
    threshold = settings.suppress_below()
    return Profiles(
        units=units,
        region_rate=float(now.loc[now["level"] == "region", "coverage_rate"].iloc[0]),
        daily=queries.run(con, "coverage_daily", **params),
        breakdown=suppressed_breakdown(units, threshold),
        funnels=coverage.funnel_table(
            queries.run(con, "verivali_funnel", **params), units[["kode", "households_count"]]
        ),
        workers=queries.run(con, "enumerator_output_kelurahan", **params),
        start=start,
        end=end,
        today=today,
        schedule=settings.target_schedule(siklus, targets),
        suppress_below=threshold,
    )


MAX_MAP_UNITS = 1_000
"""Above this many kelurahan/desa, a kab/kota's map shows its kecamatan instead (the map
message stays small, and a click drills down to the kecamatan's kelurahan)."""


def map_level(kode_region: str, units_count: int) -> str:
    """The level the overview's map shows for the region ``kode_region`` of ``units_count``
    kelurahan/desa: the kab/kota of a provinsi; the kelurahan of a kecamatan; the kelurahan of
    a kab/kota, or its kecamatan when it has more than :data:`MAX_MAP_UNITS`."""
    depth = kode_region.count(".")
    if depth == 0:
        return "kabkota"
    if depth == 1 and units_count > MAX_MAP_UNITS:
        return "kecamatan"
    return "kelurahan"


def children(
    con,
    kode_region: str,
    level: str,
    siklus: str,
    day: dt.date,
    unit: str = "households",
    scope_kelurahan: tuple[str, ...] | None = None,
) -> gpd.GeoDataFrame:
    """The units one ``level`` below the region (``kabkota`` of a provinsi, ``kecamatan`` of a
    kab/kota) with their coverage as of ``day`` in cycle ``siklus``, summed in SQL from the
    analytics tables (queries/coverage_children.sql), and their dissolved display polygons
    (EPSG:4326, coordinates to five decimals as :func:`reports.files.boundaries`).

    Columns: kode, nama, jenis, geom_sumber, units_count, frame_count and done_count (households
    or members of the frame, by ``unit``, and those updated), coverage_rate (0-1, NaN where the
    frame is empty), backlog_count, padan_rate (0-1 of active members, NaN without any), geometry.
    With ``scope_kelurahan`` the figures total those kelurahan only."""
    rows = queries.run(
        con,
        "coverage_children",
        kode_region=kode_region,
        level=level,
        siklus=siklus,
        tanggal=day,
        scope_kelurahan=scope_kelurahan,
    )
    frame, done = (
        ("households_count", "updated_count")
        if unit == "households"
        else ("frame_members_count", "updated_members_count")
    )
    wkb = [None if g is None or g is pd.NA else bytes(g) for g in rows.pop("geom_display")]
    out = rows[["kode", "nama", "jenis", "geom_sumber", "units_count"]].assign(
        frame_count=rows[frame],
        done_count=rows[done],
        coverage_rate=(rows[done] / rows[frame].where(rows[frame] > 0)).astype("float64"),
        backlog_count=rows[frame] - rows[done],
        padan_rate=(rows["padan_count"] / rows["members_count"].where(rows["members_count"] > 0)).astype("float64"),
    )
    return gpd.GeoDataFrame(out, geometry=shapely.set_precision(shapely.from_wkb(wkb), 1e-5), crs="EPSG:4326")


PAGE_ROWS = 10_000
"""Rows of a findings list read into Python at once (a page, or one step of a download)."""


def findings_counts(con, kode_region: str, level: str, scope_kelurahan: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Findings per unit of ``level`` (kelurahan, kecamatan or kabkota) of the region (of
    ``scope_kelurahan``) and check, then the region's row: queries/quality_counts.sql, which sums
    the SQL-judged findings (the analytics table quality_kelurahan) and the dwellings outside
    their kelurahan (the table quality_outside, judged at write time by
    warehouse.imports.dwellings) over each unit's kelurahan in SQL. Columns level (``level`` or
    region), kode, ``<check>_count`` per check of analytics.quality.CHECKS, findings_count; the
    units ordered by kode."""
    return queries.run(con, "quality_counts", kode_region=kode_region, level=level, scope_kelurahan=scope_kelurahan)


def per_level(counts: pd.DataFrame) -> pd.DataFrame:
    """The unit rows of :func:`findings_counts` (the region's row left out): kode, the
    ``<check>_count`` columns and findings_count."""
    return counts[counts["level"] != "region"].drop(columns="level").reset_index(drop=True)


def totals(counts: pd.DataFrame) -> pd.Series:
    """Findings per check of analytics.quality.CHECKS, in that order, of the region's row of
    :func:`findings_counts`."""
    region = counts[counts["level"] == "region"].iloc[0]
    return pd.Series({c: int(region[f"{c}_count"]) for c in quality.CHECKS}, dtype="int64")


def findings_page(
    con,
    kode_region: str,
    scope_kelurahan: tuple[str, ...] | None = None,
    kode_kelurahan: str | None = None,
    offset: int = 0,
    limit: int = PAGE_ROWS,
) -> tuple[pd.DataFrame, int]:
    """(one page of the findings, masked, with the columns of analytics.quality.FINDING_COLUMNS;
    the number of findings of the whole selection) of the region (of ``scope_kelurahan``, or
    of kelurahan ``kode_kelurahan``): queries/quality_findings.sql, in the order of the checks."""
    rows = queries.run(
        con,
        "quality_findings",
        kode_region=kode_region,
        scope_kelurahan=scope_kelurahan,
        kode_kelurahan=kode_kelurahan,
        limit_rows=limit,
        offset_rows=offset,
    )
    total = int(rows["total_count"].iloc[0]) if len(rows) else 0
    return quality.masked_findings(rows[quality.FINDING_COLUMNS]), total


def masked_findings(
    con,
    kode_region: str,
    scope_kelurahan: tuple[str, ...] | None = None,
    kode_kelurahan: str | None = None,
) -> pd.DataFrame:
    """Every finding of the selection of :func:`findings_page`, masked, read page by page (for
    the download)."""
    first, total = findings_page(con, kode_region, scope_kelurahan, kode_kelurahan)
    pages = [first]
    for offset in range(PAGE_ROWS, total, PAGE_ROWS):
        pages.append(findings_page(con, kode_region, scope_kelurahan, kode_kelurahan, offset)[0])
    return pd.concat(pages, ignore_index=True)


def build(
    con,
    kode_region: str | None,
    siklus: str | None,
    unit: str = "households",
    lang: str = "id",
    targets=TARGETS_FILE,
    suppress_below: int | None = None,
    scope_kelurahan: tuple[str, ...] | None = None,
) -> tuple[pd.DataFrame, str]:
    """(export table, header line) read from the warehouse ``con``; region and cycle default to
    the largest loaded region and the newest cycle; ``suppress_below`` None is the configured
    threshold (:func:`reports.settings.suppress_below`). ``scope_kelurahan`` limits the file
    to those kelurahan (the page's download for a scoped user; the command line, the server
    admin's, passes None)."""
    if suppress_below is None:
        suppress_below = settings.suppress_below()
    kode_region, region_name = files.region(con, kode_region, scope_kelurahan)
    siklus = files.cycle(con, siklus).name
    today = files.data_date(con)
    start, end, name = cycle_window(con, siklus)
    table = levels(con, kode_region, siklus, today, unit, targets, scope_kelurahan)
    target = coverage.target_rate(today, start, end, settings.target_schedule(siklus, targets))
    region_row = table[table["level"] == "region"].iloc[0]
    header = header_line(region_name, kode_region, siklus, name, today, unit, target, lang, suppress_below, region_row)
    return coverage_table(table, suppress_below), header


def run(args: argparse.Namespace) -> int:
    return files.export_table(
        args.db,
        lambda con: build(con, args.wilayah, args.siklus, args.unit, args.lang, suppress_below=args.suppress_below),
        args.format,
        "cakupan",
        args.out,
        "cakupan_dtks",
        lang=files.labels_language(args),
    )


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("coverage", help="DTKS update coverage per kelurahan (CSV or Excel)")
    p.add_argument("--format", choices=FORMATS, default="csv", help="file format (default csv)")
    p.add_argument("--out", help="output file (default cakupan_dtks.<format>)")
    p.add_argument("--siklus", help="verivali cycle (default the newest)")
    p.add_argument(
        "--wilayah", help="region code: provinsi, kab/kota or kecamatan, e.g. 21.71 (default the largest kab/kota)"
    )
    p.add_argument("--unit", choices=coverage.UNITS, default="households", help="count households or members")
    files.add_language_options(p)
    p.add_argument(
        "--suppress-below",
        type=int,
        help="hide counts of not found/moved/died/duplicate below this "
        "(default config/privacy.toml's suppress_below, 5 if unset; 0: show all)",
    )
    p.add_argument("--db", help=f"warehouse file (default ${db.DB_ENV})")
    p.set_defaults(func=run)
