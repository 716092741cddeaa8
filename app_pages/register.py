"""The register's life: the musyawarah proposals of the cycle (into and out of the register, how
far each got, how long a decision took, the kelurahan without musyawarah) and the KPM who left
PKH per year by kind against the graduation target; maps, tables and the exports' files."""

import streamlit as st

from domain import roles
from ui import auth, maps, sidebar
from ui import register as view
from ui.i18n import fmt_date, t
from ui.safe import md

f = sidebar.filters()
st.title(t("register.title"))
st.caption(t("register.caption", region=md(f.region_name), date=fmt_date(f.today)))
life = view.life(f.kode_region, f.siklus, scope_kelurahan=f.scope_kelurahan)

st.header(t("register.usulan.title"))
usulan = life.usulan
st.caption(t("register.usulan.caption", cycle=md(usulan.cycle_name)))
view.usulan_metrics(usulan)
with st.expander(t("register.definitions")):
    st.markdown(t("register.usulan.definitions"))
measure = (
    st.segmented_control(
        t("register.map.pick"),
        list(view.USULAN_MEASURES),
        default="musyawarah",
        format_func=lambda m: t(f"register.usulan.measure.{m}"),
        key="register_usulan_measure",
    )
    or "musyawarah"
)
m, missing = view.usulan_map(f.kode_region, usulan, measure)
maps.show(m, key=view.USULAN_MAP_KEY)
if missing:
    st.caption(t("map.no_polygon", n=len(missing), names=", ".join(md(n) for n in missing)))
if len(usulan.without):
    st.warning(t("register.usulan.without", n=len(usulan.without), names=view.names(usulan.without)))
view.show_usulan(usulan)
if auth.allowed(roles.AGGREGATES_DOWNLOAD):
    name = f"usulan_musyawarah_{f.kode_region}_{usulan.siklus}.csv"
    st.download_button(
        t("download.csv"),
        auth.download(roles.AGGREGATES_DOWNLOAD, name, view.usulan_file(usulan)),
        file_name=name,
        mime="text/csv",
        key="register_download_usulan",
    )

st.header(t("register.graduasi.title"))
graduasi = life.graduasi
if not graduasi.years:
    st.info(t("register.graduasi.none"))
    st.stop()
tahun = st.selectbox(t("register.graduasi.year"), graduasi.years, index=len(graduasi.years) - 1, key="register_tahun")
year = graduasi.year(tahun)
view.graduasi_metrics(year)
with st.expander(t("register.definitions")):
    st.markdown(t("register.graduasi.definitions"))
st.subheader(t("register.graduasi.trend"))
st.plotly_chart(view.graduasi_trend(graduasi), width="stretch", key="register_graduasi_trend")
measure = (
    st.segmented_control(
        t("register.map.pick"),
        list(view.GRADUASI_MEASURES),
        default="keluar_count",
        format_func=lambda m: t(f"register.graduasi.measure.{m}", tahun=tahun),
        key="register_graduasi_measure",
    )
    or "keluar_count"
)
m, missing = view.graduasi_map(f.kode_region, year, measure)
maps.show(m, key=view.GRADUASI_MAP_KEY)
if missing:
    st.caption(t("map.no_polygon", n=len(missing), names=", ".join(md(n) for n in missing)))
view.show_graduasi(year)
if auth.allowed(roles.AGGREGATES_DOWNLOAD):
    name = f"graduasi_pkh_{f.kode_region}_{tahun}.csv"
    st.download_button(
        t("download.csv"),
        auth.download(roles.AGGREGATES_DOWNLOAD, name, view.graduasi_file(graduasi, tahun)),
        file_name=name,
        mime="text/csv",
        key="register_download_graduasi",
    )
