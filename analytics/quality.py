"""Data-quality checks of the DTKS register, per record and counted per kelurahan.

Each check returns *findings*: one row per record that fails it, with the columns of
:data:`FINDING_COLUMNS`. The rows carry personal data (NIK, KK, names): mask them with
:func:`masked_findings` before showing or exporting them.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from analytics.privacy import mask_frame
from geodata.points import assign_points_to_units

CHECKS = (
    "nik_invalid",
    "nik_duplicate",
    "no_head",
    "age_relation",
    "outside_kelurahan",
    "not_visited",
)

FINDING_COLUMNS = ["check", "kode_kelurahan", "id_dtks", "id_anggota", "no_kk", "nik", "nama", "detail"]

# Least age gap in years between the head and a member of this relation, and whether the
# member should be younger (+1) or older (-1) than the head; the least age of a head or spouse.
MIN_GAP_YEARS = {"anak": 12.0, "cucu": 24.0, "orang_tua": 12.0}
GAP_DIRECTION = {"anak": 1.0, "cucu": 1.0, "orang_tua": -1.0}
MIN_ADULT_AGE_YEARS = 15.0
NOT_VISITED_DAYS = 365


def _findings(check: str, rows: pd.DataFrame, detail) -> pd.DataFrame:
    out = pd.DataFrame({c: rows[c] if c in rows.columns else None for c in FINDING_COLUMNS[1:-1]})
    out.insert(0, "check", check)
    out["detail"] = detail if not isinstance(detail, pd.Series) else detail.astype(str).to_numpy()
    return out.reset_index(drop=True)[FINDING_COLUMNS]


def nik_problem(nik: pd.Series) -> pd.Series:
    """What is wrong with each NIK's structure, None when nothing is.

    Parameters
    ----------
    nik : pandas.Series
        NIK as text.

    Returns
    -------
    pandas.Series of str or None
        ``length`` (not exactly 16 digits), ``region`` (province code outside 11-99, or a
        kab/kota or kecamatan code 00), ``birth_date`` (digits 7-12 are no date DDMMYY, with
        40 added to DD for women) or ``serial`` (digits 13-16 are 0000), the first that
        applies; a missing NIK is ``length``.
    """
    text = nik.astype("string").str.strip()
    digits = text.str.fullmatch(r"\d{16}").fillna(False).astype(bool)
    out = pd.Series(np.where(digits, None, "length"), index=nik.index, dtype=object)
    ok = text.where(digits, "0000000000000000")
    province = ok.str[0:2].astype(int)
    region_bad = (province < 11) | (ok.str[2:4] == "00") | (ok.str[4:6] == "00")
    day = ok.str[6:8].astype(int)
    day = day.where(day <= 40, day - 40)
    month = ok.str[8:10].astype(int)
    # Two-digit years: 2000 stands for "00" so that 29 February is allowed in every year
    # divisible by four (1900 is the only exception and no living person was born then).
    year = 2000 + ok.str[10:12].astype(int)
    born = pd.to_datetime(
        pd.DataFrame({"year": year, "month": month.clip(1, 12), "day": day.clip(1, 31)}), errors="coerce"
    )
    date_bad = (month < 1) | (month > 12) | (day < 1) | born.isna() | (born.dt.day != day)
    serial_bad = ok.str[12:16] == "0000"
    for mask, reason in ((serial_bad, "serial"), (date_bad, "birth_date"), (region_bad, "region")):
        out = out.where(~(digits & mask), reason)
    return out


def invalid_niks(members: pd.DataFrame) -> pd.DataFrame:
    """Members whose NIK is structurally invalid (:func:`nik_problem`).

    Parameters
    ----------
    members : pandas.DataFrame
        ``queries/quality_members.sql`` rows: id_anggota, id_dtks, no_kk, kode_kelurahan, nik,
        nama (other columns ignored).
    """
    problem = nik_problem(members["nik"])
    bad = problem.notna()
    return _findings("nik_invalid", members[bad], problem[bad])


def duplicate_niks(members: pd.DataFrame) -> pd.DataFrame:
    """Members whose NIK also belongs to a member of another household (every such row).

    Parameters
    ----------
    members : pandas.DataFrame
        As for :func:`invalid_niks`. The detail is the number of households sharing the NIK.
    """
    households = members.groupby("nik")["id_dtks"].transform("nunique")
    dup = households > 1
    return _findings("nik_duplicate", members[dup], households[dup])


def households_without_head(households: pd.DataFrame) -> pd.DataFrame:
    """Active households with no active member recorded as kepala_keluarga.

    Parameters
    ----------
    households : pandas.DataFrame
        ``queries/quality_households.sql`` rows: id_dtks, no_kk, kode_kelurahan, heads_count.
    """
    none = households["heads_count"] == 0
    return _findings("no_head", households[none], "")


def _age_years(born: pd.Series, today: dt.date) -> pd.Series:
    return (pd.Timestamp(today) - pd.to_datetime(born)).dt.days / 365.25


def age_relation_conflicts(members: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Members whose age contradicts their relation to the head of the household.

    A head or spouse younger than :data:`MIN_ADULT_AGE_YEARS`; a child less than 12 years
    younger than the head, a grandchild less than 24, a parent less than 12 years older (the
    gaps of :data:`MIN_GAP_YEARS`). Members or heads without a birth date are not judged;
    households with several heads use the first head by id_anggota.

    Parameters
    ----------
    members : pandas.DataFrame
        As for :func:`invalid_niks` plus tanggal_lahir (date) and hubungan.
    today : datetime.date
        The date ages are taken at (the data date).
    """
    age = _age_years(members["tanggal_lahir"], today)
    heads = members.assign(age=age)[members["hubungan"] == "kepala_keluarga"]
    head_age = heads.sort_values("id_anggota").drop_duplicates("id_dtks").set_index("id_dtks")["age"]
    gap = members["hubungan"].map(GAP_DIRECTION) * (members["id_dtks"].map(head_age) - age)
    adult = members["hubungan"].isin(["kepala_keluarga", "pasangan"])
    too_young = adult & (age < MIN_ADULT_AGE_YEARS)
    least_gap = members["hubungan"].map(MIN_GAP_YEARS)
    bad_gap = least_gap.notna() & (gap < least_gap)
    bad = (too_young | bad_gap).fillna(False).astype(bool)
    return _findings("age_relation", members[bad], members.loc[bad, "hubungan"])


