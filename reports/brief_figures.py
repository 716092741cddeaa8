"""The figures of the weekly brief (reports/brief.py), read from one warehouse through the
other reports and analytics: the DTKS update headline and its week change, the lagging
kelurahan as the coverage export ranks them, the 6T scorecard of each programme's latest closed
tahap, the PMKS hot spots and the TRC response. Nothing is computed here that a report or an
analytics function already computes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import geopandas as gpd
import pandas as pd

import queries
from analytics import coverage, response, six_t
from reports import coverage as coverage_report
from reports import files
from reports import hotspots as hotspots_report
from reports import settings as six_t_settings
from reports import six_t as six_t_report

WEEK_DAYS = 7


@dataclass(frozen=True)
class Scorecard:
    """One programme's latest closed tahap: its row of queries/six_t_tahap.sql and the region
    row of :func:`analytics.six_t.compliance_rates`."""

    tahap: pd.Series
    region: pd.Series


@dataclass(frozen=True)
class Figures:
    """Everything the brief shows, read from one warehouse.

    region: the region row of :func:`analytics.coverage.coverage_levels` (households) at the data
    date, change: :func:`analytics.coverage.week_change` against seven days before; units: the
    kelurahan rows; lagging: the lagging rows of the coverage export table, largest backlog
    first; shapes: the kelurahan display boundaries (EPSG:4326); hotspots: the hot-spot export
    table of ``pmks_period``; trc: :func:`analytics.response.response_summary` of the last week
    and of ``pmks_period``, one row each, with ``dari`` and ``sampai`` (the second row's
    cases_count is every case of the period, unsuppressed).
    """

    kode_region: str
    region_name: str
    today: dt.date
    demo: bool
    siklus: str
    cycle_name: str
    cycle_end: dt.date
    region: pd.Series
    change: pd.Series
    units: pd.DataFrame
    lagging: pd.DataFrame
    shapes: gpd.GeoDataFrame
    scorecards: tuple[Scorecard, ...]
    hotspots: pd.DataFrame
    pmks_period: tuple[dt.date, dt.date]
    trc: pd.DataFrame


def _levels(con, kode_region: str, cycle: pd.Series, day: dt.date) -> pd.DataFrame:
    """:func:`analytics.coverage.coverage_levels` (households) of every unit on ``day``, read as
    reports.coverage.build reads them."""
    start, end = pd.Timestamp(cycle["tanggal_mulai"]).date(), pd.Timestamp(cycle["tanggal_target"]).date()
    schedule = coverage.load_target_schedule(coverage_report.TARGETS_FILE, cycle.name)
    rows = queries.run(con, "coverage_units", kode_region=kode_region, siklus=cycle.name, tanggal=day)
    return coverage.coverage_levels(rows, day, start, end, schedule)


def lagging_rows(table: pd.DataFrame) -> pd.DataFrame:
    """The lagging kelurahan of the coverage export table (reports.coverage.coverage_table),
    largest backlog first, then lowest coverage, as the overview ranks them."""
    lagging = table[table["lagging"].astype(bool)]
    return lagging.sort_values(["backlog_count", "coverage_pct"], ascending=[False, True], kind="stable")


def closed_tahap(tahaps: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Per programme, the latest tahap of queries/six_t_tahap.sql whose distribution window
    ended on or before ``today`` (none for a programme without a closed tahap)."""
    ends = pd.to_datetime(tahaps["tanggal_selesai"])
    closed = tahaps[ends.notna() & (ends <= pd.Timestamp(today))]
    return closed.sort_values(["kode_program", "tanggal_selesai"], kind="stable").groupby("kode_program").tail(1)


def brief_data(con: duckdb.DuckDBPyConnection, kode_region: str | None = None) -> Figures:
    """The figures of the brief for region ``kode_region`` (default the largest loaded one) and
    the newest verivali cycle. Raises LookupError for an unknown region or no cycle."""
    kode_region, region_name = files.region(con, kode_region)
    cycle = files.cycle(con, None)
    today = files.data_date(con)
    levels = _levels(con, kode_region, cycle, today)
    before = _levels(con, kode_region, cycle, today - dt.timedelta(days=WEEK_DAYS))
    region = levels[levels["level"] == "region"].iloc[0]
    change = coverage.week_change(region, before[before["level"] == "region"].iloc[0])
    table, _ = coverage_report.build(con, kode_region, cycle.name)

    settings = six_t_settings.load()
    scorecards = []
    for _, tahap in closed_tahap(queries.run(con, "six_t_tahap", kode_region=kode_region), today).iterrows():
        params = six_t_report.query_params(kode_region, tahap["kode_program"], tahap["tahap"], None, settings)
        rates = six_t.compliance_rates(queries.run(con, "six_t_units", **params))
        scorecards.append(Scorecard(tahap, six_t.unit_level(rates, "region").iloc[0]))

    first = queries.run(con, "pmks_period", kode_region=kode_region)["first_date"].iloc[0]
    dari, sampai = hotspots_report.default_period(None if pd.isna(first) else pd.Timestamp(first).date(), today)
    hot, _ = hotspots_report.build(con, kode_region, dari=dari, sampai=sampai)
    periods = ((max(dari, today - dt.timedelta(days=WEEK_DAYS - 1)), today), (dari, sampai))
    trc = pd.concat(
        [
            response.response_summary(
                response.response_times(
                    queries.run(con, "pmks_response", **hotspots_report.query_params(kode_region, None, None, a, b))
                )
            ).assign(dari=a, sampai=b)
            for a, b in periods
        ],
        ignore_index=True,
    )
    return Figures(
        kode_region=kode_region,
        region_name=region_name,
        today=today,
        demo=bool(queries.run(con, "data_date")["demo"].fillna(False).iloc[0]),
        siklus=cycle.name,
        cycle_name=cycle["nama"],
        cycle_end=pd.Timestamp(cycle["tanggal_target"]).date(),
        region=region,
        change=change,
        units=levels[levels["level"] == "kelurahan"],
        lagging=lagging_rows(table),
        shapes=hotspots_report.shapes_from_rows(queries.run(con, "kelurahan_boundaries", kode_region=kode_region)),
        scorecards=tuple(scorecards),
        hotspots=hot,
        pmks_period=(dari, sampai),
        trc=trc,
    )
