"""6T compliance of bansos distributions: rates per T, fully compliant share, rupiah at risk,
the trend over tahap, the failing distributions and a reproducible field-verification sample.

Definitions (docs/architecture.md, "Metrics"): every distribution gets each T as met, not met or not
applicable (kualitas and harga do not apply to cash); a T's compliance rate = met /
applicable; a distribution is fully compliant when every applicable T is met; rupiah at risk =
deductions (tepat jumlah failed for a potongan) + what ineligible recipients received (tepat
sasaran failed). The per-distribution judgement is made in ``queries/six_t_penyaluran.sql``
and counted per unit in ``queries/six_t_units.sql``; this module turns those into figures.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from analytics.ratios import ratio

INDICATORS = ("sasaran", "jumlah", "waktu", "kualitas", "harga", "administrasi")
# The fully compliant share, shown next to the six T wherever one of them can be picked.
COMPLIANT = "lengkap"
MEASURES = (*INDICATORS, COMPLIANT)
# Every reason code ``queries/six_t_penyaluran.sql`` gives, per T; the last two of kualitas and
# harga say why the T does not apply, the last of waktu that the tahap has not closed yet.
REASONS = {
    "sasaran": (
        "tidak_di_dtks",
        "keluarga_tidak_aktif",
        "penerima_bukan_anggota",
        "penerima_tidak_aktif",
        "nik_tidak_padan",
        "desil_kosong",
        "desil_di_atas_batas",
        "ganda",
    ),
    "jumlah": ("potongan", "lebih_bayar"),
    "waktu": ("tahap_tidak_dikenal", "sebelum_jadwal", "terlambat", "belum_jatuh_tempo"),
    "kualitas": ("qc_tidak_dicatat", "tidak_lolos_qc", "tunai"),
    "harga": ("harga_tidak_dicatat", "di_atas_acuan", "tunai", "tanpa_harga_acuan"),
    "administrasi": ("dokumen_kurang",),
}


def compliance_rates(counts: pd.DataFrame) -> pd.DataFrame:
    """Compliance rate of each T and the fully compliant share, per unit.

    Parameters
    ----------
    counts : pandas.DataFrame
        One row per unit with the counts of ``queries/six_t_units.sql``: distributions_count,
        compliant_count, and ``<t>_applicable_count``, ``<t>_met_count`` for every T of
        :data:`INDICATORS` (distributions). Other columns are kept.

    Returns
    -------
    pandas.DataFrame
        ``counts`` plus ``<t>_rate`` (met / applicable, 0-1), ``<t>_not_met_count``
        (applicable - met) and ``lengkap_rate`` (compliant / distributions, 0-1). A rate whose
        denominator is zero (no applicable distribution: no data, or a cash-only unit for
        kualitas and harga) is NaN, never 0 or 1.
    """
    out = counts.copy()
    for t in INDICATORS:
        applicable, met = out[f"{t}_applicable_count"], out[f"{t}_met_count"]
        out[f"{t}_rate"] = ratio(met, applicable)
        out[f"{t}_not_met_count"] = (applicable - met).astype("int64")
    out[f"{COMPLIANT}_rate"] = ratio(out["compliant_count"], out["distributions_count"])
    return out


def scorecard(unit: pd.Series) -> pd.DataFrame:
    """The six indicators of one unit (usually the region row) as a table.

    Parameters
    ----------
    unit : pandas.Series
        One row of :func:`compliance_rates`.

    Returns
    -------
    pandas.DataFrame
        One row per T of :data:`INDICATORS`, in that order: indicator, applicable_count,
        met_count, not_met_count (distributions), rate (0-1, NaN when nothing is applicable).
    """
    return pd.DataFrame(
        {
            "indicator": list(INDICATORS),
            "applicable_count": [int(unit[f"{t}_applicable_count"]) for t in INDICATORS],
            "met_count": [int(unit[f"{t}_met_count"]) for t in INDICATORS],
            "not_met_count": [int(unit[f"{t}_applicable_count"] - unit[f"{t}_met_count"]) for t in INDICATORS],
            "rate": [float(unit[f"{t}_rate"]) for t in INDICATORS],
        }
    )


def unit_level(rates: pd.DataFrame, level: str) -> pd.DataFrame:
    """The rows of one level of :func:`compliance_rates` on ``six_t_units.sql``.

    Parameters
    ----------
    rates : pandas.DataFrame
        Output of :func:`compliance_rates` with the ``level`` column.
    level : {'region', 'kecamatan', 'kelurahan', 'program', 'tahap', 'kanal'}

    Returns
    -------
    pandas.DataFrame
        Those rows with a fresh index, in the query's order.
    """
    return rates[rates["level"] == level].reset_index(drop=True)


def heat_table(units: pd.DataFrame, label: str = "nama") -> pd.DataFrame:
    """Units x T compliance in percent, for a heat table.

    Parameters
    ----------
    units : pandas.DataFrame
        Rows of :func:`compliance_rates` (e.g. the kelurahan level) with ``label``.
    label : str
        The column naming each unit (becomes the index).

    Returns
    -------
    pandas.DataFrame
        Index ``label``, one column per measure of :data:`MEASURES` (the six T, then
        ``lengkap``), values in percent 0-100 (NaN where nothing is applicable). Units
        without any distribution are left out. Rows sorted by the fully compliant share,
        lowest first.
    """
    shown = units[units["distributions_count"] > 0]
    out = pd.DataFrame({m: shown[f"{m}_rate"].to_numpy(dtype="float64") * 100 for m in MEASURES})
    out.index = pd.Index(shown[label].to_numpy(), name=label)
    return out.sort_values(COMPLIANT, kind="stable")


def trend(tahap_rows: pd.DataFrame) -> pd.DataFrame:
    """Compliance per tahap, long, for a line chart.

    Parameters
    ----------
    tahap_rows : pandas.DataFrame
        The tahap level of :func:`compliance_rates`: kode (tahap), kode_program,
        tanggal_mulai, the ``<m>_rate`` columns of :data:`MEASURES`.

    Returns
    -------
    pandas.DataFrame
        kode_program, tahap, tanggal_mulai, measure (one of :data:`MEASURES`), rate_pct
        (0-100; NaN where nothing was applicable). Sorted by programme, tahap start, measure
        order. An empty input gives an empty frame with these columns.
    """
    base = tahap_rows.rename(columns={"kode": "tahap"}).sort_values(["kode_program", "tanggal_mulai", "tahap"])
    long = base.melt(
        id_vars=["kode_program", "tahap", "tanggal_mulai"],
        value_vars=[f"{m}_rate" for m in MEASURES],
        var_name="measure",
        value_name="rate_pct",
    )
    long["measure"] = long["measure"].str.removesuffix("_rate")
    long["rate_pct"] = long["rate_pct"].astype("float64") * 100
    order = {m: i for i, m in enumerate(MEASURES)}
    long["_order"] = long["measure"].map(order)
    long = long.sort_values(["kode_program", "tanggal_mulai", "tahap", "_order"], kind="stable")
    return long.drop(columns="_order").reset_index(drop=True)


def failures(distributions: pd.DataFrame) -> pd.DataFrame:
    """Every failed T of every distribution, one row each.

    Parameters
    ----------
    distributions : pandas.DataFrame
        Rows of ``queries/six_t_penyaluran.sql``: id_penyaluran, ``<t>_met`` (True, False or
        null for not applicable) and ``<t>_reason`` for every T of :data:`INDICATORS`.

    Returns
    -------
    pandas.DataFrame
        id_penyaluran, indicator, reason; distributions in their input order, T in the order
        of :data:`INDICATORS`. A distribution failing two T gives two rows.
    """
    parts = []
    for i, t in enumerate(INDICATORS):
        failed = distributions[f"{t}_met"].astype("boolean").eq(False).fillna(False).to_numpy(dtype=bool)
        parts.append(
            pd.DataFrame(
                {
                    "_row": np.flatnonzero(failed),
                    "_t": i,
                    "id_penyaluran": distributions["id_penyaluran"].to_numpy()[failed],
                    "indicator": t,
                    "reason": distributions[f"{t}_reason"].to_numpy()[failed],
                }
            )
        )
    out = pd.concat(parts, ignore_index=True).sort_values(["_row", "_t"], kind="stable")
    return out.drop(columns=["_row", "_t"]).reset_index(drop=True)


def reason_counts(distributions: pd.DataFrame) -> pd.DataFrame:
    """How often each T failed for each reason.

    Parameters
    ----------
    distributions : pandas.DataFrame
        Rows of ``queries/six_t_penyaluran.sql`` (see :func:`failures`).

    Returns
    -------
    pandas.DataFrame
        indicator, reason, failed_count (distributions), in the order of :data:`INDICATORS`
        and, within a T, of :data:`REASONS`. A distribution failing two T counts under both.
    """
    long = failures(distributions)
    return sort_reasons(long.groupby(["indicator", "reason"], sort=False).size().rename("failed_count").reset_index())


def sort_reasons(counts: pd.DataFrame) -> pd.DataFrame:
    """Reason counts in the order of :data:`INDICATORS` and, within a T, of :data:`REASONS`.

    Parameters
    ----------
    counts : pandas.DataFrame
        indicator, reason, failed_count (distributions), e.g. rows of
        ``queries/six_t_reasons.sql``; a reason not in :data:`REASONS` goes last.

    Returns
    -------
    pandas.DataFrame
        The same rows, sorted, with a fresh index; failed_count as int64.
    """
    order = {(t, r): i for i, (t, r) in enumerate((t, r) for t in INDICATORS for r in REASONS[t])}
    out = counts.assign(
        failed_count=counts["failed_count"].astype("int64"),
        _order=[order.get(key, len(order)) for key in zip(counts["indicator"], counts["reason"])],
    )
    return out.sort_values("_order", kind="stable").drop(columns="_order").reset_index(drop=True)


def failing_on(distributions: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """The distributions that failed one T.

    Parameters
    ----------
    distributions : pandas.DataFrame
        Rows of ``queries/six_t_penyaluran.sql`` with ``<indicator>_met`` (True, False or null
        for not applicable).
    indicator : str
        One of :data:`INDICATORS`.

    Returns
    -------
    pandas.DataFrame
        The rows whose ``<indicator>_met`` is False (not applicable is not a failure), in
        their input order, index kept.
    """
    if indicator not in INDICATORS:
        raise ValueError(f"unknown indicator {indicator!r}; choose from {INDICATORS}")
    failed = distributions[f"{indicator}_met"].astype("boolean").eq(False).fillna(False)
    return distributions[failed.to_numpy(dtype=bool)]


def failure_text(distributions: pd.DataFrame, labels: dict[str, str], reasons: dict[str, str]) -> pd.Series:
    """A readable list of what each distribution failed, e.g. "Jumlah: potongan; Administrasi:
    dokumen kurang".

    Parameters
    ----------
    distributions : pandas.DataFrame
        Rows of ``queries/six_t_penyaluran.sql`` (see :func:`failures`).
    labels : dict
        Indicator -> its display name.
    reasons : dict
        Reason code -> its display text (a code without an entry is shown as it is).

    Returns
    -------
    pandas.Series
        Text per row of ``distributions`` (same index); an empty string when it failed nothing.
    """
    # T by T over the failed rows only, rather than grouping the rows of failures(): the list
    # can hold a hundred thousand distributions, and a join per distribution takes seconds.
    out = np.full(len(distributions), "", dtype=object)
    for t in INDICATORS:
        failed = distributions[f"{t}_met"].astype("boolean").eq(False).fillna(False).to_numpy(dtype=bool)
        codes = distributions[f"{t}_reason"].to_numpy(dtype=object)[failed]
        text = np.array([f"{labels[t]}: {reasons.get(c, c)}" for c in codes], dtype=object)
        before = out[failed]
        out[failed] = np.where(before != "", before + "; " + text, text)
    return pd.Series(out, index=distributions.index, name="failures")


def sample_key(seed: int, id_penyaluran: str) -> str:
    """The sort key that decides which distributions are drawn: SHA-256 of "<seed>:<id>".

    An auditor can recompute it with any tool, and it does not depend on the order or the
    number of the other rows.
    """
    return hashlib.sha256(f"{seed}:{id_penyaluran}".encode()).hexdigest()


def stratified_sample(
    distributions: pd.DataFrame, per_stratum: int, seed: int, stratum: str = "kode_kelurahan"
) -> pd.DataFrame:
    """A reproducible random sample of distributions, the same number from every stratum.

    Parameters
    ----------
    distributions : pandas.DataFrame
        Rows with ``id_penyaluran`` (unique) and the ``stratum`` column.
    per_stratum : int
        Distributions drawn per stratum (kelurahan); a stratum with fewer gives all of them.
    seed : int
        Any whole number; the same seed on the same rows gives the same sample, in any row order.
    stratum : str
        The column to stratify by.

    Returns
    -------
    pandas.DataFrame
        The drawn rows with ``sample_rank`` (1 = first drawn in its stratum) and
        ``stratum_count`` (distributions in the stratum), sorted by stratum and rank. Within
        a stratum the rows with the smallest :func:`sample_key` are drawn, so every subset of
        the same size is equally likely.
    """
    if per_stratum < 1:
        raise ValueError("per_stratum must be at least 1")
    keyed = distributions.assign(_key=[sample_key(seed, i) for i in distributions["id_penyaluran"]])
    keyed = keyed.sort_values([stratum, "_key"], kind="stable")
    keyed["sample_rank"] = keyed.groupby(stratum, sort=False).cumcount() + 1
    keyed["stratum_count"] = keyed.groupby(stratum, sort=False)["_key"].transform("size")
    drawn = keyed[keyed["sample_rank"] <= per_stratum]
    return drawn.drop(columns="_key").reset_index(drop=True)


def status(met: pd.Series) -> pd.Series:
    """'met', 'not_met' or 'not_applicable' for a ``<t>_met`` column (True/False/null)."""
    flags = met.astype("boolean")
    out = pd.Series("not_applicable", index=met.index, dtype="object")
    out[flags.eq(True).fillna(False).to_numpy(dtype=bool)] = "met"
    out[flags.eq(False).fillna(False).to_numpy(dtype=bool)] = "not_met"
    return out


def working_paper(sample: pd.DataFrame, columns: list[str]) -> dict[str, pd.DataFrame]:
    """The field-verification working paper: one table per T.

    Parameters
    ----------
    sample : pandas.DataFrame
        Output of :func:`stratified_sample` on rows of ``queries/six_t_penyaluran.sql``,
        personal data already masked.
    columns : list of str
        Identifying columns to repeat on every sheet (e.g. kelurahan, id_penyaluran, masked
        NIK, amounts).

    Returns
    -------
    dict
        Indicator (in :data:`INDICATORS` order) -> table of ``columns`` plus status
        (met/not_met/not_applicable), reason (the failure code, or why not applicable), and
        empty ``field_result`` and ``field_note`` columns for the auditor to fill in.
    """
    sheets = {}
    for t in INDICATORS:
        sheet = sample[columns].copy()
        sheet["status"] = status(sample[f"{t}_met"]).to_numpy()
        sheet["reason"] = sample[f"{t}_reason"].to_numpy()
        sheet["field_result"] = ""
        sheet["field_note"] = ""
        sheets[t] = sheet.reset_index(drop=True)
    return sheets
