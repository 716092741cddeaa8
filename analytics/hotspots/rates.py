"""Case counts, density per km2 and rate per 10,000 residents per kelurahan, and the case
tables by category and source.

Definitions (docs/architecture.md, "Metrics"): density = cases / ``luas_km2``; rate = cases per 10,000
residents (``penduduk``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.ratios import ratio

MEASURES = ("cases_per_km2", "cases_per_10k")


def case_rates(counts: pd.DataFrame) -> pd.DataFrame:
    """Density per km2 and rate per 10,000 residents of each unit's cases.

    Parameters
    ----------
    counts : pandas.DataFrame
        One row per unit with ``cases_count`` (cases in the period and filter), ``luas_km2``
        (km2) and ``penduduk`` (persons), e.g. rows of ``queries/pmks_cases_kelurahan.sql``.
        Other columns are kept.

    Returns
    -------
    pandas.DataFrame
        ``counts`` plus cases_per_km2 (cases / km2) and cases_per_10k (cases per 10,000
        residents). A missing or zero area gives NaN density, a missing or zero population a
        NaN rate (no data, not zero).
    """
    out = counts.copy()
    out["cases_per_km2"] = ratio(out["cases_count"], out["luas_km2"])
    out["cases_per_10k"] = ratio(out["cases_count"], out["penduduk"], 10_000.0)
    return out


def category_source_table(rows: pd.DataFrame, categories, sources) -> pd.DataFrame:
    """Cases by category (rows) and source (columns) with totals.

    Parameters
    ----------
    rows : pandas.DataFrame
        ``kategori``, ``sumber`` and ``cases_count`` (any number of rows per pair, e.g. one per
        kelurahan from ``queries/pmks_cases_category.sql``).
    categories, sources : sequence of str
        Codes in display order; categories without cases are left out, every source is a
        column.

    Returns
    -------
    pandas.DataFrame
        kategori, one ``<sumber>_count`` column per source, total_count, share_rate (0-1 of
        all cases; NaN when there are none); sorted by total_count, largest first.
    """
    wide = (
        rows.pivot_table(index="kategori", columns="sumber", values="cases_count", aggfunc="sum", fill_value=0)
        .reindex(columns=list(sources), fill_value=0)
        .reindex(index=[c for c in categories if c in set(rows["kategori"])])
        .fillna(0)
        .astype("int64")
    )
    wide.columns = [f"{s}_count" for s in wide.columns]
    out = wide.reset_index().rename(columns={"index": "kategori"})
    out["total_count"] = wide.sum(axis=1).to_numpy()
    total = out["total_count"].sum()
    out["share_rate"] = out["total_count"] / total if total else np.nan
    return out.sort_values("total_count", ascending=False, kind="stable").reset_index(drop=True)


def unit_breakdown(rows: pd.DataFrame, units: pd.Series, by: str, codes) -> pd.DataFrame:
    """Each unit's cases by category or by source, one column per code.

    Parameters
    ----------
    rows : pandas.DataFrame
        ``kode``, ``by`` and ``cases_count`` (rows of ``queries/pmks_cases_category.sql``).
    units : pandas.Series
        The unit codes to report, in order; units without cases get zeros.
    by : {'kategori', 'sumber'}
    codes : sequence of str
        The codes of ``by`` that become columns ``<code>_count``.

    Returns
    -------
    pandas.DataFrame
        kode and one count column per code (cases).
    """
    wide = rows.pivot_table(index="kode", columns=by, values="cases_count", aggfunc="sum", fill_value=0)
    wide = wide.reindex(index=list(units), columns=list(codes), fill_value=0).fillna(0).astype("int64")
    wide.columns = [f"{c}_count" for c in wide.columns]
    return wide.rename_axis("kode").reset_index()
