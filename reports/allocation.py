"""The enumerator plan: what the planner page shows, and ``python -m warehouse export
allocation``, the plan a coordinator hands out: who goes where from when (one row per
enumerator) and the plan per kelurahan, as Excel (two sheets) or CSV (two files), each with a
first row saying the region, the cycle, the data date, the finish dates and the assumptions.
A rolling plan (``--plan rolling``, or ``auto`` when there are too few enumerators for one per
kelurahan with a backlog) is the hand-out with one sheet per enumerator (their postings in order,
start and end dates, households to visit) beside the kelurahan sheet; its first row gives the
finish, the lower bound (total backlog / total daily capacity) and the finish with today's
postings (the region done when its last kelurahan is: the overview's definition). Dates count the
region's working days (:func:`reports.settings.work_calendar`); a cycle that ended before the
data date is refused (:class:`CycleClosed`).

Every function of a read-only warehouse connection ``con`` reads through ``queries/`` and plans
with ``analytics.allocation``; ``ui.planner`` caches them for the page. The page's download is
:func:`plan_workbook`, the file the command line writes for the same plan.

Over 500 lines: the static and the rolling plan share their inputs, header line, workbook and
command line; the workbook writers are the seam along which it would split.
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
from analytics.allocation import Constraints, InfeasiblePlan, Plan, RollingPlan
from analytics.calendar import last_finish
from domain.i18n import translate
from reports import files, settings
from warehouse import db

FORMATS = ("xlsx", "csv")
SHEETS = ("penugasan", "kelurahan")
KINDS = ("auto", "static", "rolling")
# Columns of RollingPlan.postings on an enumerator's sheet, with their header key
# (export.allocation.col.<key>): the hand-out is read in the field, so headers are words.
POSTING_COLUMNS = ("urutan", "kode", "kelurahan", "kecamatan", "start", "end", "households_count")
ROLLING_UNIT_COLUMNS = (
    "kode",
    "nama",
    "kecamatan",
    "backlog_count",
    "enumerators_now_count",
    "enumerators_rolling_count",
    "finish_rolling",
)
SHEET_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\'"})


class CycleClosed(ValueError):
    """The data date is after the cycle's target date: there is nothing left to plan in it."""

    def __init__(self, siklus: str, end: dt.date, today: dt.date):
        self.siklus, self.end, self.today = siklus, end, today
        super().__init__(
            f"cycle {siklus} closed on {end.isoformat()}, before the data date {today.isoformat()}: "
            "plan an open cycle (--siklus)"
        )


def rolling_by_default(exc: InfeasiblePlan, constraints: Constraints) -> bool:
    """Whether a static plan that failed with ``exc`` gives way to a rolling plan unasked: it
    failed only for want of one enumerator per kelurahan with a backlog (no minimum was asked
    for), which a rolling plan does not need. Other conflicts (a cap, a minimum, the kecamatan)
    are the planner's to resolve."""
    return exc.kind == "minimums" and constraints.min_per_unit == 0


def check_open(con, siklus: str, today: dt.date) -> None:
    """Raise :class:`CycleClosed` when cycle ``siklus`` ended before ``today``."""
    end = pd.Timestamp(files.cycle(con, siklus)["tanggal_target"]).date()
    if today > end:
        raise CycleClosed(siklus, end, today)


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
    "never_finishes_now": "never_finishes_now",
}


def allocation_tables(plan: Plan) -> dict[str, pd.DataFrame]:
    """The two tables of the file: per enumerator (sheet ``penugasan``, ordered by where they
    go) and per kelurahan (sheet ``kelurahan``); productivity rounded to 0.01, days to 0.1, a
    unit that never finishes has blank days and date; never_finishes_now marks the kelurahan
    that never finish with today's postings (Plan.never_now, the overview's definition)."""
    people = pd.DataFrame({name: plan.assignments[src].to_numpy() for name, src in ASSIGNMENT_COLUMNS.items()})
    source = plan.units.assign(never_finishes_now=plan.units["kode"].isin(plan.never_now["kode"]))
    units = pd.DataFrame({name: source[src].to_numpy() for name, src in UNIT_COLUMNS.items()})
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


