"""Serve the dashboard with its sign-in routes: ``streamlit run serve.py`` (start.sh does).

``st.App`` runs app.py as the Streamlit script and mounts ui.auth's ``POST /api/login`` and
``POST /api/logout`` beside it; they set and clear the signed HttpOnly session cookie, which
a Streamlit script cannot do. ``streamlit run app.py`` alone still asks for a login but can
never let anyone in.
"""

import streamlit as st

from ui import auth

app = st.App("app.py", routes=auth.routes())
