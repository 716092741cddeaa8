"""The enumerator planner in Streamlit: the plans of ``reports.allocation`` cached until the
warehouse changes, maps, the finish chart and display tables."""

from __future__ import annotations

import datetime as dt

import folium
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics import allocation

# Constraints and InfeasiblePlan are also the page's: pages import no analytics.
from analytics.allocation import PRIOR_DAYS, Constraints, InfeasiblePlan, Plan
from reports import allocation as allocation_report
from ui import data, maps, tables
from ui.i18n import current_language, fmt_date, fmt_float, fmt_int, t
from ui.safe import html_text, md

NOW_COLOR = "#969696"
PROPOSED_COLOR = "#2c7fb8"
TARGET_COLOR = "#d95f02"

_setup = data.cached(allocation_report.setup, max_entries=8)
_plan = data.cached(allocation_report.plan, max_entries=64)
_needed_by = data.cached(allocation_report.needed_by, max_entries=64)


def setup(f) -> allocation_report.Setup:
    """reports.allocation.setup of the sidebar's selection."""
    return _setup(f.kode_region, f.siklus, f.today)


def plan(f, total: int, constraints: Constraints, productivity_change: float) -> Plan:
    """reports.allocation.plan (raises InfeasiblePlan)."""
    return _plan(f.kode_region, f.siklus, f.today, total, constraints, productivity_change)


def needed_by(f, target: dt.date, constraints: Constraints, productivity_change: float) -> int | str:
    """What-if: enumerators needed to finish by ``target``, or why no number can."""
    try:
        return _needed_by(f.kode_region, f.siklus, f.today, target, constraints, productivity_change)
    except InfeasiblePlan as exc:
        return infeasible_text(exc)


def assumptions(plan_result: Plan) -> str:
    """What the productivities of the plan assume."""
    return t("planner.assumptions", p=fmt_float(plan_result.regional_per_day, 2), k=fmt_int(PRIOR_DAYS))


def islands_caption(ready: allocation_report.Setup) -> str:
    """Which kelurahan count as islands, or that none do."""
    if not ready.islands:
        return t("planner.no_islands")
    return t("planner.islands", n=fmt_int(len(ready.islands)), names=", ".join(md(n) for n in ready.island_names))


def infeasible_text(exc: InfeasiblePlan) -> str:
    """The conflict of an infeasible request in the session's language."""
    # The values name kelurahan and kecamatan: text, never Markdown, in the error box.
    values = {k: fmt_int(v) if isinstance(v, int) else md(v) for k, v in exc.values.items()}
    for key in ("today", "date"):
        if key in values:
            values[key] = fmt_date(dt.date.fromisoformat(values[key]))
    return t(f"planner.infeasible.{exc.kind}", **values)


def allocation_maps(f, plan_result: Plan) -> tuple[folium.Map, folium.Map]:
    """Today's postings and the proposal as two choropleths with the same classes."""
    joined = maps.join_values(data.boundaries(f.kode_region), plan_result.units)
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


def show_maps(f, plan_result: Plan) -> None:
    """:func:`allocation_maps` side by side, and the kelurahan that have no polygon to draw."""
    for col, m, title, key in zip(
        st.columns(2), allocation_maps(f, plan_result), (t("planner.now"), t("planner.proposed")), ("now", "proposed")
    ):
        with col:
            st.markdown(f"**{title}**")
            maps.show(m, key=f"planner_map_{key}", height=440)
    maps.no_polygon_caption(data.boundaries(f.kode_region))


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
    # Plotly reads tags in its texts: the names are escaped to show as written.
    names = [html_text(n) for n in rows["nama"]]
    fig = go.Figure()
    fig.add_scatter(
        x=rows["finish_proposed"],
        y=names,
        name=t("planner.proposed"),
        mode="markers",
        marker={"color": PROPOSED_COLOR, "size": 9, "symbol": "diamond"},
    )
    # Drawn last and hollow, so that a kelurahan whose date does not change shows both marks.
    fig.add_scatter(
        x=rows["finish_now"],
        y=names,
        name=t("planner.now"),
        mode="markers",
        marker={"color": NOW_COLOR, "size": 12, "symbol": "circle-open", "line": {"width": 2}},
    )
    if target is not None:
        fig.add_scatter(
            x=[target, target],
            y=[names[0], names[-1]] if names else [],
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


def units_table(plan_result: Plan) -> None:
    """Draw the plan per kelurahan, slowest first."""
    tables.show(
        tables.as_text(
            plan_result.units.sort_values("finish_proposed_days", ascending=False),
            {"finish_now": fmt_date, "finish_proposed": fmt_date},
        ),
        {
            "kode": t("col.kode"),
            "nama": t("col.kelurahan"),
            "kecamatan": t("col.kecamatan"),
            "backlog_count": t("col.backlog"),
            "island": t("col.island"),
            "productivity_per_day": t("col.productivity"),
            "enumerators_now_count": t("col.enumerators_now"),
            "enumerators_proposed_count": t("col.enumerators_proposed"),
            "finish_now": t("col.finish_now"),
            "finish_proposed": t("col.finish_proposed"),
        },
    )


def assignments_table(plan_result: Plan) -> None:
    """Draw who goes where; additional enumerators and the reserve named as such."""
    tables.show(
        tables.as_text(
            plan_result.assignments,
            {
                "nama": lambda v: v if pd.notna(v) else t("planner.additional"),
                "kelurahan_proposed": lambda v: v if pd.notna(v) else t("planner.reserve"),
                "start": fmt_date,
                "finish_proposed": fmt_date,
            },
        ),
        {
            "id_petugas": t("col.petugas_id"),
            "nama": t("col.petugas_name"),
            "kelurahan_now": t("col.kelurahan_now"),
            "kelurahan_proposed": t("col.kelurahan_proposed"),
            "kecamatan_proposed": t("col.kecamatan_proposed"),
            "start": t("col.start"),
            "finish_proposed": t("col.finish_proposed"),
            "moved": t("col.moved"),
        },
    )


def workbook(f, plan_result: Plan, constraints: Constraints, productivity_change: float, target, needed):
    """A callable that makes the same workbook as ``python -m warehouse export allocation`` for
    this plan, in the session's language, for a deferred download button."""
    lang = current_language()
    return lambda: allocation_report.plan_workbook(
        plan_result,
        f.region_name,
        f.kode_region,
        f.siklus,
        constraints,
        productivity_change,
        lang,
        target,
        needed if isinstance(needed, int) else None,
    )
