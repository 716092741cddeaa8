"""Import official boundaries and the Kemendagri code list into the warehouse's ``wilayah``.

Each import is one transaction (schema creation included, so a brand-new warehouse file works
too): every row lands, with its ``impor_log`` row and its quarantined rows, or nothing does.

- :func:`import_boundaries`: desa/kelurahan polygons. Matching codes get the new full and
  display geometry, area and inside point, and ``geom_sumber`` = the file name (replacing demo
  boundaries); new codes are added; names already in the warehouse (from the code list) are
  kept. Kecamatan, kab/kota and provinsi the file names are added when missing.
- :func:`import_wilayah`: the code list (provinsi to desa). Names, levels and parents are
  updated; geometry is never touched, and units without a polygon stay with a null one.

Command line (``add_parser``): ``python -m warehouse import boundaries FILE`` and
``python -m warehouse import wilayah FILE``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import shapely

from geodata import codes
from geodata.boundaries import (
    BoundaryError,
    BoundaryOptions,
    BoundaryReport,
    file_sha256,
    prepare_boundaries,
)
from geodata.codes import CodeListError, RejectedRow, code_list_units
from warehouse import db
from warehouse.progress import Bar, Progress, silent

_WRITE_SHARE = 0.9
"""Fraction of the progress bar the preparation of a boundary file takes; writing the rest."""

_REGISTRY = "select kode, nama, level, jenis, kode_induk, kode_bps from wilayah order by kode"
_HAS_WILAYAH = "select count(*) from information_schema.tables where table_name = 'wilayah'"
_NEXT_IMPORT_ID = "select coalesce(max(id_impor), 0) + 1 from impor_log"
_EXISTING_UNITS = """
    select w.kode, w.geom_sumber
    from wilayah as w
    inner join incoming_units as i using (kode)
"""
_UPSERT_UNITS = """
    insert into wilayah (kode, nama, level, jenis, kode_induk, kode_bps, geom, geom_display,
                         geom_sumber, luas_km2, lon, lat)
    select kode, nama, 'kelurahan', jenis, kode_induk, kode_bps, geom, geom_display,
           $geom_sumber, luas_km2, lon, lat
    from incoming_units
    on conflict (kode) do update set
        geom = excluded.geom,
        geom_display = excluded.geom_display,
        geom_sumber = excluded.geom_sumber,
        luas_km2 = excluded.luas_km2,
        lon = excluded.lon,
        lat = excluded.lat,
        kode_bps = coalesce(excluded.kode_bps, wilayah.kode_bps)
"""
_MISSING_PARENTS = """
    select p.kode
    from incoming_parents as p
    anti join wilayah as w using (kode)
    order by p.kode
"""
_INSERT_PARENTS = """
    insert into wilayah (kode, nama, level, jenis, kode_induk, kode_bps)
    select kode, nama, level, jenis, kode_induk, kode_bps
    from incoming_parents
    on conflict (kode) do update set kode_bps = coalesce(wilayah.kode_bps, excluded.kode_bps)
"""
_EXISTING_CODES = """
    select w.kode, w.nama
    from wilayah as w
    inner join incoming_codes as i using (kode)
"""
_UPSERT_CODES = """
    insert into wilayah (kode, nama, level, jenis, kode_induk, kode_bps)
    select kode, nama, level, jenis, kode_induk, kode_bps
    from incoming_codes
    on conflict (kode) do update set
        nama = excluded.nama,
        level = excluded.level,
        jenis = excluded.jenis,
        kode_induk = excluded.kode_induk,
        kode_bps = coalesce(excluded.kode_bps, wilayah.kode_bps)
"""
_INSERT_LOG = """
    insert into impor_log (id_impor, jenis, nama_file, hash_file, waktu, baris_dibaca,
                           baris_dimuat, baris_karantina, catatan)
    values ($id_impor, $jenis, $nama_file, $hash_file, $waktu, $baris_dibaca, $baris_dimuat,
            $baris_karantina, $catatan)
"""
_INSERT_QUARANTINE = """
    insert into impor_karantina (id_impor, nomor_baris, kolom, alasan, data)
    values ($id_impor, $nomor_baris, $kolom, $alasan, $data)
"""
_WITHOUT_POLYGON_COUNT = """
    select count(*)
    from wilayah
    where level = 'kelurahan' and geom is null and list_contains($kodes, kode)
