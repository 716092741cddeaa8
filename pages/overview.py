"""The agency head's page: where the DTKS update stands, per kelurahan and for the region."""

import streamlit as st

from analytics import classify, coverage
from ui import data, maps, sidebar, tables
from ui.i18n import fmt_date, fmt_float, fmt_int, t

f = sidebar.filters()
st.title(t("overview.title"))
st.caption(t("overview.caption", cycle=f.siklus, region=f.region_name, date=fmt_date(f.today)))

counts = data.coverage_counts(f.kode_region, f.siklus, f.today)
units = coverage.update_coverage(counts, f.today)
region = coverage.region_coverage(counts, f.today)

c = st.columns(6)
c[0].metric(t("metric.households"), fmt_int(region["households_count"]))
c[1].metric(
    t("metric.coverage"),
    f"{fmt_float(region['coverage_rate'] * 100)} %",
    t("metric.week_delta", delta=fmt_float((region["coverage_rate"] - region["coverage_7d_ago_rate"]) * 100)),
)
c[2].metric(t("metric.backlog"), fmt_int(region["backlog_count"]))
c[3].metric(t("metric.pace"), fmt_float(region["pace_per_day"]))
c[4].metric(
    t("metric.finish"),
    fmt_date(region["projected_finish"]) if region["projected_finish"] else t("metric.finish_none"),
)
c[5].metric(t("metric.padan"), f"{fmt_float(region['padan_rate'] * 100)} %")

st.subheader(t("map.title"))
scheme = st.segmented_control(
    t("map.scheme"),
    list(classify.SCHEMES),
    default="quantiles",
    format_func=lambda s: t(f"scheme.{s}"),
    key="overview_scheme",
) or "quantiles"
shapes = maps.join_values(data.boundaries(f.kode_region), units)
classes = classify.classify(shapes["coverage_rate"] * 100, scheme=scheme, k=5)
shown = tables.as_text(
    shapes,
    {
        "coverage_rate": lambda v: f"{fmt_float(v * 100)} %",
        "households_count": fmt_int,
        "backlog_count": fmt_int,
        "projected_finish": fmt_date,
    },
)
m = maps.choropleth(
    shown,
    classes,
    legend_title=t("map.legend_title"),
    labels=maps.class_labels(classes, fmt_float),
    no_data_label=t("map.no_data"),
    tooltip={
        "nama": t("col.kelurahan"),
        "kecamatan": t("col.kecamatan"),
        "coverage_rate": t("col.coverage_pct"),
        "households_count": t("col.households"),
        "backlog_count": t("col.backlog"),
        "projected_finish": t("col.finish"),
    },
)
maps.show(m, key="overview_map")
if (shapes["geom_sumber"] == "demo").any():
    st.caption(t("map.demo_boundaries"))
missing = maps.units_without_shape(shapes)
if missing:
    st.caption(t("map.no_polygon", n=len(missing), names=", ".join(missing)))

st.subheader(t("table.lagging"))
table = tables.localized(
    units.sort_values("coverage_rate", na_position="first"),
    {
        "kode": "col.kode",
        "nama": "col.kelurahan",
        "kecamatan": "col.kecamatan",
        "households_count": "col.households",
        "updated_count": "col.updated",
        "backlog_count": "col.backlog",
        "coverage_rate": "col.coverage_pct",
        "pace_per_day": "col.pace",
        "projected_finish": "col.finish",
        "padan_rate": "col.padan_pct",
    },
    percent=("coverage_rate", "padan_rate"),
)
st.dataframe(table.head(10), hide_index=True, width="stretch")
st.download_button(
    t("download.csv"),
    tables.csv_bytes(table),
    file_name=f"cakupan_{f.kode_region}_{f.siklus}_{f.today}.csv",
    mime="text/csv",
)
