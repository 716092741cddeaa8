"""Streamlit-aware shared parts: cached data access, sidebar, maps, charts, translations."""
