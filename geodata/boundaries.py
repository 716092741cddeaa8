"""Official desa/kelurahan boundary files: read, detect columns, normalise codes, repair, check,
measure and simplify for display.

Pure: no streamlit, no database. :func:`prepare_boundaries` runs every step on one file and
returns the units ready to store plus a report; ``warehouse/imports/boundaries.py`` writes them.

Coordinates: units come out in EPSG:4326 (lon/lat degrees). Everything measured in metres
(areas, overlaps, gaps, sliver parts, simplification tolerance) is computed in a Lambert
azimuthal equal-area projection centred on the file (:func:`local_equal_area_crs`): areas are
exact there and distances are within 0.1 % over a province, never measured in degrees.
"""

from __future__ import annotations

import hashlib
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pyproj
import shapely

from geodata import codes
from geodata.codes import RejectedRow
from geodata.names import match_kelurahan_names, normalise_name

Progress = Callable[[str, float], None]
"""Called with a step label and the fraction done (0-1); see ``warehouse/progress.py``."""

WGS84 = pyproj.CRS.from_epsg(4326)
# lon/lat box around Indonesia with a margin: what "plainly lon/lat" means for a file here.
INDONESIA_BOUNDS = (94.0, -12.0, 142.0, 7.0)

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

# Display tolerances tried, in metres (Visvalingam-Whyatt: about the square root of the area
# of the triangles removed); the smallest one whose payload fits the budget is used.
DISPLAY_TOLERANCES_M = (10, 15, 20, 30, 40, 60, 80, 120, 160, 250, 350, 500, 700, 1000)

NEIGHBOUR_COLUMNS = ("kode_a", "kode_b", "area_m2", "lon", "lat")


class BoundaryError(ValueError):
    """A boundary file that cannot be imported; the message names the file, and the row and
    column where one is at fault."""


@dataclass(frozen=True)
class BoundaryOptions:
    """Tolerances of :func:`prepare_boundaries`.

    Attributes
    ----------
    sliver_m2 : float
        Polygon parts smaller than this (m2) are dropped as digitising debris: official data
        has errors of tens of metres, so no real islet is this small.
    neighbour_report_m2 : float
        Overlaps and gaps between neighbours at least this large (m2) are reported one by one.
    display_gap_width_m : float
        Gaps between neighbours narrower than this (m) are closed in the display geometry.
    payload_budget_bytes : int or None
        Size limit of the map payload (see :func:`display_payload`); None for
        :func:`payload_budget_bytes` of the unit count.
    payload_decimals : int
        Decimals of the coordinates in the map payload (5: about a metre).
    """

    sliver_m2: float = 10.0
    neighbour_report_m2: float = 1000.0
    display_gap_width_m: float = 20.0
    payload_budget_bytes: int | None = None
    payload_decimals: int = 5


@dataclass(frozen=True)
class Columns:
    """The columns of a boundary file that carry each attribute (None: not in the file)."""

    code: str | None
    name: str | None
    kecamatan_code: str | None = None
    kecamatan_name: str | None = None
    kabkota_code: str | None = None
    kabkota_name: str | None = None
    kabkota_bps: str | None = None
    provinsi_code: str | None = None
    provinsi_name: str | None = None
    desa_bps: str | None = None
    jenis: str | None = None


@dataclass
class BoundaryReport:
    """What :func:`prepare_boundaries` found and did, for people to read.

    ``detected``, ``repaired`` and ``warnings`` are English sentences. ``overlaps`` and
    ``gaps`` have columns ``kode_a``, ``kode_b`` (the pair), ``area_m2`` (m2) and ``lon``/``lat``
    (a point in the overlap or gap, EPSG:4326), largest first.
    """

    source: str
    file_hash: str = ""
    rows_read: int = 0
    rows_loaded: int = 0
    units_count: int = 0
    region: str | None = None
    columns: Columns | None = None
    detected: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)
    overlaps: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(NEIGHBOUR_COLUMNS)))
    gaps: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(NEIGHBOUR_COLUMNS)))
    display_tolerance_m: float = 0.0
    payload_bytes: int = 0
    payload_budget_bytes: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


@dataclass
class PreparedBoundaries:
    """Units of a boundary file, ready to store.

    ``units`` is a GeoDataFrame in EPSG:4326, one row per desa/kelurahan code, with columns
    ``kode`` (dotted), ``nama``, ``jenis`` (kelurahan/desa, from the code), ``kode_induk`` (the
    kecamatan), ``kode_bps`` (BPS desa code when the file has one), ``luas_km2`` (km2,
    equal-area), ``lon``/``lat`` (a point inside), ``rows`` (the file rows merged into it),
    the full repaired ``geometry`` and ``geom_display`` (simplified, shared edges kept).
    ``parents`` lists the kecamatan, kab/kota and provinsi the file names: ``kode``, ``nama``,
    ``level``, ``jenis``, ``kode_induk``, ``kode_bps``.
    """

    units: gpd.GeoDataFrame
    parents: pd.DataFrame
    report: BoundaryReport


