"""Masking personal data (UU 27/2022) for row-level lists: NIK and KK to their last four digits,
names to the first name and initials."""

from __future__ import annotations

import pandas as pd


def mask_number(value, keep: int = 4) -> str | None:
    """A NIK, KK or similar number with all but its last ``keep`` characters starred.

    Parameters
    ----------
    value : str or None
        The number as text (a number that lost its leading zeros is masked as it is).
    keep : int
        Characters kept at the end.

    Returns
    -------
    str or None
        ``'************1234'`` for a 16-digit number; a value of ``keep`` characters or fewer is
        starred entirely (it would otherwise be shown whole); None or NaN stays None.
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    text = str(value).strip()
    if len(text) <= keep:
        return "*" * len(text)
    return "*" * (len(text) - keep) + text[-keep:]


def shorten_name(value) -> str | None:
    """A name shortened to its first word and the initials of the others.

    ``'Siti Nur Aisyah'`` becomes ``'Siti N. A.'``; a one-word name stays as it is; None or
    NaN stays None.
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    words = str(value).split()
    if not words:
        return ""
    return " ".join([words[0], *(f"{w[0].upper()}." for w in words[1:])])


def mask_frame(
    df: pd.DataFrame,
    numbers: tuple[str, ...] = ("nik", "no_kk", "nik_penerima"),
    names: tuple[str, ...] = ("nama",),
) -> pd.DataFrame:
    """A copy of ``df`` whose number columns are masked and name columns shortened.

    Parameters
    ----------
    df : pandas.DataFrame
        Any row-level list; columns of ``numbers`` and ``names`` that it lacks are skipped.
    numbers, names : tuple of str
        Columns to mask with :func:`mask_number` and :func:`shorten_name`.
    """
    out = df.copy()
    for col in numbers:
        if col in out.columns:
            out[col] = [mask_number(v) for v in out[col]]
    for col in names:
        if col in out.columns:
            out[col] = [shorten_name(v) for v in out[col]]
    return out
