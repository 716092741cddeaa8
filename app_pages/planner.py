"""The planner's page: where the enumerators should work so that the region finishes soonest,
with the finish dates of today's postings and of the proposal, and what-if questions."""

import datetime as dt

import pandas as pd
import streamlit as st

from analytics import allocation
from ui import coverage as cov
from ui import data, maps, planner, sidebar, tables
from ui.i18n import current_language, fmt_date, fmt_float, fmt_int, t

f = sidebar.filters()
st.title(t("planner.title"))

units = planner.units(f)
staff = planner.staff(f)
islands = planner.island_codes(f.kode_region)
start = allocation.finish_date(f.today, 1)
st.caption(t("planner.caption", cycle=f.siklus, region=f.region_name, date=fmt_date(f.today), start=fmt_date(start)))

with st.container(border=True):
    st.markdown(f"**{t('planner.scenario')}**")
    c1, c2, c3 = st.columns(3)
    total = int(
        c1.number_input(
            t("planner.total"),
            min_value=0,
            max_value=100_000,
            value=len(staff),
            step=1,
            help=t("planner.total_help", n=fmt_int(len(staff))),
            key="planner_total",
        )
    )
    target = c2.date_input(
        t("planner.target"),
        value=max(cov.cycle(f.siklus)[1], f.today + dt.timedelta(days=28)),
        min_value=f.today + dt.timedelta(days=1),
        key="planner_target",
    )
    change_pct = c3.slider(t("planner.change"), -50, 50, 0, step=5, format="%d %%", key="planner_change")
    c4, c5, c6 = st.columns(3)
    minimum = int(c4.number_input(t("planner.min_per_unit"), min_value=0, max_value=50, value=0, key="planner_min"))
    cap = int(c5.number_input(t("planner.max_per_unit"), min_value=0, max_value=500, value=0, key="planner_cap"))
    with c6:
        keep = st.toggle(t("planner.keep_current"), key="planner_keep")
        own = st.toggle(t("planner.own_kecamatan"), key="planner_own")
        travel = st.toggle(t("planner.island_travel"), value=bool(islands), key="planner_island")

constraints = allocation.Constraints(
    min_per_unit=minimum, keep_current=keep, max_per_unit=cap or None, own_kecamatan=own, island_travel=travel
)
change = change_pct / 100
try:
    needed = planner.needed_by(units, staff, f.today, target, constraints, change, islands)
except allocation.InfeasiblePlan as exc:
    needed = planner.infeasible_text(exc)

try:
    plan = planner.plan(units, staff, total, f.today, constraints, change, islands)
except allocation.InfeasiblePlan as exc:
    st.error(planner.infeasible_text(exc))
    if isinstance(needed, int):
        st.info(t("planner.needed_text", n=fmt_int(needed), date=fmt_date(target)))
    st.caption(t("planner.infeasible_hint"))
    st.stop()

m1, m2, m3, m4 = st.columns(4)
m1.metric(
    t("planner.finish_now"),
    fmt_date(plan.finish_now) if plan.finish_now else t("planner.never"),
    t("planner.uncovered", n=fmt_int(plan.uncovered_now_count)) if plan.uncovered_now_count else None,
    delta_color="off",
    delta_arrow="off",
)
m2.metric(
    t("planner.finish_proposed"),
    fmt_date(plan.finish_proposed) if plan.finish_proposed else t("planner.never"),
    None if plan.change_days is None else t("planner.delta_days", n=f"{plan.change_days:+d}"),
    delta_color="inverse",
)
if isinstance(needed, int):
    m3.metric(t("planner.needed", date=fmt_date(target)), fmt_int(needed), needed - total, delta_color="off")
else:
    m3.metric(t("planner.needed", date=fmt_date(target)), "–")
    st.caption(needed)
m4.metric(t("planner.reserve_count"), fmt_int(plan.unassigned_count))
st.caption(t("planner.assumptions", p=fmt_float(plan.regional_per_day, 2), k=fmt_int(allocation.PRIOR_DAYS)))
if islands:
    st.caption(t("planner.islands", n=fmt_int(len(islands)), names=planner.unit_names(units, islands)))
else:
    st.caption(t("planner.no_islands"))

shapes = data.boundaries(f.kode_region)
left, right = st.columns(2)
for col, m, title, key in zip(
    (left, right), planner.allocation_maps(shapes, plan), (t("planner.now"), t("planner.proposed")), ("now", "proposed")
):
    with col:
        st.markdown(f"**{title}**")
        maps.show(m, key=f"planner_map_{key}", height=440)
missing = maps.units_without_shape(shapes)
if missing:
    st.caption(t("map.no_polygon", n=len(missing), names=", ".join(missing)))

st.subheader(t("planner.table"))
st.dataframe(
    tables.localized(
        tables.as_text(
            plan.units.sort_values("finish_proposed_days", ascending=False),
            {"finish_now": fmt_date, "finish_proposed": fmt_date},
        ),
        {
            "kode": "col.kode",
            "nama": "col.kelurahan",
            "kecamatan": "col.kecamatan",
            "backlog_count": "col.backlog",
            "island": "col.island",
            "productivity_per_day": "col.productivity",
            "enumerators_now_count": "col.enumerators_now",
            "enumerators_proposed_count": "col.enumerators_proposed",
            "finish_now": "col.finish_now",
            "finish_proposed": "col.finish_proposed",
        },
    ),
    hide_index=True,
    width="stretch",
)

st.subheader(t("planner.chart"))
st.plotly_chart(planner.finish_chart(plan, target), key="planner_chart")

with st.expander(t("planner.assignments", n=fmt_int(len(plan.assignments)))):
    st.dataframe(
        tables.localized(
            tables.as_text(
                plan.assignments,
                {
                    "nama": lambda v: v if pd.notna(v) else t("planner.additional"),
                    "kelurahan_proposed": lambda v: v if pd.notna(v) else t("planner.reserve"),
                    "start": fmt_date,
                    "finish_proposed": fmt_date,
                },
            ),
            {
                "id_petugas": "col.petugas_id",
                "nama": "col.petugas_name",
                "kelurahan_now": "col.kelurahan_now",
                "kelurahan_proposed": "col.kelurahan_proposed",
                "kecamatan_proposed": "col.kecamatan_proposed",
                "start": "col.start",
                "finish_proposed": "col.finish_proposed",
                "moved": "col.moved",
            },
        ),
        hide_index=True,
        width="stretch",
    )
st.download_button(
    t("planner.download_xlsx"),
    planner.workbook(
        plan,
        f.region_name,
        f.kode_region,
        f.siklus,
        constraints,
        change,
        target,
        needed if isinstance(needed, int) else None,
        current_language(),
    ),
    file_name=f"alokasi_petugas_{f.kode_region}_{f.siklus}_{f.today}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="planner_download",
)
