"""The session's language: ``t`` and the number and date formats of ``domain.i18n`` in the
language the user chose in the sidebar."""

from __future__ import annotations

import streamlit as st

from domain.i18n import DEFAULT_LANGUAGE, LANGUAGES, format_compact, format_date, format_float, format_int, translate
from ui import assets

SESSION_KEY = "lang"
__all__ = [
    "LANGUAGES",
    "SESSION_KEY",
    "current_language",
    "fmt_compact",
    "fmt_date",
    "fmt_float",
    "fmt_int",
    "localize",
    "plot",
    "plotly_config",
    "t",
]
# plotly's layout.separators: the decimal sign, then the thousands separator.
SEPARATORS = {"id": ",.", "en": ".,"}


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


def fmt_compact(x: float) -> str:
    """A number for a tile in the session language (60,4 rb, 1,2 jt; 60.4k, 1.2M)."""
    return format_compact(x, current_language())


def plotly_config() -> dict:
    """The plotly.js config of a chart in the session language: in Bahasa Indonesia the ``id``
    locale (month and day names on date axes, static/peta-kesos/plotly-locale-id.json), handed
    over with the chart since no locale is registered in the browser."""
    if current_language() == "id":
        return {"locale": "id", "locales": {"id": assets.PLOTLY_LOCALE_ID}}
    return {}


def localize(fig, lang: str) -> None:
    """Put the plotly ``fig`` in the conventions of ``lang``: its separators (decimal comma and
    thousands dot in id), whole numbers on the axes instead of SI suffixes (never "60.383k")."""
    fig.update_layout(separators=SEPARATORS[lang])
    fig.for_each_xaxis(lambda axis: axis.update(exponentformat="none"))
    fig.for_each_yaxis(lambda axis: axis.update(exponentformat="none"))
    fig._pk_language = lang


def plot(where, fig, **kwargs):
    """Draw the plotly ``fig`` with ``where.plotly_chart`` (``st`` or a column) in the session
    language's conventions (:func:`localize`, unless the figure is in them already: a shared
    figure of ``ui.charts``, which no session may change) with :func:`plotly_config`."""
    if getattr(fig, "_pk_language", None) != current_language():
        localize(fig, current_language())
    return where.plotly_chart(fig, config=plotly_config(), **kwargs)
