"""The auditor's targeting page: households in desil 1-4 that no bansos programme paid in its
latest closed tahap (exclusion) and recipients in desil 6 and above (inclusion) per kelurahan,
on a map, with the masked follow-up list of excluded households."""

import streamlit as st

from domain import roles
from ui import auth, maps, sidebar, tables
from ui import eksklusi as view
from ui.i18n import fmt_int, t

f = sidebar.filters(needs_cycle=False)
threshold = view.suppress_below()
found = view.errors(f.kode_region, f.today, scope_kelurahan=f.scope_kelurahan)

st.title(t("eksklusi.title"))
if found.tahaps.empty or found.units.empty:
    st.info(t("eksklusi.no_data"))
    st.stop()
st.caption(view.caption(f.region_name, f.today, found))
st.markdown(t("eksklusi.definitions"))

programmes = found.totals["kode_program"].dropna().tolist()
program = st.selectbox(
    t("eksklusi.filter.program"),
    [None, *programmes],
    format_func=lambda p: t("eksklusi.filter.all") if p is None else p,
    key="eksklusi_program",
)
view.show_headline(found.total(program), threshold)

st.subheader(t("eksklusi.map.title"))
measure = (
    st.segmented_control(
        t("eksklusi.map.pick"),
        list(view.MEASURES),
        default="excluded_pct",
        format_func=lambda m: t(f"eksklusi.measure.{m}"),
        key="eksklusi_measure",
    )
    or "excluded_pct"
)
units = view.unit_frame(found, program, threshold)
m, missing = view.choropleth(f.kode_region, units, measure)
maps.show(m, key=view.MAP_KEY)
if missing:
    st.caption(t("map.no_polygon", n=len(missing), names=", ".join(missing)))

st.subheader(t("eksklusi.units.title"))
view.unit_table(units)
if threshold > 0:
    st.caption(t("eksklusi.units.suppressed", n=threshold))
if auth.allowed(roles.AGGREGATES_DOWNLOAD):
    name = f"eksklusi_inklusi_{f.kode_region}_{program or 'semua'}.csv"
    st.download_button(
        t("eksklusi.download"),
        auth.download(
            roles.AGGREGATES_DOWNLOAD,
            name,
            view.kelurahan_csv(found, program, f.region_name, f.kode_region, f.today, threshold),
        ),
        file_name=name,
        mime="text/csv",
        key="eksklusi_download",
    )

st.subheader(t("eksklusi.programmes.title"))
tables.show_table(view.programme_table(found))

st.subheader(t("eksklusi.list.title"))
view.withhold_list()
names = dict(zip(units["kode"], units["kelurahan"] + " (" + units["kecamatan"].fillna("") + ")"))
kelurahan = st.selectbox(
    t("eksklusi.list.pick"), [None, *names], format_func=lambda k: "–" if k is None else names[k], key="eksklusi_kel"
)
if kelurahan is None:
    st.caption(t("eksklusi.list.pick_hint"))
    st.stop()
rows = view.follow_up(f.kode_region, kelurahan, scope_kelurahan=f.scope_kelurahan)
auth.record_list("eksklusi.follow_up", {"wilayah": f.kode_region, "kelurahan": kelurahan})
st.caption(t("eksklusi.list.caption", n=fmt_int(len(rows))))
tables.show_table(view.list_table(rows.head(view.LIST_ROWS)))
name = f"tindak_lanjut_eksklusi_{kelurahan}.csv"
st.download_button(
    t("eksklusi.list.download"),
    auth.download(roles.EKSKLUSI_ROWS, name, view.deferred_list_csv(rows)),
    file_name=name,
    mime="text/csv",
    key="eksklusi_list_download",
)