def dwellings_outside_kelurahan(households: pd.DataFrame, units) -> pd.DataFrame:
    """Households whose dwelling coordinates lie in another kelurahan than the declared one.

    Uses :func:`geodata.points.assign_points_to_units` (with its tolerance for slivers, gaps
    and the shore). A point in no unit within that tolerance counts as outside too; households
    without coordinates are not judged.

    Parameters
    ----------
    households : pandas.DataFrame
        As for :func:`households_without_head` plus lon, lat (degrees, EPSG:4326).
    units : geopandas.GeoDataFrame
        kode and geometry (EPSG:4326) of the region's kelurahan. The detail is the code of the
        unit the point lies in (empty when none).
    """
    located = households[households["lon"].notna() & households["lat"].notna()]
    if located.empty:
        return _findings("outside_kelurahan", located, "")
    where = assign_points_to_units(located, units, declared_column="kode_kelurahan")
    outside = (where["declared_disagrees"].fillna(False).astype(bool)) | (where["spatial_match"] == "too_far")
    return _findings("outside_kelurahan", located[outside], where.loc[outside, "kode_spatial"].fillna(""))


def not_visited(households: pd.DataFrame, today: dt.date, days: int = NOT_VISITED_DAYS) -> pd.DataFrame:
    """Active households with no verivali row for more than ``days`` days.

    A household never visited counts from its registration date; one with neither a visit
    nor a registration date is reported (nobody can tell when it was last seen).

    Parameters
    ----------
    households : pandas.DataFrame
        As for :func:`households_without_head` plus last_visit and tanggal_terdaftar (dates).
    today : datetime.date
        The data date. The detail is the date of the last visit (empty when never).
    """
    seen = pd.to_datetime(households["last_visit"]).fillna(pd.to_datetime(households["tanggal_terdaftar"]))
    stale = (seen.isna() | ((pd.Timestamp(today) - seen).dt.days > days)).astype(bool)
    last = pd.to_datetime(households.loc[stale, "last_visit"]).dt.strftime("%Y-%m-%d").fillna("")
    return _findings("not_visited", households[stale], last)


def quality_findings(members: pd.DataFrame, households: pd.DataFrame, units, today: dt.date) -> pd.DataFrame:
    """Every check of :data:`CHECKS` on a region, as one list of findings.

    Parameters
    ----------
    members, households
        ``queries/quality_members.sql`` and ``queries/quality_households.sql`` rows.
    units : geopandas.GeoDataFrame
        The region's kelurahan (kode, geometry, EPSG:4326).
    today : datetime.date
        The data date.

    Returns
    -------
    pandas.DataFrame
        :data:`FINDING_COLUMNS`, in the order of :data:`CHECKS`; unmasked personal data.
    """
    parts = [
        invalid_niks(members),
        duplicate_niks(members),
        households_without_head(households),
        age_relation_conflicts(members, today),
        dwellings_outside_kelurahan(households, units),
        not_visited(households, today),
    ]
    return pd.concat(parts, ignore_index=True)[FINDING_COLUMNS]


def findings_per_unit(findings: pd.DataFrame, kode: pd.Series) -> pd.DataFrame:
    """The number of findings per kelurahan and check.

    Parameters
    ----------
    findings : pandas.DataFrame
        Output of :func:`quality_findings`.
    kode : pandas.Series
        The kelurahan codes to report, in order (units without findings get zeros).

    Returns
    -------
    pandas.DataFrame
        kode, ``<check>_count`` for each check of :data:`CHECKS`, and findings_count (all
        checks; a record failing two checks counts twice).
    """
    table = pd.crosstab(findings["kode_kelurahan"], findings["check"]) if len(findings) else pd.DataFrame()
    table = table.reindex(index=list(kode), columns=list(CHECKS), fill_value=0).fillna(0).astype("int64")
    table.columns = [f"{c}_count" for c in CHECKS]
    table["findings_count"] = table.sum(axis=1)
    return table.rename_axis("kode").reset_index()


def masked_findings(findings: pd.DataFrame) -> pd.DataFrame:
    """Findings with NIK and KK masked to their last four digits and names shortened."""
    return mask_frame(findings, numbers=("nik", "no_kk"), names=("nama",))
