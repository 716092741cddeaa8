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
from analytics.allocation import PRIOR_DAYS, Constraints, InfeasiblePlan, Plan, RollingPlan
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
_rolling = data.cached(allocation_report.rolling_plan, max_entries=64)
KINDS = ("rolling", "static")


def setup(f) -> allocation_report.Setup:
    """reports.allocation.setup of the sidebar's selection."""
    return _setup(f.kode_region, f.siklus, f.today, scope_kelurahan=f.scope_kelurahan)


def plan(f, total: int, constraints: Constraints, productivity_change: float) -> Plan:
    """reports.allocation.plan (raises InfeasiblePlan)."""
    return _plan(
        f.kode_region, f.siklus, f.today, total, constraints, productivity_change, scope_kelurahan=f.scope_kelurahan
    )


def static_plan(f, total: int, constraints: Constraints, productivity_change: float) -> Plan | InfeasiblePlan:
    """:func:`plan`, or the InfeasiblePlan it raised."""
    try:
        return plan(f, total, constraints, productivity_change)
    except InfeasiblePlan as exc:
        return exc


def default_kind(static: Plan | InfeasiblePlan, constraints: Constraints) -> str:
    """The plan shown when the planner has not chosen: static, or rolling when the static plan
    fails only for want of enumerators (reports.allocation.rolling_by_default), as the command
    line's ``--plan auto``."""
    if isinstance(static, InfeasiblePlan) and allocation_report.rolling_by_default(static, constraints):
        return "rolling"
    return "static"


def rolling_plan(f, total: int, constraints: Constraints, productivity_change: float) -> RollingPlan:
    """reports.allocation.rolling_plan of the sidebar's selection."""
    return _rolling(
        f.kode_region, f.siklus, f.today, total, constraints, productivity_change, scope_kelurahan=f.scope_kelurahan
    )


def closed_text(f, ready: allocation_report.Setup) -> str:
    """Why a closed cycle is not planned."""
    return t("planner.closed", cycle=md(f.siklus), end=fmt_date(ready.cycle_end), date=fmt_date(f.today))


def rolling_metrics(result: RollingPlan, needed, target: dt.date) -> None:
    """The rolling plan's finish, its lower bound with the gap, the finish with today's
    postings and the what-if answer, as four metrics."""
    now, never = allocation_report.today_postings_finish(result)
    m1, m2, m3, m4 = st.columns(4)
    m1.metric(t("planner.rolling_finish"), fmt_date(result.finish) if result.finish else t("planner.never"))
    gap = result.gap_rate
    m2.metric(
        t("planner.lower_bound"),
        fmt_date(result.lower_bound_finish) if result.lower_bound_finish else t("planner.never"),
        None if gap != gap else t("planner.gap", gap=fmt_float(gap * 100)),
        delta_color="off",
        delta_arrow="off",
    )
    m3.metric(
        t("planner.finish_now"),
        fmt_date(now) if now else t("planner.never"),
        t("planner.uncovered", n=fmt_int(len(never))) if len(never) else None,
        delta_color="off",
        delta_arrow="off",
    )
    m4.metric(t("planner.needed", date=fmt_date(target)), fmt_int(needed) if isinstance(needed, int) else "–")
    if (names := never_caption(never)) is not None:
        st.caption(names)


def rolling_units_table(result: RollingPlan) -> None:
    """Draw the rolling plan per kelurahan, last to finish first."""
    tables.show(
        tables.as_text(result.units.sort_values("finish_rolling_days", ascending=False), {"finish_rolling": fmt_date}),
        {
            "kode": t("col.kode"),
            "nama": t("col.kelurahan"),
            "kecamatan": t("col.kecamatan"),
            "backlog_count": t("col.backlog"),
            "enumerators_now_count": t("col.enumerators_now"),
            "enumerators_rolling_count": t("export.allocation.col.enumerators_rolling_count"),
            "finish_rolling": t("export.allocation.col.finish_rolling"),
        },
    )


def postings_table(result: RollingPlan) -> None:
    """Draw every enumerator's postings in order (households rounded to whole ones)."""
    tables.show(
        tables.as_text(
            result.postings.assign(households_count=result.postings["households_count"].round(0).astype("int64")),
            {
                "nama": lambda v: v if pd.notna(v) else t("planner.additional"),
                "start": fmt_date,
                "end": fmt_date,
            },
        ),
        {
            "id_petugas": t("col.petugas_id"),
            "nama": t("col.petugas_name"),
            "urutan": t("export.allocation.col.urutan"),
            "kelurahan": t("col.kelurahan"),
            "kecamatan": t("col.kecamatan"),
            "start": t("export.allocation.col.start"),
            "end": t("export.allocation.col.end"),
            "households_count": t("export.allocation.col.households_count"),
        },
    )


def rolling_workbook(f, result: RollingPlan, constraints: Constraints, productivity_change: float):
    """A callable that makes the rolling hand-out of ``python -m warehouse export allocation
    --plan rolling`` (one sheet per enumerator) in the session's language."""
    lang = current_language()
    return lambda: allocation_report.rolling_workbook(
        result, f.region_name, f.kode_region, f.siklus, constraints, productivity_change, lang
    )


def needed_by(f, target: dt.date, constraints: Constraints, productivity_change: float) -> int | str:
    """What-if: enumerators needed to finish by ``target``, or why no number can."""
    try:
        return _needed_by(
            f.kode_region,
            f.siklus,
            f.today,
            target,
            constraints,
            productivity_change,
            scope_kelurahan=f.scope_kelurahan,
        )
    except InfeasiblePlan as exc:
        return infeasible_text(exc)


def never_caption(never: pd.DataFrame) -> str | None:
    """Which kelurahan never finish with today's postings (a backlog and nobody there), or None."""
    if never.empty:
        return None
    return t("planner.never_names", n=fmt_int(len(never)), names=", ".join(md(n) for n in never["nama"]))


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


def _or_dash(fmt):
    # Units outside the user's scope are outlines on the map: no plan, no figures.
    return lambda v: fmt(v) if pd.notna(v) else "–"


def allocation_maps(f, plan_result: Plan) -> tuple[folium.Map, folium.Map]:
    """Today's postings and the proposal as two choropleths with the same classes."""
    joined = maps.join_values(data.boundaries(f.kode_region), plan_result.units)
    pair = allocation.count_classes(joined["enumerators_now_count"], joined["enumerators_proposed_count"])
    text = tables.as_text(
        joined,
        {
            "backlog_count": _or_dash(fmt_int),
            "enumerators_now_count": _or_dash(fmt_int),
            "enumerators_proposed_count": _or_dash(fmt_int),
            "finish_now": _or_dash(fmt_date),
            "finish_proposed": _or_dash(fmt_date),
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
