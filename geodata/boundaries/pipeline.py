"""The boundary pipeline on one file: read, columns, identify, repair, merge, measure,
neighbours, display."""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import shapely

from geodata.boundaries.columns import detect_columns
from geodata.boundaries.display import payload_budget_bytes, simplify_within_budget
from geodata.boundaries.identify import check_jenis, identify_units, nothing_loadable, parent_units, registry_frame
from geodata.boundaries.model import BoundaryOptions, BoundaryReport, PreparedBoundaries, Progress
from geodata.boundaries.read import file_sha256, read_boundary_file
from geodata.boundaries.repair import geometries_in_wgs84, merged_units, repaired_geometries
from geodata.boundaries.topology import gaps_between, overlaps_between, report_neighbours
from geodata.crs import metric_crs
from geodata.messages import Message, Num


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
        ``progress(label, fraction)`` after each step, fraction 0-1; the label is a
        :class:`geodata.messages.Message` (``str()`` gives it in English).

    Returns
    -------
    PreparedBoundaries
        Areas (``luas_km2``), overlaps, gaps and display tolerances are measured in the UTM
        zone of the file (:func:`geodata.crs.metric_crs`).

    Raises
    ------
    BoundaryError
        The file cannot be read, has no polygons, no CRS and no plain lon/lat coordinates, no
        code or name column to identify units, or no row that can be loaded.
    """
    path = Path(path)
    report = BoundaryReport(source=source_name or path.name)
    step = _Steps(report, progress)
    registry = registry_frame(registry)

    frame = read_boundary_file(path, layer=layer, source_name=report.source)
    report.file_hash = file_sha256(path)
    report.rows_read = len(frame)
    crs = frame.crs.to_string() if frame.crs else Message("boundaries.crs_none")
    if frame.attrs.get("layer"):
        report.detected.append(
            Message("boundaries.detected.read_layer", rows=len(frame), crs=crs, layer=frame.attrs["layer"])
        )
    else:
        report.detected.append(Message("boundaries.detected.read", rows=len(frame), crs=crs))
    step.done("read")

    properties = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    columns, notes = detect_columns(properties, code_column, name_column, source=report.source)
    report.detected.extend(notes)
    rows, columns = identify_units(properties, columns, region, registry, report)
    report.columns = columns
    step.done("codes")

    geoms = geometries_in_wgs84(frame, rows, report)
    geoms = repaired_geometries(geoms, rows, options, report)
    step.done("repair")

    if not rows["ok"].any():
        raise nothing_loadable(report)
    units = merged_units(rows, geoms, columns, properties, registry, report)
    if columns.jenis:
        check_jenis(rows, properties, columns, report)
    report.rows_loaded = int(rows["ok"].sum())
    report.units_count = len(units)
    crs_m = metric_crs(units)
    metric = units.geometry.to_crs(crs_m).to_numpy()
    step.done("merge")

    units["luas_km2"] = shapely.area(metric) / 1e6
    inside = shapely.point_on_surface(units.geometry.to_numpy())
    units["lon"], units["lat"] = shapely.get_x(inside), shapely.get_y(inside)
    report.overlaps = overlaps_between(metric, units["kode"].to_numpy(), options.neighbour_report_m2, crs_m)
    report.gaps = gaps_between(metric, units["kode"].to_numpy(), options.neighbour_report_m2, crs_m)
    report_neighbours(report, options)
    step.done("neighbours")

    budget = options.payload_budget_bytes or payload_budget_bytes(len(units))
    display, tolerance, size = simplify_within_budget(
        metric,
        units["kode"],
        units["nama"],
        crs_m,
        budget,
        gap_width_m=options.display_gap_width_m,
        decimals=options.payload_decimals,
        report=report,
    )
    units["geom_display"] = display
    report.display_tolerance_m, report.payload_bytes, report.payload_budget_bytes = tolerance, size, budget
    report.repaired.append(
        Message(
            "boundaries.repaired.display",
            gap_m=options.display_gap_width_m,
            tolerance_m=tolerance,
            kb=Num(size / 1000, 1),
            budget_kb=Num(budget / 1000, 0),
        )
    )
    step.done("display")

    parents = parent_units(rows[rows["ok"]], columns, properties, report)
    return PreparedBoundaries(units=units, parents=parents, report=report)


class _Steps:
    """Times each step into the report and forwards progress."""

    FRACTIONS = {"read": 0.15, "codes": 0.25, "repair": 0.4, "merge": 0.45, "neighbours": 0.6, "display": 1.0}

    def __init__(self, report: BoundaryReport, progress: Progress | None):
        self.report = report
        self.progress = progress
        self.last = time.perf_counter()

    def done(self, step: str) -> None:
        now = time.perf_counter()
        self.report.seconds[step] = now - self.last
        self.last = now
        if self.progress is not None:
            self.progress(Message(f"boundaries.step.{step}"), self.FRACTIONS[step])