"""
_KNOWN_CODES = "select kode from wilayah where list_contains($kodes, kode)"
_REGION_UNITS = """
    select kode, nama, geom is not null as has_geom, geom_sumber
    from wilayah
    where level = 'kelurahan' and (kode = $region or starts_with(kode, $region || '.'))
    order by kode
"""


@dataclass
class BoundaryImport:
    """The outcome of :func:`import_boundaries`.

    ``report`` is the file's :class:`geodata.boundaries.BoundaryReport` (columns detected,
    repairs, warnings, overlaps, gaps, quarantined rows). ``kept`` lists the region's units
    the file does not cover that keep an earlier geometry (``kode``, ``nama``,
    ``geom_sumber``); ``without_polygon`` those with no polygon at all (``kode``, ``nama``):
    the map lists them beside it.
    """

    report: BoundaryReport
    id_impor: int
    units_inserted: int
    units_updated: int
    demo_replaced: int
    parents_added: list[str]
    kept: pd.DataFrame = field(default_factory=pd.DataFrame)
    without_polygon: pd.DataFrame = field(default_factory=pd.DataFrame)

    def lines(self, limit: int = 10) -> list[str]:
        """The outcome as text lines for a terminal (English), at most ``limit`` per list."""
        r = self.report
        out = [
            f"Boundaries from {r.source} (import {self.id_impor}), region {r.region or 'mixed'}",
            f"  rows: {r.rows_read} read, {r.rows_loaded} loaded, {len(r.rejected)} quarantined",
            f"  units: {r.units_count} ({self.units_updated} updated, of which {self.demo_replaced} "
            f"had demo boundaries; {self.units_inserted} new); parent units added: {len(self.parents_added)}",
        ]
        for title, items in (("detected", r.detected), ("repaired", r.repaired), ("warnings", r.warnings)):
            out += _listed(title, items, limit)
        for title, table in (("overlaps", r.overlaps), ("gaps", r.gaps)):
            out += _listed(
                f"{title} of {len(table)} (largest first)",
                [
                    f"{a} / {b}: {m2:,.0f} m2 near {lon:.5f}, {lat:.5f}"
                    for a, b, m2, lon, lat in table[["kode_a", "kode_b", "area_m2", "lon", "lat"]].itertuples(
                        index=False
                    )
                ],
                limit,
            )
        out += _listed("quarantined rows", [_rejected_text(x) for x in r.rejected], limit)
        out += _listed(
            "units of the region without a polygon",
            [f"{k} {n}" for k, n in self.without_polygon[["kode", "nama"]].itertuples(index=False)]
            if len(self.without_polygon)
            else [],
            limit,
        )
        out += _listed(
            "units of the region not in this file, keeping their earlier boundary",
            [f"{k} {n} ({s})" for k, n, s in self.kept[["kode", "nama", "geom_sumber"]].itertuples(index=False)]
            if len(self.kept)
            else [],
            limit,
        )
        out.append(
            f"  display: tolerance {r.display_tolerance_m:g} m, map payload {r.payload_bytes / 1000:,.1f} KB "
            f"(budget {r.payload_budget_bytes / 1000:,.0f} KB)"
        )
        out.append("  seconds: " + ", ".join(f"{k} {v:.2f}" for k, v in r.seconds.items()))
        return out


@dataclass
class WilayahImport:
    """The outcome of :func:`import_wilayah`: ``renamed`` holds (kode, old name, new name)."""

    source: str
    id_impor: int
    region: str | None
    rows_read: int
    units_inserted: int
    units_updated: int
    skipped_count: int
    renamed: list[tuple[str, str, str]]
    rejected: list[RejectedRow]
    warnings: list[str]
    without_polygon_count: int

    def lines(self, limit: int = 10) -> list[str]:
        """The outcome as text lines for a terminal (English), at most ``limit`` per list."""
        out = [
            f"Code list from {self.source} (import {self.id_impor}), region {self.region or 'all'}",
            f"  rows: {self.rows_read} read, {self.rows_read - len(self.rejected)} loaded, "
            f"{len(self.rejected)} quarantined; {self.skipped_count} outside the region skipped",
            f"  units: {self.units_inserted} new, {self.units_updated} updated "
            f"({len(self.renamed)} renamed); desa/kelurahan without a polygon: {self.without_polygon_count}",
        ]
        out += _listed("renamed", [f"{k}: {a!r} -> {b!r}" for k, a, b in self.renamed], limit)
        out += _listed("warnings", self.warnings, limit)
        out += _listed("quarantined rows", [_rejected_text(x) for x in self.rejected], limit)
        return out


def import_boundaries(
    con: duckdb.DuckDBPyConnection,
    path: str | Path,
    *,
    region: str | None = None,
    code_column: str | None = None,
    name_column: str | None = None,
    layer: str | None = None,
    source_name: str | None = None,
    options: BoundaryOptions = BoundaryOptions(),
    progress: Progress = silent,
) -> BoundaryImport:
    """Import a desa/kelurahan boundary file into ``wilayah``, in one transaction.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        A writable connection to the warehouse, not inside a transaction. A file without the
        schema gets it.
    path : str or Path
        The boundary file (see :func:`geodata.boundaries.prepare_boundaries`).
    region, code_column, name_column, layer, options
        As for :func:`geodata.boundaries.prepare_boundaries`.
    source_name : str, optional
        The name stored as ``geom_sumber`` and in ``impor_log`` (default: the file name); give
        the original name when ``path`` is a temporary copy of an upload.
    progress : callable
        ``progress(label, fraction)``, fraction 0-1 over the whole import.

    Returns
    -------
    BoundaryImport

    Raises
    ------
    geodata.boundaries.BoundaryError
        The file cannot be imported (nothing is written).
    """
    path = Path(path)
    prepared = prepare_boundaries(
        path,
        region=region,
        code_column=code_column,
        name_column=name_column,
        layer=layer,
        registry=_registry(con),
        source_name=source_name,
        options=options,
        progress=lambda label, fraction: progress(label, _WRITE_SHARE * fraction),
    )
    report, units = prepared.report, prepared.units
    incoming_units = pa.table(
        {
            "kode": pa.array(units["kode"], pa.string()),
            "nama": pa.array(units["nama"], pa.string()),
            "jenis": pa.array(units["jenis"], pa.string()),
            "kode_induk": pa.array(units["kode_induk"], pa.string()),
            "kode_bps": pa.array(units["kode_bps"], pa.string()),
            "geom": pa.array(shapely.to_wkb(units.geometry.to_numpy()), pa.binary()),
            "geom_display": pa.array(shapely.to_wkb(units["geom_display"].to_numpy()), pa.binary()),
            "luas_km2": pa.array(units["luas_km2"], pa.float64()),
            "lon": pa.array(units["lon"], pa.float64()),
            "lat": pa.array(units["lat"], pa.float64()),
        }
    )
    incoming_parents = pa.Table.from_pandas(prepared.parents, preserve_index=False).cast(
        pa.schema([(c, pa.string()) for c in prepared.parents.columns])
    )
    catatan = (
        f"{report.units_count} units; display tolerance {report.display_tolerance_m:g} m, payload "
        f"{report.payload_bytes} bytes; {len(report.warnings)} warnings, {len(report.overlaps)} overlaps "
        f"and {len(report.gaps)} gaps reported"
    )
    with _transaction(con):
        con.register("incoming_units", incoming_units)
        con.register("incoming_parents", incoming_parents)
        try:
            existing = con.execute(_EXISTING_UNITS).df()
            added = [r[0] for r in con.execute(_MISSING_PARENTS).fetchall()]
            con.execute(_UPSERT_UNITS, {"geom_sumber": report.source})
            con.execute(_INSERT_PARENTS)
        finally:
            con.unregister("incoming_units")
            con.unregister("incoming_parents")
        id_impor = _log_import(
            con, "boundaries", report.source, report.file_hash, report.rows_read, report.rejected, catatan
        )
    progress("warehouse written", 1.0)

    region_units = (
        con.execute(_REGION_UNITS, {"region": report.region}).df()
        if report.region
        else pd.DataFrame(columns=["kode", "nama", "has_geom", "geom_sumber"])
    )
    kabkota = {k.rsplit(".", 2)[0] for k in units["kode"]}
    unnamed = sorted(kabkota - {r[0] for r in con.execute(_KNOWN_CODES, {"kodes": sorted(kabkota)}).fetchall()})
    if unnamed:
        report.warnings.append(
            f"no kab/kota row for {', '.join(unnamed)} (the file names none): the region picker will not "
            "offer it until the code list is imported (python -m warehouse import wilayah)"
        )
    outside_file = region_units[~region_units["kode"].isin(units["kode"])]
    return BoundaryImport(
        report=report,
        id_impor=id_impor,
        units_inserted=len(units) - len(existing),
        units_updated=len(existing),
        demo_replaced=int((existing["geom_sumber"] == "demo").sum()),
        parents_added=added,
        kept=outside_file.loc[outside_file["has_geom"], ["kode", "nama", "geom_sumber"]].reset_index(drop=True),
        without_polygon=region_units.loc[~region_units["has_geom"], ["kode", "nama"]].reset_index(drop=True),
    )


def import_wilayah(
    con: duckdb.DuckDBPyConnection,
    path: str | Path,
    *,
    region: str | None = None,
    source_name: str | None = None,
    progress: Progress = silent,
) -> WilayahImport:
    """Import a Kemendagri code list (CSV) into ``wilayah``, in one transaction.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        A writable connection to the warehouse, not inside a transaction.
    path : str or Path
        A CSV (comma or semicolon separated, UTF-8) with ``kode`` and ``nama``, optionally
        ``level``, ``jenis``, ``kode_induk``, ``kode_bps_kabkota``/``kode_bps``
        (see :func:`geodata.codes.code_list_units`).
    region : str, optional
        Import only this unit with its ancestors and descendants (e.g. ``21.71``).
    source_name : str, optional
        Name of the file in messages and ``impor_log`` (default: the file name).
    progress : callable
        ``progress(label, fraction)``.

    Returns
    -------
    WilayahImport

    Raises
    ------
    geodata.codes.CodeListError
        The file cannot be read or has no row to load (nothing is written).
    """
    path = Path(path)
    source = source_name or path.name
    frame = _read_code_list(path, source)
    progress("code list read", 0.3)
    parsed = code_list_units(frame, region=region, source=source)
    region = codes.normalise_code(region) if region else None
    units = parsed.units
    incoming = pa.Table.from_pandas(units.drop(columns="row"), preserve_index=False).cast(
        pa.schema([(c, pa.string()) for c in units.columns if c != "row"])
    )
    rows_read = len(units) + len(parsed.rejected)
    with _transaction(con):
        con.register("incoming_codes", incoming)
        try:
            before = con.execute(_EXISTING_CODES).df()
            con.execute(_UPSERT_CODES)
        finally:
            con.unregister("incoming_codes")
        id_impor = _log_import(
            con,
            "wilayah",
            source,
            file_sha256(path),
            rows_read,
            parsed.rejected,
            f"{len(units)} units; {parsed.skipped_count} rows outside region {region} skipped"
            if region
            else f"{len(units)} units",
        )
    progress("code list written", 1.0)

    new_names = dict(zip(units["kode"], units["nama"]))
    renamed = [(k, old, new_names[k]) for k, old in zip(before["kode"], before["nama"]) if old != new_names[k]]
    loaded_desa = units.loc[units["level"] == "kelurahan", "kode"]
    region_units = con.execute(_REGION_UNITS, {"region": region}).df() if region else None
    without = (
        int((~region_units["has_geom"]).sum())
        if region_units is not None
        else con.execute(_WITHOUT_POLYGON_COUNT, {"kodes": loaded_desa.tolist()}).fetchone()[0]
    )
    return WilayahImport(
        source=source,
        id_impor=id_impor,
        region=region,
        rows_read=rows_read,
        units_inserted=len(units) - len(before),
        units_updated=len(before),
        skipped_count=parsed.skipped_count,
        renamed=renamed,
        rejected=parsed.rejected,
        warnings=parsed.warnings,
        without_polygon_count=without,
    )


def _registry(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The code list already in the warehouse (empty for a warehouse without the schema)."""
    if not con.execute(_HAS_WILAYAH).fetchone()[0]:
        return pd.DataFrame(columns=["kode", "nama", "level", "jenis", "kode_induk", "kode_bps"])
    return con.execute(_REGISTRY).df()


