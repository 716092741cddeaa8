"""People of the demo: names made of syllables, places and dates of birth, and NIK and KK
numbers of valid structure with random serials. No name or number describes a real person."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from warehouse.demo.common import DAY, REFERENCE_DATE, choice

# Name material: syllables, so no name is a real person's.
NAME_STARTS = (
    "Ba",
    "Da",
    "Ha",
    "Ka",
    "La",
    "Ma",
    "Na",
    "Ra",
    "Sa",
    "Ta",
    "Wa",
    "Ya",
    "Bu",
    "Du",
    "Ru",
    "Su",
    "Tu",
    "Mu",
    "Ni",
    "Ri",
    "Si",
    "Ti",
    "Di",
    "Li",
    "Jo",
    "Ko",
    "Lo",
    "So",
    "Ge",
    "Pe",
    "Re",
    "Se",
)
NAME_MIDDLES = ("", "ra", "ma", "na", "ri", "ni", "di", "ya", "wa", "la", "sa", "ti", "ku", "to", "me", "ju")
NAME_ENDS_MALE = ("to", "di", "man", "no", "ran", "din", "fan", "dar", "rul", "son")
NAME_ENDS_FEMALE = ("ni", "ti", "wati", "yah", "na", "sih", "rah", "dah", "mi", "nah")
NAME_ENDS_FAMILY = ("lan", "tra", "yono", "wan", "sari", "jaya", "putra", "ngsih", "ruddin", "mat")

# Where members born outside Batam got their NIK: kab/kota codes (digits 1-4) and the town.
OTHER_REGIONS = (
    ("1171", "Banda Aceh"),
    ("1271", "Medan"),
    ("1371", "Padang"),
    ("1471", "Pekanbaru"),
    ("1571", "Jambi"),
    ("1671", "Palembang"),
    ("1871", "Bandar Lampung"),
    ("2172", "Tanjung Pinang"),
    ("3171", "Jakarta Selatan"),
    ("3172", "Jakarta Timur"),
    ("3273", "Bandung"),
    ("3374", "Semarang"),
    ("3471", "Yogyakarta"),
    ("3578", "Surabaya"),
    ("5371", "Kupang"),
    ("6171", "Pontianak"),
    ("7371", "Makassar"),
)
OTHER_REGION_WEIGHTS = (3, 10, 8, 5, 2, 3, 2, 4, 4, 3, 4, 4, 2, 4, 5, 2, 3)
BORN_ELSEWHERE_SHARE = 0.15
# Places of birth by index: 0 is Batam, i is OTHER_REGIONS[i - 1].
BIRTHPLACES = ("Batam", *(town for _, town in OTHER_REGIONS))


def _grouped_rank(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each element: its group number among the sorted distinct keys and its rank
    (0-based, in input order) within the group."""
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    first = np.r_[True, sorted_keys[1:] != sorted_keys[:-1]]
    group_sorted = np.cumsum(first) - 1
    rank_sorted = np.arange(len(keys)) - np.flatnonzero(first)[group_sorted]
    group = np.empty(len(keys), dtype=np.int64)
    rank = np.empty(len(keys), dtype=np.int64)
    group[order] = group_sorted
    rank[order] = rank_sorted
    return group, rank


def _serials(prefix: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Four-digit serials (1-9999) unique within each prefix, starting at a random number
    per prefix as real registers do not start every day at 0001."""
    group, rank = _grouped_rank(prefix)
    start = rng.integers(1, 400, size=group.max() + 1 if len(group) else 0)
    serial = start[group] + rank
    if len(serial) and serial.max() > 9999:
        raise ValueError("too many records share a region and date for four-digit serials")
    return serial


def _ddmmyy(dates: np.ndarray, female: np.ndarray | None = None) -> np.ndarray:
    """Dates as the integer DDMMYY of NIK and KK numbers (40 added to DD for women)."""
    stamp = pd.DatetimeIndex(dates.astype("datetime64[s]"))
    day = stamp.day.to_numpy() + (40 * female if female is not None else 0)
    return day * 10_000 + stamp.month.to_numpy() * 100 + stamp.year.to_numpy() % 100


def names(rng: np.random.Generator, female: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indices into :func:`name_pool` of a given name (by sex) and a family name."""
    given, family = name_pool()
    half = len(given) // 2
    pick = rng.integers(0, half, size=len(female))
    return pick + half * female, rng.integers(0, len(family), size=len(female))


def name_pool() -> tuple[list[str], list[str]]:
    """Given names (the male half first, then the female half) and family names, built from
    syllables in a fixed order."""
    male = [s + m + e for s, m, e in itertools.product(NAME_STARTS, NAME_MIDDLES, NAME_ENDS_MALE)]
    female = [s + m + e for s, m, e in itertools.product(NAME_STARTS, NAME_MIDDLES, NAME_ENDS_FEMALE)]
    family = [s + m + e for s, m, e in itertools.product(NAME_STARTS, NAME_MIDDLES[1:], NAME_ENDS_FAMILY)]
    return male + female, family


def civil_numbers(
    region: np.ndarray, dates: np.ndarray, rng: np.random.Generator, female: np.ndarray | None = None
) -> np.ndarray:
    """NIK (with ``female``) or KK numbers as integers: the six-digit region code, the date as
    DDMMYY and a four-digit serial unique within region and date."""
    prefix = region * 1_000_000 + _ddmmyy(dates, female)
    return prefix * 10_000 + _serials(prefix, rng)


def birth_dates(age: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Birth dates of people ``age`` years old (fractional) on the data date, a random day of
    the year earlier."""
    n = len(age)
    return REFERENCE_DATE - np.floor(age * 365.25).astype("int64") * DAY - rng.integers(1, 365, n) * DAY


def birth_regions(
    elsewhere: np.ndarray, batam_region: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """The NIK region (six digits) and the place of birth (index into :data:`BIRTHPLACES`) of
    people born in Batam (``batam_region``) or, where ``elsewhere``, in one of OTHER_REGIONS."""
    n = len(elsewhere)
    other = choice(rng, OTHER_REGION_WEIGHTS, n)
    other_code = np.array([int(c) for c, _ in OTHER_REGIONS])[other]
    region = np.where(elsewhere, other_code * 100 + rng.integers(1, 11, n), batam_region)
    return region, np.where(elsewhere, other + 1, 0)
