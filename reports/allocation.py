"""``python -m warehouse export allocation``: the enumerator plan a coordinator hands out: who
goes where from when (one row per enumerator) and the plan per kelurahan, as Excel (two sheets)
or CSV (two files), each with a first row saying the region, the cycle, the data date, the
finish dates and the assumptions.

The planner page's download calls :func:`allocation_tables`, :func:`header_line` and
:func:`xlsx_bytes` on the same plan, so the page and the command line give the same file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

import queries
from analytics import allocation, coverage
from analytics.allocation import Constraints, InfeasiblePlan, Plan
from reports import coverage as coverage_report
from reports import files
from warehouse import db

FORMATS = ("xlsx", "csv")
SHEETS = ("penugasan", "kelurahan")

# Output column -> column of Plan.assignments.
ASSIGNMENT_COLUMNS = {
    "id_petugas": "id_petugas",
    "nama": "nama",
    "additional": "additional",
    "kode_now": "kode_now",
    "kelurahan_now": "kelurahan_now",
    "kode_proposed": "kode_proposed",
    "kelurahan_proposed": "kelurahan_proposed",
    "kecamatan_proposed": "kecamatan_proposed",
    "start_date": "start",
    "finish_proposed": "finish_proposed",
    "moved": "moved",
}

# Output column -> column of Plan.units.
UNIT_COLUMNS = {
    "kode": "kode",
    "kelurahan": "nama",
    "kode_kecamatan": "kode_kecamatan",
    "kecamatan": "kecamatan",
    "island": "island",
    "backlog_count": "backlog_count",
    "productivity_per_day": "productivity_per_day",
    "enumerators_now_count": "enumerators_now_count",
    "enumerators_proposed_count": "enumerators_proposed_count",
    "finish_now_days": "finish_now_days",
    "finish_proposed_days": "finish_proposed_days",
    "finish_now": "finish_now",
    "finish_proposed": "finish_proposed",
}

TEXT = {
    "id": {
        "header": "Rencana penugasan petugas pendata: {region} ({kode}), siklus {siklus}, data per {date}; "
        "{total} petugas mulai {start}; selesai dengan penempatan sekarang {now}, dengan rencana {proposed} "
        "(hari kerja Senin-Jumat); asumsi: {assumptions}",
        "never": "tidak pernah (ada kelurahan tanpa petugas)",
        "median": "produktivitas median {p} keluarga per petugas per hari kerja",
        "change": "produktivitas {x} %",
        "min": "minimal {k} per kelurahan",
        "max": "maksimal {k} per kelurahan",
        "keep": "penempatan sekarang dipertahankan",
        "own": "petugas hanya di kecamatan asal",
        "island": "kelurahan pulau kehilangan {t} dari {w} hari kerja per minggu",
        "target": "; agar selesai {date} perlu {n} petugas",
        "target_none": "; selesai {date}: tidak mungkin dengan batasan ini",
    },
    "en": {
        "header": "Enumerator plan: {region} ({kode}), cycle {siklus}, data as of {date}; "
        "{total} enumerators from {start}; finish with today's postings {now}, with the plan {proposed} "
        "(working days, Monday-Friday); assumptions: {assumptions}",
        "never": "never (a kelurahan has no enumerator)",
        "median": "median productivity {p} households per enumerator per working day",
        "change": "productivity {x} %",
        "min": "at least {k} per kelurahan",
        "max": "at most {k} per kelurahan",
        "keep": "current postings kept",
        "own": "enumerators only in their own kecamatan",
        "island": "island kelurahan lose {t} of {w} working days a week",
        "target": "; to finish by {date}: {n} enumerators needed",
        "target_none": "; to finish by {date}: not possible under these constraints",
    },
}


def allocation_tables(plan: Plan) -> dict[str, pd.DataFrame]:
    """The two tables of the file: per enumerator (sheet ``penugasan``, ordered by where they
    go) and per kelurahan (sheet ``kelurahan``); productivity rounded to 0.01, days to 0.1, a
    unit that never finishes has blank days and date."""
    people = pd.DataFrame({name: plan.assignments[src].to_numpy() for name, src in ASSIGNMENT_COLUMNS.items()})
    units = pd.DataFrame({name: plan.units[src].to_numpy() for name, src in UNIT_COLUMNS.items()})
    units["productivity_per_day"] = units["productivity_per_day"].round(2)
    for col in ("finish_now_days", "finish_proposed_days"):
        units[col] = units[col].astype("float64").where(lambda d: d < float("inf")).round(1)
    return dict(zip(SHEETS, (people, units)))


def header_line(
    plan: Plan,
    region: str,
    kode: str,
    siklus: str,
    constraints: Constraints,
    productivity_change: float,
    lang: str = "id",
    target: dt.date | None = None,
    needed: int | None = None,
) -> str:
    """The first row of each table: what it is, how current, and what was assumed.

    ``needed`` is the what-if answer for ``target``: the count, None when no number of
    enumerators can finish by then under the constraints."""
    text = TEXT[lang]
    assumptions = [text["median"].format(p=f"{plan.regional_per_day:.2f}")]
    if productivity_change:
        assumptions.append(text["change"].format(x=f"{productivity_change * 100:+.0f}"))
    if constraints.min_per_unit:
        assumptions.append(text["min"].format(k=constraints.min_per_unit))
    if constraints.max_per_unit is not None:
        assumptions.append(text["max"].format(k=constraints.max_per_unit))
    if constraints.keep_current:
        assumptions.append(text["keep"])
    if constraints.own_kecamatan:
        assumptions.append(text["own"])
    if constraints.island_travel:
        assumptions.append(
            text["island"].format(t=f"{constraints.travel_days_per_week:g}", w=f"{constraints.work_days_per_week:g}")
        )
    line = text["header"].format(
        region=region,
        kode=kode,
        siklus=siklus,
        date=plan.today.isoformat(),
        total=plan.total,
        start=plan.start.isoformat(),
        now=plan.finish_now.isoformat() if plan.finish_now else text["never"],
        proposed=plan.finish_proposed.isoformat() if plan.finish_proposed else text["never"],
        assumptions=", ".join(assumptions),
    )
    if target is not None and needed is not None:
        line += text["target"].format(date=target.isoformat(), n=needed)
    elif target is not None:
        line += text["target_none"].format(date=target.isoformat())
    return line


def xlsx_bytes(tables: dict[str, pd.DataFrame], header: str) -> bytes:
    """A workbook with one sheet per table: ``header`` in A1, the column names in row 2, the
    rows below, the header rows frozen and the columns wide enough to read."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl", date_format="YYYY-MM-DD", datetime_format="YYYY-MM-DD") as writer:
        for name, table in tables.items():
            table.to_excel(writer, sheet_name=name, index=False, startrow=1)
            sheet = writer.sheets[name]
            sheet.cell(row=1, column=1, value=header)
            sheet.freeze_panes = "A3"
            for i, col in enumerate(table.columns, start=1):
                width = max([len(str(col)), *(len(str(v)) for v in table[col].head(200))])
                sheet.column_dimensions[sheet.cell(row=2, column=i).column_letter].width = min(40, width + 2)
    return buf.getvalue()


