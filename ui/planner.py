"""Data, cached computations and charts of the enumerator planner page."""

from __future__ import annotations

import datetime as dt

import folium
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics import allocation, coverage
from analytics.allocation import Constraints, InfeasiblePlan, Plan
from reports import allocation as allocation_report
from ui import data, maps, tables
from ui.i18n import fmt_date, fmt_int, t

NOW_COLOR = "#969696"
PROPOSED_COLOR = "#2c7fb8"
TARGET_COLOR = "#d95f02"


def units(f) -> pd.DataFrame:
    """Backlog per kelurahan (queries/coverage_units.sql through analytics.coverage)."""
    return coverage.update_coverage(data.coverage_counts(f.kode_region, f.siklus, f.today), f.today)


def staff(f) -> pd.DataFrame:
    """Today's enumerators with where they work and their history (enumerator_postings.sql)."""
    return data.query("enumerator_postings", kode_region=f.kode_region, siklus=f.siklus, tanggal=f.today)


@st.cache_data(show_spinner=False, max_entries=8)
def _island_codes(path: str, version: float, kode_region: str) -> tuple[str, ...]:
    shapes = data.boundaries(kode_region)
    return tuple(shapes.loc[allocation.island_units(shapes), "kode"])


def island_codes(kode_region: str) -> tuple[str, ...]:
    """Kelurahan off the region's main landmass, from the boundaries in the warehouse."""
    path = data.warehouse_file()
    return _island_codes(str(path), path.stat().st_mtime, kode_region)


def unit_names(units: pd.DataFrame, codes: tuple[str, ...]) -> str:
    """The names of the units with these codes, comma-separated, in the order given."""
    return ", ".join(units.set_index("kode").loc[list(codes), "nama"])


@st.cache_data(show_spinner=False, max_entries=64)
def plan(
    unit_rows: pd.DataFrame,
    staff_rows: pd.DataFrame,
    total: int,
    today: dt.date,
    constraints: Constraints,
    productivity_change: float,
    islands: tuple[str, ...],
) -> Plan:
    """analytics.allocation.build_plan, cached on its inputs."""
    return allocation.build_plan(unit_rows, staff_rows, total, today, constraints, productivity_change, islands)


@st.cache_data(show_spinner=False, max_entries=64)
def needed_by(
    unit_rows: pd.DataFrame,
    staff_rows: pd.DataFrame,
    today: dt.date,
    target: dt.date,
    constraints: Constraints,
    productivity_change: float,
    islands: tuple[str, ...],
) -> int:
    """What-if: enumerators needed to finish by ``target`` (raises InfeasiblePlan)."""
    planning = allocation.planning_units(
        unit_rows, allocation.staff_productivity(staff_rows), constraints, productivity_change, islands
    )
    return allocation.enumerators_needed_by(planning, today, target, constraints)


def infeasible_text(exc: InfeasiblePlan) -> str:
    """The conflict of an infeasible request in the session's language."""
    values = {k: fmt_int(v) if isinstance(v, int) else v for k, v in exc.values.items()}
    for key in ("today", "date"):
        if key in values:
            values[key] = fmt_date(dt.date.fromisoformat(values[key]))
    return t(f"planner.infeasible.{exc.kind}", **values)


def allocation_maps(shapes, plan_result: Plan) -> tuple[folium.Map, folium.Map]:
    """Today's postings and the proposal as two choropleths with the same classes."""
    joined = maps.join_values(shapes, plan_result.units)
    pair = allocation.count_classes(joined["enumerators_now_count"], joined["enumerators_proposed_count"])
    text = tables.as_text(
        joined,
        {
            "backlog_count": fmt_int,
            "enumerators_now_count": fmt_int,
            "enumerators_proposed_count": fmt_int,
            "finish_now": fmt_date,
            "finish_proposed": fmt_date,
            "island": lambda v: t("planner.yes") if pd.notna(v) and bool(v) else t("planner.no"),
        },
    )
    tooltip = {
        "nama": t("col.kelurahan"),
        "kecamatan": t("col.kecamatan"),
        "backlog_count": t("col.backlog"),
        "island": t("col.island"),
        "enumerators_now_count": t("col.enumerators_now"),
        "enumerators_proposed_count": t("col.enumerators_proposed"),
        "finish_now": t("col.finish_now"),
        "finish_proposed": t("col.finish_proposed"),
    }
    return tuple(
        maps.choropleth(
            text,
            classes,
            legend_title=t("planner.legend"),
            labels=count_labels(classes),
            no_data_label=t("map.no_data"),
            tooltip=tooltip,
        )
        for classes in pair
    )


def count_labels(classes) -> list[str]:
    """'2' or '3 – 4' for classes of whole counts (analytics.allocation.count_classes)."""
    lowers = (classes.lower, *(b + 1 for b in classes.bins[:-1]))
    return [fmt_int(lo) if lo == hi else f"{fmt_int(lo)} – {fmt_int(hi)}" for lo, hi in zip(lowers, classes.bins)]


def finish_chart(plan_result: Plan, target: dt.date | None) -> go.Figure:
    """Finish date of every kelurahan with a backlog, today's postings against the proposal,
    slowest first; a kelurahan that never finishes today has no grey dot."""
    rows = plan_result.units[plan_result.units["backlog_count"] > 0].sort_values(
        ["finish_proposed_days", "finish_now_days"], ascending=False
    )
    fig = go.Figure()
    fig.add_scatter(
        x=rows["finish_proposed"],
        y=rows["nama"],
        name=t("planner.proposed"),
        mode="markers",
        marker={"color": PROPOSED_COLOR, "size": 9, "symbol": "diamond"},
    )
    # Drawn last and hollow, so that a kelurahan whose date does not change shows both marks.
    fig.add_scatter(
        x=rows["finish_now"],
        y=rows["nama"],
        name=t("planner.now"),
        mode="markers",
        marker={"color": NOW_COLOR, "size": 12, "symbol": "circle-open", "line": {"width": 2}},
    )
    if target is not None:
        fig.add_scatter(
            x=[target, target],
            y=[rows["nama"].iloc[0], rows["nama"].iloc[-1]] if len(rows) else [],
            name=t("planner.target_line"),
            mode="lines",
            line={"color": TARGET_COLOR, "dash": "dash"},
        )
    fig.update_layout(
        height=max(260, 60 + 18 * len(rows)),
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        xaxis_title=t("planner.chart_x"),
        yaxis={"autorange": "reversed", "type": "category"},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom"},
    )
    return fig


@st.cache_data(show_spinner=False, max_entries=16)
def workbook(
    plan_result: Plan,
    region: str,
    kode: str,
    siklus: str,
    constraints: Constraints,
    productivity_change: float,
    target: dt.date | None,
    needed: int | None,
    lang: str,
) -> bytes:
    """The same workbook as ``python -m warehouse export allocation`` for this plan."""
    header = allocation_report.header_line(
        plan_result, region, kode, siklus, constraints, productivity_change, lang, target, needed
    )
    return allocation_report.xlsx_bytes(allocation_report.allocation_tables(plan_result), header)
