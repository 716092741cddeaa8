"""The placeholder body of a page that is still being built: what it will show, and what the
warehouse already holds for it."""

import streamlit as st

from ui import data, sidebar
from ui.i18n import fmt_int, t


def render(title_key: str, description_key: str, count_keys: dict[str, str]) -> None:
    """Title, the page's promise, and counts (query column -> translation key with ``{n}``)."""
    f = sidebar.filters(needs_cycle=False)
    counts = data.table_counts(f.kode_region)
    st.title(t(title_key))
    st.info(t("stub.coming"))
    st.write(t(description_key, n=fmt_int(counts["enumerators_count"])))
    st.caption(t("stub.now_in_warehouse"))
    st.markdown("\n".join(f"- {t(key, n=fmt_int(counts[col]))}" for col, key in count_keys.items()))