def _island_codes(con, kode_region: str) -> list[str]:
    rows = queries.run(con, "kelurahan_boundaries", kode_region=kode_region)
    geoms = shapely.from_wkb([None if g is None or g is pd.NA else bytes(g) for g in rows["geom_display"]])
    shapes = gpd.GeoDataFrame(rows[["kode"]], geometry=geoms, crs="EPSG:4326")
    return shapes.loc[allocation.island_units(shapes), "kode"].tolist()


def build(
    con,
    kode_region: str | None,
    siklus: str | None,
    total: int,
    constraints: Constraints = Constraints(),
    productivity_change: float = 0.0,
    target: dt.date | None = None,
    lang: str = "id",
) -> tuple[Plan, str]:
    """(plan, header line) read from the warehouse ``con``; region and cycle default to the
    largest loaded region and the newest cycle.

    Raises
    ------
    LookupError
        For an unknown region or cycle, or an empty warehouse.
    analytics.allocation.InfeasiblePlan
        When the request cannot be planned.
    """
    kode_region, region_name = files.region(con, kode_region)
    siklus = files.cycle(con, siklus).name
    today = files.data_date(con)
    counts = coverage.kelurahan_rows(
        queries.run(con, "coverage_units", kode_region=kode_region, siklus=siklus, tanggal=today)
    )
    staff = queries.run(con, "enumerator_postings", kode_region=kode_region, siklus=siklus, tanggal=today)
    plan = allocation.build_plan(
        coverage.update_coverage(counts, today),
        staff,
        total,
        today,
        constraints,
        productivity_change,
        _island_codes(con, kode_region),
    )
    needed = None
    if target is not None:
        try:
            needed = allocation.enumerators_needed_by(plan.units, today, target, constraints)
        except InfeasiblePlan as exc:
            print(f"by {target.isoformat()}: {exc}", file=sys.stderr)
    header = header_line(plan, region_name, kode_region, siklus, constraints, productivity_change, lang, target, needed)
    return plan, header


