"""No internals in front of users: a page that fails shows a short message with an error id,
and only the server log carries the traceback, under the same id."""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Callable

import streamlit as st

from ui.i18n import t

log = logging.getLogger("peta_kesos")
# Tests and development set PETA_KESOS_ERRORS=raise: a failing page must fail its test, not
# show a polite message.
RAISE_ENV = "PETA_KESOS_ERRORS"


def run_safely(page: Callable[[], object]) -> None:
    """Run ``page``; an exception becomes a friendly error box naming an 8-character id that
    the server log repeats with the traceback. Streamlit's own reruns and stops pass through
    (they are not ``Exception``)."""
    try:
        page()
    except Exception:
        if os.environ.get(RAISE_ENV) == "raise":
            raise
        error_id = secrets.token_hex(4)
        log.exception("page failed, error id %s", error_id)
        st.error(t("error.unexpected", id=error_id))
