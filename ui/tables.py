"""Tables for display and download: translated headers, percentages, the session language's
number conventions, text for tooltips.

Every table of the pages is drawn by :func:`show_table`. Streamlit's number formats
(``st.column_config.NumberColumn(format=...)``) follow the browser's locale, and printf formats
have no thousands dot, so they cannot give Bahasa Indonesia's 1.234,5 to a user whose browser is
in English. Pre-formatted text would sort 1.000 before 200. A pandas Styler does both: st.dataframe
sends its display texts beside the values (ArrowData.styler.display_values), and the grid draws the
text of a number cell that has no column format while it sorts by the value."""

from __future__ import annotations

import datetime as dt
import numbers
import threading
from collections.abc import Callable

import pandas as pd
import streamlit as st
import streamlit.elements.arrow as st_arrow
from pandas.io.formats.style import Styler
from streamlit.runtime.caching.cache_errors import UnhashableParamError
from streamlit.runtime.caching.hashing import UserHashError

from domain.i18n import format_date, format_float, format_int
from reports import files
from ui import data
from ui.i18n import current_language, t


def localized(df: pd.DataFrame, columns: dict[str, str], percent: tuple[str, ...] = ()) -> pd.DataFrame:
    """The ``columns`` of ``df`` (column -> translation key), rates in ``percent`` as 0-100
    rounded to one decimal, headers in the session's language."""
    out = df[list(columns)].copy()
    for col in percent:
        out[col] = (out[col] * 100).round(1)
    for col in out.columns:
        if pd.api.types.is_float_dtype(out[col]) and col not in percent:
            out[col] = out[col].round(2)
    return out.rename(columns={col: t(key) for col, key in columns.items()})


def show(df: pd.DataFrame, headers: dict[str, str], percent: tuple[str, ...] = (), height: int | None = None) -> None:
    """Draw the ``headers`` columns of ``df`` (column -> header text) with :func:`show_table`:
    rates in ``percent`` as 0-100 with one decimal, other decimals with two, whole numbers with
    thousands separators, in the session language's conventions."""
    out = df[list(headers)].copy()
    for col in percent:
        out[col] = out[col] * 100
    digits = {headers[c]: 1 if c in percent else 2 for c in out.columns if _is_number_column(out[c])}
    whole = {headers[c] for c in out.columns if pd.api.types.is_integer_dtype(out[c]) and c not in percent}
    show_table(
        out.rename(columns=headers), digits={h: 0 if h in whole else d for h, d in digits.items()}, height=height
    )


MISSING = "–"

# Streamlit renders a Styler only up to pandas' cell limit; the tables here are pages of a
# thousand rows at most, and each one is drawn whole. Set once for the process: the option is
# global, and a per-call pd.option_context raced between sessions' threads (one thread's
# small table lowered the limit while another checked its larger one: "The dataframe has
# 704 cells, but the maximum ... is 32" under load).
STYLER_MAX_CELLS = 10_000_000
pd.set_option("styler.render.max_elements", max(pd.get_option("styler.render.max_elements"), STYLER_MAX_CELLS))


def _is_number_column(values: pd.Series) -> bool:
    """Numbers (not flags), also an object column of numbers and blanks (a suppressed count) or
    of decimals (DuckDB's DECIMAL)."""
    if pd.api.types.is_bool_dtype(values):
        return False
    if pd.api.types.is_numeric_dtype(values):
        return True
    present = values.dropna()
    return (
        pd.api.types.is_object_dtype(values)
        and not present.empty
        and all(isinstance(v, numbers.Number) and not isinstance(v, bool) for v in present)
    )


def _is_date_column(values: pd.Series) -> bool:
    if pd.api.types.is_datetime64_any_dtype(values):
        return True
    present = values.dropna()
    return pd.api.types.is_object_dtype(values) and not present.empty and all(isinstance(v, dt.date) for v in present)


def number_digits(header: str, values: pd.Series) -> int:
    """Decimals shown in a number column: one for a percentage (a ``%`` in the header), none when
    every value is whole (counts, rupiah, counts with blanks), else two."""
    if "%" in header:
        return 1
    present = pd.to_numeric(values, errors="coerce").dropna()
    return 0 if (present == present.round()).all() else 2


def date_text(value, lang: str, with_time: bool = False) -> str:
    """A date in ``lang``'s convention, with the time of day (hours and minutes) after it when
    ``with_time``."""
    stamp = pd.Timestamp(value)
    text = format_date(stamp.date(), lang)
    return f"{text} {stamp:%H:%M}" if with_time else text


def _has_time(values: pd.Series) -> bool:
    stamps = pd.to_datetime(values.dropna())
    return bool((stamps != stamps.dt.normalize()).any())


