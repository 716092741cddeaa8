"""Targeting errors of bansos: the exclusion error (households in desil 1-4 that no programme
paid in its latest closed tahap) and the inclusion error (recipients in desil 6 and above, with
the rupiah paid to them), per kelurahan and for a region; the masked follow-up list; and the
suppression of small counts the targeting and pendataan tables share.

The counts come from SQL (queries/eksklusi_units.sql, which reads the analytics table built by
queries/analytics/41_eksklusi_kelurahan.sql); here they become rates and totals.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.privacy import mask_number

COUNTS = ("eligible_count", "excluded_count", "recipients_count", "included_count", "included_rupiah")


def _ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    num = numerator.astype("float64")
    den = denominator.astype("float64")
    return (num / den.where(den > 0)).astype("float64")


def error_rates(units: pd.DataFrame) -> pd.DataFrame:
    """The exclusion and inclusion rates of each row of ``units``.

    Parameters
    ----------
    units : pandas.DataFrame
        Rows with ``eligible_count`` (households in the frame and in desil 1-4),
        ``excluded_count`` (of them, paid by no programme), ``recipients_count`` (households
        paid) and ``included_count`` (of them, in desil 6 and above); any other columns are kept.

    Returns
    -------
    pandas.DataFrame
        A copy with ``excluded_rate`` = excluded_count / eligible_count and ``included_rate`` =
        included_count / recipients_count (0-1; NaN where the denominator is 0).
    """
    return units.assign(
        excluded_rate=_ratio(units["excluded_count"], units["eligible_count"]),
        included_rate=_ratio(units["included_count"], units["recipients_count"]),
    )


def region_totals(units: pd.DataFrame) -> pd.DataFrame:
    """The counts of ``units`` summed per programme, with their rates.

    Parameters
    ----------
    units : pandas.DataFrame
        Kelurahan rows with ``kode_program`` (null: all programmes together), ``tahap`` and the
        counts of :data:`COUNTS` (households; ``included_rupiah`` in rupiah).

    Returns
    -------
    pandas.DataFrame
        One row per programme in the order of first appearance (the all-programmes row keeps
        kode_program None): kode_program, tahap, the summed counts and the rates of
        :func:`error_rates`. Empty (with those columns) when ``units`` is.
    """
    key = units["kode_program"].astype(object).where(units["kode_program"].notna(), "")
    grouped = units.assign(_key=key).groupby("_key", sort=False)
    totals = grouped[list(COUNTS)].sum().astype("int64")
    tahap = grouped["tahap"].first().astype(object)
    totals["tahap"] = tahap.where(tahap.notna(), None)
    totals = totals.reset_index()
    program = totals.pop("_key").astype(object)
    totals["kode_program"] = program.where(program != "", None)
    return error_rates(totals[["kode_program", "tahap", *COUNTS]])


def initials(name) -> str | None:
    """A person's name as its initials: ``'Siti Nur Aisyah'`` -> ``'S. N. A.'``; None stays None."""
    if name is None or (not isinstance(name, str) and pd.isna(name)):
        return None
    return " ".join(f"{word[0].upper()}." for word in str(name).split())


def follow_up_list(rows: pd.DataFrame) -> pd.DataFrame:
    """The excluded households as the auditor's follow-up list, personal data masked.

    Parameters
    ----------
    rows : pandas.DataFrame
        Rows of queries/eksklusi_keluarga.sql: ``no_kk``, ``nik`` (16-digit text), ``nama``
        and any other columns.

    Returns
    -------
    pandas.DataFrame
        A copy with ``no_kk`` and ``nik`` starred but their last four digits and ``nama`` as
        initials (:func:`initials`).
    """
    masked = {
        "no_kk": [mask_number(v) for v in rows["no_kk"]],
        "nik": [mask_number(v) for v in rows["nik"]],
        "nama": [initials(v) for v in rows["nama"]],
    }
    return rows.assign(**{col: pd.Series(values, index=rows.index, dtype=object) for col, values in masked.items()})


def suppress_small_counts(table: pd.DataFrame, threshold: int, linked: dict[str, tuple[str, ...]]) -> pd.DataFrame:
    """A copy of ``table`` whose small counts of people are emptied, with what would reveal them.

    Parameters
    ----------
    table : pandas.DataFrame
        Any table of counts per unit.
    threshold : int
        A count above 0 and below it is hidden (config/privacy.toml); 0 turns suppression off.
        Zero counts stay, since they reveal nobody.
    linked : dict
        Count column -> the columns emptied with it (a rate or a rupiah sum it can be worked
        back from).

    Returns
    -------
    pandas.DataFrame
        The table with the hidden cells as None (their columns become object dtype).
    """
    out = table.copy()
    if threshold <= 0:
        return out
    for count, others in linked.items():
        small = (out[count] > 0) & (out[count] < threshold)
        for col in (count, *others):
            out[col] = out[col].astype("object").where(~small.to_numpy(), None)
    return out


def as_pct(rate: pd.Series) -> pd.Series:
    """A 0-1 rate as a percentage rounded to 0.1 (NaN stays NaN)."""
    return (rate.astype("float64") * 100).round(1).where(rate.notna(), np.nan)
