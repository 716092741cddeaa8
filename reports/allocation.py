"""The enumerator plan: what the planner page shows, and ``python -m warehouse export
allocation``, the plan a coordinator hands out: who goes where from when (one row per
enumerator) and the plan per kelurahan, as Excel (two sheets) or CSV (two files), each with a
first row saying the region, the cycle, the data date, the finish dates and the assumptions.

Every function of a read-only warehouse connection ``con`` reads through ``queries/`` and plans
with ``analytics.allocation``; ``ui.planner`` caches them for the page. The page's download is
:func:`plan_workbook`, the file the command line writes for the same plan.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

import queries
from analytics import allocation, coverage
from analytics.allocation import Constraints, InfeasiblePlan, Plan
from domain.i18n import LANGUAGES, translate
from reports import files, settings
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

    def text(key: str, **values) -> str:
        return translate(lang, f"export.allocation.{key}", **values)

    assumptions = [text("median", p=f"{plan.regional_per_day:.2f}")]
    if productivity_change:
        assumptions.append(text("change", x=f"{productivity_change * 100:+.0f}"))
    if constraints.min_per_unit:
        assumptions.append(text("min", k=constraints.min_per_unit))
    if constraints.max_per_unit is not None:
        assumptions.append(text("max", k=constraints.max_per_unit))
    if constraints.keep_current:
        assumptions.append(text("keep"))
    if constraints.own_kecamatan:
        assumptions.append(text("own"))
    if constraints.island_travel:
        assumptions.append(
            text("island", t=f"{constraints.travel_days_per_week:g}", w=f"{constraints.work_days_per_week:g}")
        )
    line = text(
        "header",
        region=region,
        kode=kode,
        siklus=siklus,
        date=plan.today.isoformat(),
        total=plan.total,
        start=plan.start.isoformat(),
        now=plan.finish_now.isoformat() if plan.finish_now else text("never"),
        proposed=plan.finish_proposed.isoformat() if plan.finish_proposed else text("never"),
        assumptions=", ".join(assumptions),
    )
    if target is not None and needed is not None:
        line += text("target", date=target.isoformat(), n=needed)
    elif target is not None:
        line += text("target_none", date=target.isoformat())
    return line


def xlsx_bytes(tables: dict[str, pd.DataFrame], header: str) -> bytes:
    """A workbook with one sheet per table: ``header`` in A1, the column names in row 2, the
    rows below, the header rows frozen and the columns wide enough to read (files.workbook)."""
    return files.workbook(tables, header, readable=True)


def island_codes(con, kode_region: str) -> tuple[str, ...]:
    """Kelurahan off the region's main landmass (analytics.allocation.island_units), from the
    boundaries in the warehouse."""
    shapes = files.boundaries(con, kode_region)
    return tuple(shapes.loc[allocation.island_units(shapes), "kode"])


def _inputs(con, kode_region: str, siklus: str, today: dt.date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(backlog per kelurahan, today's enumerators) of analytics.allocation's planning."""
    counts = coverage.kelurahan_rows(
        queries.run(con, "coverage_units", kode_region=kode_region, siklus=siklus, tanggal=today)
    )
    staff = queries.run(con, "enumerator_postings", kode_region=kode_region, siklus=siklus, tanggal=today)
    return coverage.update_coverage(counts, today, calendar=settings.work_calendar(kode_region)), staff


@dataclass(frozen=True)
class Setup:
    """What the planner's scenario starts from: today's enumerators (``staff_count``), the
    island kelurahan (codes and names), the first working day after the
    data date and the cycle's target date."""

    staff_count: int
    islands: tuple[str, ...]
    island_names: tuple[str, ...]
    start: dt.date
    cycle_end: dt.date


def setup(con, kode_region: str, siklus: str, today: dt.date) -> Setup:
    """The planner's :class:`Setup` for the region and cycle as of ``today``."""
    units, staff = _inputs(con, kode_region, siklus, today)
    islands = island_codes(con, kode_region)
    return Setup(
        staff_count=len(staff),
        islands=islands,
        island_names=tuple(units.set_index("kode").loc[list(islands), "nama"]),
        start=settings.work_calendar(kode_region).finish_date(today, 1),
        cycle_end=pd.Timestamp(files.cycle(con, siklus)["tanggal_target"]).date(),
    )


