"""The data import page: the agency's files (DTKS, verivali, PMKS, distributions, enumerators),
official boundaries and the Kemendagri code list, and the import history."""

import streamlit as st

from ui import admin, auth, sidebar
from ui.i18n import t

sidebar.filters(needs_cycle=False, needs_region=False)
st.title(t("admin.title"))
st.caption(t("admin.caption"))
auth.show_server_details()
agency, official, history = st.tabs([t("admin.tab.agency"), t("admin.tab.official"), t("admin.tab.history")])
with agency:
    admin.agency_section()
with official:
    admin.official_section()
with history:
    admin.history_section()
