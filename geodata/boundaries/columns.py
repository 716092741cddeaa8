"""Which columns of a boundary file carry the code, the name and the parent units."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from geodata import codes
from geodata.boundaries.model import BoundaryError, Columns
from geodata.messages import Items, Message

# Column names seen in official and agency files, compared case-insensitively, in order of
# preference. KDEPUM/KDCPUM/KDPKAB/WADMKD/NAMOBJ are BIG's RBI names; iddesa and KDEBPS are
# often BPS codes (the content check below tells).
CODE_COLUMNS = (
    "kode",
    "kode_desa",
    "kd_desa",
    "kdepum",
    "kode_kd",
    "kode_kel",
    "kd_kel",
    "kode_kelurahan",
    "kode_desa_kel",
    "kode_kemendagri",
    "kode_dagri",
    "kode_wilayah",
    "kodedesa",
    "iddesa",
    "id_desa",
    "desa_id",
)
NAME_COLUMNS = (
    "nama",
    "nama_desa",
    "nama_kelurahan",
    "nama_kel",
    "nm_desa",
    "nm_kel",
    "namadesa",
    "desa_kelurahan",
    "desa_kel",
    "kelurahan",
    "desa",
    "namobj",
    "wadmkd",
    "nama_wilayah",
)
KECAMATAN_CODE_COLUMNS = ("kode_kecamatan", "kode_kec", "kd_kec", "kdcpum", "kode_kc", "idkec")
KECAMATAN_NAME_COLUMNS = ("kecamatan", "nama_kecamatan", "nama_kec", "nm_kec", "wadmkc")
KABKOTA_CODE_COLUMNS = ("kode_kabkota", "kode_kab", "kd_kab", "kdpkab", "kode_kabupaten", "kode_kota", "idkab")
KABKOTA_NAME_COLUMNS = ("kabkota", "kab_kota", "nama_kabkota", "nama_kab", "kabupaten", "nm_kab", "wadmkk")
KABKOTA_BPS_COLUMNS = ("kode_kabkota_bps", "kode_bps_kabkota", "kode_kab_bps", "kdbbps")
PROVINSI_CODE_COLUMNS = ("kode_provinsi", "kode_prov", "kd_prov", "kdppum", "idprov")
PROVINSI_NAME_COLUMNS = ("provinsi", "nama_provinsi", "nama_prov", "wadmpr")
DESA_BPS_COLUMNS = ("kode_desa_bps", "kode_bps_desa", "kode_bps", "kdebps")
JENIS_COLUMNS = ("jenis", "jenis_desa", "tipe")


def detect_columns(
    frame: pd.DataFrame,
    code_column: str | None = None,
    name_column: str | None = None,
    source: str = "file",
) -> tuple[Columns, list[Message]]:
    """Find the columns that carry the code, the name and the parent units.

    Parameters
    ----------
    frame : pandas.DataFrame
        The file's attribute columns (a geometry column is ignored).
    code_column, name_column : str, optional
        Columns the user named; matched case-insensitively, an error when absent.
    source : str
        File name for messages.

    Returns
    -------
    (Columns, list of Message)
        The columns found, and one message per choice saying which column and why (by its
        name, by its content, given).

    Notes
    -----
    The code column is the first column named like one in :data:`CODE_COLUMNS` that holds any
    desa-level code, Kemendagri or BPS; failing that, the column whose values are mostly
    (80 %) Kemendagri desa codes whatever its name. The name column is the first
    named like one in :data:`NAME_COLUMNS` whose values are mostly text.
    """
    lookup = {str(c).casefold(): c for c in frame.columns if not _is_geometry(frame[c])}
    notes = []

    def given(col: str | None, what: str) -> str | None:
        if col is None:
            return None
        if col.casefold() not in lookup:
            raise BoundaryError(
                f"boundaries.error.no_{what}_column",
                source=source,
                column=col,
                columns=Items(tuple(map(str, lookup.values()))),
            )
        notes.append(Message(f"boundaries.column.{what}_given", column=str(lookup[col.casefold()])))
        return lookup[col.casefold()]

    def named(candidates, accept) -> str | None:
        for candidate in candidates:
            col = lookup.get(candidate)
            if col is not None and accept(frame[col]):
                return col
        return None

    code = given(code_column, "code")
    if code is None:
        # A column named like a code column is the code column if it holds any desa code at
        # all: its bad values are then rejected row by row rather than silently ignored.
        code = named(CODE_COLUMNS, lambda s: code_share(s) + bps_share(s) > 0)
        if code is not None:
            notes.append(Message("boundaries.column.code_by_name", column=str(code)))
        else:
            shares = {c: code_share(frame[c]) for c in lookup.values()}
            best = max(shares, key=shares.get, default=None)
            if best is not None and shares[best] >= 0.8:
                code = best
                notes.append(
                    Message("boundaries.column.code_by_content", column=str(code), pct=round(100 * shares[best]))
                )
    name = given(name_column, "name")
    if name is None:
        name = named(NAME_COLUMNS, _is_text)
        if name is not None:
            notes.append(Message("boundaries.column.name_by_name", column=str(name)))

    others = []

    def optional(candidates, accept, what) -> str | None:
        col = named(candidates, accept)
        if col is not None and col not in (code, name):
            others.append(Message("boundaries.column.other", what=Message(f"boundaries.what.{what}"), column=str(col)))
            return col
        return None

    def any_value(_series) -> bool:
        return True

    columns = Columns(
        code=code,
        name=name,
        kecamatan_code=optional(KECAMATAN_CODE_COLUMNS, any_value, "kecamatan_code"),
        kecamatan_name=optional(KECAMATAN_NAME_COLUMNS, _is_text, "kecamatan_name"),
        kabkota_code=optional(KABKOTA_CODE_COLUMNS, any_value, "kabkota_code"),
        kabkota_name=optional(KABKOTA_NAME_COLUMNS, _is_text, "kabkota_name"),
        kabkota_bps=optional(KABKOTA_BPS_COLUMNS, any_value, "kabkota_bps"),
        provinsi_code=optional(PROVINSI_CODE_COLUMNS, any_value, "provinsi_code"),
        provinsi_name=optional(PROVINSI_NAME_COLUMNS, _is_text, "provinsi_name"),
        desa_bps=optional(DESA_BPS_COLUMNS, lambda s: bps_share(s) >= 0.5, "desa_bps"),
        jenis=optional(JENIS_COLUMNS, _is_text, "jenis"),
    )
    if others:
        notes.append(Message("boundaries.column.others", columns=Items(tuple(others))))
    if code is None:
        notes.append(Message("boundaries.column.code_none", looked=", ".join(CODE_COLUMNS)))
    if name is None:
        notes.append(Message("boundaries.column.name_none", looked=", ".join(NAME_COLUMNS)))
    return columns, notes


def _is_geometry(series: pd.Series) -> bool:
    return isinstance(series, gpd.GeoSeries) or isinstance(series.dtype, gpd.array.GeometryDtype)


def non_empty(series: pd.Series) -> pd.Series:
    """The values of ``series`` that are neither missing nor blank."""
    values = series.dropna()
    return values[values.astype(str).str.strip() != ""]


def _is_desa_code(value) -> bool:
    kode = codes.normalise_code(value)
    return kode is not None and codes.code_level(kode) == "kelurahan"


def code_share(series: pd.Series) -> float:
    """Share of the non-empty values that are Kemendagri desa/kelurahan codes."""
    values = non_empty(series)
    return float(np.mean([_is_desa_code(v) for v in values])) if len(values) else 0.0


def bps_share(series: pd.Series) -> float:
    """Share of the non-empty values that look like BPS desa codes."""
    values = non_empty(series)
    return float(np.mean([codes.looks_like_bps_desa(v) for v in values])) if len(values) else 0.0


def _is_text(series: pd.Series) -> bool:
    values = non_empty(series)
    if values.empty:
        return False
    return float(values.astype(str).str.contains(r"[A-Za-z]", regex=True).mean()) >= 0.8