def rolling_header_line(
    result: RollingPlan,
    region: str,
    kode: str,
    siklus: str,
    constraints: Constraints,
    productivity_change: float,
    lang: str = "id",
) -> str:
    """The first row of the rolling plan's sheets: the plan's finish next to its lower bound
    (total backlog / total daily capacity) and to the finish with today's postings, and what
    was assumed."""

    def text(key: str, **values) -> str:
        return translate(lang, f"export.allocation.{key}", **values)

    assumptions = [text("median", p=f"{result.regional_per_day:.2f}")]
    if productivity_change:
        assumptions.append(text("change", x=f"{productivity_change * 100:+.0f}"))
    if constraints.max_per_unit is not None:
        assumptions.append(text("max", k=constraints.max_per_unit))
    if constraints.keep_current:
        assumptions.append(text("keep_rolling"))
    if constraints.own_kecamatan:
        assumptions.append(text("own"))
    if constraints.island_travel:
        assumptions.append(
            text("island", t=f"{constraints.travel_days_per_week:g}", w=f"{constraints.work_days_per_week:g}")
        )
    now, _ = today_postings_finish(result)
    gap = result.gap_rate
    return text(
        "rolling_header",
        region=region,
        kode=kode,
        siklus=siklus,
        date=result.today.isoformat(),
        total=result.total,
        start=result.start.isoformat(),
        finish=result.finish.isoformat() if result.finish else text("never_rolling"),
        lower=result.lower_bound_finish.isoformat() if result.lower_bound_finish else text("never_rolling"),
        gap="–" if gap != gap else f"{gap * 100:.1f}",
        now=now.isoformat() if now else text("never"),
        assumptions=", ".join(assumptions),
    )


def sheet_name(index: int, id_petugas) -> str:
    """A workbook sheet name for the ``index``-th enumerator (1-based): number and id, without
    the characters Excel refuses, at most 31 characters; an additional enumerator has no id."""
    label = str(id_petugas) if id_petugas is not None and id_petugas == id_petugas else "baru"
    return f"{index:03d} {label}".translate(SHEET_FORBIDDEN)[:31]


def _header(lang: str):
    return lambda col: translate(lang, f"export.allocation.col.{col}")


def rolling_tables(result: RollingPlan, lang: str = "id") -> dict[str, pd.DataFrame]:
    """The hand-out: sheet ``kelurahan`` (the plan per kelurahan) and one sheet per enumerator
    (their postings in order, start and end dates, households to visit, rounded to whole
    households), headers in ``lang``."""
    units = result.units[list(ROLLING_UNIT_COLUMNS)].rename(columns=_header(lang))
    sheets = {"kelurahan": units.reset_index(drop=True)}
    people = result.postings.assign(_order=result.postings["urutan"].eq(1).cumsum()).groupby("_order", sort=True)
    for i, (_, rows) in enumerate(people, start=1):
        table = rows[list(POSTING_COLUMNS)].assign(households_count=lambda d: d["households_count"].round(0))
        sheets[sheet_name(i, rows["id_petugas"].iloc[0])] = table.rename(columns=_header(lang)).reset_index(drop=True)
    return sheets


def rolling_postings_table(result: RollingPlan, lang: str = "id") -> pd.DataFrame:
    """All postings in one table (the CSV of a rolling plan): the enumerator's id and name,
    then the columns of an enumerator's sheet."""
    table = (
        result.postings[["id_petugas", "nama", *POSTING_COLUMNS]]
        .rename(columns={"nama": "nama_petugas"})
        .assign(households_count=lambda d: d["households_count"].round(0))
    )
    return table.rename(columns=_header(lang)).reset_index(drop=True)


def xlsx_bytes(tables: dict[str, pd.DataFrame], header: str, lang: str | None = None) -> bytes:
    """A workbook with one sheet per table: ``header`` in A1, the column names in row 2, the
    rows below, the header rows frozen and the columns wide enough to read (files.workbook);
    for people in ``lang``, for scripts without."""
    return files.workbook(tables, header, readable=True, lang=lang)


def island_codes(con, kode_region: str, units: pd.DataFrame) -> tuple[str, ...]:
    """Kelurahan of ``units`` (the planned ones, kode) off the region's main landmass
    (analytics.allocation.island_units): the landmass is read from the whole region's
    boundaries in the warehouse, whatever the user's scope."""
    shapes = files.boundaries(con, kode_region)
    islands = shapes.loc[allocation.island_units(shapes), "kode"]
    return tuple(islands[islands.isin(units["kode"])])


