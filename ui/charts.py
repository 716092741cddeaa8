"""Plotly charts built once per process for the same data, options and language (issue 14.4).

Building a figure (plotly validates every property it is given, ``plotly.express`` lays out
its subplots) was a good part of a warm page run; every session asking for the same chart now
gets the same figure object, already in its language's conventions (:func:`ui.i18n.localize`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import plotly.graph_objects as go
import streamlit as st

from ui.i18n import current_language, localize


def shared(builder: Callable[..., go.Figure | None]) -> Callable[..., go.Figure | None]:
    """``builder``, its figures kept across sessions (st.cache_resource, the 64 most recent):
    the same arguments (hashed as st.cache_data hashes them: frames by their values) in the
    same language give the same figure, built once and localized. A builder may return None
    (no chart). Callers must not change the figure they get; :func:`ui.i18n.plot` does not."""

    def build(lang: str, *args, **kwargs) -> go.Figure | None:
        fig = builder(*args, **kwargs)
        if fig is not None:
            localize(fig, lang)
        return fig

    # Streamlit keys a cache by the function's module, name and source: name each after
    # ``builder`` so that the builders wrapped here do not share one cache.
    build.__module__, build.__qualname__ = builder.__module__, f"{builder.__qualname__}[shared]"
    build = st.cache_resource(show_spinner=False, max_entries=64)(build)

    @functools.wraps(builder)
    def wrapper(*args, **kwargs) -> go.Figure | None:
        return build(current_language(), *args, **kwargs)

    return wrapper
