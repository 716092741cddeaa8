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

A little over 500 lines: the two official imports (boundaries, code list) and their command
line, which share the transaction and the import log.
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

import queries
from domain.i18n import DEFAULT_LANGUAGE, LANGUAGES, format_float, translate
from geodata import codes, hierarchy
from geodata.boundaries import (
    BoundaryError,
    BoundaryOptions,
    BoundaryReport,
    file_sha256,
    prepare_boundaries,
)
from geodata.boundaries.identify import where_in_file
from geodata.codes import CodeListError, RejectedRow, code_list_units
from geodata.messages import Items, Message, Num, error_text, shown, texts
from warehouse import db
from warehouse.imports import refresh
from warehouse.progress import Bar, Progress, silent

_WRITE_SHARE = 0.9
"""Fraction of the progress bar the preparation of a boundary file takes; writing the rest."""


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

    def lines(self, lang: str, limit: int = 10) -> list[str]:
        """The outcome as text lines in language ``lang``, at most ``limit`` per list."""
        r = self.report

        def say(key: str, **values) -> str:
            return Message(f"boundaries.lines.{key}", **values).text(lang)

        out = [
            say(
                "title", source=r.source, id=self.id_impor, region=r.region or Message("boundaries.lines.region_mixed")
            ),
            "  " + say("rows", read=r.rows_read, loaded=r.rows_loaded, quarantined=len(r.rejected)),
            "  "
            + say(
                "units",
                units=r.units_count,
                updated=self.units_updated,
                demo=self.demo_replaced,
                new=self.units_inserted,
                parents=len(self.parents_added),
            ),
        ]
        for title, items in (("detected", r.detected), ("repaired", r.repaired), ("warnings", r.warnings)):
            out += _listed(say(title), texts(items, lang), limit, lang)
        for title, table in (("overlaps", r.overlaps), ("gaps", r.gaps)):
            out += _listed(
                say(title, n=len(table)),
                [
                    say("neighbour", kode_a=a, kode_b=b, m2=Num(m2, 0), lon=Num(lon, 5), lat=Num(lat, 5))
                    for a, b, m2, lon, lat in table[["kode_a", "kode_b", "area_m2", "lon", "lat"]].itertuples(
                        index=False
                    )
                ],
                limit,
                lang,
            )
        out += _listed(say("quarantined"), [_rejected_text(x, lang) for x in r.rejected], limit, lang)
        out += _listed(
            say("without_polygon"),
            [f"{k} {n}" for k, n in self.without_polygon[["kode", "nama"]].itertuples(index=False)]
            if len(self.without_polygon)
            else [],
            limit,
            lang,
        )
        out += _listed(
            say("kept"),
            [f"{k} {n} ({s})" for k, n, s in self.kept[["kode", "nama", "geom_sumber"]].itertuples(index=False)]
            if len(self.kept)
            else [],
            limit,
            lang,
        )
        out.append(
            "  "
            + say(
                "display",
                tolerance_m=r.display_tolerance_m,
                kb=Num(r.payload_bytes / 1000, 1),
                budget_kb=Num(r.payload_budget_bytes / 1000, 0),
            )
        )
        out.append(
            "  " + say("seconds", steps=Items(tuple(f"{k} {format_float(v, lang, 2)}" for k, v in r.seconds.items())))
        )
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
    warnings: list[Message]
    without_polygon_count: int

    def lines(self, lang: str, limit: int = 10) -> list[str]:
        """The outcome as text lines in language ``lang``, at most ``limit`` per list."""

        def say(key: str, **values) -> str:
            return Message(f"boundaries.lines.{key}", **values).text(lang)

        out = [
            say(
                "code_list_title",
                source=self.source,
                id=self.id_impor,
                region=self.region or Message("boundaries.lines.region_all"),
            ),
            "  "
            + say(
                "code_list_rows",
                read=self.rows_read,
                loaded=self.rows_read - len(self.rejected),
                quarantined=len(self.rejected),
                skipped=self.skipped_count,
            ),
            "  "
            + say(
                "code_list_units",
                new=self.units_inserted,
                updated=self.units_updated,
                renamed=len(self.renamed),
                without=self.without_polygon_count,
            ),
        ]
        out += _listed(say("renamed"), [say("rename", kode=k, old=a, new=b) for k, a, b in self.renamed], limit, lang)
        out += _listed(say("warnings"), texts(self.warnings, lang), limit, lang)
        out += _listed(say("quarantined"), [_rejected_text(x, lang) for x in self.rejected], limit, lang)
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
            existing = _sql(con, "existing_units").df()
            added = _sql(con, "missing_parents").df()["kode"].tolist()
            _sql(con, "upsert_units", geom_sumber=report.source)
            _sql(con, "insert_parents")
            dissolve_parents(con, sorted({k[:2] for k in units["kode"]}))
        finally:
            con.unregister("incoming_units")
            con.unregister("incoming_parents")
        id_impor = _log_import(
            con, "boundaries", report.source, report.file_hash, report.rows_read, report.rejected, catatan
        )
    progress(Message("boundaries.step.written"), 1.0)

    region_units = (
        _sql(con, "region_units", region=report.region).df()
        if report.region
        else pd.DataFrame(columns=["kode", "nama", "has_geom", "geom_sumber"])
    )
    kabkota = {k.rsplit(".", 2)[0] for k in units["kode"]}
    unnamed = sorted(kabkota - set(_sql(con, "known_codes", kodes=sorted(kabkota)).df()["kode"]))
    if unnamed:
        report.warnings.append(Message("boundaries.warning.no_kabkota", codes=Items(tuple(unnamed))))
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
    progress(Message("boundaries.step.code_list_read"), 0.3)
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
            before = _sql(con, "existing_codes").df()
            _sql(con, "upsert_codes")
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
    progress(Message("boundaries.step.code_list_written"), 1.0)

    new_names = dict(zip(units["kode"], units["nama"]))
    renamed = [(k, old, new_names[k]) for k, old in zip(before["kode"], before["nama"]) if old != new_names[k]]
    loaded_desa = units.loc[units["level"] == "kelurahan", "kode"]
    region_units = _sql(con, "region_units", region=region).df() if region else None
    without = (
        int((~region_units["has_geom"]).sum())
        if region_units is not None
        else int(_sql(con, "without_polygon_count", kodes=loaded_desa.tolist()).df()["units_count"].iloc[0])
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


def dissolve_parents(con: duckdb.DuckDBPyConnection, provinces: list[str] | None = None) -> int:
    """Give every kecamatan, kab/kota and provinsi of ``wilayah`` the polygon dissolved from its
    desa/kelurahan (:func:`geodata.hierarchy.dissolve_by_parent`) and a display polygon
    simplified per level (:func:`geodata.hierarchy.simplify_outlines`), so that the maps above
    the kelurahan read a stored polygon instead of joining thousands at every view.

    ``con`` is the write's own connection, inside its transaction; ``provinces`` (two-digit
    codes) limits the work to the parents in those provinces (an import redoes only what it
    touched), None does every parent. Returns the number of parents written.
    """
    units = _sql(con, "unit_geometries", provinsi=provinces).df()
    if units.empty:
        return 0
    geoms = shapely.from_wkb([bytes(g) for g in units["geom"]])
    parts = []
    for level in hierarchy.PARENT_LEVELS:
        parent = hierarchy.parent_code(units["kode"], level)
        dissolved = hierarchy.dissolve_by_parent(geoms, parent)
        # A parent's source is its units' most common one ("demo" marks approximate outlines).
        sources = units["geom_sumber"].fillna("").groupby(parent).agg(lambda s: s.mode().iloc[0])
        union = dissolved.to_numpy()
        point = shapely.point_on_surface(union)
        parts.append(
            pd.DataFrame(
                {
                    "kode": dissolved.index,
                    "geom": shapely.to_wkb(union),
                    "geom_display": shapely.to_wkb(hierarchy.simplify_outlines(union)),
                    "geom_sumber": sources.loc[dissolved.index].to_numpy(),
                    "lon": shapely.get_x(point),
                    "lat": shapely.get_y(point),
                }
            )
        )
    parents = pd.concat(parts, ignore_index=True)
    con.register("dissolved_parents", parents)
    try:
        _sql(con, "parent_geometries_update")
    finally:
        con.unregister("dissolved_parents")
    return len(parents)


def _registry(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The code list already in the warehouse (empty for a warehouse without the schema)."""
    if not _sql(con, "has_wilayah").df()["tables_count"].iloc[0]:
        return pd.DataFrame(columns=["kode", "nama", "level", "jenis", "kode_induk", "kode_bps"])
    return _sql(con, "registry").df()


def _read_code_list(path: Path, source: str) -> pd.DataFrame:
    if not path.is_file():
        raise CodeListError("codes.error.not_found", source=source, path=str(path))
    try:
        with open(path, encoding="utf-8-sig") as handle:
            header = handle.readline()
        separator = ";" if header.count(";") > header.count(",") else ","
        return pd.read_csv(path, sep=separator, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise CodeListError("codes.error.unreadable", source=source, detail=str(exc)) from exc


@contextlib.contextmanager
def _transaction(con: duckdb.DuckDBPyConnection):
    """Run the block in one transaction, the schema created first; roll back on any exception."""
    con.begin()
    try:
        db.create_schema(con)
        yield con
    except BaseException:
        con.rollback()
        raise
    refresh.refresh_derived(con)
    con.commit()


def _log_import(
    con, jenis: str, source: str, file_hash: str, rows_read: int, rejected: list[RejectedRow], catatan: str
) -> int:
    """Write the ``impor_log`` row and the quarantined rows; returns the import id."""
    id_impor = int(con.execute(queries.load("import/next_id")).fetchone()[0])
    con.execute(
        queries.load("import/log_insert"),
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
        # The stored reason is the English sentence: the table is read by operators and tools,
        # whatever language the import was shown in.
        incoming = pa.table(
            {
                "nomor_baris": pa.array([x.row for x in rejected], pa.int64()),
                "kolom": pa.array([x.column for x in rejected], pa.string()),
                "alasan": pa.array([x.reason.text("en") for x in rejected], pa.string()),
                "data": pa.array([json.dumps(x.data, ensure_ascii=False, default=str) for x in rejected], pa.string()),
            }
        )
        con.register("incoming_rejected", incoming)
        try:
            _sql(con, "quarantine_insert", id_impor=id_impor)
        finally:
            con.unregister("incoming_rejected")
    return id_impor


def _sql(con: duckdb.DuckDBPyConnection, name: str, **params) -> duckdb.DuckDBPyConnection:
    """Run ``queries/boundaries/<name>.sql`` on ``con`` itself (inside its transaction, seeing the
    tables registered on it), values bound."""
    return con.execute(queries.load(f"boundaries/{name}"), params)


def _listed(title: str, items: list[str], limit: int, lang: str) -> list[str]:
    if not items:
        return []
    shown = [f"    {item}" for item in items[:limit]]
    if len(items) > limit:
        shown.append("    " + translate(lang, "boundaries.lines.more", n=len(items) - limit))
    return [f"  {title}:", *shown]


def _rejected_text(x: RejectedRow, lang: str) -> str:
    return Message("boundaries.lines.rejected", where=where_in_file(x.row, x.column), reason=x.reason).text(lang)


# --- command line ------------------------------------------------------------------------


def add_parser(subparsers) -> None:
    """Add ``boundaries`` and ``wilayah`` to the ``import`` command's subparsers."""
    default_db = f"warehouse file (default ${db.DB_ENV} or {db.DEFAULT_DB.relative_to(db.ROOT)})"
    lang_option = {
        "choices": sorted(LANGUAGES),
        "default": DEFAULT_LANGUAGE,
        "help": f"language of the report (default {DEFAULT_LANGUAGE})",
    }
    bounds = subparsers.add_parser(
        "boundaries", help="desa/kelurahan polygons (GeoJSON, Shapefile or zip, GeoPackage, GeoParquet)"
    )
    bounds.add_argument("file", help="the boundary file")
    bounds.add_argument("--region", help="Kemendagri code of the region, e.g. 21.71 (default: from the codes)")
    bounds.add_argument("--code-column", help="column with the Kemendagri desa/kelurahan code (default: detected)")
    bounds.add_argument("--name-column", help="column with the desa/kelurahan name (default: detected)")
    bounds.add_argument("--layer", help="layer to read when the file holds several")
    bounds.add_argument("--db", help=default_db)
    bounds.add_argument("--lang", **lang_option)
    bounds.set_defaults(func=_cmd_boundaries)

    wilayah = subparsers.add_parser("wilayah", help="the Kemendagri code list (CSV: kode, nama, ...)")
    wilayah.add_argument("file", help="the code list")
    wilayah.add_argument("--region", help="import only this region, e.g. 21.71 (default: every row)")
    wilayah.add_argument("--db", help=default_db)
    wilayah.add_argument("--lang", **lang_option)
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
            progress=_bar(args.lang),
        ),
    )


def _cmd_wilayah(args: argparse.Namespace) -> int:
    return _run(args, lambda con: import_wilayah(con, args.file, region=args.region, progress=_bar(args.lang)))


def _bar(lang: str) -> Progress:
    """A terminal progress bar showing the step labels in ``lang``."""
    bar = Bar()
    return lambda label, fraction: bar(shown(label, lang), fraction)


def _run(args: argparse.Namespace, work) -> int:
    """Run ``work(con)`` on the warehouse through ``db.atomic_update`` (one transaction; the
    dashboard lets the file go meanwhile), print its lines; file problems exit with 2."""
    path = db.db_path(args.db)
    try:
        with db.atomic_update(path) as con:
            result = work(con)
    except (BoundaryError, CodeListError, RuntimeError) as exc:
        # The progress bar leaves its line open on a terminal.
        print(("\n" if sys.stderr.isatty() else "") + f"error: {error_text(exc, args.lang)}", file=sys.stderr)
        return 2
    print("\n".join(result.lines(args.lang)))
    print("  " + translate(args.lang, "boundaries.lines.warehouse", path=str(path)))
    return 0
