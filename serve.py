"""Serve the dashboard with its sign-in routes: ``streamlit run serve.py`` (start.sh does).

``st.App`` runs app.py as the Streamlit script and mounts ui.auth's ``POST /api/login`` and
``POST /api/logout`` beside it; they set and clear the signed HttpOnly session cookie, which
a Streamlit script cannot do. ``streamlit run app.py`` alone still asks for a login but can
never let anyone in.

The pages' ui modules are imported here, at start: their libraries (geopandas, folium, plotly,
scipy through the classifications) take a few seconds of CPU to import, which the first visitor
of each process would otherwise wait for (issue 14.4).
"""

import importlib
import logging

import streamlit as st

PAGE_MODULES = ("admin", "coverage", "eksklusi", "pendataan", "planner", "pmks", "register", "six_t")
# Before the runtime exists, each st.cache_data decorator warns that it checks its options
# against a stand-in storage (the real one is taken at the first call): not worth a log line.
_cache_log = logging.getLogger("streamlit.runtime.caching.cache_data_api")
_level = _cache_log.level
_cache_log.setLevel(logging.ERROR)
try:
    auth = importlib.import_module("ui.auth")
    for name in PAGE_MODULES:
        importlib.import_module(f"ui.{name}")
finally:
    _cache_log.setLevel(_level)

app = st.App("app.py", routes=auth.routes())
