"""Peta Kesos: the frame. Page config, the shared sidebar, navigation."""

import streamlit as st

from ui import assets, sidebar
from ui.i18n import t

st.set_page_config(page_title="Peta Kesos", page_icon=":material/map:", layout="wide")
assets.ensure_vendor_assets()

navigation = st.navigation(
    {
        t("nav.section.analysis"): [
            st.Page("app_pages/overview.py", title=t("nav.overview"), icon=":material/map:", default=True),
            st.Page("app_pages/kelurahan.py", title=t("nav.kelurahan"), icon=":material/location_city:"),
            st.Page("app_pages/planner.py", title=t("nav.planner"), icon=":material/groups:"),
            st.Page("app_pages/six_t.py", title=t("nav.six_t"), icon=":material/fact_check:"),
            st.Page("app_pages/pmks.py", title=t("nav.pmks"), icon=":material/emergency:"),
        ],
        t("nav.section.data"): [
            st.Page("app_pages/admin.py", title=t("nav.admin"), icon=":material/upload_file:"),
        ],
    }
)
st.sidebar.title(t("app.title"))
st.sidebar.caption(t("app.tagline"))
sidebar.store(sidebar.render())
navigation.run()