def _inputs(
    con, kode_region: str, siklus: str, today: dt.date, scope_kelurahan: tuple[str, ...] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(backlog per kelurahan, today's enumerators) of analytics.allocation's planning, of the
    kelurahan of ``scope_kelurahan`` and the enumerators working in them (None: the region)."""
    params = {"kode_region": kode_region, "siklus": siklus, "tanggal": today, "scope_kelurahan": scope_kelurahan}
    counts = coverage.kelurahan_rows(queries.run(con, "coverage_units", **params))
    staff = queries.run(con, "enumerator_postings", **params)
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
    today: dt.date

    @property
    def closed(self) -> bool:
        """The cycle ended before the data date (:class:`CycleClosed`): the planner refuses it."""
        return self.today > self.cycle_end


def setup(con, kode_region: str, siklus: str, today: dt.date, scope_kelurahan: tuple[str, ...] | None = None) -> Setup:
    """The planner's :class:`Setup` for the region (its kelurahan of ``scope_kelurahan``) and
    cycle as of ``today``."""
    units, staff = _inputs(con, kode_region, siklus, today, scope_kelurahan)
    islands = island_codes(con, kode_region, units)
    return Setup(
        staff_count=len(staff),
        islands=islands,
        island_names=tuple(units.set_index("kode").loc[list(islands), "nama"]),
        start=settings.work_calendar(kode_region).finish_date(today, 1),
        cycle_end=pd.Timestamp(files.cycle(con, siklus)["tanggal_target"]).date(),
        today=today,
    )


def plan(
    con,
    kode_region: str,
    siklus: str,
    today: dt.date,
    total: int,
    constraints: Constraints = Constraints(),
    productivity_change: float = 0.0,
    scope_kelurahan: tuple[str, ...] | None = None,
) -> Plan:
    """analytics.allocation.build_plan of ``total`` enumerators for the region and cycle.

    Raises
    ------
    analytics.allocation.InfeasiblePlan
        When the request cannot be planned.
    """
    units, staff = _inputs(con, kode_region, siklus, today, scope_kelurahan)
    islands = island_codes(con, kode_region, units)
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


def rolling_plan(
    con,
    kode_region: str,
    siklus: str,
    today: dt.date,
    total: int,
    constraints: Constraints = Constraints(),
    productivity_change: float = 0.0,
    scope_kelurahan: tuple[str, ...] | None = None,
) -> RollingPlan:
    """analytics.allocation.build_rolling_plan of ``total`` enumerators (any number) for the
    region and cycle, in the region's working days."""
    units, staff = _inputs(con, kode_region, siklus, today, scope_kelurahan)
    islands = island_codes(con, kode_region, units)
    return allocation.build_rolling_plan(
        units,
        staff,
        total,
        today,
        constraints,
        productivity_change,
        islands,
        calendar=settings.work_calendar(kode_region),
    )


def today_postings_finish(result: RollingPlan) -> tuple[dt.date | None, pd.DataFrame]:
    """(finish with today's postings, the kelurahan that never finish with them) of the plan's
    kelurahan: each at today's enumerators times their productivity, the region done when its
    last kelurahan is; a backlog and nobody there never finishes. The static plan's
    ``finish_now`` and ``never_now``, and the overview's definition
    (:func:`analytics.calendar.last_finish`)."""
    units = result.units
    days = allocation.unit_days(units["backlog_count"], units["productivity_per_day"], units["enumerators_now_count"])
    finish = [result.calendar.finish_date(result.today, d) for d in days]
    date, never = last_finish(finish, units["backlog_count"])
    return date, units[never]


def needed_by(
    con,
    kode_region: str,
    siklus: str,
    today: dt.date,
    target: dt.date,
    constraints: Constraints = Constraints(),
    productivity_change: float = 0.0,
    scope_kelurahan: tuple[str, ...] | None = None,
) -> int:
    """What-if: the fewest enumerators that finish the region by ``target``
    (analytics.allocation.enumerators_needed_by; it does not depend on a planned total).

    Raises
    ------
    analytics.allocation.InfeasiblePlan
        When no number of enumerators finishes by then under the constraints.
    """
    units, staff = _inputs(con, kode_region, siklus, today, scope_kelurahan)
    planning = allocation.planning_units(
        units,
        allocation.staff_productivity(staff),
        constraints,
        productivity_change,
        island_codes(con, kode_region, units),
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
    kind: str = "static",
) -> tuple[Plan | RollingPlan, str, str | None]:
    """(plan, header line, a note or None) read from the warehouse ``con``; region and cycle
    default to the largest loaded region and the newest cycle. ``kind`` static or rolling plans
    that way; auto plans static and, when :func:`rolling_by_default`, rolling (the note says why).
    The note also says why ``target`` cannot be met.

    Raises
    ------
    LookupError
        For an unknown region or cycle, or an empty warehouse.
    CycleClosed
        When the cycle ended before the data date.
    analytics.allocation.InfeasiblePlan
        When the request cannot be planned.
    """
    kode_region, region_name = files.region(con, kode_region)
    siklus = files.cycle(con, siklus).name
    today = files.data_date(con)
    check_open(con, siklus, today)
    if kind != "static":
        note = None
        if kind == "auto":
            try:
                return build(con, kode_region, siklus, total, constraints, productivity_change, target, lang)
            except InfeasiblePlan as exc:
                if not rolling_by_default(exc, constraints):
                    raise
                note = f"static plan: {exc}; a rolling plan instead"
        result = rolling_plan(con, kode_region, siklus, today, total, constraints, productivity_change)
        header = rolling_header_line(result, region_name, kode_region, siklus, constraints, productivity_change, lang)
        return result, header, note
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
    return xlsx_bytes(allocation_tables(result), header, lang)


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
            args.plan,
        )
    except (LookupError, InfeasiblePlan, CycleClosed) as exc:
        print(exc, file=sys.stderr)
        return 1
    finally:
        con.close()
    if why:
        print(why, file=sys.stderr)
    out = Path(args.out) if args.out else Path(f"alokasi_petugas.{args.format}")
    out.parent.mkdir(parents=True, exist_ok=True)
    labels = files.labels_language(args)
    if isinstance(result, RollingPlan):
        return _write_rolling(result, header, args.format, out, args.lang, labels)
    tables = allocation_tables(result)
    if args.format == "xlsx":
        out.write_bytes(xlsx_bytes(tables, header, labels))
        written = [out]
    else:
        written = [out, out.with_name(f"{out.stem}_kelurahan{out.suffix}")]
        for path, table in zip(written, tables.values()):
            path.write_bytes(files.csv_bytes(table, header, labels))
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
    p.add_argument(
        "--plan",
        choices=KINDS,
        default="auto",
        help="static (one kelurahan each), rolling (move on when one is done; one sheet per enumerator) "
        "or auto (static; rolling when there are too few for one per kelurahan with a backlog; default)",
    )
    files.add_language_options(p)
    p.add_argument("--db", help=f"warehouse file (default ${db.DB_ENV})")
    p.set_defaults(func=run)


def rolling_workbook(
    result: RollingPlan,
    region: str,
    kode: str,
    siklus: str,
    constraints: Constraints,
    productivity_change: float,
    lang: str = "id",
) -> bytes:
    """The xlsx hand-out of a rolling plan (:func:`rolling_tables`), as the command line writes
    it (the planner page's download)."""
    header = rolling_header_line(result, region, kode, siklus, constraints, productivity_change, lang)
    return xlsx_bytes(rolling_tables(result, lang), header, lang)


def _write_rolling(result: RollingPlan, header: str, fmt: str, out: Path, lang: str, labels: str | None) -> int:
    if fmt == "xlsx":
        out.write_bytes(xlsx_bytes(rolling_tables(result, lang), header, labels))
        written = [out]
    else:
        written = [out, out.with_name(f"{out.stem}_kelurahan{out.suffix}")]
        tables = (rolling_postings_table(result, lang), rolling_tables(result, lang)["kelurahan"])
        for path, table in zip(written, tables):
            path.write_bytes(files.csv_bytes(table, header, labels))
    people = int(result.postings["urutan"].eq(1).sum())
    print(
        f"rolling plan: {people} enumerators, {len(result.postings)} postings written to {', '.join(map(str, written))}"
    )
    print(f"  {header}")
    return 0
