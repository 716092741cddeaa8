"""Working days: productivity is measured per active (working) day, so every duration of the
planner is in working days, and a date is the data date plus that many working days.

Work starts on the first working day after the data date.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np

# Rounding slack so that 2.0000000001 working days count as 2.
EPS_DAYS = 1e-9


def finish_date(today: dt.date, days: float) -> dt.date | None:
    """The date ``days`` working days (Mon-Fri) after the data date ``today``.

    Returns ``today`` when nothing is left (days <= 0), None when the work never finishes
    (days infinite or NaN); partial days round up to the next whole working day.
    """
    if days <= 0:
        return today
    if not math.isfinite(days):
        return None
    return np.busday_offset(today, math.ceil(days - EPS_DAYS), roll="backward").astype(dt.date)


def working_days_until(today: dt.date, target: dt.date) -> int:
    """Working days (Mon-Fri) after ``today`` up to and including ``target``; 0 if none."""
    return max(0, int(np.busday_count(today + dt.timedelta(days=1), target + dt.timedelta(days=1))))
