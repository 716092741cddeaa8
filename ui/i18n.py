"""The session's language: ``t`` and the number and date formats of ``domain.i18n`` in the
language the user chose in the sidebar."""

from __future__ import annotations

import streamlit as st

from domain.i18n import DEFAULT_LANGUAGE, LANGUAGES, format_date, format_float, format_int, translate

SESSION_KEY = "lang"
__all__ = ["LANGUAGES", "SESSION_KEY", "current_language", "fmt_date", "fmt_float", "fmt_int", "t"]


def current_language() -> str:
    """The session's language code (``id`` unless the user switched)."""
    lang = st.session_state.get(SESSION_KEY, DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, **values) -> str:
    """The text for ``key`` in the session's language, with ``{placeholders}`` filled in."""
    return translate(current_language(), key, **values)


def fmt_int(n: float) -> str:
    """A whole number with the session language's thousands separator."""
    return format_int(n, current_language())


def fmt_float(x: float, digits: int = 1) -> str:
    """A decimal number with the session language's separators."""
    return format_float(x, current_language(), digits)


def fmt_date(d) -> str:
    """A date in the session language's convention."""
    return format_date(d, current_language())
