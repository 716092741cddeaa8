"""Plotly charts built once per process for the same data, options and language (issue 14.4).

Building a figure (plotly validates every property it is given, ``plotly.express`` lays out
its subplots) was a good part of a warm page run; every session asking for the same chart now
gets the same figure object, already in its language's conventions (:func:`ui.i18n.localize`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import plotly.graph_objects as go

from ui import data
from ui.i18n import current_language, localize


def shared(builder: Callable[..., go.Figure | None]) -> Callable[..., go.Figure | None]:
    """``builder``, its figures kept across sessions (:func:`ui.data.per_language`, shared
    objects, the 64 most recent), already localized. A builder may return None (no chart).
    Callers must not change the figure they get; :func:`ui.i18n.plot` does not."""

    @functools.wraps(builder)
    def localized(*args, **kwargs) -> go.Figure | None:
        fig = builder(*args, **kwargs)
        if fig is not None:
            localize(fig, current_language())
        return fig

    return data.per_language(localized, resource=True)
