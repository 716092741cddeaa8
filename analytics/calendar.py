"""Working days of the agency: the days its enumerators work, for paces and projected dates.

A :class:`WorkCalendar` is a week mask (Monday to Friday, or Monday to Saturday where a region
works Saturdays) and the days off on top of the weekend: Indonesian public holidays and cuti
bersama from the ``holidays`` package (:func:`national_days_off`), corrected and completed by
the settings file (``config/calendar.toml``, read by ``reports.settings.work_calendar``) with
local days off. ``WorkCalendar()`` without days off is the plain Monday-to-Friday week.

Durations are in working days; work starts on the first working day after the data date, so
``d`` working days after the data date end on the ``ceil(d)``-th working day after it
(:meth:`WorkCalendar.finish_date`).
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

import holidays
import numpy as np

MON_FRI = "1111100"
MON_SAT = "1111110"
# The years the national days off are taken from the holidays package; beyond them only the
# weekend and the configured days are off.
YEARS = range(2020, 2041)
# Rounding slack so that 2.0000000001 working days count as 2.
EPS_DAYS = 1e-9


@dataclass(frozen=True)
class WorkCalendar:
    """Which days are working days.

    days_off: (date, name) pairs, sorted, the days off on top of the weekend (a day off on a
    weekend day changes nothing); weekmask: seven 0/1 characters from Monday (numpy's
    ``busdaycalendar`` convention), :data:`MON_FRI` or :data:`MON_SAT`.
    """

    days_off: tuple[tuple[dt.date, str], ...] = ()
    weekmask: str = MON_FRI

    @functools.cached_property
    def _numpy(self) -> np.busdaycalendar:
        # Built once per calendar: a page asks it for thousands of dates, and rebuilding (or
        # even hashing) some 400 days off each time was a quarter second of a province's page.
        return np.busdaycalendar(weekmask=self.weekmask, holidays=[d for d, _ in self.days_off])

    def __getstate__(self) -> dict:
        # Streamlit's cache pickles the plans that hold a calendar; numpy's busdaycalendar
        # does not pickle, and is rebuilt on first use after loading.
        return {k: v for k, v in self.__dict__.items() if k != "_numpy"}

    def is_working_day(self, day: dt.date) -> bool:
        return bool(np.is_busday(day, busdaycal=self._numpy))

    def finish_date(self, today: dt.date, days: float) -> dt.date | None:
        """The day ``days`` working days after the data date ``today`` end on.

        ``today`` when nothing is left (days <= 0), None when the work never finishes (days
        infinite or NaN); partial days round up to the next whole working day.
        """
        if days <= 0:
            return today
        if not math.isfinite(days):
            return None
        return np.busday_offset(today, math.ceil(days - EPS_DAYS), roll="backward", busdaycal=self._numpy).astype(
            dt.date
        )

    def day_of(self, today: dt.date, days: float) -> dt.date:
        """The working day during which ``days`` working days after the data date have passed
        (0: the first working day after ``today``; 2.5: the middle of the third)."""
        return np.busday_offset(
            today, math.floor(max(days, 0.0) + EPS_DAYS) + 1, roll="backward", busdaycal=self._numpy
        ).astype(dt.date)

    def working_days_until(self, today: dt.date, target: dt.date) -> int:
        """Working days after ``today`` up to and including ``target``; 0 if none."""
        return self.working_days_between(today + dt.timedelta(days=1), target)

    def working_days_between(self, first: dt.date, last: dt.date) -> int:
        """Working days from ``first`` to ``last``, both included; 0 when ``last`` < ``first``."""
        return max(0, int(np.busday_count(first, last + dt.timedelta(days=1), busdaycal=self._numpy)))

    def days_between(self, earlier: dt.date, later: dt.date) -> int:
        """Working days from ``earlier`` (included) to ``later`` (excluded); negative when
        ``later`` comes first (numpy's ``busday_count``)."""
        return int(np.busday_count(earlier, later, busdaycal=self._numpy))


@functools.lru_cache(maxsize=4)
def national_days_off(years: tuple[int, ...] = tuple(YEARS)) -> tuple[tuple[dt.date, str], ...]:
    """Indonesia's public holidays and cuti bersama (joint leave days of the civil service) in
    ``years``, from the ``holidays`` package (categories public and government, Indonesian
    names; dates the package only estimates say "perkiraan")."""
    days = holidays.country_holidays("ID", years=years, categories=("public", "government"), language="id")
    return tuple(sorted(days.items()))


def indonesian_calendar(
    extra_days_off: Mapping[dt.date, str] | Iterable[tuple[dt.date, str]] = (),
    working: Collection[dt.date] = (),
    working_saturdays: bool = False,
    years: Iterable[int] = YEARS,
) -> WorkCalendar:
    """The agency's calendar: national days off, plus ``extra_days_off``, minus ``working``.

    Parameters
    ----------
    extra_days_off : mapping or pairs of (date, name)
        Local days off and national ones the package lacks; a name given here replaces the
        package's for the same date.
    working : collection of date
        Days the package lists that are worked after all (a cuti bersama cancelled).
    working_saturdays : bool
        The region works Monday to Saturday.
    years : iterable of int
        Years of national days off.
    """
    extra = dict(extra_days_off.items() if isinstance(extra_days_off, Mapping) else extra_days_off)
    days = dict(national_days_off(tuple(years)))
    days.update(extra)
    for day in working:
        days.pop(day, None)
    return WorkCalendar(tuple(sorted(days.items())), MON_SAT if working_saturdays else MON_FRI)


def last_finish(finish: Iterable[dt.date | None], backlog: Iterable[float]) -> tuple[dt.date | None, np.ndarray]:
    """When a set of units is done: the finish of its last unit, and which units never finish.

    Parameters
    ----------
    finish : iterable of date or None
        Each unit's projected finish (None: never, e.g. a backlog at pace zero).
    backlog : iterable of float
        Each unit's backlog; a unit without one is done whatever its finish says.

    Returns
    -------
    (date or None, numpy.ndarray)
        The latest finish (None when a unit with a backlog never finishes, or when there is
        no unit), and the boolean mask of the units with a backlog and no finish.
    """
    finish = list(finish)
    busy = np.asarray(list(backlog), dtype="float64") > 0
    never = np.array([f is None for f in finish], dtype=bool) & busy
    dates = [f for f, b in zip(finish, busy) if b and f is not None]
    if never.any():
        return None, never
    if dates:
        return max(dates), never
    done = [f for f in finish if f is not None]
    return (max(done) if done else None), never


PLAIN_WEEK = WorkCalendar()


def finish_date(today: dt.date, days: float, calendar: WorkCalendar = PLAIN_WEEK) -> dt.date | None:
    """:meth:`WorkCalendar.finish_date` of ``calendar`` (default Monday to Friday, no days off)."""
    return calendar.finish_date(today, days)


def working_days_until(today: dt.date, target: dt.date, calendar: WorkCalendar = PLAIN_WEEK) -> int:
    """:meth:`WorkCalendar.working_days_until` of ``calendar`` (default Monday to Friday)."""
    return calendar.working_days_until(today, target)