def styled(
    frame: pd.DataFrame, lang: str, digits: dict[str, int] | None = None, missing: dict[str, str] | None = None
) -> Styler:
    """``frame`` as a pandas Styler whose display texts follow ``lang`` (``format_int`` and
    ``format_float``: 1.234,5 in id, 1,234.5 in en; dates by ``format_date``) while the cells keep
    their values: ``st.dataframe`` sends both, draws the text and sorts by the value. Decimals per
    column from ``digits`` (header -> decimals) or :func:`number_digits`; a blank cell shows
    ``missing`` (header -> text) or a dash. Flags and text are left as they are."""
    digits, missing = digits or {}, missing or {}
    formats = {}
    for col in frame.columns:
        values = frame[col]
        if _is_number_column(values):
            n = digits.get(col, number_digits(str(col), values))
            formats[col] = (lambda v, n=n: format_int(v, lang)) if n == 0 else (lambda v, n=n: format_float(v, lang, n))
        elif _is_date_column(values):
            timed = _has_time(values)
            formats[col] = lambda v, timed=timed: date_text(v, lang, timed)
    # One format call per blank text (a call per column costs a lookup of its cells each): a
    # column without a formatter gets pandas' default one.
    style = frame.style.format({c: f for c, f in formats.items() if c not in missing}, na_rep=MISSING)
    for blank in dict.fromkeys(missing.values()):
        cols = [c for c in frame.columns if missing.get(c) == blank]
        style = style.format({c: formats.get(c) for c in cols}, subset=cols, na_rep=blank)
    return style


# A table of at most this many cells is made once per process for everyone who shows the same
# values in the same language (issue 14.4): building a Styler's display texts was about half
# of a warm PMKS page run's CPU. Larger tables (pages of row-level lists) are made per run.
SHARED_MAX_CELLS = 5_000


class _Marshalled:
    """What streamlit makes of a shared Styler for st.dataframe (the ``styler`` part of its
    ArrowData proto), made once under a lock (the Styler is not safe for two threads at once)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.styler = None


@st.cache_resource(max_entries=256, show_spinner=False, hash_funcs=data.HASH_FUNCS)
def _shared_styled(frame: pd.DataFrame, lang: str, digits: tuple, missing: tuple) -> Styler:
    style = styled(frame, lang, dict(digits), dict(missing))
    style._pk_marshalled = _Marshalled()
    return style


_MARSHALL_STYLER = st_arrow.marshall_styler


def _marshall_once(proto, styler: Styler, default_uuid: str) -> None:
    """st.dataframe's marshalling of a Styler, kept on a shared one (:func:`_shared_styled`):
    its uuid is its own, so the texts, styles and uuid are the same for every session."""
    memo = getattr(styler, "_pk_marshalled", None)
    if memo is None:
        _MARSHALL_STYLER(proto, styler, default_uuid)
        return
    with memo.lock:
        if memo.styler is None:
            _MARSHALL_STYLER(proto, styler, default_uuid)
            memo.styler = type(proto.styler)()
            memo.styler.CopyFrom(proto.styler)
        else:
            proto.styler.CopyFrom(memo.styler)


st_arrow.marshall_styler = _marshall_once


def show_table(
    frame: pd.DataFrame,
    *,
    where=st,
    digits: dict[str, int] | None = None,
    missing: dict[str, str] | None = None,
    height: int | None = None,
) -> None:
    """Draw ``frame`` (headers already in words, with their units) with ``where.dataframe``
    (``st``, a column or a tab): every number, date and blank in the session language's
    conventions (:func:`styled`), sortable by its value, no index, full width. No column format
    is given: a NumberColumn ``format`` would win over these texts (Streamlit's rule). A table
    of at most :data:`SHARED_MAX_CELLS` cells is styled once per process for its values and
    language."""
    table = frame.reset_index(drop=True)
    lang = current_language()
    style = None
    if table.size <= SHARED_MAX_CELLS:
        try:
            style = _shared_styled(table, lang, tuple((digits or {}).items()), tuple((missing or {}).items()))
        except (UnhashableParamError, UserHashError):  # cells that cannot be keyed: styled for this run
            pass
    if style is None:
        style = styled(table, lang, digits, missing)
    where.dataframe(style, hide_index=True, width="stretch", **({"height": height} if height else {}))


def as_text(df: pd.DataFrame, formatters: dict[str, Callable]) -> pd.DataFrame:
    """A copy of ``df`` with the named columns turned to text by their formatter."""
    out = df.copy()
    for col, fmt in formatters.items():
        out[col] = [fmt(v) for v in out[col]]
    return out


def csv_bytes(df: pd.DataFrame, lang: str | None = None) -> bytes:
    """A download's CSV, written by the one export writer (reports.files.csv_bytes): UTF-8 with
    a byte-order mark, no cell a spreadsheet could run as a formula, for people in ``lang``
    (headers with units, labels; None: column names and codes)."""
    return files.csv_bytes(df, lang=lang)


def deferred_csv(df: pd.DataFrame) -> Callable[[], bytes]:
    """A callable making :func:`csv_bytes` of ``df`` in the session's language, for a deferred
    download button: the language is read now, since the callable runs outside the script."""
    lang = current_language()
    return lambda: csv_bytes(df, lang)
