"""Case counts, density per km2, rate per 10,000 residents and its Empirical Bayes smoothed
form per kelurahan, and the case tables by category and source.

Definitions (docs/architecture.md, "Metrics"): density = cases / ``luas_km2``; rate = cases per 10,000
residents (``penduduk``); smoothed rate = the rate shrunk toward the region's rate the more, the
fewer residents a unit has (:func:`eb_rate_per_10k`), the default value tested for hot spots so
that a hot spot is one of risk, not of people.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.ratios import ratio

# The values a hot-spot test can run on; the first is the default of the page and the export.
MEASURES = ("cases_per_10k_eb", "cases_per_km2", "cases_per_10k")
DEFAULT_MEASURE = MEASURES[0]


def eb_rate_per_10k(events: pd.Series, population: pd.Series) -> pd.Series:
    """Global Empirical Bayes smoothed rate, cases per 10,000 residents (Marshall 1991).

    Each unit's raw rate r_i = e_i / b_i is shrunk toward the region's rate m = sum(e) / sum(b)
    by the weight w_i = s2 / (s2 + m / b_i), where s2 = sum(b_i (r_i - m)^2) / sum(b) - m / mean(b)
    is the moment estimate of the between-unit variance of the true rates
    (``esda.smoothing.Empirical_Bayes``). A unit with few residents gets a small weight, so its
    rate moves toward m; a large unit keeps close to its raw rate.

    Parameters
    ----------
    events : pandas.Series
        Cases per unit (counts >= 0).
    population : pandas.Series
        Residents per unit (persons), aligned with ``events``.

    Returns
    -------
    pandas.Series
        float64, cases per 10,000 residents, same index. NaN where the population is missing,
        non-numeric, zero or negative or the cases are missing: such a unit enters neither the
        region's rate nor the variance (no data, not zero). When s2 <= 0 (the raw rates vary no
        more than chance would make them, e.g. no case at all or equal rates) every unit gets the
        region's rate m (the usual truncation of s2 at zero, where esda's weight would be
        meaningless).
    """
    e = pd.to_numeric(events, errors="coerce").astype("float64")
    b = pd.to_numeric(population, errors="coerce").astype("float64")
    known = e.notna() & b.gt(0)
    out = pd.Series(np.nan, index=events.index, dtype="float64")
    if not known.any():
        return out
    ek, bk = e[known].to_numpy(), b[known].to_numpy()
    m = ek.sum() / bk.sum()
    s2 = (bk * (ek / bk - m) ** 2).sum() / bk.sum() - m / bk.mean()
    if s2 <= 0:
        smoothed = np.full(len(ek), m)
    else:
        # Imported here: esda (with libpysal and scikit-learn) costs seconds of CPU to import,
        # paid by every process that loads the case rates but smooths none.
        from esda.smoothing import Empirical_Bayes

        smoothed = np.asarray(Empirical_Bayes(ek, bk).r).ravel()
    out[known] = smoothed * 10_000.0
    return out


def case_rates(counts: pd.DataFrame) -> pd.DataFrame:
    """Density per km2, rate per 10,000 residents and its smoothed form of each unit's cases.

    Parameters
    ----------
    counts : pandas.DataFrame
        One row per unit with ``cases_count`` (cases in the period and filter), ``luas_km2``
        (km2) and ``penduduk`` (persons), e.g. rows of ``queries/pmks_cases_kelurahan.sql``.
        Other columns are kept.

    Returns
    -------
    pandas.DataFrame
        ``counts`` plus cases_per_km2 (cases / km2), cases_per_10k (cases per 10,000
        residents) and cases_per_10k_eb (the same, Empirical Bayes smoothed over the units of
        ``counts``: :func:`eb_rate_per_10k`). A missing or zero area gives NaN density, a
        missing or zero population NaN rates (no data, not zero).
    """
    out = counts.copy()
    out["cases_per_km2"] = ratio(out["cases_count"], out["luas_km2"])
    out["cases_per_10k"] = ratio(out["cases_count"], out["penduduk"], 10_000.0)
    out["cases_per_10k_eb"] = eb_rate_per_10k(out["cases_count"], out["penduduk"])
    return out


def category_source_table(rows: pd.DataFrame, categories, sources) -> pd.DataFrame:
    """Cases by category (rows) and source (columns) with totals.

    Parameters
    ----------
    rows : pandas.DataFrame
        ``kategori``, ``sumber`` and ``cases_count`` (any number of rows per pair; one from
        ``queries/pmks_cases_category.sql``).
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
        ``kode``, ``by`` and ``cases_count`` (any number of rows per pair; one from
        ``queries/pmks_cases_source.sql`` for the sources).
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