def prepare_boundaries(
    path: str | Path,
    *,
    region: str | None = None,
    code_column: str | None = None,
    name_column: str | None = None,
    layer: str | None = None,
    registry: pd.DataFrame | None = None,
    source_name: str | None = None,
    options: BoundaryOptions = BoundaryOptions(),
    progress: Progress | None = None,
) -> PreparedBoundaries:
    """Read a desa/kelurahan boundary file and make its units ready to store.

    Parameters
    ----------
    path : str or Path
        GeoJSON, Shapefile (bare, or zipped with its side files), GeoPackage or GeoParquet, in
        any CRS. A file without a CRS is read as lon/lat only when its coordinates plainly are
        (inside Indonesia, either axis order), with a warning; otherwise it is an error.
    region : str, optional
        Kemendagri code of the region (provinsi, kab/kota or kecamatan, dotted or not). Rows
        outside it are rejected. Default: the kab/kota (or else provinsi) all codes share.
    code_column, name_column : str, optional
        Columns with the Kemendagri desa/kelurahan code and name; detected when not given.
        Without a usable code column (none, or BPS codes), units are matched by (kecamatan,
        name) to ``registry``, and rows that do not match exactly one unit are rejected.
    layer : str, optional
        Layer (or zip member) to read when the file holds several; default: the polygon layer
        with the most features.
    registry : pandas.DataFrame, optional
        The code list already loaded (``kode``, ``nama``, ``level``, ``kode_induk``,
        ``kode_bps``): used to match names, flag unknown codes and names that differ, and
        recognise BPS kab/kota codes. None or empty: those checks are skipped.
    source_name : str, optional
        Name of the file for messages (default: the file name), e.g. the name of an upload.
    options : BoundaryOptions
        Tolerances.
    progress : callable, optional
        ``progress(label, fraction)`` after each step, fraction 0-1.

    Returns
    -------
    PreparedBoundaries

    Raises
    ------
    BoundaryError
        The file cannot be read, has no polygons, no CRS and no plain lon/lat coordinates, no
        code or name column to identify units, or no row that can be loaded.
    """
    path = Path(path)
    report = BoundaryReport(source=source_name or path.name)
    step = _Steps(report, progress)
    registry = _registry_frame(registry)

    frame = read_boundary_file(path, layer=layer, source_name=report.source)
    report.file_hash = file_sha256(path)
    report.rows_read = len(frame)
    report.detected.append(
        f"{len(frame)} rows, CRS {frame.crs.to_string() if frame.crs else 'none'}"
        + (f", layer {frame.attrs['layer']!r}" if frame.attrs.get("layer") else "")
    )
    step.done("read")

    properties = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    columns, notes = detect_columns(properties, code_column, name_column, source=report.source)
    report.detected.extend(notes)
    rows, columns = _identify_units(properties, columns, region, registry, report)
    report.columns = columns
    step.done("codes")

    geoms = _geometries_in_wgs84(frame, rows, report)
    geoms = _repaired_geometries(geoms, rows, options, report)
    step.done("repair")

    if not rows["ok"].any():
        raise BoundaryError(f"{report.source}: no row can be loaded; first problem: " + _first_problem(report))
    units, to_metric = _merged_units(rows, geoms, columns, properties, registry, report)
    if columns.jenis:
        _check_jenis(rows, properties, columns, report)
    report.rows_loaded = int(rows["ok"].sum())
    report.units_count = len(units)
    metric = to_metric(units.geometry.to_numpy())
    step.done("merge")

    units["luas_km2"] = shapely.area(metric) / 1e6
    inside = shapely.point_on_surface(units.geometry.to_numpy())
    units["lon"], units["lat"] = shapely.get_x(inside), shapely.get_y(inside)
    to_wgs84 = Reprojector(to_metric.crs, WGS84)
    report.overlaps = overlaps_between(metric, units["kode"].to_numpy(), options.neighbour_report_m2, to_wgs84)
    report.gaps = gaps_between(metric, units["kode"].to_numpy(), options.neighbour_report_m2, to_wgs84)
    _report_neighbours(report, options)
    step.done("neighbours")

    budget = options.payload_budget_bytes or payload_budget_bytes(len(units))
    display, tolerance, size = simplify_within_budget(
        metric,
        units["kode"],
        units["nama"],
        to_wgs84,
        budget,
        gap_width_m=options.display_gap_width_m,
        decimals=options.payload_decimals,
        report=report,
    )
    units["geom_display"] = display
    report.display_tolerance_m, report.payload_bytes, report.payload_budget_bytes = tolerance, size, budget
    report.repaired.append(
        f"display geometry: gaps under {options.display_gap_width_m:g} m closed, overlaps resolved, "
        f"simplified with tolerance {tolerance:g} m keeping shared edges; map payload "
        f"{size / 1000:,.1f} KB (budget {budget / 1000:,.0f} KB)"
    )
    step.done("display")

    parents = _parent_units(rows[rows["ok"]], columns, properties, report)
    return PreparedBoundaries(units=units, parents=parents, report=report)


# --- reading -----------------------------------------------------------------------------


def read_boundary_file(path: str | Path, layer: str | None = None, source_name: str | None = None) -> gpd.GeoDataFrame:
    """Read one polygon layer of a boundary file with pyogrio (GeoParquet with pyarrow).

    Parameters
    ----------
    path : str or Path
        ``.geojson``/``.json``, ``.shp``, ``.zip`` (a Shapefile, GeoPackage or GeoJSON inside,
        in any folder of the archive), ``.gpkg``, ``.parquet``/``.geoparquet``, or anything
        else GDAL reads.
    layer : str, optional
        The layer, or for a zip the member's file name without extension.
    source_name : str, optional
        Name of the file in messages.

    Returns
    -------
    geopandas.GeoDataFrame
        As read: CRS as declared (None when the file has none), columns untouched. The chosen
        layer is in ``attrs["layer"]`` when there was a choice.

    Raises
    ------
    BoundaryError
        Missing or unreadable file, no polygon layer, several polygon layers of the same size,
        an unknown ``layer``, or no rows.
    """
    path = Path(path)
    name = source_name or path.name
    if not path.is_file():
        raise BoundaryError(f"{name}: file not found ({path})")
    try:
        if path.suffix.lower() in (".parquet", ".geoparquet"):
            frame = gpd.read_parquet(path)
        else:
            dataset, chosen = _choose_layer(path, layer, name)
            frame = pyogrio.read_dataframe(dataset, layer=chosen)
            frame.attrs["layer"] = chosen
    except BoundaryError:
        raise
    except Exception as exc:  # pyogrio, pyarrow and zipfile each raise their own errors
        raise BoundaryError(f"{name}: cannot read the file: {exc}") from exc
    if len(frame) == 0:
        raise BoundaryError(f"{name}: the file has no rows")
    return frame


def _choose_layer(path: Path, layer: str | None, name: str) -> tuple[str, str | None]:
    """(dataset path for GDAL, layer name) of the polygon layer to read."""
    datasets = [str(path)]
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = [
                m
                for m in archive.namelist()
                if Path(m).suffix.lower() in (".shp", ".gpkg", ".geojson", ".json", ".fgb")
                and not Path(m).name.startswith(".")
            ]
        if not members:
            raise BoundaryError(f"{name}: the zip holds no .shp, .gpkg or .geojson file")
        datasets = [f"/vsizip/{path}/{m}" for m in members]
    layers = []
    for dataset in datasets:
        for layer_name, geometry_type in pyogrio.list_layers(dataset):
            layers.append((dataset, str(layer_name), str(geometry_type)))
    if layer is not None:
        for dataset, layer_name, _ in layers:
            if layer_name == layer:
                return dataset, layer_name
        raise BoundaryError(f"{name}: no layer {layer!r}; layers: {', '.join(n for _, n, _ in layers)}")
    polygonal = [(d, n) for d, n, t in layers if "polygon" in t.lower() or t in ("Unknown", "None")]
    if not polygonal:
        raise BoundaryError(f"{name}: no polygon layer; layers: " + ", ".join(f"{n} ({t})" for _, n, t in layers))
    if len(polygonal) == 1:
        return polygonal[0][0], (polygonal[0][1] if len(layers) > 1 else None)
    sizes = [pyogrio.read_info(d, layer=n)["features"] for d, n in polygonal]
    order = np.argsort(sizes)[::-1]
    if sizes[order[0]] == sizes[order[1]]:
        raise BoundaryError(
            f"{name}: several polygon layers of {sizes[order[0]]} features; choose one with "
            f"--layer: " + ", ".join(n for _, n in polygonal)
        )
    return polygonal[order[0]]