def plan(
    con,
    kode_region: str,
    siklus: str,
    today: dt.date,
    total: int,
    constraints: Constraints = Constraints(),
    productivity_change: float = 0.0,
) -> Plan:
    """analytics.allocation.build_plan of ``total`` enumerators for the region and cycle.

    Raises
    ------
    analytics.allocation.InfeasiblePlan
        When the request cannot be planned.
    """
    units, staff = _inputs(con, kode_region, siklus, today)
    islands = island_codes(con, kode_region)
    return allocation.build_plan(
        units,
        staff,
        total,
        today,
        constraints,
        productivity_change,
        islands,
        calendar=settings.work_calendar(kode_region),
    )


def needed_by(
    con,
    kode_region: str,
    siklus: str,
    today: dt.date,
    target: dt.date,
    constraints: Constraints = Constraints(),
    productivity_change: float = 0.0,
) -> int:
    """What-if: the fewest enumerators that finish the region by ``target``
    (analytics.allocation.enumerators_needed_by; it does not depend on a planned total).

    Raises
    ------
    analytics.allocation.InfeasiblePlan
        When no number of enumerators finishes by then under the constraints.
    """
    units, staff = _inputs(con, kode_region, siklus, today)
    planning = allocation.planning_units(
        units,
        allocation.staff_productivity(staff),
        constraints,
        productivity_change,
        island_codes(con, kode_region),
    )
    return allocation.enumerators_needed_by(
        planning, today, target, constraints, calendar=settings.work_calendar(kode_region)
    )


def build(
    con,
    kode_region: str | None,
    siklus: str | None,
    total: int,
    constraints: Constraints = Constraints(),
    productivity_change: float = 0.0,
    target: dt.date | None = None,
    lang: str = "id",
) -> tuple[Plan, str, str | None]:
    """(plan, header line, why ``target`` cannot be met or None) read from the warehouse
    ``con``; region and cycle default to the largest loaded region and the newest cycle.

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
    result = plan(con, kode_region, siklus, today, total, constraints, productivity_change)
    needed, why = None, None
    if target is not None:
        try:
            needed = needed_by(con, kode_region, siklus, today, target, constraints, productivity_change)
        except InfeasiblePlan as exc:
            why = f"by {target.isoformat()}: {exc}"
    header = header_line(
        result, region_name, kode_region, siklus, constraints, productivity_change, lang, target, needed
    )
    return result, header, why


def plan_workbook(
    result: Plan,
    region: str,
    kode: str,
    siklus: str,
    constraints: Constraints,
    productivity_change: float,
    lang: str = "id",
    target: dt.date | None = None,
    needed: int | None = None,
) -> bytes:
    """The xlsx file of ``python -m warehouse export allocation --format xlsx`` for a plan made
    with these inputs (the planner page's download)."""
    header = header_line(result, region, kode, siklus, constraints, productivity_change, lang, target, needed)
    return xlsx_bytes(allocation_tables(result), header)


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
        result, header, why = build(
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
    if why:
        print(why, file=sys.stderr)
    tables = allocation_tables(result)
    out = Path(args.out) if args.out else Path(f"alokasi_petugas.{args.format}")
    out.parent.mkdir(parents=True, exist_ok=True)
    if args.format == "xlsx":
        out.write_bytes(xlsx_bytes(tables, header))
        written = [out]
    else:
        written = [out, out.with_name(f"{out.stem}_kelurahan{out.suffix}")]
        for path, table in zip(written, tables.values()):
            path.write_bytes(files.csv_bytes(table, header))
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
    p.add_argument("--lang", choices=tuple(LANGUAGES), default="id", help="language of the header row")
    p.add_argument("--db", help=f"warehouse file (default ${db.DB_ENV})")
    p.set_defaults(func=run)
