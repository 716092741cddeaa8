"""The one ratio of the analytics: a rate, share or density that is no data, not zero, where
its denominator is missing or zero."""

from __future__ import annotations

import pandas as pd


def ratio(numerator: pd.Series, denominator: pd.Series, scale: float = 1.0) -> pd.Series:
    """numerator / denominator * scale as float64.

    Parameters
    ----------
    numerator, denominator : pandas.Series
        Aligned on their index; the denominator may hold missing or non-numeric values.
    scale : float
        Multiplier (10,000 for a rate per 10,000 residents).

    Returns
    -------
    pandas.Series
        NaN where the denominator is missing, non-numeric, zero or negative.
    """
    den = pd.to_numeric(denominator, errors="coerce").astype("float64")
    return numerator.astype("float64") * scale / den.where(den > 0)
