"""Tables for display and download: translated headers, percentages, the session language's
number conventions, text for tooltips."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from reports import files
from ui.i18n import current_language, fmt_float, fmt_int, t


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
    """Draw the ``headers`` columns of ``df`` (column -> header text) as a table, numbers in the
    session language's conventions: rates in ``percent`` as 0-100 with one decimal, other
    decimals with two, whole numbers with thousands separators.

    In Bahasa Indonesia the numbers are right-aligned text (decimal comma, thousands dot):
    Streamlit's number formats know only the browser's locale, not the session's language. In
    English they stay numbers, formatted with thousands commas.
    """
    out = df[list(headers)].copy()
    english = current_language() == "en"
    config = {}
    for col in out.columns:
        values = out[col]
        if pd.api.types.is_bool_dtype(values) or not pd.api.types.is_numeric_dtype(values):
            continue
        whole = pd.api.types.is_integer_dtype(values) and col not in percent
        digits = 1 if col in percent else 2
        if col in percent:
            values = values * 100
        if english:
            out[col] = values if whole else values.round(digits)
            config[headers[col]] = st.column_config.NumberColumn(format="%,d" if whole else f"%,.{digits}f")
        else:
            out[col] = ["" if pd.isna(v) else fmt_int(v) if whole else fmt_float(v, digits) for v in values]
            config[headers[col]] = st.column_config.TextColumn(alignment="right")
    st.dataframe(
        out.rename(columns=headers),
        hide_index=True,
        width="stretch",
        column_config=config,
        **({"height": height} if height else {}),
    )


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