def _read_code_list(path: Path, source: str) -> pd.DataFrame:
    if not path.is_file():
        raise CodeListError(f"{source}: file not found ({path})")
    try:
        with open(path, encoding="utf-8-sig") as handle:
            header = handle.readline()
        separator = ";" if header.count(";") > header.count(",") else ","
        return pd.read_csv(path, sep=separator, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise CodeListError(f"{source}: cannot read as a UTF-8 CSV: {exc}") from exc


@contextlib.contextmanager
def _transaction(con: duckdb.DuckDBPyConnection):
    """Run the block in one transaction, the schema created first; roll back on any exception."""
    con.execute("begin transaction")
    try:
        db.create_schema(con)
        yield con
    except BaseException:
        con.execute("rollback")
        raise
    con.execute("commit")


def _log_import(
    con, jenis: str, source: str, file_hash: str, rows_read: int, rejected: list[RejectedRow], catatan: str
) -> int:
    """Write the ``impor_log`` row and the quarantined rows; returns the import id."""
    id_impor = con.execute(_NEXT_IMPORT_ID).fetchone()[0]
    con.execute(
        _INSERT_LOG,
        {
            "id_impor": id_impor,
            "jenis": jenis,
            "nama_file": source,
            "hash_file": file_hash,
            "waktu": dt.datetime.now().replace(microsecond=0),
            "baris_dibaca": rows_read,
            "baris_dimuat": rows_read - len(rejected),
            "baris_karantina": len(rejected),
            "catatan": catatan,
        },
    )
    if rejected:
        con.executemany(
            _INSERT_QUARANTINE,
            [
                {
                    "id_impor": id_impor,
                    "nomor_baris": x.row,
                    "kolom": x.column,
                    "alasan": x.reason,
                    "data": json.dumps(x.data, ensure_ascii=False, default=str),
                }
                for x in rejected
            ],
        )
    return id_impor


def _listed(title: str, items: list[str], limit: int) -> list[str]:
    if not items:
        return []
    shown = [f"    {item}" for item in items[:limit]]
    if len(items) > limit:
        shown.append(f"    ... and {len(items) - limit} more")
    return [f"  {title}:", *shown]


def _rejected_text(x: RejectedRow) -> str:
    return f"row {x.row}" + (f", column {x.column!r}" if x.column else "") + f": {x.reason}"


# --- command line ------------------------------------------------------------------------


def add_parser(subparsers) -> None:
    """Add ``boundaries`` and ``wilayah`` to the ``import`` command's subparsers."""
    default_db = f"warehouse file (default ${db.DB_ENV} or {db.DEFAULT_DB.relative_to(db.ROOT)})"
    bounds = subparsers.add_parser(
        "boundaries", help="desa/kelurahan polygons (GeoJSON, Shapefile or zip, GeoPackage, GeoParquet)"
    )
    bounds.add_argument("file", help="the boundary file")
    bounds.add_argument("--region", help="Kemendagri code of the region, e.g. 21.71 (default: from the codes)")
    bounds.add_argument("--code-column", help="column with the Kemendagri desa/kelurahan code (default: detected)")
    bounds.add_argument("--name-column", help="column with the desa/kelurahan name (default: detected)")
    bounds.add_argument("--layer", help="layer to read when the file holds several")
    bounds.add_argument("--db", help=default_db)
    bounds.set_defaults(func=_cmd_boundaries)

    wilayah = subparsers.add_parser("wilayah", help="the Kemendagri code list (CSV: kode, nama, ...)")
    wilayah.add_argument("file", help="the code list")
    wilayah.add_argument("--region", help="import only this region, e.g. 21.71 (default: every row)")
    wilayah.add_argument("--db", help=default_db)
    wilayah.set_defaults(func=_cmd_wilayah)


def _cmd_boundaries(args: argparse.Namespace) -> int:
    return _run(
        args,
        lambda con: import_boundaries(
            con,
            args.file,
            region=args.region,
            code_column=args.code_column,
            name_column=args.name_column,
            layer=args.layer,
            progress=Bar(),
        ),
    )


def _cmd_wilayah(args: argparse.Namespace) -> int:
    return _run(args, lambda con: import_wilayah(con, args.file, region=args.region, progress=Bar()))


def _run(args: argparse.Namespace, work) -> int:
    """Run ``work(con)`` on a copy of the warehouse that replaces it on success (so the dashboard
    keeps serving meanwhile), print its lines; file problems exit with 2."""
    path = db.db_path(args.db)
    try:
        with db.atomic_update(path) as con:
            result = work(con)
    except (BoundaryError, CodeListError, RuntimeError) as exc:
        # The progress bar leaves its line open on a terminal.
        print(("\n" if sys.stderr.isatty() else "") + f"error: {exc}", file=sys.stderr)
        return 2
    print("\n".join(result.lines()))
    print(f"  warehouse: {path}")
    return 0
