"""The planner's page: where the enumerators should work so that the region finishes soonest,
with the finish dates of today's postings and of the proposal, and what-if questions."""

import datetime as dt

import streamlit as st

from domain import roles
from ui import auth, planner, sidebar, url
from ui.i18n import fmt_date, fmt_int, t
from ui.safe import md

f = sidebar.filters()
st.title(t("planner.title"))

ready = planner.setup(f)
st.caption(
    t(
        "planner.caption",
        cycle=md(f.siklus),
        region=md(f.region_name),
        date=fmt_date(f.today),
        start=fmt_date(ready.start),
    )
)
if ready.closed:
    st.error(planner.closed_text(f, ready))
    st.stop()

with st.container(border=True):
    st.markdown(f"**{t('planner.scenario')}**")
    c1, c2, c3 = st.columns(3)
    total = url.number(
        t("planner.total"),
        param="petugas",
        key="planner_total",
        default=ready.staff_count,
        min_value=0,
        max_value=100_000,
        step=1,
        help=t("planner.total_help", n=fmt_int(ready.staff_count)),
        where=c1,
    )
    target = url.date_input(
        t("planner.target"),
        param="target",
        key="planner_target",
        default=max(ready.cycle_end, f.today + dt.timedelta(days=28)),
        min_value=f.today + dt.timedelta(days=1),
        where=c2,
    )
    change_pct = url.slider(
        t("planner.change"),
        param="perubahan",
        key="planner_change",
        default=0,
        min_value=-50,
        max_value=50,
        step=5,
        format="%d %%",
        where=c3,
    )
    c4, c5, c6 = st.columns(3)
    minimum = url.number(
        t("planner.min_per_unit"), param="min", key="planner_min", default=0, min_value=0, max_value=50, where=c4
    )
    cap = url.number(
        t("planner.max_per_unit"), param="maks", key="planner_cap", default=0, min_value=0, max_value=500, where=c5
    )
    with c6:
        keep = url.toggle(t("planner.keep_current"), param="tetap", key="planner_keep")
        own = url.toggle(t("planner.own_kecamatan"), param="kecamatan_sendiri", key="planner_own")
        travel = url.toggle(
            t("planner.island_travel"), param="antar_pulau", key="planner_island", default=bool(ready.islands)
        )

constraints = planner.Constraints(
    min_per_unit=minimum, keep_current=keep, max_per_unit=cap or None, own_kecamatan=own, island_travel=travel
)
change = change_pct / 100
needed = planner.needed_by(f, target, constraints, change)
plan = planner.static_plan(f, total, constraints, change)
# Unpicked, the kind follows the plan (rolling when a static plan cannot cover every unit).
kind = url.segmented(
    t("planner.kind"),
    planner.KINDS,
    param="jenis",
    key="planner_kind",
    default=None,
    help=t("planner.kind_help"),
    format_func=lambda k: t(f"planner.kind.{k}"),
) or planner.default_kind(plan, constraints)

if kind == "rolling":
    if isinstance(plan, planner.InfeasiblePlan):
        st.info(t("planner.kind_note", why=planner.infeasible_text(plan)))
    rolling = planner.rolling_plan(f, total, constraints, change)
    planner.rolling_metrics(rolling, needed, target)
    st.caption(t("planner.rolling_note"))
    st.caption(planner.assumptions(rolling))
    st.caption(planner.islands_caption(ready))
    st.subheader(t("planner.rolling_table"))
    planner.rolling_units_table(rolling)
    with st.expander(t("planner.postings", n=fmt_int(len(rolling.postings)))):
        planner.postings_table(rolling)
    if auth.allowed(roles.PLANNER_WORKBOOK):
        name = f"alokasi_bergulir_{f.kode_region}_{f.siklus}_{f.today}.xlsx"
        st.download_button(
            t("planner.download_xlsx"),
            auth.download(roles.PLANNER_WORKBOOK, name, planner.rolling_workbook(f, rolling, constraints, change)),
            file_name=name,
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="planner_download_rolling",
        )
    st.stop()

if isinstance(plan, planner.InfeasiblePlan):
    st.error(planner.infeasible_text(plan))
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
if (never := planner.never_caption(plan.never_now)) is not None:
    st.caption(never)
st.caption(planner.assumptions(plan))
st.caption(planner.islands_caption(ready))

planner.show_maps(f, plan)

st.subheader(t("planner.table"))
planner.units_table(plan)

st.subheader(t("planner.chart"))
st.plotly_chart(planner.finish_chart(plan, target), key="planner_chart")

with st.expander(t("planner.assignments", n=fmt_int(len(plan.assignments)))):
    planner.assignments_table(plan)
if auth.allowed(roles.PLANNER_WORKBOOK):
    name = f"alokasi_petugas_{f.kode_region}_{f.siklus}_{f.today}.xlsx"
    st.download_button(
        t("planner.download_xlsx"),
        auth.download(roles.PLANNER_WORKBOOK, name, planner.workbook(f, plan, constraints, change, target, needed)),
        file_name=name,
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="planner_download",
    )
