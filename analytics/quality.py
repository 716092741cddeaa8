"""Data-quality checks of the DTKS register, per record and counted per kelurahan.

Each check returns *findings*: one row per record that fails it, with the columns of
:data:`FINDING_COLUMNS`. The rows carry personal data (NIK, KK, names): mask them with
:func:`masked_findings` before showing or exporting them.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import shapely

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
DAYS_IN_MONTH = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


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
    digits = ((text.str.len() == 16) & text.str.isdigit() & text.str.isascii()).fillna(False).to_numpy(dtype=bool)
    # Sixteen digits fit an int64: the fields are read with integer arithmetic, which is much
    # faster than slicing millions of strings.
    n = text.where(digits, "0").astype("int64").to_numpy()
    region_bad = (n // 10**14 < 11) | ((n // 10**12) % 100 == 0) | ((n // 10**10) % 100 == 0)
    day = (n // 10**8) % 100
    day = np.where(day > 40, day - 40, day)
    month = (n // 10**6) % 100
    # Two-digit years: 2000 stands for "00" so that 29 February is allowed in every year
    # divisible by four (1900 is the only exception and no living person was born then).
    leap = ((n // 10**4) % 100) % 4 == 0
    days_in_month = DAYS_IN_MONTH[np.clip(month, 1, 12) - 1] + ((month == 2) & leap)
    date_bad = (month < 1) | (month > 12) | (day < 1) | (day > days_in_month)
    serial_bad = n % 10**4 == 0
    reason = np.select(
        [~digits, region_bad, date_bad, serial_bad], ["length", "region", "birth_date", "serial"], default=None
    )
    return pd.Series(reason, index=nik.index, dtype=object)


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
    pairs = members.loc[members["nik"].notna(), ["nik", "id_dtks"]].drop_duplicates()
    households = pairs.loc[pairs["nik"].duplicated(keep=False), "nik"].value_counts()
    dup = members["nik"].isin(households.index)
    return _findings("nik_duplicate", members[dup], members.loc[dup, "nik"].map(households))


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
    relation = members["hubungan"]
    is_head = relation == "kepala_keluarga"
    heads = pd.DataFrame({"id_anggota": members["id_anggota"], "id_dtks": members["id_dtks"], "age": age})[is_head]
    head_age = heads.sort_values("id_anggota").drop_duplicates("id_dtks").set_index("id_dtks")["age"]
    too_young = (relation.isin(["kepala_keluarga", "pasangan"]) & (age < MIN_ADULT_AGE_YEARS)).to_numpy(dtype=bool)
    # Only children, grandchildren and parents are compared with the head: look the head up
    # for those rows alone (positions, not labels: the index need not be unique).
    ranked = relation.isin(list(MIN_GAP_YEARS)).to_numpy(dtype=bool)
    kin = relation[ranked]
    older = members["id_dtks"][ranked].map(head_age).to_numpy(dtype="float64") - age[ranked].to_numpy(dtype="float64")
    bad_gap = np.zeros(len(members), dtype=bool)
    # A missing birth date gives NaN, which compares False: not judged.
    gap = kin.map(GAP_DIRECTION).to_numpy(dtype="float64") * older
    bad_gap[ranked] = gap < kin.map(MIN_GAP_YEARS).to_numpy(dtype="float64")
    bad = too_young | bad_gap
    return _findings("age_relation", members[bad], members.loc[bad, "hubungan"])


def dwellings_outside_kelurahan(households: pd.DataFrame, units) -> pd.DataFrame:
    """Households whose dwelling coordinates lie in another kelurahan than the declared one.

    Uses :func:`geodata.points.assign_points_to_units` (with its tolerance for slivers, gaps
    and the shore). A point in no unit within that tolerance counts as outside too; households
    without coordinates are not judged.

    Parameters
    ----------
    households : pandas.DataFrame
        id_dtks, kode_kelurahan (declared), lon, lat (degrees, EPSG:4326): the write side's
        ``queries/refresh/outside_households.sql`` rows (``warehouse.imports.dwellings`` judges
        at write time into the table quality_outside), or :func:`households_without_head`'s
        rows with lon, lat.
    units : geopandas.GeoDataFrame
        kode and geometry (EPSG:4326) of the kelurahan a point may lie in (the write side: the
        kab/kota's and its tolerance's neighbours). The detail is the code of the unit the point
        lies in (empty when none).
    """
    located = households[households["lon"].notna() & households["lat"].notna()]
    # A point inside its declared polygon is assigned to it in any case (in an overlap the
    # declared unit wins), so only the others need the full join: a few percent of the rows.
    polygons = units.drop_duplicates("kode").set_index("kode").geometry
    own = polygons.reindex(located["kode_kelurahan"]).to_numpy()
    drawable = ~(shapely.is_missing(own) | shapely.is_empty(own))
    shapely.prepare(own[drawable])
    inside_own = np.zeros(len(located), dtype=bool)
    inside_own[drawable] = shapely.contains_xy(
        own[drawable],
        located["lon"].to_numpy(dtype="float64")[drawable],
        located["lat"].to_numpy(dtype="float64")[drawable],
    )
    located = located[~inside_own]
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


def check_totals(findings: pd.DataFrame) -> pd.Series:
    """The number of findings of each check of :data:`CHECKS` (zero included), in that order.

    Parameters
    ----------
    findings : pandas.DataFrame
        Output of :func:`quality_findings` (a record failing two checks counts in both).
    """
    return findings["check"].value_counts().reindex(list(CHECKS), fill_value=0).astype("int64")
