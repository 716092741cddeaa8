"""No internals in front of users: a page that fails shows a short message with an error id,
and only the server log carries the traceback, under the same id."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable

import streamlit as st

from ui.i18n import t

log = logging.getLogger("peta_kesos")


def run_safely(page: Callable[[], object]) -> None:
    """Run ``page``; an exception becomes a friendly error box naming an 8-character id that
    the server log repeats with the traceback. Streamlit's own reruns and stops pass through
    (they are not ``Exception``)."""
    try:
        page()
    except Exception:
        error_id = secrets.token_hex(4)
        log.exception("page failed, error id %s", error_id)
        st.error(t("error.unexpected", id=error_id))
