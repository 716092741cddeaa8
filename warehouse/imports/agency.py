"""Import the agency's own files: the SIKS-NG DTKS list, verivali results, the PMKS case log,
distribution reports, the enumerator list, the musyawarah proposal list, the PKH graduation
list and the records of a pendataan campaign.

One import is one transaction: the file is read as text (:mod:`warehouse.imports.read`; a CSV
file streamed into a staging file that DuckDB reads, so memory does not grow with the file), its
headers mapped (:mod:`warehouse.imports.kinds`; a header that resembles a known one but matches
none stops the import unless allowed), every row checked in SQL
(``queries/import/<kind>_check.sql``: NIK/KK structure, dates, kelurahan, coordinates, amounts,
enumerations, duplicates in the file and against the warehouse, one household per NIK), the
passing rows upserted on their natural key (a newer export updates records, never duplicates
them) and every other row quarantined in ``impor_karantina`` with its reason and its values
masked; ``impor_log`` records the counts (read = loaded + quarantined) and the file's hash, so
the same file imported again changes nothing. A CSV record that cannot be split into the
header's columns is kept, if at all, encrypted with a key file outside the warehouse
(:class:`ImportSettings`), and forgotten after the retention period.

Command line (``add_parser``): ``python -m warehouse import dtks|verivali|usulan|pmks|penyaluran|graduasi|petugas|pendataan
FILE [--sheet S] [--mapping M.yaml] [--allow-unmapped] [--dry-run] [--report R.xlsx] [--db PATH]``;
it writes through :func:`warehouse.db.atomic_update`, which has the dashboard let the file go meanwhile.

Over 500 lines: the transaction, the masks its reports share with the SQL macros, the report
(text, Excel) and the command line are one pipeline read top to bottom; the masks and
:class:`ImportSettings` are the parts to move out first if it grows.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import os
import re
import shutil
import sys
import tempfile
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import shapely
from cryptography.fernet import Fernet

import queries
from analytics.privacy import mask_number
from domain import roles
from geodata import codes
from geodata.names import match_kelurahan_names, normalise_name
from reports import files
from reports.settings import Campaign, pendataan_campaigns
from warehouse import db, users
from warehouse.imports import refresh
from warehouse.imports.kinds import (
    BIRTH_DATES,
    COORDINATES,
    KINDS,
    PERSONAL_COLUMNS,
    PERSONAL_NAMES,
    PERSONAL_NUMBERS,
    PERSONAL_PLACES,
    ColumnMapping,
    MappingError,
    column_of_any_kind,
    detect_mapping,
    enum_table,
    read_mapping_file,
)
from warehouse.imports.read import ImportFileError, RawFile, blank_to_null, read_file
from warehouse.progress import Bar, Progress, silent

REASONS = {
    "malformed_row": "the record does not split into the header's columns (another number of fields, or a stray quote)",
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
    "date_out_of_range": "implausible date: after the data date, or before 1950 (an event) or 1900 (a birth)",
    "nik_other_household": "this NIK is already in another household (earlier in the file, or active in the "
    "warehouse): one person, one record",
    "coordinates_outside_region": "coordinates outside the region (more than 0.05 degrees, about 5 km, beyond "
    "its kelurahan)",
    "time_order": "ends before it starts",
    "kelurahan_code_invalid": "not a desa/kelurahan code (21.71.06.1002)",
    "kelurahan_unknown": "desa/kelurahan not in the warehouse's code list",
    "kelurahan_ambiguous": "several desa/kelurahan have this name: give the kecamatan or the code",
    "kecamatan_unknown": "kecamatan not in the warehouse's code list",
    "enum_unknown": "value not recognised (add it to a mapping file)",
    "number_invalid": "not a number, or out of range",
    "desil_wrong_step": "a desil belongs on a desil step (TAHAP desil)",
    "amount_invalid": "not an amount in rupiah, or too large for one (more than 9,223,372,036,854,775,807)",
    "amount_negative": "negative amount",
    "duplicate_in_file": "same record as an earlier row of the file",
    "duplicate_in_warehouse": "the record is already in the warehouse under another ID",
    "household_inconsistent": "differs from the first row of the same household (ID DTKS)",
    "household_unknown": "household not in the warehouse's DTKS",
    "cycle_unknown": "no verivali cycle with this name or covering this date",
    "programme_unknown": "programme not in the warehouse (bansos_program)",
    "tahap_unknown": "tahap not defined for the programme (bansos_tahap)",
    "campaign_unknown": "no pendataan campaign with this code (config/pendataan.toml)",
    "outside_campaign": "date outside the campaign's window (config/pendataan.toml)",
    "outside_scope": "desa/kelurahan outside the importing account's scope: an operator imports only the rows "
    "of their own desa/kelurahan",
}
FINDINGS = {
    "nik_sex_mismatch": "NIK digits 7-8 (day of birth, +40 for women) contradict JENIS KELAMIN",
    "nik_birth_date_mismatch": "NIK digits 7-12 (DDMMYY) contradict TANGGAL LAHIR",
    "usulan_without_ba": "proposal without the date of the musyawarah's berita acara (counted as without musyawarah)",
}
"""Quality findings: the rows load (the NIK is the person's, the columns may be wrong), and are listed."""
WARNINGS = {
    "no_code_list": "the warehouse has no desa/kelurahan code list: import it first (python -m warehouse import wilayah)",
    "excel_long_numbers": "16-digit numbers stored as numbers in Excel (their last digit may be lost; format the "
    "column as text and export again): {detail}",
    "encoding_fallback": "{detail} lines were not UTF-8 and were read as Windows-1252",
}
MACROS = tuple(
    f"import/macro_{name}"
    for name in (
        "enum_key",
        "clean_number",
        "nomor_problem",
        "parse_date",
        "parse_time",
        "parse_amount",
        "mask_number",
        "mask_initials",
        "mask_place",
        "mask_digits",
        "mask_coordinate",
        "mask_long_numbers",
    )
)
_REGION_COLUMNS = ("kode_kelurahan", "kecamatan", "kelurahan")
_LONG_NUMBER = re.compile(r"\d{5,}(\d{4})")
_DIGIT = re.compile(r"\d")
EXAMPLES = 5
"""Examples kept per reason in the report."""
DUCKDB_MEMORY_BASE_MB = 256
"""DuckDB's memory limit during an import is this (megabytes) plus the file's size: the staged rows
stay in memory, the rest spills, so an import needs about twice its file plus a fixed allowance
(bench/bench_import.py measures it)."""
REGION_BUFFER_DEGREES = 0.05
"""How far (degrees, about 5.5 km) beyond the region's kelurahan a coordinate may lie."""
SETTINGS_FILE = db.ROOT / "config" / "import.toml"
_WORK_PREFIX = "peta_kesos_import-"


@dataclass(frozen=True)
class ImportSettings:
    """Settings of the agency imports (``config/import.toml``).

    ``key_file``: the Fernet key that encrypts the malformed CSV records kept in the quarantine,
    created (mode 0600) on first use; None keeps no record at all. ``retention_days``: days after
    which those records are purged (at each import). ``upload_max_mb``: the largest upload the
    import page takes (megabytes).
    """

    key_file: Path | None = None
    retention_days: int = 90
    upload_max_mb: int = 500


def load_settings(path: str | Path = SETTINGS_FILE) -> ImportSettings:
    """Settings from ``path`` (a missing file or key: the defaults, no key file)."""
    p = Path(path)
    if not p.is_file():
        return ImportSettings()
    data = tomllib.loads(p.read_text(encoding="utf-8"))
    quarantine, upload = data.get("karantina", {}), data.get("unggah", {})
    key = quarantine.get("berkas_kunci") or None
    days, size = quarantine.get("retensi_hari", 90), upload.get("maks_mb", 500)
    for name, value in (("karantina.retensi_hari", days), ("unggah.maks_mb", size)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{p}: {name} must be a whole number >= 1, not {value!r}")
    return ImportSettings(
        key_file=Path(os.path.expanduser(key)) if key else None, retention_days=days, upload_max_mb=size
    )


@dataclass
class ImportResult:
    """The outcome of :func:`import_file`.

    ``report`` has one row per (reason, column): ``alasan`` (code of :data:`REASONS`),
    ``kolom`` (column), ``header`` (the file's header for it), ``rows_count``, ``first_row``
    (1-based data row) and ``examples`` (up to :data:`EXAMPLES` dicts ``nomor_baris`` plus the
    row's values masked: NIK/KK to the last four digits, names to initials, addresses, birth
    dates and coordinates blurred). ``findings`` has one row per quality finding of loaded rows
    (``temuan``, code of :data:`FINDINGS`, ``kolom``, ``header``, ``rows_count``, ``first_row``,
    ``rows``: the first data rows). ``ignored`` lists the headers nothing matched with the closest
    known header ('' when none is close). ``names`` lists the
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
    findings: pd.DataFrame = field(default_factory=pd.DataFrame)
    ignored: list[tuple[str, str]] = field(default_factory=list)
    names: pd.DataFrame = field(default_factory=pd.DataFrame)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    """(code of :data:`WARNINGS`, detail) for things the data officer should know."""
    touched: frozenset[str | None] = frozenset()
    """The desa/kelurahan codes whose analytics rows the import may have changed (old and new
    values, ``queries/import/<kind>_touched.sql``; None: rows without one): the only ones
    :func:`warehouse.db.refresh_analytics` recomputes."""

    @property
    def changed(self) -> bool:
        """Whether the import wrote anything (not a dry run, not a file seen before)."""
        return not self.dry_run and self.already is None

    def lines(self, limit: int = EXAMPLES) -> list[str]:
        """The outcome as text lines for a terminal (English; personal data masked)."""
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
        for header, closest in self.ignored:
            out.append(f"  ignored header: {header}" + (f" (closest known header: {closest})" if closest else ""))
        for row in self.report.itertuples(index=False):
            column = f" [{row.header}]" if row.header else ""
            out.append(
                f"  {row.rows_count:,} rows: {REASONS.get(row.alasan, row.alasan)}{column} (first: row {row.first_row})"
            )
            for example in row.examples[:limit]:
                values = ", ".join(f"{k}={v}" for k, v in example.items() if k != "nomor_baris" and v is not None)
                out.append(f"      row {example['nomor_baris']}: {values}")
        for row in self.findings.itertuples(index=False):
            column = f" [{row.header}]" if row.header else ""
            rows = ", ".join(str(n) for n in row.rows)
            out.append(f"  {row.rows_count:,} rows loaded with a finding: {FINDINGS[row.temuan]}{column} (rows {rows})")
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
    """Read a file and detect its column mapping, without touching the warehouse (a CSV file is
    counted and sampled, not staged).

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
    allow_unmapped: bool = False,
    settings: ImportSettings = ImportSettings(),
    progress: Progress = silent,
    campaigns: tuple[Campaign, ...] | None = None,
    scope_kelurahan: tuple[str, ...] | None = None,
    before_commit: Callable[[duckdb.DuckDBPyConnection, ImportResult], None] | None = None,
) -> ImportResult:
    """Import one agency file into the warehouse, in one transaction.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        A writable connection, not inside a transaction (:func:`warehouse.db.atomic_update`
        gives one for a warehouse the dashboard reads). A file without the schema gets it.
    kind : str
        ``dtks``, ``verivali``, ``usulan``, ``pmks``, ``penyaluran``, ``graduasi``, ``petugas`` or ``pendataan``.
    path : str or Path
        CSV, xlsx or Parquet file.
    sheet, mapping_file, source_name
        The worksheet, a YAML mapping file, the name to record (default: the file name).
    dry_run : bool
        Check and report, then roll back: nothing is written.
    today : date, optional
        The data date: dates after it are rejected (default: today).
    allow_unmapped : bool
        Import even when a header resembles a known one but matches none (it is ignored).
    settings : ImportSettings
        The key file and retention of the quarantine's encrypted records.
    progress : callable
        ``progress(label, fraction)``.
    campaigns : tuple of reports.settings.Campaign, optional
        The pendataan campaigns a ``pendataan`` file's records must belong to (default
        ``config/pendataan.toml``).
    scope_kelurahan : tuple of str, optional
        The desa/kelurahan codes the importing account may import (an operator's scope,
        ``warehouse.users.scope_kelurahan``); rows of any other kelurahan (for verivali: of a
        household living elsewhere) are quarantined as ``outside_scope``. None: no limit.
    before_commit : callable, optional
        ``before_commit(con, result)``, run inside the import's transaction just before its
        commit when the import changes the warehouse (the audit row: it lands with the data,
        or neither does).

    Raises
    ------
    ImportFileError
        The file cannot be read, lacks a required column, or has a header that resembles a
        known one without ``allow_unmapped`` (nothing is written).
    MappingError
        The mapping file is unusable.
    """
    spec = KINDS.get(kind)
    if spec is None:
        raise ValueError(f"unknown import kind {kind!r}; kinds: {', '.join(KINDS)}")
    if scope_kelurahan is not None and not (queries.QUERY_DIR / f"{spec.scope_query}.sql").is_file():
        raise ValueError(f"import kind {kind!r} cannot be limited to an operator's desa/kelurahan")
    progress("reading the file", 0.0)
    mapping_data = read_mapping_file(mapping_file)
    with _work_dir() as work:
        raw = read_file(path, sheet=sheet, source_name=source_name, staging=work / "records.csv")
        mapping = detect_mapping(kind, raw.headers, mapping_data, source=str(mapping_file or "mapping"))
        _check_headers(raw.source, raw.headers, mapping, allow_unmapped)
        enums = enum_table(mapping.values)
        result = ImportResult(kind=kind, source=raw.source, file_hash=raw.file_hash, mapping=mapping, dry_run=dry_run)
        result.ignored = [(h, mapping.closest.get(h, "")) for h in mapping.unknown]
        today = today or dt.date.today()
        progress("checking rows", 0.3)
        con.begin()
        try:
            size_mb = Path(path).stat().st_size // 1_000_000
            if spec.name == "pendataan":
                con.register(
                    "import_kampanye", _campaign_table(pendataan_campaigns() if campaigns is None else campaigns)
                )
            _import(con, spec, raw, mapping, enums, result, today, settings, size_mb, progress, scope_kelurahan)
            if dry_run or result.already:
                con.rollback()
            else:
                refresh.refresh_derived(con, kelurahan=result.touched)
                if before_commit is not None:
                    before_commit(con, result)
                con.commit()
        except BaseException:
            with contextlib.suppress(duckdb.Error):
                con.rollback()
            raise
        finally:
            with contextlib.suppress(duckdb.Error):
                for name in ("import_staged", "import_columns", "import_enum", "import_kelurahan", "import_kampanye"):
                    con.unregister(name)
                for name in ("checked_drop", "raw_drop", "masked_drop", "nik_holders_drop"):
                    con.execute(queries.load(f"import/{name}"))
    progress("done", 1.0)
    return result


def _campaign_table(campaigns: tuple[Campaign, ...]) -> pa.Table:
    """The campaigns as the table import_kampanye that queries/import/pendataan_check.sql reads."""
    return pa.table(
        {
            "kode_kampanye": pa.array([c.kode for c in campaigns], pa.string()),
            "mulai": pa.array([c.mulai for c in campaigns], pa.date32()),
            "selesai": pa.array([c.selesai for c in campaigns], pa.date32()),
            "kategori": pa.array([list(c.kategori) for c in campaigns], pa.list_(pa.string())),
        }
    )


def _check_headers(source: str, headers: list[str], mapping: ColumnMapping, allow_unmapped: bool) -> None:
    """Raise ImportFileError when the file lacks a required column, or has headers that resemble
    known ones but match none (unless ``allow_unmapped``)."""
    if mapping.missing:
        raise ImportFileError(
            f"{source}: no column for "
            + "; ".join(" or ".join(g) for g in mapping.missing)
            # A file without a header row shows a data row here: long numbers stay masked.
            + f" (headers found: {', '.join(mask_long_numbers(h) for h in headers)}); "
            "see docs/import_headers.md or give --mapping"
        )
    if mapping.resembling and not allow_unmapped:
        close = ", ".join(f"{h!r} (closest known header: {mapping.closest[h]!r})" for h in mapping.resembling)
        raise ImportFileError(
            f"{source}: headers not recognised but close to known ones: {close}; rename them, give --mapping, "
            "or allow unmapped headers (--allow-unmapped) to ignore them"
        )


def _import(
    con,
    spec,
    raw: RawFile,
    mapping: ColumnMapping,
    enums,
    result: ImportResult,
    today,
    settings,
    size_mb,
    progress,
    scope_kelurahan,
):
    db.create_schema(con)
    found = _run(con, "import/log_find", jenis=spec.name, hash_file=raw.file_hash)
    if len(found):
        result.already = found.iloc[0].to_dict()
        return
    now = dt.datetime.now().replace(microsecond=0)
    _run(con, "import/quarantine_purge_lines", batas=now - dt.timedelta(days=settings.retention_days))
    _run(con, "import/quarantine_scrub_legacy")
    con.execute(queries.load("import/memory_limit"), {"limit": f"{DUCKDB_MEMORY_BASE_MB + size_mb}MB"})
    for name in MACROS:
        con.execute(queries.load(name))
    _stage(con, raw, mapping, spec)
    con.register("import_enum", enums)
    region_match, result.names = _resolve_region(con, spec)
    con.register("import_kelurahan", region_match)
    if region_match.num_rows and not _run(con, "import/kelurahan_count").iloc[0, 0]:
        result.warnings.append(("no_code_list", ""))
    if raw.long_numbers:
        result.warnings.append(("excel_long_numbers", ", ".join(raw.long_numbers)))
    if raw.fallback_lines:
        result.warnings.append(("encoding_fallback", f"{raw.fallback_lines:,}"))
    for lookup in spec.lookups:
        con.execute(queries.load(lookup))
    check = queries.load(spec.check_query)
    params = {"hari_ini": today, **_region_bounds(con)}
    con.execute(check, {k: v for k, v in params.items() if f"${k}" in check})
    if scope_kelurahan is not None:
        present = set(mapping.columns.values())
        kolom = next((c for c in ("kode_kelurahan", "kelurahan", "id_dtks") if c in present), "kelurahan")
        _run(con, spec.scope_query, scope_kelurahan=list(scope_kelurahan), kolom=kolom)
    progress("writing records", 0.7)
    before = _run(con, "import/table_sizes").iloc[0]
    touched = _touched(con, spec)
    for load in spec.loads:
        con.execute(queries.load(load))
    result.touched = touched | _touched(con, spec)
    after = _run(con, "import/table_sizes").iloc[0]
    result.added = {t: int(after[t] - before[t]) for t in spec.tables}
    id_impor = int(_run(con, "import/next_id").iloc[0, 0])
    con.execute(queries.load("import/masked"))
    con.execute(queries.load("import/quarantine_insert"), {"id_impor": id_impor})
    if raw.malformed:
        cipher = _cipher(settings.key_file)
        con.executemany(
            queries.load("import/quarantine_malformed"),
            [
                {
                    "id_impor": id_impor,
                    "nomor_baris": m.row,
                    "data": json.dumps({"detail": m.reason}),
                    "baris_terenkripsi": cipher.encrypt(m.text.encode("utf-8")) if cipher else None,
                }
                for m in raw.malformed
            ],
        )
    quarantined = _run(con, "import/quarantined_count", id_impor=id_impor).iloc[0, 0]
    result.rows_read = raw.rows_read
    result.rows_quarantined = int(quarantined)
    result.rows_loaded = raw.rows_read - result.rows_quarantined
    result.id_impor = id_impor
    if spec.findings_query:
        result.findings = _findings(con, spec.findings_query, mapping)
    con.execute(
        queries.load("import/log_insert"),
        {
            "id_impor": id_impor,
            "jenis": spec.name,
            "nama_file": raw.source,
            "hash_file": raw.file_hash,
            "waktu": now,
            "baris_dibaca": result.rows_read,
            "baris_dimuat": result.rows_loaded,
            "baris_karantina": result.rows_quarantined,
            "catatan": _note(raw, result),
        },
    )
    result.report = _report(con, id_impor, mapping)


@contextlib.contextmanager
def _work_dir():
    """A private folder (0700) for an import's staging file, removed when the import ends; those
    of imports killed before they could remove theirs go at the next import."""
    root = Path(tempfile.gettempdir())
    for old in root.glob(f"{_WORK_PREFIX}*"):
        pid = old.name.removeprefix(_WORK_PREFIX).split("-")[0]
        if pid.isdigit() and not db.pid_alive(int(pid)):
            shutil.rmtree(old, ignore_errors=True)
    work = Path(tempfile.mkdtemp(prefix=f"{_WORK_PREFIX}{os.getpid()}-"))
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _cipher(key_file: Path | None) -> Fernet | None:
    """The Fernet cipher of the key file, the file created (0600) on first use; None without one."""
    if key_file is None:
        return None
    key_file = Path(key_file)
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with contextlib.suppress(FileExistsError):
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(Fernet.generate_key())
    if key_file.stat().st_mode & 0o077:
        raise RuntimeError(f"{key_file}: the quarantine key file must be readable by its owner only (chmod 600)")
    return Fernet(key_file.read_bytes().strip())


def _run(con, name: str, **params) -> pd.DataFrame:
    """Run ``queries/<name>.sql`` on ``con`` itself: a cursor would not see the open transaction."""
    return con.execute(queries.load(name), params).df()


def _touched(con, spec) -> frozenset[str | None]:
    """The desa/kelurahan whose analytics rows the loadable rows reach, as the warehouse is now."""
    return frozenset(code for (code,) in con.execute(queries.load(spec.touched_query)).fetchall())


def _stored_columns(spec) -> list[str]:
    """The columns of import_raw: the kind's stored ones, then the personal ones it lacks (null), so
    that the masking (queries/import/masked.sql) is one statement for every kind."""
    stored = [c for c in spec.columns if c not in spec.not_stored]
    return stored + [c for c in PERSONAL_COLUMNS if c not in stored]


def _stage(con, raw: RawFile, mapping: ColumnMapping, spec) -> None:
    """Create temp table import_raw: ``nomor_baris`` and every column of :func:`_stored_columns`
    as trimmed text (blank or not in the file: null)."""
    columns = _stored_columns(spec)
    if raw.staged is not None:
        con.register(
            "import_columns",
            pa.table({"nomor_baris": pa.array([], pa.int64()), **{c: pa.array([], pa.string()) for c in columns}}),
        )
        # Field names come from the kind's columns (a fixed list) or are numbered placeholders.
        names = {"nomor_baris": "VARCHAR"}
        for i, header in enumerate(raw.headers):
            names[mapping.columns.get(header) or f"ignored_{i}"] = "VARCHAR"
        con.execute(
            queries.load("import/raw_csv"), {"path": str(raw.staged), "delimiter": raw.delimiter, "columns": names}
        )
        return
    by_column = {c: h for h, c in mapping.columns.items()}
    staged = {"nomor_baris": pa.array(raw.row_numbers, pa.int64())}
    for column in columns:
        header = by_column.get(column)
        staged[column] = (
            blank_to_null(raw.table.column(header)) if header else pa.nulls(raw.table.num_rows, pa.string())
        )
    con.register("import_staged", pa.table(staged))
    con.execute(queries.load("import/raw_arrow"))


def _region_bounds(con) -> dict[str, float | None]:
    """The extent of the warehouse's kelurahan (shapes, else points) widened by
    :data:`REGION_BUFFER_DEGREES`, as the check queries' $lon_min.. parameters (None: no units,
    or no staged row gives a coordinate: then no check compares one, and a national code list's
    83,000 shapes are not read)."""
    if not _run(con, "import/raw_located").iloc[0, 0]:
        return {"lon_min": None, "lon_max": None, "lat_min": None, "lat_max": None}
    units = _run(con, "import/region_shapes")
    shapes = shapely.from_wkb([bytes(g) for g in units["geom"] if isinstance(g, (bytes, bytearray, memoryview))])
    points = units[["lon", "lat"]].dropna().to_numpy(dtype=float)
    boxes = np.vstack([shapely.bounds(shapes).reshape(-1, 4), np.hstack([points, points])])
    if not len(boxes):
        return {"lon_min": None, "lon_max": None, "lat_min": None, "lat_max": None}
    b = REGION_BUFFER_DEGREES
    return {
        "lon_min": float(boxes[:, 0].min()) - b,
        "lat_min": float(boxes[:, 1].min()) - b,
        "lon_max": float(boxes[:, 2].max()) + b,
        "lat_max": float(boxes[:, 3].max()) + b,
    }


def _under_kecamatan(registry: pd.DataFrame, names: pd.Series) -> pd.DataFrame:
    """The registry's kecamatan and the desa/kelurahan of those named in ``names`` only: a
    national registry has 83,000 units, and a file names the kecamatan of few of them. The
    matches are those of the whole registry (a kelurahan is matched within its kecamatan)."""
    kecamatan = registry[registry["level"] == "kecamatan"]
    wanted = {normalise_name(n) for n in names.unique()}
    named = set(kecamatan.loc[kecamatan["nama"].map(normalise_name).isin(wanted), "kode"])
    return registry[(registry["level"] == "kecamatan") | registry["kode_induk"].isin(named)]


def _resolve_region(con, spec) -> tuple[pa.Table, pd.DataFrame]:
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
        with_kecamatan, without = part[part["kecamatan"].notna()], part[part["kecamatan"].isna()]
        matched = pd.concat(
            [
                match_kelurahan_names(with_kecamatan, _under_kecamatan(registry, with_kecamatan["kecamatan"]))
                if len(with_kecamatan)
                else None,
                match_kelurahan_names(without, registry, "kelurahan", None) if len(without) else None,
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


def _note(raw: RawFile, result: ImportResult) -> str:
    fmt = raw.format + (f", delimiter {raw.delimiter!r}, {raw.encoding}" if raw.format == "csv" else "")
    fmt += f", sheet {raw.sheet!r}" if raw.sheet else ""
    parts = [fmt, "new: " + ", ".join(f"{t} {n}" for t, n in result.added.items())]
    if raw.fallback_lines:
        parts.append(f"lines read as Windows-1252: {raw.fallback_lines}")
    if result.ignored:
        parts.append("ignored headers: " + ", ".join(h for h, _ in result.ignored))
    if len(result.findings):
        parts.append(
            "findings: "
            + ", ".join(f"{f} {n}" for f, n in zip(result.findings["temuan"], result.findings["rows_count"]))
        )
    return "; ".join(parts)


def mask_initials(value) -> str | None:
    """A person's name as its initials: ``'Siti Nur Aisyah'`` -> ``'S. N. A.'`` (as the SQL macro)."""
    if value is None:
        return None
    return " ".join(f"{w[0].upper()}." for w in str(value).split())


def mask_place(value) -> str | None:
    """An address or birthplace as its first character and stars (as the SQL macro)."""
    if value is None:
        return None
    text = str(value)
    return text[:1] + "*" * (len(text) - 1)


def mask_digits(value) -> str | None:
    """Every digit starred (a birth date keeps only its shape)."""
    return None if value is None else _DIGIT.sub("*", str(value))


def mask_coordinate(value) -> str | None:
    """A coordinate rounded to 2 decimals (about 1 km); the digits starred when it is not a number."""
    if value is None:
        return None
    try:
        return str(round(float(str(value).replace(",", ".")), 2))
    except ValueError:
        return mask_digits(value)


def mask_long_numbers(value):
    """Runs of 9 or more digits in a text starred but their last 4 (a NIK in the wrong column)."""
    return _LONG_NUMBER.sub(lambda m: "*****" + m.group(1), value) if isinstance(value, str) else value


def mask_values(values: dict) -> dict:
    """A row's values with its personal data masked, by column (or by a header of any kind, so that
    a DTKS file previewed as another kind is masked too): NIK/KK to the last four digits, names to
    initials, addresses and birthplaces to their first character, birth dates to their shape,
    coordinates to 2 decimals, long digit runs elsewhere to their last four."""
    out = {}
    for key, value in values.items():
        column = key if key in PERSONAL_COLUMNS else column_of_any_kind(key)
        if value is None:
            pass
        elif column in PERSONAL_NUMBERS:
            value = mask_number(value)
        elif column in PERSONAL_NAMES:
            value = mask_initials(value)
        elif column in PERSONAL_PLACES:
            value = mask_place(value)
        elif column in BIRTH_DATES:
            value = mask_digits(value)
        elif column in COORDINATES:
            value = mask_coordinate(value)
        else:
            value = mask_long_numbers(value)
        out[key] = value
    return out


def _findings(con, name: str, mapping: ColumnMapping) -> pd.DataFrame:
    findings = _run(con, name, contoh=EXAMPLES)
    header_of = {c: h for h, c in mapping.columns.items()}
    findings["header"] = pd.Series([header_of.get(k) for k in findings["kolom"]], dtype=object)
    findings["rows"] = [list(map(int, r)) for r in findings["rows"]]
    return findings[["temuan", "kolom", "header", "rows_count", "first_row", "rows"]]


def _report(con, id_impor: int, mapping: ColumnMapping) -> pd.DataFrame:
    report = _run(con, "import/report", id_impor=id_impor, contoh=EXAMPLES)
    header_of = {c: h for h, c in mapping.columns.items()}
    # Object columns: pandas' string dtype would turn "no column" (None) into NaN.
    report["kolom"] = pd.Series([k if isinstance(k, str) else None for k in report["kolom"]], dtype=object)
    report["header"] = pd.Series([header_of.get(k) for k in report["kolom"]], dtype=object)
    order = {c: i for i, c in enumerate(KINDS[mapping.kind].columns)}

    def example(e) -> dict:
        values = mask_values(json.loads(e["data"]) if e["data"] else {})
        # The file's column order, not the masking's (the stored JSON groups columns by mask).
        values = dict(sorted(values.items(), key=lambda kv: order.get(kv[0], len(order))))
        return {"nomor_baris": int(e["nomor_baris"]), **values}

    report["examples"] = [[example(e) for e in examples] for examples in report["examples"]]
    return report[["alasan", "kolom", "header", "rows_count", "first_row", "examples"]]


def report_excel(
    result: ImportResult,
    reason_labels: dict[str, str] | None = None,
    sheet_names: tuple[str, str] = ("summary", "examples"),
    finding_labels: dict[str, str] | None = None,
) -> bytes:
    """The result report as an xlsx workbook: a summary per reason (then the findings and the
    ignored headers, when any) and the masked examples.

    ``reason_labels`` and ``finding_labels`` name the codes (default: the English :data:`REASONS`
    and :data:`FINDINGS`).
    """
    labels = reason_labels or REASONS
    finding_labels = finding_labels or FINDINGS
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
    findings = result.findings
    found = pd.DataFrame(
        {
            "finding": [finding_labels.get(f, f) for f in findings["temuan"]] if len(findings) else [],
            "code": findings["temuan"] if len(findings) else [],
            "column": findings["header"].fillna(findings["kolom"]) if len(findings) else [],
            "rows": findings["rows_count"] if len(findings) else [],
            "first_rows": [", ".join(map(str, r)) for r in findings["rows"]] if len(findings) else [],
        }
    )
    ignored = pd.DataFrame(
        {"ignored_header": [h for h, _ in result.ignored], "closest": [c for _, c in result.ignored]}
    )
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        head.to_excel(writer, sheet_name=sheet_names[0], index=False)
        summary.to_excel(writer, sheet_name=sheet_names[0], index=False, startrow=3)
        row = 3 + len(summary) + 3
        if len(found):
            found.to_excel(writer, sheet_name=sheet_names[0], index=False, startrow=row)
            row += len(found) + 3
        if len(ignored):
            ignored.to_excel(writer, sheet_name=sheet_names[0], index=False, startrow=row)
        examples.to_excel(writer, sheet_name=sheet_names[1], index=False)
        for sheet in writer.sheets.values():
            files.as_text(sheet)
    return buffer.getvalue()


# --- command line ------------------------------------------------------------------------


def add_parser(subparsers) -> None:
    """Add every kind of :data:`warehouse.imports.kinds.KINDS` to ``import``."""
    helps = {
        "dtks": "DTKS list exported from SIKS-NG (one row per member), or the SIKS-NG proposal template",
        "verivali": "verivali / ground-check results",
        "pmks": "PMKS case log (TRC, call center, patrols)",
        "penyaluran": "bansos distribution report (bank, PT Pos, e-warong)",
        "petugas": "enumerator list",
        "usulan": "musyawarah proposal list (SIKS-NG proposal layout: into or out of the register)",
        "graduasi": "PKH graduation list (KPM who left PKH, by kind)",
        "pendataan": "records of a pendataan campaign (config/pendataan.toml): collector, kelurahan, date, category",
    }
    for kind in KINDS:
        p = subparsers.add_parser(kind, help=helps[kind] + " (CSV, xlsx or Parquet)")
        p.add_argument("file", help="the file")
        p.add_argument("--sheet", help="worksheet of an xlsx file (default: the first)")
        p.add_argument("--mapping", help="YAML mapping file for other headers and values (docs/import_headers.md)")
        p.add_argument(
            "--allow-unmapped",
            action="store_true",
            help="import even when a header resembles a known one but matches none (it is ignored)",
        )
        p.add_argument("--dry-run", action="store_true", help="check and report only; write nothing")
        p.add_argument(
            "--as-user",
            metavar="NAME",
            help="import as this account: recorded in the audit log, and an operator's rows outside their "
            "desa/kelurahan are quarantined",
        )
        p.add_argument("--report", help="also write the result report to this Excel file (.xlsx)")
        p.add_argument("--db", help=f"warehouse file (default ${db.DB_ENV} or {db.DEFAULT_DB.relative_to(db.ROOT)})")
        p.set_defaults(func=_cmd_import, import_kind=kind)


def importing_account(con: duckdb.DuckDBPyConnection, name: str | None) -> tuple[str, tuple[str, ...] | None]:
    """(the user name for the audit log, the desa/kelurahan scope) of an import run as account
    ``name``; ``(users.CLI_USER, None)`` without one. Raises users.AccountError for an unknown or
    disabled account, or one whose role may not import."""
    if name is None:
        return users.CLI_USER, None
    acct = users.account(con, name)
    if acct is None or not acct.active:
        raise users.AccountError(f"no active user {users.normalise_name(name)!r}; `users list` shows them")
    if not roles.may(acct.role, roles.IMPORT):
        raise users.AccountError(f"user {acct.name!r} ({acct.role}) may not import")
    return acct.name, users.scope_kelurahan(con, acct)


def _cmd_import(args: argparse.Namespace) -> int:
    path = db.db_path(args.db)
    try:
        with db.atomic_update(path) as con:
            by, scope = importing_account(con, args.as_user)
            result = import_file(
                con,
                args.import_kind,
                args.file,
                sheet=args.sheet,
                mapping_file=args.mapping,
                dry_run=args.dry_run,
                allow_unmapped=args.allow_unmapped,
                settings=load_settings(),
                progress=Bar(),
                scope_kelurahan=scope,
                # In the import's own transaction: the audit row lands with the data, or neither does.
                before_commit=lambda c, r: users.record_import(
                    c,
                    by,
                    args.import_kind,
                    Path(args.file).name,
                    r.rows_read,
                    r.rows_loaded,
                    r.rows_quarantined,
                    users.utcnow(),
                ),
            )
            if not result.changed:
                raise db.Unchanged
    except (
        ImportFileError,
        MappingError,
        users.AccountError,
        RuntimeError,
        duckdb.IOException,
        duckdb.OutOfMemoryException,
    ) as exc:
        print(("\n" if sys.stderr.isatty() else "") + f"error: {exc}", file=sys.stderr)
        return 2
    print("\n".join(result.lines()))
    if args.report and not result.already:
        Path(args.report).write_bytes(report_excel(result))
        print(f"  report: {args.report}")
    print(f"  warehouse: {path}")
    return 0
