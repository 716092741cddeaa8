"""Pendataan campaigns: each unit's records against its target on a map, the lagging units, the
records over time against the target line and each collector's output."""

import streamlit as st

from domain import roles
from ui import auth, maps, sidebar, tables
from ui import pendataan as view
from ui.i18n import t

f = sidebar.filters(needs_cycle=False)
threshold = view.suppress_below()

st.title(t("pendataan.title"))
campaigns = {c.kode: c for c in view.campaigns(f.kode_region)}
if not campaigns:
    st.info(t("pendataan.none"))
    st.stop()
kode = st.selectbox(
    t("pendataan.pick"), list(campaigns), format_func=lambda k: f"{campaigns[k].nama} ({k})", key="pendataan_kampanye"
)
campaign = campaigns[kode]
found = view.campaign_progress(f.kode_region, campaign, f.today, scope_kelurahan=f.scope_kelurahan)
st.caption(view.caption(f.region_name, f.today, campaign))
st.markdown(view.definitions(found))
view.show_headline(found)

units = view.unit_frame(found, threshold)
st.subheader(t("pendataan.map.title", tingkat=t(f"pendataan.level.{campaign.tingkat}")))
m, missing = view.choropleth(f.kode_region, campaign.tingkat, units)
maps.show(m, key=view.MAP_KEY)
if missing:
    st.caption(t("map.no_polygon", n=len(missing), names=", ".join(missing)))

st.subheader(t("pendataan.lagging.title"))
lagging = view.lagging_table(units)
if lagging is None:
    st.info(t("pendataan.lagging.none"))
else:
    tables.show_table(lagging)

st.subheader(t("pendataan.chart.title"))
chart = view.progress_chart(found)
if chart is not None:
    st.plotly_chart(chart, width="stretch", key="pendataan_chart")

st.subheader(t("pendataan.units.title"))
view.unit_table(units)
if threshold > 0:
    st.caption(t("pendataan.units.suppressed", n=threshold))
if auth.allowed(roles.AGGREGATES_DOWNLOAD):
    name = f"pendataan_{kode}_{f.kode_region}.csv"
    st.download_button(
        t("pendataan.download"),
        auth.download(
            roles.AGGREGATES_DOWNLOAD,
            name,
            view.unit_csv(found, f.region_name, f.kode_region, f.today, threshold),
        ),
        file_name=name,
        mime="text/csv",
        key="pendataan_download",
    )

st.subheader(t("pendataan.collectors.title"))
tables.show_table(view.collector_table(found))
