"""Productivity: households one enumerator ground-checks per working day.

Per enumerator from their ground-check history, shrunk towards the regional median where the
history is short (:func:`enumerator_productivity`); per kelurahan the mean of the enumerators
posted there now, or the regional median where nobody is (:func:`analytics.allocation.plan.planning_units`).
"""

from __future__ import annotations

import math

import pandas as pd

from analytics.allocation.solver import InfeasiblePlan

PRIOR_DAYS = 10.0


def regional_productivity(enumerators: pd.DataFrame) -> float:
    """The region's typical productivity: the median over enumerators of their own rate.

    Parameters
    ----------
    enumerators : pandas.DataFrame
        One row per enumerator with ``visits_count`` (ground-check results, households) and
        ``active_days_count`` (distinct days with at least one result).

    Returns
    -------
    float
        Households per enumerator per working day; NaN when nobody has an active day.
    """
    days = enumerators["active_days_count"].astype("float64")
    rates = enumerators["visits_count"].astype("float64")[days > 0] / days[days > 0]
    return float(rates.median()) if len(rates) else math.nan


def enumerator_productivity(
    enumerators: pd.DataFrame, regional_per_day: float, prior_days: float = PRIOR_DAYS
) -> pd.Series:
    """Each enumerator's productivity, shrunk towards the regional median.

    p_j = (x_j + k m) / (d_j + k) = w_j (x_j / d_j) + (1 - w_j) m,  w_j = d_j / (d_j + k),

    with x_j the enumerator's ground-check results, d_j their active days, m the regional
    median and k = ``prior_days`` the prior weight in days (default 10). It is the posterior
    mean of a Poisson daily rate under a gamma prior with mean m worth k observed days: an
    enumerator with 10 active days sits halfway between their own rate and the median, one with
    90 days at 90 % their own, one without history at the median.

    Parameters
    ----------
    enumerators : pandas.DataFrame
        ``visits_count`` and ``active_days_count`` per enumerator (as for
        :func:`regional_productivity`).
    regional_per_day : float
        m, households per enumerator per working day.
    prior_days : float
        k, working days; must be positive.

    Returns
    -------
    pandas.Series
        Households per working day, on the index of ``enumerators``.
    """
    if prior_days <= 0:
        raise ValueError("prior_days must be positive")
    visits = enumerators["visits_count"].astype("float64")
    days = enumerators["active_days_count"].astype("float64")
    return (visits + prior_days * regional_per_day) / (days + prior_days)


def staff_productivity(enumerators: pd.DataFrame, prior_days: float = PRIOR_DAYS) -> pd.DataFrame:
    """``enumerators`` (reindexed 0..n-1) with ``productivity_per_day``, the shrunk estimate of
    :func:`enumerator_productivity` (households per working day).

    Raises
    ------
    InfeasiblePlan
        Kind ``no_history`` when no enumerator has an active day to measure.
    """
    regional = regional_productivity(enumerators)
    if math.isnan(regional):
        raise InfeasiblePlan("no_history")
    staff = enumerators.reset_index(drop=True)
    return staff.assign(productivity_per_day=enumerator_productivity(staff, regional, prior_days))
