"""The agency head's page: where the DTKS update stands, per kelurahan and for the region,
how it moved in the last week, whether it keeps to the target, and where the data has quality
problems."""

import datetime as dt

import streamlit as st

from analytics import classify, coverage, quality
from ui import coverage as cov
from ui import maps, sidebar, tables
from ui.i18n import fmt_date, fmt_float, fmt_int, t

f = sidebar.filters()
st.title(t("overview.title"))
st.caption(t("overview.caption", cycle=f.siklus, region=f.region_name, date=fmt_date(f.today)))

unit = (
    st.segmented_control(
        t("coverage.unit"),
        list(coverage.UNITS),
        default="households",
        format_func=lambda u: t(f"unit.{u}"),
        key="overview_unit",
    )
    or "households"
)
start, end, _ = cov.cycle(f.siklus)
levels = cov.levels(f, unit)
week_before = cov.levels(f, unit, as_of=f.today - dt.timedelta(days=7))
region = levels[levels["level"] == "region"].iloc[0]
units = levels[levels["level"] == "kelurahan"]
kecamatan = levels[levels["level"] == "kecamatan"]
suffix = "" if unit == "households" else "_members"
frame_key = "households" if unit == "households" else "members"

cov.headline(region, coverage.week_change(region, week_before[week_before["level"] == "region"].iloc[0]), unit)
st.caption(
    t(
        "overview.target",
        target=fmt_float(region["target_rate"] * 100),
        date=fmt_date(end),
        n=fmt_int(units["lagging"].sum()),
        total=fmt_int(len(units)),
    )
)

map_title = st.empty()
layer = (
    st.segmented_control(
        t("map.layer"),
        list(cov.LAYERS),
        default=cov.url_choice("layer", cov.LAYERS, "coverage"),
        format_func=lambda v: t(f"layer.{v}"),
        key="overview_layer",
    )
    or "coverage"
)
cov.set_param("layer", layer)
map_title.subheader(t("map.title") if layer == "coverage" else t("map.title_quality"))
scheme = (
    st.segmented_control(
        t("map.scheme"),
        list(classify.SCHEMES),
        default="quantiles",
        format_func=lambda s: t(f"scheme.{s}"),
        key="overview_scheme",
    )
    or "quantiles"
)
shapes = cov.map_shapes(f, units)
missing = maps.units_without_shape(shapes)
drawable = len(missing) < len(shapes)
if drawable:
    maps.show(cov.unit_map(shapes, layer, scheme, unit), key=cov.MAP_STATE)
    cov.open_clicked(f, layer)
    st.caption(t("map.click_hint"))
else:
    st.info(t("map.no_boundaries"))
cov.profile_picker(f, units, layer)
if (shapes["geom_sumber"] == "demo").any():
    st.caption(t("map.demo_boundaries"))
if missing and drawable:
    st.caption(t("map.no_polygon", n=len(missing), names=", ".join(missing)))

if drawable and st.toggle(t("compare.toggle"), key="overview_compare"):
    first = min(start, f.today)
    pick = st.columns(2)
    days = (
        pick[0].date_input(
            t("compare.date"),
            value=max(first, f.today - dt.timedelta(days=28)),
            min_value=first,
            max_value=f.today,
            key="overview_compare_date",
        ),
        pick[1].date_input(
            t("compare.date_second"),
            value=f.today,
            min_value=first,
            max_value=f.today,
            key="overview_compare_date_second",
        ),
    )
    for col, day, split_map, key in zip(
        st.columns(2), days, cov.split_maps(f, unit, scheme, days), ("overview_map_before", "overview_map_after")
    ):
        with col:
            st.markdown(f"**{t('compare.as_of', date=fmt_date(day))}**")
            maps.show(split_map, key=key, height=420)
    st.caption(t("compare.note"))

st.subheader(t("table.lagging_ranked"))
lagging = units[units["lagging"]].sort_values(["backlog_count", "coverage_rate"], ascending=[False, True])
if lagging.empty:
    st.success(t("table.no_lagging"))
