"""Widgets whose value lives in the URL, so that a shared link reopens the same view.

Each widget here opens, in a new session, on the value of its query parameter and writes its
value back at every run. The address bar is typed by anyone: a value that is not one of the
widget's options (an unknown code, markup, a number out of range, a date that is not one, a
parameter longer than any code) is ignored silently and the widget opens on its default.
A choice of "all" (the option None) is written as :data:`ALL`; a multiselect as one parameter
per value, none for an empty pick.

The widget's key, not the URL, holds the value once the widget is drawn (Streamlit keeps a
keyed widget's state across reruns, whatever default it is given), so reading the URL again at
every run is harmless and the URL follows the widget.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import streamlit as st

ALL = "semua"
# Longer than any code or date the app writes: anything longer is not one of ours.
MAX_LENGTH = 64
_WHOLE = re.compile(r"-?[0-9]{1,9}")
_FIRST = object()


def _code(value) -> str:
    if value is None:
        return ALL
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _raw(param: str) -> str | None:
    value = st.query_params.get(param)
    return value if value is not None and len(value) <= MAX_LENGTH else None


def choice(param: str, options: Sequence, default, allowed=None):
    """The option whose code (its text; :data:`ALL` for None) is the URL's ``param``, else
    ``default``; with ``allowed`` (a collection, e.g. the user's kelurahan scope), an option
    outside it is never taken from the URL."""
    by_code = {_code(o): o for o in options if allowed is None or o in allowed}
    raw = _raw(param)
    return by_code[raw] if raw in by_code else default


def choices(param: str, options: Sequence) -> list:
    """The options named by the URL's ``param`` values, in the URL's order, each once."""
    by_code = {_code(o): o for o in options}
    return [by_code[v] for v in dict.fromkeys(st.query_params.get_all(param)) if v in by_code]


def whole(param: str, default: int, min_value: int, max_value: int) -> int:
    """The URL's ``param`` as a whole number between the bounds, else ``default``."""
    raw = _raw(param)
    if raw is None or not _WHOLE.fullmatch(raw) or not min_value <= int(raw) <= max_value:
        return default
    return int(raw)


def _day(raw: str | None, min_value: dt.date | None, max_value: dt.date | None) -> dt.date | None:
    try:
        day = dt.date.fromisoformat(raw) if raw and len(raw) == 10 else None
    except ValueError:
        return None
    if day is None or (min_value and day < min_value) or (max_value and day > max_value):
        return None
    return day


def date(param: str, default: dt.date, min_value: dt.date | None = None, max_value: dt.date | None = None) -> dt.date:
    """The URL's ``param`` as a date (YYYY-MM-DD) within the bounds, else ``default``."""
    return _day(_raw(param), min_value, max_value) or default


def date_span(param: str, default: tuple[dt.date, dt.date], min_value=None, max_value=None) -> tuple[dt.date, dt.date]:
    """Two dates (the URL's two ``param`` values, first <= second) within the bounds, else ``default``."""
    values = st.query_params.get_all(param)
    days = [_day(v if len(v) <= MAX_LENGTH else None, min_value, max_value) for v in values]
    if len(days) != 2 or None in days or days[0] > days[1]:
        return default
    return days[0], days[1]


def flag(param: str, default: bool) -> bool:
    """The URL's ``param`` as on ("1") or off ("0"), else ``default``."""
    return {"1": True, "0": False}.get(_raw(param), default)


def keep(param: str, value) -> None:
    """Write ``value`` into the URL's ``param`` (a list: one value each; an empty list removes it)."""
    codes = [_code(v) for v in value] if isinstance(value, (list, tuple)) else [_code(value)]
    if st.query_params.get_all(param) == codes:
        return
    if codes:
        st.query_params[param] = codes if len(codes) > 1 else codes[0]
    else:
        del st.query_params[param]


# --- the widgets ------------------------------------------------------------------------------


def selectbox(label: str, options: Sequence, *, param: str, key: str, default=_FIRST, where=st, allowed=None, **kw):
    """``st.selectbox`` bound to ``param`` (default: the first option; see :func:`choice`)."""
    options = list(options)
    initial = choice(param, options, options[0] if default is _FIRST else default, allowed)
    picked = where.selectbox(label, options, index=options.index(initial), key=key, **kw)
    keep(param, picked)
    return picked


def radio(label: str, options: Sequence, *, param: str, key: str, default=_FIRST, where=st, **kw):
    """``st.radio`` bound to ``param``."""
    options = list(options)
    initial = choice(param, options, options[0] if default is _FIRST else default)
    picked = where.radio(label, options, index=options.index(initial), key=key, **kw)
    keep(param, picked)
    return picked


def segmented(label: str, options: Sequence, *, param: str, key: str, default, where=st, **kw):
    """``st.segmented_control`` bound to ``param``; a deselected control counts as ``default``.
    With ``default`` None nothing is picked at first, a deselected control returns None and
    the URL holds no ``param`` (the page decides)."""
    picked = where.segmented_control(label, list(options), default=choice(param, options, default), key=key, **kw)
    picked = default if picked is None else picked
    keep(param, [] if picked is None else picked)
    return picked


def multiselect(label: str, options: Sequence, *, param: str, key: str, where=st, **kw) -> list:
    """``st.multiselect`` bound to ``param`` (nothing picked by default)."""
    picked = where.multiselect(label, list(options), default=choices(param, options), key=key, **kw)
    keep(param, picked)
    return picked


def number(label: str, *, param: str, key: str, default: int, min_value: int, max_value: int, where=st, **kw) -> int:
    """``st.number_input`` of whole numbers bound to ``param``."""
    initial = whole(param, default, min_value, max_value)
    value = int(where.number_input(label, min_value=min_value, max_value=max_value, value=initial, key=key, **kw))
    keep(param, value)
    return value


def slider(label: str, *, param: str, key: str, default: int, min_value: int, max_value: int, where=st, **kw) -> int:
    """``st.slider`` of whole numbers bound to ``param``."""
    initial = whole(param, default, min_value, max_value)
    value = int(where.slider(label, min_value, max_value, initial, key=key, **kw))
    keep(param, value)
    return value


def select_slider(label: str, options: Sequence, *, param: str, key: str, default, where=st, **kw):
    """``st.select_slider`` bound to ``param``."""
    value = where.select_slider(label, options=list(options), value=choice(param, options, default), key=key, **kw)
    keep(param, value)
    return value


def toggle(label: str, *, param: str, key: str, default: bool = False, where=st, **kw) -> bool:
    """``st.toggle`` bound to ``param`` ("1" on, "0" off)."""
    value = where.toggle(label, value=flag(param, default), key=key, **kw)
    keep(param, value)
    return value


def date_input(label: str, *, param: str, key: str, default: dt.date, min_value=None, max_value=None, where=st, **kw):
    """``st.date_input`` of one date bound to ``param``."""
    initial = date(param, default, min_value, max_value)
    value = where.date_input(label, value=initial, min_value=min_value, max_value=max_value, key=key, **kw)
    keep(param, value)
    return value


def date_range(label: str, *, param: str, key: str, default: tuple[dt.date, dt.date], max_value=None, where=st, **kw):
    """``st.date_input`` of a period bound to ``param`` (two values); returns what the widget
    returns (one date while the second is being picked, which the URL does not take)."""
    initial = date_span(param, default, max_value=max_value)
    value = where.date_input(label, value=initial, max_value=max_value, key=key, **kw)
    if isinstance(value, (list, tuple)) and len(value) == 2:
        keep(param, list(value))
    return value
