"""The agency head's page: where the DTKS update stands, per kelurahan and for the region,
how it moved in the last week, whether it keeps to the target, and where the data has quality
problems."""

import streamlit as st

from domain import roles
from ui import auth, sidebar, url
from ui import coverage as cov
from ui.i18n import fmt_date, fmt_float, plot, t
from ui.safe import md

f = sidebar.filters()
st.title(t("overview.title"))
st.caption(t("overview.caption", cycle=md(f.siklus), region=md(f.region_name), date=fmt_date(f.today)))

unit = url.segmented(
    t("coverage.unit"),
    cov.UNITS,
    param="unit",
    key="overview_unit",
    default="households",
    format_func=lambda u: t(f"unit.{u}"),
)
view = cov.overview(f, unit)
cov.scope_caption(f, view.units)

cov.headline(view.region, view.change, unit)
last_finish, finish_note = cov.finish_captions(view)
st.markdown(last_finish)
st.caption(t("coverage.definitions"))
st.caption(finish_note)
st.caption(cov.target_caption(view))

# The layer, the classification and the comparison redraw only the maps (a fragment).
cov.map_section(f, view, unit)

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