def file_sha256(path: str | Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# --- columns and codes -------------------------------------------------------------------


def detect_columns(
    frame: pd.DataFrame,
    code_column: str | None = None,
    name_column: str | None = None,
    source: str = "file",
) -> tuple[Columns, list[str]]:
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
    (Columns, list of str)
        The columns found, and one sentence per choice saying which column and why (by its
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
                f"{source}: no column {col!r} for the {what}; columns: {', '.join(map(str, lookup.values()))}"
            )
        notes.append(f"{what} column: {lookup[col.casefold()]!r} (given)")
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
        code = named(CODE_COLUMNS, lambda s: _code_share(s) + _bps_share(s) > 0)
        if code is not None:
            notes.append(f"code column: {code!r} (by its name)")
        else:
            shares = {c: _code_share(frame[c]) for c in lookup.values()}
            best = max(shares, key=shares.get, default=None)
            if best is not None and shares[best] >= 0.8:
                code = best
                notes.append(
                    f"code column: {code!r} (by its content: {shares[best]:.0%} of values are desa/kelurahan codes)"
                )
    name = given(name_column, "name")
    if name is None:
        name = named(NAME_COLUMNS, _is_text)
        if name is not None:
            notes.append(f"name column: {name!r} (by its name)")

    others = []

    def optional(candidates, accept, what) -> str | None:
        col = named(candidates, accept)
        if col is not None and col not in (code, name):
            others.append(f"{what} {col!r}")
            return col
        return None

    def any_value(_series) -> bool:
        return True

    columns = Columns(
        code=code,
        name=name,
        kecamatan_code=optional(KECAMATAN_CODE_COLUMNS, any_value, "kecamatan code"),
        kecamatan_name=optional(KECAMATAN_NAME_COLUMNS, _is_text, "kecamatan name"),
        kabkota_code=optional(KABKOTA_CODE_COLUMNS, any_value, "kab/kota code"),
        kabkota_name=optional(KABKOTA_NAME_COLUMNS, _is_text, "kab/kota name"),
        kabkota_bps=optional(KABKOTA_BPS_COLUMNS, any_value, "BPS kab/kota code"),
        provinsi_code=optional(PROVINSI_CODE_COLUMNS, any_value, "provinsi code"),
        provinsi_name=optional(PROVINSI_NAME_COLUMNS, _is_text, "provinsi name"),
        desa_bps=optional(DESA_BPS_COLUMNS, lambda s: _bps_share(s) >= 0.5, "BPS desa code"),
        jenis=optional(JENIS_COLUMNS, _is_text, "jenis"),
    )
    if others:
        notes.append("other columns used: " + ", ".join(others))
    if code is None:
        notes.append("code column: none found (looked for " + ", ".join(CODE_COLUMNS) + ")")
    if name is None:
        notes.append("name column: none found (looked for " + ", ".join(NAME_COLUMNS) + ")")
    return columns, notes


def _is_geometry(series: pd.Series) -> bool:
    return isinstance(series, gpd.GeoSeries) or isinstance(series.dtype, gpd.array.GeometryDtype)


def _non_empty(series: pd.Series) -> pd.Series:
    values = series.dropna()
    return values[values.astype(str).str.strip() != ""]


def _is_desa_code(value) -> bool:
    kode = codes.normalise_code(value)
    return kode is not None and codes.code_level(kode) == "kelurahan"


def _code_share(series: pd.Series) -> float:
    values = _non_empty(series)
    return float(np.mean([_is_desa_code(v) for v in values])) if len(values) else 0.0


def _bps_share(series: pd.Series) -> float:
    values = _non_empty(series)
    return float(np.mean([codes.looks_like_bps_desa(v) for v in values])) if len(values) else 0.0


def _is_text(series: pd.Series) -> bool:
    values = _non_empty(series)
    if values.empty:
        return False
    return float(values.astype(str).str.contains(r"[A-Za-z]", regex=True).mean()) >= 0.8


def _registry_frame(registry: pd.DataFrame | None) -> pd.DataFrame:
    columns = ["kode", "nama", "level", "kode_induk", "kode_bps"]
    if registry is None or registry.empty:
        return pd.DataFrame(columns=columns, dtype="object")
    return registry.reindex(columns=columns)


def _identify_units(
    properties: pd.DataFrame, columns: Columns, region: str | None, registry: pd.DataFrame, report: BoundaryReport
) -> tuple[pd.DataFrame, Columns]:
    """Per row: ``row`` (1-based), ``kode`` (dotted or None), ``nama``, ``ok``, ``data``; and
    the columns, where a code column found to hold BPS codes becomes the BPS desa column."""
    source = report.source
    rows = pd.DataFrame({"row": np.arange(1, len(properties) + 1)}, index=properties.index)
    rows["data"] = [_plain_dict(r) for r in properties.to_dict("records")]
    rows["nama"] = properties[columns.name].map(_clean_name) if columns.name else None
    rows["ok"] = True
    rows["kode"] = None
    if region is not None:
        wanted = codes.normalise_code(region)
        if wanted is None or wanted.count(".") > 2:
            raise BoundaryError(f"{source}: region {region!r} is not a provinsi, kab/kota or kecamatan code")
        region = wanted

    by_code = columns.code is not None
    if by_code and _bps_share(properties[columns.code]) >= 0.5:
        example = _non_empty(properties[columns.code]).iloc[0]
        message = (
            f"{source}: column {columns.code!r} holds BPS codes (e.g. {example}: 2-2-3-3 digits, its "
            f"Kemendagri reading would have a 4th segment starting with 0), not Kemendagri codes; "
            f"the two differ below kab/kota level"
        )
        if columns.name is None or not (registry["level"] == "kelurahan").any():
            raise BoundaryError(
                message + ". Load the Kemendagri code list first (python -m warehouse import wilayah) "
                "so that units can be matched by name, or name a Kemendagri code column with --code-column."
            )
        report.warnings.append(
            message + "; units are matched by (kecamatan, name) to the code list instead, and the BPS "
            "codes kept as their kode_bps."
        )
        by_code = False
        columns = replace(columns, desa_bps=columns.desa_bps or columns.code)

    if by_code:
        rows["kode"] = properties[columns.code].map(codes.normalise_code)
        for i in rows.index[rows["kode"].isna()]:
            _reject(
                rows,
                i,
                report,
                columns.code,
                f"not a Kemendagri code: {codes.code_problem(properties.at[i, columns.code])}",
            )
        shallow = rows["ok"] & rows["kode"].map(lambda k: isinstance(k, str) and k.count(".") != 3)
        for i in rows.index[shallow]:
            _reject(
                rows,
                i,
                report,
                columns.code,
                f"{rows.at[i, 'kode']} is a {codes.code_level(rows.at[i, 'kode'])} code, not a desa/kelurahan code",
            )
    else:
        _codes_from_names(rows, properties, columns, region, registry, report)

    if region is None:
        region = _common_region(rows.loc[rows["ok"], "kode"])
        if region is not None:
            report.detected.append(f"region {region} (shared by every code)")
    else:
        report.detected.append(f"region {region} (given)")
    report.region = region
    outside = rows["ok"] & ~_in_region(rows["kode"], region)
    hint = _bps_kabkota_hint(rows.loc[outside, "kode"], region, registry)
    for i in rows.index[outside]:
        _reject(rows, i, report, columns.code, f"{rows.at[i, 'kode']} is outside region {region}{hint}")
    if outside.any():
        report.warnings.append(f"{int(outside.sum())} rows lie outside region {region}{hint}")

    _check_against_registry(rows, columns, region, registry, properties, report)
    return rows, columns


def _in_region(kodes: pd.Series, region: str | None) -> np.ndarray:
    """Boolean mask of the codes within ``region`` (all of them when it is None)."""
    return np.array([isinstance(k, str) and codes.within_region(k, region) for k in kodes], dtype=bool)


def _clean_name(value) -> str | None:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return None
    text = " ".join(str(value).split())
    return text or None


def _plain_dict(record: dict) -> dict:
    """Row values as JSON-ready Python scalars (NaN as None)."""
    plain = {}
    for key, value in record.items():
        if isinstance(value, np.generic):
            value = value.item()
        if isinstance(value, float) and np.isnan(value):
            value = None
        plain[str(key)] = value if isinstance(value, (str, int, float, bool, type(None))) else str(value)
    return plain


def _reject(rows: pd.DataFrame, index, report: BoundaryReport, column: str | None, reason: str) -> None:
    rows.at[index, "ok"] = False
    report.rejected.append(RejectedRow(int(rows.at[index, "row"]), column, reason, rows.at[index, "data"]))


def _first_problem(report: BoundaryReport) -> str:
    if not report.rejected:
        return "none recorded"
    first = report.rejected[0]
    where = f"row {first.row}" + (f", column {first.column!r}" if first.column else "")
    return f"{where}: {first.reason}"


def _common_region(kodes: pd.Series) -> str | None:
    """The deepest kab/kota or provinsi code that every code lies in, None if none."""
    prefixes = {k.rsplit(".", 2)[0] for k in kodes}
    if len(prefixes) == 1:
        return prefixes.pop()
    provinces = {k.split(".")[0] for k in kodes}
    return provinces.pop() if len(provinces) == 1 else None


def _bps_kabkota_hint(kodes: pd.Series, region: str | None, registry: pd.DataFrame) -> str:
    """A note when codes outside the region start with the region's BPS kab/kota code."""
    if region is None or kodes.empty:
        return ""
    known = registry[(registry["level"] == "kabkota") & registry["kode_bps"].notna()]
    for kode, bps in zip(known["kode"], known["kode_bps"]):
        dotted = codes.normalise_code(bps)
        if (
            dotted
            and dotted != kode
            and codes.within_region(kode, region)
            and kodes.map(lambda k: k.startswith(dotted + ".")).any()
        ):
            return f" (they start with {bps}, the BPS code of {kode}: BPS codes where Kemendagri codes are expected)"
    return ""


def _codes_from_names(rows, properties, columns: Columns, region, registry, report) -> None:
    """Give rows the code of their (kecamatan, name) in the registry; reject the rest."""
    source = report.source
    if columns.name is None:
        raise BoundaryError(
            f"{source}: no column with Kemendagri desa/kelurahan codes (looked for "
            f"{', '.join(CODE_COLUMNS)}) and no name column to match by; name them with "
            "--code-column / --name-column"
        )
    in_region = registry[_in_region(registry["kode"], region)]
    if not (in_region["level"] == "kelurahan").any():
        raise BoundaryError(
            f"{source}: the file has no usable Kemendagri code column, and no code list is loaded"
            + (f" for region {region}" if region else "")
            + " to match its names against: run python -m warehouse import wilayah first, or name "
            "the code column with --code-column"
        )
    kec = columns.kecamatan_name
    matched = match_kelurahan_names(
        pd.DataFrame({"kelurahan": rows["nama"], "kecamatan": properties[kec] if kec else None}),
        in_region,
        kecamatan_column="kecamatan" if kec else None,
    )
    for i in rows.index:
        found = matched.at[i, "match"]
        if found == "matched":
            rows.at[i, "kode"] = matched.at[i, "kode"]
            continue
        failed = matched.at[i, "problem"]
        column = kec if failed == "kecamatan" else columns.name
        shown = properties.at[i, kec] if failed == "kecamatan" else rows.at[i, "nama"]
        candidates = "; ".join(matched.at[i, "candidates"]) or "none close"
        _reject(rows, i, report, column, f"{failed} name {shown!r} {found} in the code list (candidates: {candidates})")
    report.detected.append(
        f"codes from names: {int((matched['match'] == 'matched').sum())} of {len(rows)} rows matched "
        f"(kecamatan, name) to exactly one unit of the code list"
        + ("" if kec else "; no kecamatan column, so names were matched across the region")
    )


def _check_against_registry(rows, columns: Columns, region, registry, properties, report) -> None:
    """Warn about codes missing from the loaded code list and names that differ from it."""
    kelurahan = registry[(registry["level"] == "kelurahan").to_numpy() & _in_region(registry["kode"], region)]
    if kelurahan.empty:
        report.detected.append("no code list loaded for this region: codes not checked against it")
        return
    listed = dict(zip(kelurahan["kode"], kelurahan["nama"]))
    by_name: dict[str, list[str]] = {}
    for kode, nama in listed.items():
        by_name.setdefault(normalise_name(nama), []).append(kode)
    for i in rows.index[rows["ok"]]:
        kode, nama = rows.at[i, "kode"], rows.at[i, "nama"]
        where = f"row {rows.at[i, 'row']}" + (f", column {columns.code!r}" if columns.code else "")
        if kode not in listed:
            same_name = [k for k in by_name.get(normalise_name(nama), []) if k != kode]
            report.warnings.append(
                f"{where}: {kode} ({nama}) is not in the code list; loaded as it is"
                + (f" (the code list has {nama!r} as {', '.join(same_name)})" if same_name else "")
            )
        elif nama and normalise_name(nama) != normalise_name(listed[kode]):
            report.warnings.append(f"{where}: {kode} is {nama!r} in the file but {listed[kode]!r} in the code list")


# --- geometry ----------------------------------------------------------------------------


def local_equal_area_crs(bounds: tuple[float, float, float, float]) -> pyproj.CRS:
    """A Lambert azimuthal equal-area CRS in metres centred on a lon/lat box.

    Areas are exact anywhere; distances are within 0.1 % up to about 400 km from the centre,
    enough for a province.

    Parameters
    ----------
    bounds : (minx, miny, maxx, maxy)
        Degrees, EPSG:4326.
    """
    lon = (bounds[0] + bounds[2]) / 2
    lat = (bounds[1] + bounds[3]) / 2
    return pyproj.CRS.from_proj4(f"+proj=laea +lat_0={lat:.5f} +lon_0={lon:.5f} +datum=WGS84 +units=m +no_defs")


class Reprojector:
    """Reprojects shapely geometries (one or an array) from ``source`` to ``target`` CRS,
    x = longitude/easting whatever the CRS's axis order; ``crs`` is the target."""

    def __init__(self, source: pyproj.CRS, target: pyproj.CRS):
        self.crs = target
        self._transformer = pyproj.Transformer.from_crs(source, target, always_xy=True)

    def __call__(self, geoms):
        return shapely.transform(geoms, lambda xy: np.column_stack(self._transformer.transform(xy[:, 0], xy[:, 1])))


def _inside(bounds: np.ndarray, box=INDONESIA_BOUNDS) -> np.ndarray:
    """Rows of an (n, 4) bounds array that lie inside ``box``."""
    return (bounds[:, 0] >= box[0]) & (bounds[:, 1] >= box[1]) & (bounds[:, 2] <= box[2]) & (bounds[:, 3] <= box[3])


def _geometries_in_wgs84(frame: gpd.GeoDataFrame, rows: pd.DataFrame, report: BoundaryReport) -> np.ndarray:
    """The rows' geometries in EPSG:4326 (2-D), swapped lat/lon fixed; rejects rows that are
    empty, not polygons, or outside Indonesia."""
    source = report.source
    geoms = shapely.force_2d(np.asarray(frame.geometry.array, dtype=object))
    empty = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    for i in np.flatnonzero(empty & rows["ok"].to_numpy()):
        _reject(rows, rows.index[i], report, None, "empty geometry")
    polygonal = np.isin(shapely.get_type_id(geoms), (3, 6, 7))
    for i in np.flatnonzero(~empty & ~polygonal & rows["ok"].to_numpy()):
        _reject(rows, rows.index[i], report, None, f"not a polygon but a {geoms[i].geom_type}")
    live = ~empty & polygonal
    if not live.any():
        raise BoundaryError(f"{source}: no row has a polygon geometry")
    bounds = shapely.bounds(geoms)
    crs = frame.crs
    if crs is None:
        plain = _inside(bounds[live]) | _inside(bounds[live][:, [1, 0, 3, 2]])
        lo, hi = bounds[live][:, :2].min(axis=0), bounds[live][:, 2:].max(axis=0)
        extent = f"x {lo[0]:.6g} to {hi[0]:.6g}, y {lo[1]:.6g} to {hi[1]:.6g}"
        if not plain.all():
            raise BoundaryError(
                f"{source}: the file has no CRS (a Shapefile without its .prj?) and its coordinates "
                f"({extent}) are not plainly longitude/latitude in Indonesia; add the .prj or "
                "convert the file to EPSG:4326"
            )
        report.warnings.append(
            f"the file has no CRS; its coordinates ({extent}) are plainly lon/lat, read as EPSG:4326"
        )
        crs = WGS84
    else:
        crs = pyproj.CRS.from_user_input(crs)
    if crs.is_geographic:
        swapped = live & ~_inside(bounds) & _inside(bounds[:, [1, 0, 3, 2]])
        if swapped.any():
            geoms[swapped] = shapely.transform(geoms[swapped], lambda xy: xy[:, ::-1])
            shown = ", ".join(str(r) for r in rows["row"].to_numpy()[swapped][:10])
            report.repaired.append(
                f"latitude and longitude swapped back in {int(swapped.sum())} rows (rows {shown}{', ...' if swapped.sum() > 10 else ''})"
            )
    if not crs.equals(WGS84, ignore_axis_order=True):
        geoms[live] = Reprojector(crs, WGS84)(geoms[live])
        report.detected.append(f"reprojected from {crs.name} to EPSG:4326")
    bounds = shapely.bounds(geoms)
    outside = live & ~_inside(np.nan_to_num(bounds, nan=np.inf))
    if outside[live].all():
        lo, hi = bounds[live][:, :2].min(axis=0), bounds[live][:, 2:].max(axis=0)
        raise BoundaryError(
            f"{source}: no polygon lies in Indonesia when read as {crs.name} (lon {lo[0]:.6g} to "
            f"{hi[0]:.6g}, lat {lo[1]:.6g} to {hi[1]:.6g}); is the declared CRS right? (GeoJSON "
            "is always read as lon/lat)"
        )
    for i in np.flatnonzero(outside & rows["ok"].to_numpy()):
        b = bounds[i]
        _reject(
            rows,
            rows.index[i],
            report,
            None,
            f"outside Indonesia (lon {b[0]:.5f} to {b[2]:.5f}, lat {b[1]:.5f} to {b[3]:.5f})",
        )
    geoms[~rows["ok"].to_numpy()] = None
    return geoms


def _repaired_geometries(
    geoms: np.ndarray, rows: pd.DataFrame, options: BoundaryOptions, report: BoundaryReport
) -> np.ndarray:
    """Valid polygonal geometries (EPSG:4326) without sliver parts; rows that collapse are rejected."""
    live = rows["ok"].to_numpy() & ~shapely.is_missing(geoms)
    if not live.any():
        return geoms
    invalid = live & ~shapely.is_valid(geoms)
    if invalid.any():
        reasons = shapely.is_valid_reason(geoms[invalid])
        geoms[invalid] = [_polygonal(g) for g in shapely.make_valid(geoms[invalid])]
        listed = "; ".join(f"row {r}: {why}" for r, why in zip(rows["row"].to_numpy()[invalid][:10], reasons[:10]))
        report.repaired.append(
            f"{int(invalid.sum())} invalid geometries made valid ({listed}{'; ...' if invalid.sum() > 10 else ''})"
        )
        for i in np.flatnonzero(invalid & shapely.is_empty(geoms)):
            _reject(rows, rows.index[i], report, None, "the geometry collapses to nothing when made valid")
            geoms[i] = None
        live = rows["ok"].to_numpy()

    parts, owner = shapely.get_parts(geoms[live], return_index=True)
    owner = np.flatnonzero(live)[owner]
    bounds = shapely.total_bounds(parts)
    part_m2 = shapely.area(Reprojector(WGS84, local_equal_area_crs(bounds))(parts))
    small = part_m2 < options.sliver_m2
    if small.any():
        for i in np.unique(owner[small]):
            kept = parts[(owner == i) & ~small]
            if len(kept) == 0:
                _reject(rows, rows.index[i], report, None, f"every part is smaller than {options.sliver_m2:g} m2")
                geoms[i] = None
            else:
                geoms[i] = shapely.multipolygons(kept)
        report.repaired.append(
            f"{int(small.sum())} sliver parts under {options.sliver_m2:g} m2 dropped "
            f"(rows {', '.join(str(r) for r in sorted(set(rows['row'].to_numpy()[owner[small]]))[:10])})"
        )
    return geoms


def _polygonal(geom):
    """The polygons of a made-valid geometry (its lines and points are collapsed debris)."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    polygons = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(polygons) if polygons else shapely.Polygon()


def _merged_units(rows, geoms, columns: Columns, properties, registry, report):
    """One row per code (several rows of a code merged into one multipolygon), and the
    projector to the local equal-area CRS."""
    ok = rows[rows["ok"]].copy()
    ok["geometry"] = geoms[rows["ok"].to_numpy()]
    listed = dict(zip(registry["kode"], registry["nama"]))
    units = []
    merged = []
    for kode, group in ok.groupby("kode", sort=True):
        names = [n for n in group["nama"] if n]
        nama = names[0] if names else listed.get(kode)
        if len(group) > 1:
            geometry = shapely.union_all(group["geometry"].to_numpy())
            merged.append(f"{kode} (rows {', '.join(map(str, group['row']))})")
            if len({normalise_name(n) for n in names}) > 1:
                report.warnings.append(
                    f"{kode}: rows {', '.join(map(str, group['row']))} carry different names: {', '.join(sorted(set(names)))}"
                )
        else:
            geometry = group["geometry"].iloc[0]
        bps = None
        if columns.desa_bps:
            bps_values = properties.loc[group.index, columns.desa_bps].map(lambda v: _digits(v, 10)).dropna()
            bps = bps_values.iloc[0] if len(bps_values) else None
        units.append((kode, nama, codes.code_jenis(kode), codes.parent_code(kode), bps, list(group["row"]), geometry))
    if merged:
        report.repaired.append(
            f"{len(merged)} codes on several rows merged into one multipolygon each: {'; '.join(merged[:10])}{'; ...' if len(merged) > 10 else ''}"
        )
    for kode, nama, *_, unit_rows, _ in units:
        if not nama:
            for i in rows.index[rows["row"].isin(unit_rows)]:
                _reject(rows, i, report, columns.name, f"{kode}: no name in the file and not in the code list")
    units = [u for u in units if u[1]]
    if not units:
        raise BoundaryError(f"{report.source}: no row can be loaded; first problem: " + _first_problem(report))
    frame = gpd.GeoDataFrame(
        units, columns=["kode", "nama", "jenis", "kode_induk", "kode_bps", "rows", "geometry"], crs=WGS84
    )
    frame["kode_bps"] = frame["kode_bps"].astype("object")
    to_metric = Reprojector(WGS84, local_equal_area_crs(tuple(frame.total_bounds)))
    return frame, to_metric


def _check_jenis(rows, properties, columns: Columns, report) -> None:
    said = properties[columns.jenis].astype("string").str.strip().str.casefold()
    for i in rows.index[rows["ok"]]:
        stated, kode = said.at[i], rows.at[i, "kode"]
        if stated in ("kelurahan", "desa") and stated != codes.code_jenis(kode):
            report.warnings.append(
                f"row {rows.at[i, 'row']}, column {columns.jenis!r}: says {stated} but code {kode} is a "
                f"{codes.code_jenis(kode)} (4th segment {kode.split('.')[3][0]}xxx); the code wins"
            )


def _parent_units(rows: pd.DataFrame, columns: Columns, properties: pd.DataFrame, report) -> pd.DataFrame:
    """The kecamatan, kab/kota and provinsi the file names, with the most common name of each."""
    found = []
    levels = (
        (3, columns.kecamatan_code, columns.kecamatan_name, None),
        (2, columns.kabkota_code, columns.kabkota_name, columns.kabkota_bps),
        (1, columns.provinsi_code, columns.provinsi_name, None),
    )
    for depth, code_col, name_col, bps_col in levels:
        if name_col is None:
            continue
        derived = rows["kode"].map(lambda k: ".".join(k.split(".")[:depth]))
        if code_col is not None:
            stated = properties.loc[rows.index, code_col].map(codes.normalise_code)
            differ = stated.notna() & (stated != derived)
            if differ.any():
                i = differ.idxmax()
                report.warnings.append(
                    f"row {rows.at[i, 'row']}, column {code_col!r}: {stated[i]} is not the parent of "
                    f"{rows.at[i, 'kode']} ({int(differ.sum())} rows like this); the unit code wins"
                )
        table = pd.DataFrame(
            {
                "kode": derived,
                "nama": properties.loc[rows.index, name_col].map(_clean_name),
                "bps": properties.loc[rows.index, bps_col].map(lambda v: _digits(v, 4)) if bps_col else None,
            }
        ).dropna(subset=["nama"])
        for kode, group in table.groupby("kode", sort=True):
            bps = group["bps"].dropna()
            found.append(
                (
                    kode,
                    group["nama"].mode().iloc[0],
                    codes.code_level(kode),
                    codes.code_jenis(kode),
                    codes.parent_code(kode),
                    bps.mode().iloc[0] if len(bps) else None,
                )
            )
    return pd.DataFrame(found, columns=["kode", "nama", "level", "jenis", "kode_induk", "kode_bps"], dtype="object")


def _digits(value, length: int) -> str | None:
    """A BPS code of ``length`` digits as text (7109 or 7109.0 -> '7109'), or None."""
    if value is None or value is pd.NA or (isinstance(value, float) and not value.is_integer()):
        return None
    text = str(int(value)) if isinstance(value, float) else str(value).strip().replace(".", "")
    return text if len(text) == length and text.isdigit() else None


# --- checks between neighbours -------------------------------------------------------------


def overlaps_between(geoms_m: np.ndarray, kode: np.ndarray, min_area_m2: float, to_wgs84=None) -> pd.DataFrame:
    """Pairs of units whose interiors overlap by at least ``min_area_m2``.

    Parameters
    ----------
    geoms_m : array of shapely geometries
        Valid (multi)polygons in a metric CRS (metres).
    kode : array of str
        The unit code of each geometry.
    min_area_m2 : float
        Smallest overlap reported, m2.
    to_wgs84 : callable, optional
        Reprojects geometries to EPSG:4326, to give ``lon``/``lat`` of each overlap.

    Returns
    -------
    pandas.DataFrame
        ``kode_a``, ``kode_b`` (``kode_a < kode_b``), ``area_m2``, ``lon``, ``lat`` (a point
        inside the overlap; NaN without ``to_wgs84``), largest first. Empty for fewer than two
        units.
    """
    geoms_m = np.asarray(geoms_m, dtype=object)
    kode = np.asarray(kode, dtype=object)
    tree = shapely.STRtree(geoms_m)
    left, right = tree.query(geoms_m, predicate="intersects")
    pair = left < right
    left, right = left[pair], right[pair]
    shared = shapely.intersection(geoms_m[left], geoms_m[right])
    area = shapely.area(shared)
    keep = area >= min_area_m2
    a, b = kode[left[keep]], kode[right[keep]]
    return _neighbour_frame(np.minimum(a, b), np.maximum(a, b), area[keep], shared[keep], to_wgs84)


def gaps_between(geoms_m: np.ndarray, kode: np.ndarray, min_area_m2: float, to_wgs84=None) -> pd.DataFrame:
    """Holes between neighbouring units of at least ``min_area_m2``.

    A gap is a hole of the union of all units that touches two or more of them; a hole that
    only one unit surrounds is that unit's own (a lake, an enclave) and is not reported.
    Gaps that open onto the outside (the sea) cannot be told from the coastline and are not
    found.

    Parameters
    ----------
    geoms_m, kode, min_area_m2, to_wgs84
        As for :func:`overlaps_between`.

    Returns
    -------
    pandas.DataFrame
        ``kode_a``, ``kode_b`` (the two units with the longest border on the gap, ``kode_a <
        kode_b``), ``area_m2``, ``lon``, ``lat``, largest first.
    """
    geoms_m = np.asarray(geoms_m, dtype=object)
    kode = np.asarray(kode, dtype=object)
    if len(geoms_m) < 2:
        return _neighbour_frame([], [], [], [], to_wgs84)
    try:
        union = shapely.union_all(geoms_m)
    except shapely.errors.GEOSException:
        # Messy overlaps can defeat exact overlay; a centimetre grid is far below what is reported.
        union = shapely.union_all(geoms_m, grid_size=0.01)
    holes = np.array(
        [shapely.Polygon(ring) for part in shapely.get_parts(union) for ring in part.interiors], dtype=object
    )
    if len(holes) == 0:
        return _neighbour_frame([], [], [], [], to_wgs84)
    holes = holes[shapely.area(holes) >= min_area_m2]
    tree = shapely.STRtree(geoms_m)
    found_a, found_b, areas, shapes = [], [], [], []
    for hole in holes:
        near = tree.query(hole, predicate="dwithin", distance=0.5)
        if len(near) < 2:
            continue
        rim = shapely.buffer(hole.exterior, 0.5)
        contact = shapely.length(shapely.intersection(shapely.boundary(geoms_m[near]), rim))
        best = near[np.argsort(contact)[::-1][:2]]
        if np.sort(contact)[-2] <= 0:
            continue
        a, b = sorted(kode[best])
        found_a.append(a)
        found_b.append(b)
        areas.append(hole.area)
        shapes.append(hole)
    return _neighbour_frame(found_a, found_b, areas, shapes, to_wgs84)


def _neighbour_frame(a, b, area, shapes, to_wgs84) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "kode_a": pd.Series(a, dtype="object"),
            "kode_b": pd.Series(b, dtype="object"),
            "area_m2": pd.Series(area, dtype="float64"),
        }
    )
    if to_wgs84 is not None and len(frame):
        points = to_wgs84(shapely.point_on_surface(np.asarray(shapes, dtype=object)))
        frame["lon"], frame["lat"] = shapely.get_x(points), shapely.get_y(points)
    else:
        frame["lon"] = frame["lat"] = np.nan
    return frame.sort_values("area_m2", ascending=False, ignore_index=True)


def _report_neighbours(report: BoundaryReport, options: BoundaryOptions) -> None:
    display = {
        "overlaps": "each given to one of the pair in the display geometry",
        "gaps": f"those narrower than {options.display_gap_width_m:g} m closed in the display geometry",
    }
    for what, table in (("overlaps", report.overlaps), ("gaps", report.gaps)):
        if table.empty:
            continue
        worst = table.iloc[0]
        report.warnings.append(
            f"{len(table)} {what} between neighbours of {options.neighbour_report_m2:g} m2 or more, "
            f"{table['area_m2'].sum() / 1e4:,.2f} ha in all; largest {worst['area_m2'] / 1e4:,.2f} ha between "
            f"{worst['kode_a']} and {worst['kode_b']}; kept in the stored geometry, {display[what]}"
        )


# --- display geometry --------------------------------------------------------------------


def payload_budget_bytes(units_count: int) -> int:
    """The map payload allowed for a region of ``units_count`` units, in bytes.

    250 KB up to 500 units (a kota or kabupaten: Batam's 64 kelurahan), then 500 bytes per
    unit up to 3 MB (a province of 6,000 desa).
    """
    return int(min(3_000_000, max(250_000, 500 * units_count)))


def display_geometries(geoms_m: np.ndarray, tolerance_m: float, gap_width_m: float = 20.0) -> np.ndarray:
    """Simplified polygons that still share their edges exactly.

    The units are first made a clean coverage (overlaps given to one neighbour, gaps narrower
    than ``gap_width_m`` closed, shared edges snapped to identical vertices), then simplified
    together with ``shapely.coverage_simplify`` so that neighbours move their common edge the
    same way and neither gaps nor overlaps open.

    Parameters
    ----------
    geoms_m : array of shapely geometries
        Valid (multi)polygons in a metric CRS.
    tolerance_m : float
        Visvalingam-Whyatt tolerance, metres (about the square root of the area of the
        triangles removed).
    gap_width_m : float
        Gaps narrower than this are closed, metres.

    Returns
    -------
    numpy.ndarray
        One geometry per input, same CRS. A unit the cleaning leaves empty (another unit
        covered it entirely) gets its own plain simplification instead.
    """
    cleaned = _clean_coverage(np.asarray(geoms_m, dtype=object), gap_width_m)
    return _simplified(cleaned, np.asarray(geoms_m, dtype=object), tolerance_m)


def _clean_coverage(geoms_m: np.ndarray, gap_width_m: float) -> np.ndarray:
    return shapely.coverage_clean(geoms_m, gap_width=gap_width_m)


def _simplified(cleaned: np.ndarray, original: np.ndarray, tolerance_m: float) -> np.ndarray:
    simple = shapely.coverage_simplify(cleaned, tolerance_m)
    lost = shapely.is_empty(simple) | shapely.is_missing(simple)
    if lost.any():
        simple[lost] = shapely.simplify(original[lost], tolerance_m)
    return simple


def display_payload(kode, nama, geoms_wgs84, decimals: int = 5) -> str:
    """The GeoJSON a map of the display geometry sends to the browser.

    Mirrors the dashboard (``ui/data.py`` snaps coordinates to ``10**-decimals`` degrees,
    ``ui/maps.py`` writes ``GeoDataFrame.to_json``): a FeatureCollection with ``kode`` and
    ``nama`` properties. Units without geometry are left out.

    Parameters
    ----------
    kode, nama : sequence of str
    geoms_wgs84 : array of shapely geometries
        EPSG:4326.
    decimals : int
        Decimals kept (5: about a metre at the equator).
    """
    geoms = np.asarray(geoms_wgs84, dtype=object)
    shown = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    snapped = shapely.set_precision(geoms[shown], 10.0**-decimals)
    frame = gpd.GeoDataFrame(
        {"kode": np.asarray(kode, dtype=object)[shown], "nama": np.asarray(nama, dtype=object)[shown]},
        geometry=snapped,
        crs=WGS84,
    )
    return frame.to_json(drop_id=True)


def simplify_within_budget(
    geoms_m: np.ndarray,
    kode,
    nama,
    to_wgs84,
    budget_bytes: int,
    *,
    gap_width_m: float = 20.0,
    decimals: int = 5,
    tolerances_m=DISPLAY_TOLERANCES_M,
    report: BoundaryReport | None = None,
) -> tuple[np.ndarray, float, int]:
    """Display geometry with the smallest tolerance whose map payload fits the budget.

    Parameters
    ----------
    geoms_m : array of shapely geometries
        Valid (multi)polygons in a metric CRS.
    kode, nama : sequence of str
        Properties of the payload.
    to_wgs84 : callable
        Reprojects geometries from the metric CRS to EPSG:4326.
    budget_bytes : int
        Largest payload allowed (see :func:`display_payload`).
    gap_width_m, decimals
        As for :func:`display_geometries` and :func:`display_payload`.
    tolerances_m : sequence of float
        Tolerances to try, increasing, metres; the payload shrinks as the tolerance grows, so
        they are bisected (four attempts for the default fourteen).
    report : BoundaryReport, optional
        Receives a warning when even the largest tolerance does not fit.

    Returns
    -------
    (geometries in EPSG:4326, tolerance in metres, payload in bytes)
    """
    geoms_m = np.asarray(geoms_m, dtype=object)
    cleaned = _clean_coverage(geoms_m, gap_width_m)
    tried: dict[int, tuple[np.ndarray, int]] = {}

    def attempt(i: int) -> tuple[np.ndarray, int]:
        if i not in tried:
            display = to_wgs84(_simplified(cleaned, geoms_m, tolerances_m[i]))
            tried[i] = (display, len(display_payload(kode, nama, display, decimals).encode()))
        return tried[i]

    # Bisection for the first tolerance that fits: every tolerance at or below ``low`` is too
    # small, ``high`` is the best candidate; each attempt costs a full coverage simplification.
    low, high = -1, len(tolerances_m) - 1
    while high - low > 1:
        mid = (low + high) // 2
        if attempt(mid)[1] <= budget_bytes:
            high = mid
        else:
            low = mid
    display, size = attempt(high)
    if size > budget_bytes and report is not None:
        report.warnings.append(
            f"the map payload is {size / 1000:,.0f} KB even at tolerance {tolerances_m[high]:g} m, "
            f"over the budget of {budget_bytes / 1000:,.0f} KB"
        )
    return display, float(tolerances_m[high]), size


class _Steps:
    """Times each step into the report and forwards progress."""

    LABELS = {
        "read": ("file read", 0.15),
        "codes": ("codes and names checked", 0.25),
        "repair": ("geometry repaired", 0.4),
        "merge": ("units merged", 0.45),
        "neighbours": ("overlaps and gaps checked", 0.6),
        "display": ("display geometry simplified", 1.0),
    }

    def __init__(self, report: BoundaryReport, progress: Progress | None):
        self.report = report
        self.progress = progress
        self.last = time.perf_counter()

    def done(self, step: str) -> None:
        now = time.perf_counter()
        self.report.seconds[step] = now - self.last
        self.last = now
        if self.progress is not None:
            label, fraction = self.LABELS[step]
            self.progress(label, fraction)
