"""Tables for display and download: translated headers, percentages, text for tooltips."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from reports import files
from ui.i18n import t


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


def as_text(df: pd.DataFrame, formatters: dict[str, Callable]) -> pd.DataFrame:
    """A copy of ``df`` with the named columns turned to text by their formatter."""
    out = df.copy()
    for col, fmt in formatters.items():
        out[col] = [fmt(v) for v in out[col]]
    return out


def csv_bytes(df: pd.DataFrame) -> bytes:
    """A download's CSV, written by the one export writer (reports.files.csv_bytes): UTF-8 with
    a byte-order mark, and no cell a spreadsheet could run as a formula."""
    return files.csv_bytes(df)
