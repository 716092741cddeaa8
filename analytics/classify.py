"""Classing a value for a choropleth map (mapclassify)."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

SCHEMES = {
    "quantiles": "Quantiles",
    "equal_interval": "EqualInterval",
    "natural_breaks": "NaturalBreaks",
}
"""The schemes, by the name of their mapclassify class."""


@dataclass(frozen=True)
class Classes:
    """A classification: ``bins`` are upper bounds (the first class starts at ``lower``),
    ``index`` gives each input value's class (-1 for a missing value), ``counts`` the number of
    values per class."""

    lower: float
    bins: tuple[float, ...]
    index: np.ndarray
    counts: tuple[int, ...]
    missing_count: int


def classify(values: pd.Series, scheme: str = "quantiles", k: int = 5) -> Classes:
    """Put values into at most ``k`` classes.

    Parameters
    ----------
    values : pandas.Series
        Numbers in any unit; NaN or None are "no data" and get class -1.
    scheme : {'quantiles', 'equal_interval', 'natural_breaks'}
        mapclassify scheme.
    k : int
        Wanted number of classes; fewer when there are fewer distinct values.

    Returns
    -------
    Classes
        With no valid value at all: no bins, every index -1.
    """
    if scheme not in SCHEMES:
        raise ValueError(f"unknown classification scheme {scheme!r}; choose from {sorted(SCHEMES)}")
    arr = pd.to_numeric(values, errors="coerce").to_numpy(dtype="float64")
    valid = ~np.isnan(arr)
    index = np.full(arr.shape, -1, dtype=int)
    if not valid.any():
        return Classes(np.nan, (), index, (), int((~valid).sum()))
    data = arr[valid]
    k_eff = max(1, min(k, len(np.unique(data))))
    if k_eff == 1:
        bins = np.array([data.max()])
        yb = np.zeros(len(data), dtype=int)
    else:
        # Imported here: mapclassify (with the scipy.stats, scikit-learn and matplotlib it loads)
        # costs seconds of CPU to import, paid by every process that loads a report or the
        # command line without drawing a map (an import, an account change).
        import mapclassify

        # With ties, quantiles can give fewer classes than asked; mapclassify warns and
        # goes on, and the bins returned (what the legend shows) are the classes it made.
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Not enough unique values", category=UserWarning)
            classifier = getattr(mapclassify, SCHEMES[scheme])(data, k=k_eff)
        bins, yb = np.asarray(classifier.bins), np.asarray(classifier.yb)
    index[valid] = yb
    counts = tuple(int((yb == i).sum()) for i in range(len(bins)))
    return Classes(float(data.min()), tuple(float(b) for b in bins), index, counts, int((~valid).sum()))