def run(args: argparse.Namespace) -> int:
    constraints = Constraints(
        min_per_unit=args.min_per_kelurahan,
        keep_current=args.keep_current,
        max_per_unit=args.max_per_kelurahan,
        own_kecamatan=args.own_kecamatan,
        island_travel=args.island_travel,
    )
    try:
        con = db.connect(args.db, read_only=True)
    except FileNotFoundError as exc:
        print(f"no warehouse at {exc.args[0]}; build one with `python -m warehouse demo`", file=sys.stderr)
        return 1
    try:
        plan, header = build(
            con,
            args.wilayah,
            args.siklus,
            args.enumerators,
            constraints,
            args.productivity_change / 100,
            args.by,
            args.lang,
        )
    except (LookupError, InfeasiblePlan) as exc:
        print(exc, file=sys.stderr)
        return 1
    finally:
        con.close()
    tables = allocation_tables(plan)
    out = Path(args.out) if args.out else Path(f"alokasi_petugas.{args.format}")
    out.parent.mkdir(parents=True, exist_ok=True)
    if args.format == "xlsx":
        out.write_bytes(xlsx_bytes(tables, header))
        written = [out]
    else:
        written = [out, out.with_name(f"{out.stem}_kelurahan{out.suffix}")]
        for path, table in zip(written, tables.values()):
            path.write_bytes(coverage_report.coverage_file(table, header, "csv"))
    names = ", ".join(map(str, written))
    print(f"{len(tables['penugasan'])} enumerators and {len(tables['kelurahan'])} kelurahan written to {names}")
    print(f"  {header}")
    return 0


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("allocation", help="enumerator plan: who goes where, finish dates (Excel or CSV)")
    p.add_argument("--enumerators", type=int, required=True, help="number of enumerators to plan with")
    p.add_argument(
        "--by", type=dt.date.fromisoformat, help="target date YYYY-MM-DD: also say how many enumerators finish by then"
    )
    p.add_argument("--format", choices=FORMATS, default="xlsx", help="xlsx (two sheets) or csv (two files)")
    p.add_argument("--out", help="output file (default alokasi_petugas.<format>; csv adds <name>_kelurahan.csv)")
    p.add_argument("--wilayah", help="kab/kota code, e.g. 21.71 (default the largest loaded region)")
    p.add_argument("--siklus", help="verivali cycle (default the newest)")
    p.add_argument("--min-per-kelurahan", type=int, default=0, help="at least this many in a kelurahan with a backlog")
    p.add_argument("--max-per-kelurahan", type=int, help="at most this many in a kelurahan (default no cap)")
    p.add_argument("--keep-current", action="store_true", help="keep at least today's postings")
    p.add_argument("--own-kecamatan", action="store_true", help="enumerators work only in their home kecamatan")
    p.add_argument("--island-travel", action="store_true", help="island kelurahan lose one working day a week")
    p.add_argument("--productivity-change", type=float, default=0.0, help="what-if change, %% (e.g. -20)")
    p.add_argument("--lang", choices=tuple(TEXT), default="id", help="language of the header row")
    p.add_argument("--db", help=f"warehouse file (default ${db.DB_ENV})")
    p.set_defaults(func=run)
