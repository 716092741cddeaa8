"""The agency head's page: where the DTKS update stands, per kelurahan and for the region,
how it moved in the last week, whether it keeps to the target, and where the data has quality
problems."""

import datetime as dt

import streamlit as st

from domain import roles
from ui import auth, maps, sidebar
from ui import coverage as cov
from ui.i18n import fmt_date, fmt_float, plot, t
from ui.safe import md

f = sidebar.filters()
st.title(t("overview.title"))
st.caption(t("overview.caption", cycle=md(f.siklus), region=md(f.region_name), date=fmt_date(f.today)))

unit = (
    st.segmented_control(
        t("coverage.unit"),
        list(cov.UNITS),
        default="households",
        format_func=lambda u: t(f"unit.{u}"),
        key="overview_unit",
    )
    or "households"
)
view = cov.overview(f, unit)
cov.scope_caption(f, view.units)

cov.headline(view.region, view.change, unit)
last_finish, finish_note = cov.finish_captions(view)
st.markdown(last_finish)
st.caption(t("coverage.definitions"))
st.caption(finish_note)
st.caption(cov.target_caption(view))

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
        list(cov.SCHEMES),
        default="quantiles",
        format_func=lambda s: t(f"scheme.{s}"),
        key="overview_scheme",
    )
    or "quantiles"
)
shapes = cov.map_shapes(f, view.units)
drawable = maps.any_shape(shapes)
if drawable:
    maps.show(cov.unit_map(shapes, layer, scheme, unit), key=cov.MAP_STATE)
    cov.open_clicked(f, layer)
    st.caption(t("map.click_hint"))
else:
    st.info(t("map.no_boundaries"))
cov.profile_picker(f, view.choices(), layer)
if maps.demo_boundaries(shapes):
    st.caption(t("map.demo_boundaries"))
if drawable:
    maps.no_polygon_caption(shapes)

if drawable and st.toggle(t("compare.toggle"), key="overview_compare"):
    first = min(view.start, f.today)
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
    cov.compare_maps(f, unit, scheme, days)
    st.caption(t("compare.note"))

st.subheader(t("table.lagging_ranked"))
if view.lagging.empty:
    st.success(t("table.no_lagging"))
else:
    cov.lagging_table(view, unit)
if auth.allowed(roles.AGGREGATES_DOWNLOAD):
    d1, d2, d3 = st.columns(3)
    file_stem = f"cakupan_{f.kode_region}_{f.siklus}_{f.today}"
    csv_file, make_xlsx = cov.export_files(f, unit)
    d1.download_button(
        t("download.csv"),
        auth.download(roles.AGGREGATES_DOWNLOAD, f"{file_stem}.csv", lambda: csv_file),
        file_name=f"{file_stem}.csv",
        mime="text/csv",
    )
    d2.download_button(
        t("download.xlsx"),
        auth.download(roles.AGGREGATES_DOWNLOAD, f"{file_stem}.xlsx", make_xlsx),
        file_name=f"{file_stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    brief_name = f"ringkasan_mingguan_{f.kode_region}_{f.today}.pdf"
    d3.download_button(
        t("download.brief"),
        auth.download(roles.AGGREGATES_DOWNLOAD, brief_name, cov.deferred_brief(f)),
        file_name=brief_name,
        mime="application/pdf",
    )

st.subheader(t("progress.title"))
p1, p2 = st.columns(2)
plot(p1, cov.progress_chart(view.progress, t("progress.coverage"), t("chart.done")), key="overview_progress")
plot(
    p2,
    cov.progress_chart(view.padan_progress, t("progress.padan"), t("chart.padan_done")),
    key="overview_progress_padan",
)
st.caption(t("progress.padan_note", rate=fmt_float(view.region["padan_rate"] * 100)))

st.subheader(t("funnel.title"))
f1, f2 = st.columns([1, 2])
plot(f1, cov.funnel_chart(view.funnel_region, f.region_name), key="overview_funnel")
with f2:
    cov.funnel_table(view)
st.caption(t("funnel.note"))

with st.expander(t("kecamatan.title")):
    cov.kecamatan_table(view, unit)

st.subheader(t("quality.title"))
cov.quality_metrics(cov.check_totals(f))
st.caption(t("quality.note"))
if auth.allowed(roles.QUALITY_ROWS):
    quality_name = f"kualitas_{f.kode_region}_{f.today}.csv"
    st.download_button(
        t("download.quality"),
        auth.download(roles.QUALITY_ROWS, quality_name, cov.masked_findings_csv(f)),
        file_name=quality_name,
        mime="text/csv",
    )