else:
    st.dataframe(
        tables.localized(
            tables.as_text(lagging, {"projected_finish": fmt_date}),
            {
                "nama": "col.kelurahan",
                "kecamatan": "col.kecamatan",
                "coverage_rate": "col.coverage_pct",
                "target_rate": "col.target_pct",
                "backlog_count": f"col.backlog{suffix}",
                "pace_per_day": f"col.pace{suffix}",
                "projected_finish": "col.finish",
                "behind_target": "col.behind_target",
                "behind_region": "col.behind_region",
            },
            percent=("coverage_rate", "target_rate"),
        ),
        hide_index=True,
        width="stretch",
    )
d1, d2 = st.columns(2)
file_stem = f"cakupan_{f.kode_region}_{f.siklus}_{f.today}"
d1.download_button(
    t("download.csv"), cov.export_file(f, unit, levels, "csv"), file_name=f"{file_stem}.csv", mime="text/csv"
)
d2.download_button(
    t("download.xlsx"),
    cov.deferred_export_file(f, unit, levels, "xlsx"),
    file_name=f"{file_stem}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)

st.subheader(t("progress.title"))
series = cov.daily(f)
region_daily = series[series["kode"] == f.kode_region]
p1, p2 = st.columns(2)
p1.plotly_chart(
    cov.progress_chart(
        coverage.cumulative_progress(
            region_daily,
            region["frame_count"],
            start,
            end,
            f.today,
            column="updated_count" if unit == "households" else "updated_members_count",
            schedule=cov.schedule(f.siklus),
        ),
        t("progress.coverage"),
        t("chart.done"),
    ),
    key="overview_progress",
)
p2.plotly_chart(
    cov.progress_chart(
        coverage.cumulative_progress(
            region_daily,
            region["households_count"],
            start,
            end,
            f.today,
            column="padan_step_count",
            schedule=cov.schedule(f.siklus),
        ),
        t("progress.padan"),
        t("chart.padan_done"),
    ),
    key="overview_progress_padan",
)
st.caption(t("progress.padan_note", rate=fmt_float(region["padan_rate"] * 100)))

st.subheader(t("funnel.title"))
funnels = coverage.funnel_table(cov.funnel(f), levels[["level", "kode", "nama", "households_count"]])
f1, f2 = st.columns([1, 2])
f1.plotly_chart(
    cov.funnel_chart(funnels[funnels["level"] == "region"].iloc[0], f.region_name),
    key="overview_funnel",
)
stage_columns = {f"{s}_rate": f"tahap.{s}" for s in coverage.STAGES}
f2.dataframe(
    tables.localized(
        funnels[funnels["level"] == "kelurahan"],
        {"nama": "col.kelurahan", "households_count": "col.households", **stage_columns},
        percent=tuple(stage_columns),
    ),
    hide_index=True,
    width="stretch",
    height=340,
)
st.caption(t("funnel.note"))

with st.expander(t("kecamatan.title")):
    st.dataframe(
        tables.localized(
            tables.as_text(kecamatan, {"projected_finish": fmt_date}),
            {
                "nama": "col.kecamatan",
                "frame_count": f"col.{frame_key}",
                "done_count": "col.updated",
                "coverage_rate": "col.coverage_pct",
                "backlog_count": f"col.backlog{suffix}",
                "projected_finish": "col.finish",
                "padan_rate": "col.padan_pct",
                "lagging": "col.lagging",
            },
            percent=("coverage_rate", "padan_rate"),
        ),
        hide_index=True,
        width="stretch",
    )

st.subheader(t("quality.title"))
totals = cov.check_totals(f)
q = [col for r in (st.columns(3), st.columns(3)) for col in r]
for col, check in zip(q, quality.CHECKS):
    col.metric(t(f"quality.check.{check}"), fmt_int(totals[check]))
st.caption(t("quality.note"))
st.download_button(
    t("download.quality"),
    cov.masked_findings_csv(cov.findings(f)),
    file_name=f"kualitas_{f.kode_region}_{f.today}.csv",
    mime="text/csv",
)
