"""Peta Kesos: the frame. Page config, the login gate, the page's role check, the shared
sidebar, navigation. Serve it with ``streamlit run serve.py`` (start.sh), which adds the
sign-in routes."""

from pathlib import Path

import streamlit as st

from domain import roles
from ui import assets, auth, errors, sidebar
from ui.i18n import t

# A local icon: a :material/ favicon would be fetched from a font CDN on every page.
FAVICON = Path(__file__).resolve().parent / "static" / "favicon.png"
st.set_page_config(page_title="Peta Kesos", page_icon=str(FAVICON), layout="wide")
assets.ensure_vendor_assets()
session = auth.gate()

# (file, title key, icon, the permission that opens it)
ANALYSIS = [
    ("app_pages/overview.py", "nav.overview", ":material/map:", roles.AGGREGATES),
    ("app_pages/kelurahan.py", "nav.kelurahan", ":material/location_city:", roles.AGGREGATES),
    ("app_pages/planner.py", "nav.planner", ":material/groups:", roles.PLANNER),
    ("app_pages/six_t.py", "nav.six_t", ":material/fact_check:", roles.AGGREGATES),
    ("app_pages/pmks.py", "nav.pmks", ":material/emergency:", roles.AGGREGATES),
    ("app_pages/register.py", "nav.register", ":material/how_to_reg:", roles.AGGREGATES),
    ("app_pages/pendataan.py", "nav.pendataan", ":material/assignment:", roles.AGGREGATES),
    ("app_pages/eksklusi.py", "nav.eksklusi", ":material/person_search:", roles.AGGREGATES),
]
DATA = [
    ("app_pages/admin.py", "nav.admin", ":material/upload_file:", roles.IMPORT),
    ("app_pages/users.py", "auth.nav.users", ":material/admin_panel_settings:", roles.ACCOUNTS),
]
# Every page stays in the menu; the check below decides, at every run, whether it opens.
first_allowed = next((f for f, _, _, p in ANALYSIS + DATA if session.may(p)), ANALYSIS[0][0])
pages = {f: st.Page(f, title=t(title), icon=icon, default=f == first_allowed) for f, title, icon, _ in ANALYSIS + DATA}
permission = {pages[f].url_path: p for f, _, _, p in ANALYSIS + DATA}
navigation = st.navigation(
    {
        t("nav.section.analysis"): [pages[f] for f, *_ in ANALYSIS],
        t("nav.section.data"): [pages[f] for f, *_ in DATA],
    }
)
st.sidebar.title(t("app.title"))
auth.sidebar_account(session)
auth.require(permission[navigation.url_path])
st.sidebar.caption(t("app.tagline"))
sidebar.store(sidebar.render())
errors.run_safely(navigation.run)
