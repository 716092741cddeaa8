"""The figures of the weekly brief (reports/brief.py), read from one warehouse through the
other reports and analytics: the DTKS update headline and its week change, the lagging
kelurahan as the overview ranks them, the 6T scorecard of each programme's latest closed
tahap, the PMKS hot spots and the TRC response. Nothing is computed here that a report or an
analytics function already computes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import geopandas as gpd
import pandas as pd

import queries
from analytics import response, six_t
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

    region, change, units, lagging: those of :func:`reports.coverage.overview` (households, the
    data date; lagging largest backlog first); shapes: the kelurahan display boundaries
    (EPSG:4326, :func:`reports.files.boundaries`); hotspots: the hot-spot export table
    (:func:`reports.hotspots.build`, small counts suppressed) of ``pmks_period``; trc: the
    overall row of :func:`reports.hotspots.response_report` for the last week and for
    ``pmks_period``, one row each, with ``dari`` and ``sampai`` (the second row's
    cases_count is every case of the period, unsuppressed). ``scoped``: the brief of a user
    limited to some kelurahan: every figure counts those kelurahan only.
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
    scoped: bool = False


def closed_tahap(tahaps: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Per programme, the latest tahap of queries/six_t_tahap.sql whose distribution window
    ended on or before ``today`` (none for a programme without a closed tahap)."""
    ends = pd.to_datetime(tahaps["tanggal_selesai"])
    closed = tahaps[ends.notna() & (ends <= pd.Timestamp(today))]
    return closed.sort_values(["kode_program", "tanggal_selesai"], kind="stable").groupby("kode_program").tail(1)


def brief_data(
    con: duckdb.DuckDBPyConnection, kode_region: str | None = None, scope_kelurahan: tuple[str, ...] | None = None
) -> Figures:
    """The figures of the brief for region ``kode_region`` (default the largest loaded one) and
    the newest verivali cycle, of the kelurahan of ``scope_kelurahan`` (None: all; see
    :class:`Figures`). Raises LookupError for an unknown region or no cycle."""
    kode_region, region_name = files.region(con, kode_region, scope_kelurahan)
    cycle = files.cycle(con, None)
    today = files.data_date(con)
    overview = coverage_report.overview(con, kode_region, cycle.name, today, scope_kelurahan=scope_kelurahan)
    scorecards, hot, pmks_period, trc = _six_t_and_pmks(con, kode_region, today, scope_kelurahan)
    return Figures(
        kode_region=kode_region,
        region_name=region_name,
        today=today,
        demo=bool(queries.run(con, "data_date")["demo"].fillna(False).iloc[0]),
        siklus=cycle.name,
        cycle_name=cycle["nama"],
        cycle_end=pd.Timestamp(cycle["tanggal_target"]).date(),
        region=overview.region,
        change=overview.change,
        units=overview.units,
        lagging=overview.lagging,
        shapes=files.boundaries(con, kode_region),
        scorecards=scorecards,
        hotspots=hot,
        pmks_period=pmks_period,
        trc=trc,
        scoped=scope_kelurahan is not None,
    )


def _six_t_and_pmks(con, kode_region: str, today: dt.date, scope_kelurahan: tuple[str, ...] | None):
    """(scorecards, hot-spot table, PMKS period, TRC rows) of the region, of the scope's
    kelurahan only when given (:class:`Figures`)."""

    settings = six_t_settings.load()
    scorecards = []
    tahaps = six_t_report.tahap_list(con, kode_region, scope_kelurahan=scope_kelurahan)
    for _, tahap in closed_tahap(tahaps, today).iterrows():
        params = six_t_report.query_params(
            kode_region, tahap["kode_program"], tahap["tahap"], None, settings, scope_kelurahan=scope_kelurahan
        )
        rates = six_t.compliance_rates(queries.run(con, "six_t_units", **params))
        scorecards.append(Scorecard(tahap, six_t.unit_level(rates, "region").iloc[0]))

    first = hotspots_report.period(con, kode_region, scope_kelurahan=scope_kelurahan)["first_date"]
    dari, sampai = hotspots_report.default_period(first, today)
    hot, _ = hotspots_report.build(con, kode_region, dari=dari, sampai=sampai, scope_kelurahan=scope_kelurahan)
    trc_settings = hotspots_report.load_trc_settings()
    trc = []
    for a, b in ((max(dari, today - dt.timedelta(days=WEEK_DAYS - 1)), today), (dari, sampai)):
        flt = hotspots_report.CaseFilter(kode_region, dari=a, sampai=b)
        report = hotspots_report.response_report(
            con,
            flt,
            response.DEFAULT_TARGET_MINUTES,
            response.DEFAULT_TEAM_SIZE,
            response.DEFAULT_SHIFTS,
            trc_settings,
            scope_kelurahan=scope_kelurahan,
        )
        trc.append({**report.overall.to_dict(), "dari": a, "sampai": b})
    return tuple(scorecards), hot, (dari, sampai), pd.DataFrame(trc)
