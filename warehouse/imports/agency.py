"""Import the agency's own files: the SIKS-NG DTKS list, verivali results, the PMKS case log,
distribution reports and the enumerator list.

One import is one transaction: the file is read as text (:mod:`warehouse.imports.read`), its
headers mapped (:mod:`warehouse.imports.kinds`), every row checked in SQL
(``queries/import/<kind>_check.sql``: NIK/KK structure, dates, kelurahan, amounts,
enumerations, duplicates in the file and against the warehouse), the passing rows upserted on
their natural key (a newer export updates records, never duplicates them) and every other row
quarantined in ``impor_karantina`` with its reason; ``impor_log`` records the counts (read =
loaded + quarantined) and the file's hash, so the same file imported again changes nothing.

Command line (``add_parser``): ``python -m warehouse import dtks|verivali|pmks|penyaluran|petugas
FILE [--sheet S] [--mapping M.yaml] [--dry-run] [--report R.xlsx] [--db PATH]``; it writes
through :func:`warehouse.db.atomic_update`, so the dashboard keeps serving meanwhile.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

import queries
from analytics.privacy import mask_number, shorten_name
from geodata import codes
from geodata.names import match_kelurahan_names
from warehouse import db
from warehouse.imports.kinds import (
    KINDS,
    ColumnMapping,
    MappingError,
    detect_mapping,
    enum_table,
    read_mapping_file,
)
from warehouse.imports.read import ImportFileError, RawFile, blank_to_null, read_file
from warehouse.progress import Bar, Progress, silent

REASONS = {
    "malformed_row": "the row has a different number of fields than the header",
    "missing_value": "a required value is empty",
    "nik_not_16_digits": "NIK is not 16 digits",
    "nik_region": "NIK: digits 1-6 are not a region code",
    "nik_date": "NIK: digits 7-12 are not a date of birth (DDMMYY, +40 on the day for women)",
    "nik_serial": "NIK: serial (digits 13-16) is 0000",
    "kk_not_16_digits": "KK number is not 16 digits",
    "kk_region": "KK number: digits 1-6 are not a region code",
    "kk_date": "KK number: digits 7-12 are not a date (DDMMYY)",
    "kk_serial": "KK number: serial (digits 13-16) is 0000",
    "date_invalid": "not a date (dd/mm/yyyy or yyyy-mm-dd) or an impossible one",
    "date_out_of_range": "date in the future or before 1900",
    "time_order": "ends before it starts",
    "kelurahan_code_invalid": "not a desa/kelurahan code (21.71.06.1002)",
    "kelurahan_unknown": "desa/kelurahan not in the warehouse's code list",
    "kelurahan_ambiguous": "several desa/kelurahan have this name: give the kecamatan or the code",
    "kecamatan_unknown": "kecamatan not in the warehouse's code list",
    "enum_unknown": "value not recognised (add it to a mapping file)",
    "number_invalid": "not a number, or out of range",
    "desil_wrong_step": "a desil belongs on a desil step (TAHAP desil)",
    "amount_invalid": "not an amount in rupiah",
    "amount_negative": "negative amount",
    "duplicate_in_file": "same record as an earlier row of the file",
    "duplicate_in_warehouse": "the record is already in the warehouse under another ID",
    "household_inconsistent": "differs from the first row of the same household (ID DTKS)",
    "household_unknown": "household not in the warehouse's DTKS",
    "cycle_unknown": "no verivali cycle with this name or covering this date",
    "programme_unknown": "programme not in the warehouse (bansos_program)",
    "tahap_unknown": "tahap not defined for the programme (bansos_tahap)",
}
WARNINGS = {
    "no_code_list": "the warehouse has no desa/kelurahan code list: import it first (python -m warehouse import wilayah)",
    "excel_long_numbers": "16-digit numbers stored as numbers in Excel (their last digit may be lost; format the "
    "column as text and export again): {detail}",
}
MACROS = tuple(
    f"import/macro_{name}"
    for name in ("enum_key", "clean_number", "nomor_problem", "parse_date", "parse_time", "parse_amount")
)
_REGION_COLUMNS = ("kode_kelurahan", "kecamatan", "kelurahan")
_PERSONAL_NUMBERS = ("nik", "no_kk", "nik_penerima")
_PERSONAL_NAMES = ("nama",)
_SIXTEEN_DIGITS = re.compile(r"\d{12}(\d{4})")
EXAMPLES = 5
"""Examples kept per reason in the report."""


@dataclass
class ImportResult:
    """The outcome of :func:`import_file`.

    ``report`` has one row per (reason, column): ``alasan`` (code of :data:`REASONS`),
    ``kolom`` (column), ``header`` (the file's header for it), ``rows_count``, ``first_row``
    (1-based data row) and ``examples`` (up to :data:`EXAMPLES` dicts ``nomor_baris`` plus the
    row's values, NIK/KK masked to the last four digits and names shortened). ``names`` lists the
    region names that did not resolve (kecamatan, kelurahan, match, candidates, rows_count).
    ``added`` counts new records per table (the other loaded rows updated existing ones).
    ``already`` is set (and nothing written) when the same file content was imported before.
    """

    kind: str
    source: str
    file_hash: str
    mapping: ColumnMapping
    rows_read: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    id_impor: int | None = None
    dry_run: bool = False
    already: dict | None = None
    added: dict[str, int] = field(default_factory=dict)
    report: pd.DataFrame = field(default_factory=pd.DataFrame)
    names: pd.DataFrame = field(default_factory=pd.DataFrame)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    """(code of :data:`WARNINGS`, detail) for things the data officer should know."""

    @property
    def changed(self) -> bool:
        """Whether the import wrote anything (not a dry run, not a file seen before)."""
        return not self.dry_run and self.already is None

    def lines(self, limit: int = EXAMPLES) -> list[str]:
        """The outcome as text lines for a terminal (English; NIK/KK masked)."""
        if self.already:
            a = self.already
            return [
                f"{self.source}: the same file was imported as import {a['id_impor']} ({a['nama_file']}, "
                f"{a['waktu']:%Y-%m-%d %H:%M}); nothing changed",
            ]
        head = "Dry run (nothing written): " if self.dry_run else ""
        out = [
            f"{head}{self.kind} from {self.source}" + (f" (import {self.id_impor})" if self.changed else ""),
            f"  rows: {self.rows_read:,} read, {self.rows_loaded:,} loaded, {self.rows_quarantined:,} quarantined",
        ]
        if self.added:
            out.append(
                "  new records: "
                + ", ".join(f"{t} {n:,}" for t, n in self.added.items())
                + " (other loaded rows updated existing records)"
            )
        out += [f"  warning: {WARNINGS[code].format(detail=detail)}" for code, detail in self.warnings]
        for row in self.report.itertuples(index=False):
            column = f" [{row.header}]" if row.header else ""
            out.append(
                f"  {row.rows_count:,} rows: {REASONS.get(row.alasan, row.alasan)}{column} (first: row {row.first_row})"
            )
            for example in row.examples[:limit]:
                values = ", ".join(f"{k}={v}" for k, v in example.items() if k != "nomor_baris" and v is not None)
                out.append(f"      row {example['nomor_baris']}: {values}")
        for row in self.names.head(limit * 2).itertuples(index=False):
            place = " / ".join(str(x) for x in (row.kecamatan, row.kelurahan) if x is not None)
            close = f"; closest: {', '.join(row.candidates)}" if len(row.candidates) else ""
            out.append(f"  name {row.match}: {place} ({row.rows_count:,} rows){close}")
        return out


def preview(
    kind: str,
    path: str | Path,
    *,
    sheet: str | None = None,
    mapping_file: str | Path | None = None,
    source_name: str | None = None,
) -> tuple[RawFile, ColumnMapping]:
    """Read a file and detect its column mapping, without touching the warehouse.

    Raises ImportFileError (unreadable file) or MappingError (bad mapping file).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown import kind {kind!r}; kinds: {', '.join(KINDS)}")
    raw = read_file(path, sheet=sheet, source_name=source_name)
    mapping = detect_mapping(kind, raw.headers, read_mapping_file(mapping_file), source=str(mapping_file or "mapping"))
    return raw, mapping


def import_file(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    path: str | Path,
    *,
    sheet: str | None = None,
    mapping_file: str | Path | None = None,
    dry_run: bool = False,
    source_name: str | None = None,
    today: dt.date | None = None,
    progress: Progress = silent,
) -> ImportResult:
    """Import one agency file into the warehouse, in one transaction.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        A writable connection, not inside a transaction (see :func:`warehouse.db.atomic_update`
        for a warehouse the dashboard has open). A file without the schema gets it.
    kind : str
        ``dtks``, ``verivali``, ``pmks``, ``penyaluran`` or ``petugas``.
    path : str or Path
        CSV, xlsx or Parquet file.
    sheet, mapping_file, source_name
        The worksheet, a YAML mapping file, the name to record (default: the file name).
    dry_run : bool
        Check and report, then roll back: nothing is written.
    today : date, optional
        Dates after it are rejected (default: today).
    progress : callable
        ``progress(label, fraction)``.

    Raises
    ------
    ImportFileError
        The file cannot be read, or lacks a required column (nothing is written).
    MappingError
        The mapping file is unusable.
    """
    spec = KINDS.get(kind)
    if spec is None:
        raise ValueError(f"unknown import kind {kind!r}; kinds: {', '.join(KINDS)}")
    progress("reading the file", 0.0)
    mapping_data = read_mapping_file(mapping_file)
    raw = read_file(path, sheet=sheet, source_name=source_name)
    mapping = detect_mapping(kind, raw.headers, mapping_data, source=str(mapping_file or "mapping"))
    if mapping.missing:
        raise ImportFileError(
            f"{raw.source}: no column for "
            + "; ".join(" or ".join(g) for g in mapping.missing)
            + f" (headers found: {', '.join(raw.headers)}); see docs/import_headers.md or give --mapping"
        )
    enums = enum_table(mapping.values)
    result = ImportResult(kind=kind, source=raw.source, file_hash=raw.file_hash, mapping=mapping, dry_run=dry_run)
    today = today or dt.date.today()
    progress("checking rows", 0.3)

    con.begin()
    try:
        db.create_schema(con)
        found = _run(con, "import/log_find", jenis=kind, hash_file=raw.file_hash)
        if len(found):
            result.already = found.iloc[0].to_dict()
            con.rollback()
            return result
        for name in MACROS:
            con.execute(queries.load(name))
        staged = _staged(raw, mapping, spec)
        con.register("import_raw", staged)
        con.register("import_enum", enums)
        region_match, result.names = _resolve_region(con, spec, raw)
        con.register("import_kelurahan", region_match)
        if region_match.num_rows and not _run(con, "import/kelurahan_count").iloc[0, 0]:
            result.warnings.append(("no_code_list", ""))
        if raw.long_numbers:
            result.warnings.append(("excel_long_numbers", ", ".join(raw.long_numbers)))
        check = queries.load(spec.check_query)
        con.execute(check, {"hari_ini": today} if "$hari_ini" in check else {})
        progress("writing records", 0.7)
        before = _run(con, "import/table_sizes").iloc[0]
        for load in spec.loads:
            con.execute(queries.load(load))
        after = _run(con, "import/table_sizes").iloc[0]
        result.added = {t: int(after[t] - before[t]) for t in spec.tables}
        id_impor = int(_run(con, "import/next_id").iloc[0, 0])
        con.execute(queries.load("import/quarantine_insert"), {"id_impor": id_impor})
        if raw.malformed:
            con.executemany(
                queries.load("import/quarantine_malformed"),
                [
                    {
                        "id_impor": id_impor,
                        "nomor_baris": m.row,
                        "data": json.dumps({"baris": m.text}, ensure_ascii=False),
                    }
                    for m in raw.malformed
                ],
            )
        quarantined = _run(con, "import/quarantined_count", id_impor=id_impor).iloc[0, 0]
        result.rows_read = raw.rows_read
        result.rows_quarantined = int(quarantined)
        result.rows_loaded = raw.rows_read - result.rows_quarantined
        result.id_impor = id_impor
        con.execute(
            queries.load("import/log_insert"),
            {
                "id_impor": id_impor,
                "jenis": kind,
                "nama_file": raw.source,
                "hash_file": raw.file_hash,
                "waktu": dt.datetime.now().replace(microsecond=0),
                "baris_dibaca": result.rows_read,
                "baris_dimuat": result.rows_loaded,
                "baris_karantina": result.rows_quarantined,
                "catatan": _note(raw, mapping, result.added),
            },
        )
        result.report = _report(con, id_impor, mapping)
        con.rollback() if dry_run else con.commit()
    except BaseException:
        with contextlib.suppress(duckdb.Error):
            con.rollback()
        raise
    finally:
        with contextlib.suppress(duckdb.Error):
            for name in ("import_raw", "import_enum", "import_kelurahan"):
                con.unregister(name)
            con.execute(queries.load("import/checked_drop"))
    progress("done", 1.0)
    return result


def _run(con, name: str, **params) -> pd.DataFrame:
    """Run ``queries/<name>.sql`` on ``con`` itself: a cursor would not see the open transaction."""
    return con.execute(queries.load(name), params).df()


def _staged(raw: RawFile, mapping: ColumnMapping, spec) -> pa.Table:
    """``nomor_baris`` and every stored column of the kind, as trimmed text (blank or not in
    the file: null)."""
    by_column = {c: h for h, c in mapping.columns.items()}
    columns = {"nomor_baris": pa.array(raw.row_numbers, pa.int64())}
    for column in spec.columns:
        if column in spec.not_stored:
            continue
        header = by_column.get(column)
        columns[column] = (
            blank_to_null(raw.table.column(header)) if header else pa.nulls(raw.table.num_rows, pa.string())
        )
    return pa.table(columns)


def _resolve_region(con, spec, raw: RawFile) -> tuple[pa.Table, pd.DataFrame]:
    """The kelurahan code (or the reason there is none) of each distinct code/name triple."""
    empty_names = pd.DataFrame(columns=["kecamatan", "kelurahan", "match", "candidates", "rows_count"])
    if "kelurahan" not in spec.columns:
        return pa.table(
            {c: pa.array([], pa.string()) for c in (*_REGION_COLUMNS, "kode", "alasan", "kolom")}
        ), empty_names
    required = any(set(g) & {"kelurahan", "kode_kelurahan"} for g in spec.required)
    triples = _run(con, "import/region_triples")
    registry = _run(con, "import/region_registry")
    kelurahan_codes = set(registry.loc[registry["level"] == "kelurahan", "kode"])
    kode = pd.Series(None, index=triples.index, dtype="object")
    alasan = pd.Series(None, index=triples.index, dtype="object")
    kolom = pd.Series(None, index=triples.index, dtype="object")

    coded = triples["kode_kelurahan"].notna()
    for i in triples.index[coded]:
        value = codes.normalise_code(triples.at[i, "kode_kelurahan"])
        if value is None or codes.code_level(value) != "kelurahan":
            alasan[i], kolom[i] = "kelurahan_code_invalid", "kode_kelurahan"
        elif value not in kelurahan_codes:
            alasan[i], kolom[i] = "kelurahan_unknown", "kode_kelurahan"
        else:
            kode[i] = value
    named = ~coded & triples["kelurahan"].notna()
    names = empty_names
    if named.any():
        part = triples[named]
        matched = pd.concat(
            [
                match_kelurahan_names(part[part["kecamatan"].notna()], registry, "kelurahan", "kecamatan"),
                match_kelurahan_names(part[part["kecamatan"].isna()], registry, "kelurahan", None),
            ]
        )
        ok = matched["match"] == "matched"
        kode[matched.index[ok]] = matched.loc[ok, "kode"]
        bad = matched[~ok]
        for i, row in bad.iterrows():
            if row["problem"] == "kecamatan":
                alasan[i], kolom[i] = (
                    ("missing_value" if row["match"] == "missing" else "kecamatan_unknown"),
                    "kecamatan",
                )
            else:
                alasan[i], kolom[i] = (
                    ("kelurahan_ambiguous" if row["match"] == "ambiguous" else "kelurahan_unknown"),
                    "kelurahan",
                )
        if len(bad):
            names = (
                triples.loc[bad.index, ["kecamatan", "kelurahan", "rows_count"]]
                .assign(match=bad["match"], candidates=bad["candidates"])[empty_names.columns]
                .sort_values("rows_count", ascending=False)
                .reset_index(drop=True)
            )
    if required:
        blank = ~coded & triples["kelurahan"].isna()
        alasan[blank], kolom[blank] = "missing_value", "kelurahan"
    table = pa.table(
        {
            "kode_kelurahan": pa.array(
                triples["kode_kelurahan"].astype(object).where(triples["kode_kelurahan"].notna(), None), pa.string()
            ),
            "kecamatan": pa.array(
                triples["kecamatan"].astype(object).where(triples["kecamatan"].notna(), None), pa.string()
            ),
            "kelurahan": pa.array(
                triples["kelurahan"].astype(object).where(triples["kelurahan"].notna(), None), pa.string()
            ),
            "kode": pa.array(kode.where(kode.notna(), None), pa.string()),
            "alasan": pa.array(alasan.where(alasan.notna(), None), pa.string()),
            "kolom": pa.array(kolom.where(kolom.notna(), None), pa.string()),
        }
    )
    return table, names


def _note(raw: RawFile, mapping: ColumnMapping, added: dict[str, int]) -> str:
    fmt = raw.format + (f", delimiter {raw.delimiter!r}, {raw.encoding}" if raw.format == "csv" else "")
    fmt += f", sheet {raw.sheet!r}" if raw.sheet else ""
    parts = [fmt, "new: " + ", ".join(f"{t} {n}" for t, n in added.items())]
    if mapping.unknown:
        parts.append("ignored headers: " + ", ".join(mapping.unknown))
    return "; ".join(parts)


def mask_values(values: dict) -> dict:
    """A quarantined row's values with NIK/KK masked to the last four digits and names shortened."""
    out = {}
    for key, value in values.items():
        if key in _PERSONAL_NUMBERS:
            value = mask_number(value)
        elif key in _PERSONAL_NAMES:
            value = shorten_name(value)
        elif isinstance(value, str):
            value = _SIXTEEN_DIGITS.sub(lambda m: "*" * 12 + m.group(1), value)
        out[key] = value
    return out


def _report(con, id_impor: int, mapping: ColumnMapping) -> pd.DataFrame:
    report = _run(con, "import/report", id_impor=id_impor, contoh=EXAMPLES)
    header_of = {c: h for h, c in mapping.columns.items()}
    # Object columns: pandas' string dtype would turn "no column" (None) into NaN.
    report["kolom"] = pd.Series([k if isinstance(k, str) else None for k in report["kolom"]], dtype=object)
    report["header"] = pd.Series([header_of.get(k) for k in report["kolom"]], dtype=object)
    report["examples"] = [
        [
            {"nomor_baris": int(e["nomor_baris"]), **mask_values(json.loads(e["data"]) if e["data"] else {})}
            for e in examples
        ]
        for examples in report["examples"]
    ]
    return report[["alasan", "kolom", "header", "rows_count", "first_row", "examples"]]


def report_excel(
    result: ImportResult,
    reason_labels: dict[str, str] | None = None,
    sheet_names: tuple[str, str] = ("summary", "examples"),
) -> bytes:
    """The result report as an xlsx workbook: a summary per reason and the masked examples.

    ``reason_labels`` names the reason codes (default: the English :data:`REASONS`).
    """
    labels = reason_labels or REASONS
    report = result.report
    summary = pd.DataFrame(
        {
            "reason": [labels.get(a, a) for a in report["alasan"]] if len(report) else [],
            "code": report["alasan"] if len(report) else [],
            "column": report["header"].fillna(report["kolom"]) if len(report) else [],
            "rows": report["rows_count"] if len(report) else [],
            "first_row": report["first_row"] if len(report) else [],
        }
    )
    examples = pd.DataFrame(
        [
            {"code": row.alasan, "column": row.header or row.kolom, **example}
            for row in report.itertuples(index=False)
            for example in row.examples
        ]
    )
    head = pd.DataFrame(
        {
            "file": [result.source],
            "kind": [result.kind],
            "rows_read": [result.rows_read],
            "rows_loaded": [result.rows_loaded],
            "rows_quarantined": [result.rows_quarantined],
        }
    )
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        head.to_excel(writer, sheet_name=sheet_names[0], index=False)
        summary.to_excel(writer, sheet_name=sheet_names[0], index=False, startrow=3)
        examples.to_excel(writer, sheet_name=sheet_names[1], index=False)
    return buffer.getvalue()


# --- command line ------------------------------------------------------------------------


def add_parser(subparsers) -> None:
    """Add ``dtks``, ``verivali``, ``pmks``, ``penyaluran`` and ``petugas`` to ``import``."""
    helps = {
        "dtks": "DTKS list exported from SIKS-NG (one row per member), or the SIKS-NG proposal template",
        "verivali": "verivali / ground-check results",
        "pmks": "PMKS case log (TRC, call center, patrols)",
        "penyaluran": "bansos distribution report (bank, PT Pos, e-warong)",
        "petugas": "enumerator list",
    }
    for kind in KINDS:
        p = subparsers.add_parser(kind, help=helps[kind] + " (CSV, xlsx or Parquet)")
        p.add_argument("file", help="the file")
        p.add_argument("--sheet", help="worksheet of an xlsx file (default: the first)")
        p.add_argument("--mapping", help="YAML mapping file for other headers and values (docs/import_headers.md)")
        p.add_argument("--dry-run", action="store_true", help="check and report only; write nothing")
        p.add_argument("--report", help="also write the result report to this Excel file (.xlsx)")
        p.add_argument("--db", help=f"warehouse file (default ${db.DB_ENV} or {db.DEFAULT_DB.relative_to(db.ROOT)})")
        p.set_defaults(func=_cmd_import, import_kind=kind)


def _cmd_import(args: argparse.Namespace) -> int:
    path = db.db_path(args.db)
    try:
        with db.atomic_update(path) as con:
            result = import_file(
                con,
                args.import_kind,
                args.file,
                sheet=args.sheet,
                mapping_file=args.mapping,
                dry_run=args.dry_run,
                progress=Bar(),
            )
            if not result.changed:
                raise db.Unchanged
    except (ImportFileError, MappingError, RuntimeError, duckdb.IOException) as exc:
        print(("\n" if sys.stderr.isatty() else "") + f"error: {exc}", file=sys.stderr)
        return 2
    print("\n".join(result.lines()))
    if args.report and not result.already:
        Path(args.report).write_bytes(report_excel(result))
        print(f"  report: {args.report}")
    print(f"  warehouse: {path}")
    return 0
