"""Graduasi PKH: the KPM who left PKH per kelurahan and year, by kind (graduasi sejahtera
mandiri, or graduasi alamiah: no longer eligible, moved, died; and those that left with no
recorded reason), against the yearly target of graduasi sejahtera mandiri.

The counts come from ``queries/graduasi_units.sql`` (one row per kelurahan and year and one per
year for the region; the exit rule is ``queries/analytics/51_pkh_keluar_kpm.sql``); the functions here
pick a year, compare with the target, shape the trend and suppress small counts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

KINDS = ("sejahtera_mandiri", "alamiah_tidak_layak", "alamiah_pindah", "alamiah_meninggal", "tanpa_keterangan")
"""The kinds of exit; their counts add up to keluar_count."""
KIND_COLUMNS = tuple(f"{k}_count" for k in KINDS)
ALONE = ("tidak_tercatat_count", "masih_menerima_count")
"""Counts of persons that are no part of the sum of kinds, suppressed one by one."""


def of_year(units: pd.DataFrame, tahun: int, level: str = "kelurahan") -> pd.DataFrame:
    """The rows of one ``level`` ('kelurahan' or 'region') and year of graduasi_units.sql."""
    rows = units[(units["level"] == level) & (units["tahun"] == tahun)]
    return rows.reset_index(drop=True)


def against_target(region: pd.DataFrame, targets: dict[int, int]) -> pd.DataFrame:
    """The region's exits per year beside the yearly target of graduasi sejahtera mandiri.

    Parameters
    ----------
    region : pandas.DataFrame
        The region rows of graduasi_units.sql (``tahun`` and the counts of :data:`KIND_COLUMNS`,
        ``keluar_count``, optionally :data:`ALONE`), one per year.
    targets : dict
        Year -> target count of graduasi sejahtera mandiri (KPM); years without one are NaN.

    Returns
    -------
    pandas.DataFrame
        One row per year of ``region`` and of ``targets``, oldest first: ``tahun``,
        ``keluar_count``, the kind counts (and those of :data:`ALONE` that ``region`` has),
        ``target_count`` (NaN without a target) and ``target_rate`` (sejahtera mandiri /
        target, 0-1 and above; NaN without a target or with a target of 0). A target year
        without exits has zero counts.
    """
    columns = ["keluar_count", *KIND_COLUMNS, *[c for c in ALONE if c in region.columns]]
    counts = region.set_index("tahun")[columns].astype("int64")
    every = sorted(set(counts.index) | set(targets))
    out = counts.reindex(every, fill_value=0).rename_axis("tahun").reset_index()
    out["target_count"] = pd.Series([targets.get(int(y), np.nan) for y in out["tahun"]], dtype="float64")
    target = out["target_count"].where(out["target_count"] > 0)
    out["target_rate"] = out["sejahtera_mandiri_count"] / target
    return out


def trend(progress: pd.DataFrame) -> pd.DataFrame:
    """:func:`against_target` in long form for a stacked chart: one row per year and kind
    (``tahun``, ``jenis``, a code of :data:`KINDS`, ``kpm_count``), in the order of
    :data:`KINDS` within each year."""
    long = progress.melt(id_vars="tahun", value_vars=list(KIND_COLUMNS), var_name="jenis", value_name="kpm_count")
    long["jenis"] = long["jenis"].str.removesuffix("_count")
    order = {k: i for i, k in enumerate(KINDS)}
    long = long.sort_values(["tahun", "jenis"], key=lambda s: s.map(order) if s.name == "jenis" else s)
    return long.reset_index(drop=True)


def suppress_small_counts(table: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """A copy of ``table`` with the small counts of persons emptied (None).

    In each row: a kind count of :data:`KIND_COLUMNS` with 0 < count < ``threshold`` is hidden;
    when exactly one kind is hidden, the smallest other non-zero kind is hidden too (else
    keluar_count less the shown kinds would give it away); when keluar_count itself is small,
    it and every kind are hidden. The counts of :data:`ALONE` (those ``table`` has) are hidden
    on their own. Zero
    counts stay (they reveal nobody); a threshold of 0 turns suppression off.

    Parameters
    ----------
    table : pandas.DataFrame
        Holds ``keluar_count`` and :data:`KIND_COLUMNS` (counts of KPM), and may hold
        :data:`ALONE`.
    threshold : int
        The suppression threshold (``config/privacy.toml``).
    """
    out = table.copy()
    if threshold <= 0:
        return out
    counts = table[["keluar_count", *KIND_COLUMNS]].to_numpy(dtype="int64")
    small = (counts > 0) & (counts < threshold)
    parts = small[:, 1:].copy()
    values = counts[:, 1:]
    single = parts.sum(axis=1) == 1
    for i in np.flatnonzero(single):
        others = np.where(~parts[i] & (values[i] > 0), values[i], np.iinfo("int64").max)
        if others.min() < np.iinfo("int64").max:
            parts[i, int(np.argmin(others))] = True
    parts |= small[:, :1]
    hidden = np.column_stack([small[:, 0], parts])
    for j, column in enumerate(["keluar_count", *KIND_COLUMNS]):
        out[column] = out[column].astype("object").where(~hidden[:, j], None)
    for column in [c for c in ALONE if c in out.columns]:
        alone = (out[column] > 0) & (out[column] < threshold)
        out[column] = out[column].astype("object").where(~alone, None)
    return out
