"""Musyawarah proposals (usulan) per kelurahan: how many households and persons each musyawarah
desa/kelurahan proposed into or out of the register, how far they got (diusulkan, diinput ke
SIKS-NG, diverifikasi, ditetapkan or ditolak), how long a decision took, and which kelurahan held
no musyawarah in the cycle.

The counts come from ``queries/usulan_units.sql`` (one row per kelurahan and one for the region;
the stage rule is ``queries/schema/32_usulan_status.sql``); the functions here add the rates and
flags and apply the suppression of small counts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MUSYAWARAH = ("held", "no_date", "none")
"""Musyawarah status of a kelurahan in the cycle: held (a berita acara dated in it), no_date
(proposals, but none with a berita acara date), none (no proposal at all)."""

# Counts that say something about persons (proposed out of the register, refused), hidden when
# small, with the companion count that would give them away by subtraction.
SUPPRESSED = {"keluar_count": "masuk_count", "ditolak_count": "ditetapkan_count"}


def _ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    num = numerator.astype("float64")
    den = denominator.astype("float64")
    return (num / den.where(den > 0)).astype("float64")


def proposal_rates(units: pd.DataFrame) -> pd.DataFrame:
    """Rates and flags of each row of ``queries/usulan_units.sql``.

    Parameters
    ----------
    units : pandas.DataFrame
        Rows of usulan_units.sql: ``level``, ``kode``, ``proposals_count``, ``masuk_count``,
        ``keluar_count``, ``ganda_count``, ``ditetapkan_count``, ``ditolak_count``,
        ``pending_count``, ``tanpa_ba_count``, ``musyawarah_count`` (counts).

    Returns
    -------
    pandas.DataFrame
        ``units`` with ``decided_count`` (ditetapkan + ditolak), ``decided_rate`` (decided /
        proposals that are not ganda, 0-1), ``accepted_rate`` (ditetapkan / decided, 0-1),
        both NaN where the denominator is 0, and ``musyawarah`` (a code of
        :data:`MUSYAWARAH`) and ``no_musyawarah`` (True unless a berita acara is dated in the
        cycle).
    """
    out = units.copy()
    out["decided_count"] = out["ditetapkan_count"] + out["ditolak_count"]
    own = out["masuk_count"] + out["keluar_count"]
    out["decided_rate"] = _ratio(out["decided_count"], own)
    out["accepted_rate"] = _ratio(out["ditetapkan_count"], out["decided_count"])
    out["musyawarah"] = np.select(
        [out["musyawarah_count"] > 0, out["proposals_count"] > 0], ["held", "no_date"], "none"
    ).astype(object)
    out["no_musyawarah"] = out["musyawarah"] != "held"
    return out


def unit_level(rates: pd.DataFrame, level: str) -> pd.DataFrame:
    """The rows of one ``level`` ('kelurahan' or 'region') of :func:`proposal_rates`."""
    return rates[rates["level"] == level].reset_index(drop=True)


def without_musyawarah(rates: pd.DataFrame) -> pd.DataFrame:
    """The kelurahan rows of :func:`proposal_rates` that held no musyawarah in the cycle
    (``no_musyawarah``), in the order given."""
    kel = unit_level(rates, "kelurahan")
    return kel[kel["no_musyawarah"]].reset_index(drop=True)


def suppress_small_counts(table: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """A copy of ``table`` whose person counts of :data:`SUPPRESSED` (proposed out, refused)
    are emptied where 0 < count < ``threshold``, and in such a row their companion count too
    (masuk_count, ditetapkan_count), since the total less the companion would give the hidden
    one away. Zero counts stay (they reveal nobody); a threshold of 0 turns suppression off.

    Parameters
    ----------
    table : pandas.DataFrame
        Holds the columns of :data:`SUPPRESSED`, keys and values (counts).
    threshold : int
        The suppression threshold (``config/privacy.toml``).

    Returns
    -------
    pandas.DataFrame
        The suppressed columns as objects (None where hidden).
    """
    out = table.copy()
    if threshold <= 0:
        return out
    for column, companion in SUPPRESSED.items():
        small = (out[column] > 0) & (out[column] < threshold)
        out[column] = out[column].astype("object").where(~small, None)
        out[companion] = out[companion].astype("object").where(~small, None)
    return out
