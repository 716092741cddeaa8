"""Read an agency file (CSV, Excel xlsx, Parquet) into a table of text columns.

Agencies send what their systems export: SIKS-NG CSV in UTF-8 or Windows-1252, separated by
commas, semicolons or pipes, with quoted fields; spreadsheets; sometimes Parquet. Every value
is kept as text so that the validation in SQL sees exactly what the
file said: a NIK never loses its leading digits to a number type. A row whose field count
does not match the header is not dropped: it is kept aside for the quarantine.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import math
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from openpyxl.utils.exceptions import InvalidFileException

from geodata.boundaries import file_sha256

DELIMITERS = (",", ";", "|", "\t")
_SNIFF_BYTES = 1 << 16


class ImportFileError(ValueError):
    """A file that cannot be imported at all; the message names the file (and sheet/column)."""


@dataclass
class MalformedRow:
    """A CSV row whose field count differs from the header's: ``row`` is its 1-based data row."""

    row: int
    reason: str
    text: str


@dataclass
class RawFile:
    """A file read as text.

    ``table`` has one string column per header, in file order, as the file wrote it
    (:func:`blank_to_null` trims a column and makes blank cells null);
    ``row_numbers`` the 1-based data row of each of its rows; ``malformed`` the CSV rows that
    could not be split into the header's columns. ``rows_read`` counts both.
    """

    source: str
    format: str
    headers: list[str]
    table: pa.Table
    row_numbers: np.ndarray
    file_hash: str
    malformed: list[MalformedRow] = field(default_factory=list)
    delimiter: str | None = None
    encoding: str | None = None
    sheet: str | None = None
    long_numbers: list[str] = field(default_factory=list)
    """Headers of xlsx columns holding numbers of 16 or more digits (NIK/KK typed as numbers)."""

    @property
    def rows_read(self) -> int:
        return self.table.num_rows + len(self.malformed)


def read_file(path: str | Path, sheet: str | None = None, source_name: str | None = None) -> RawFile:
    """Read a CSV, xlsx or Parquet file as text columns.

    Parameters
    ----------
    path : str or Path
        The file. Its kind is told by its first bytes (a zip is xlsx, ``PAR1`` is Parquet),
        anything else must be CSV text.
    sheet : str, optional
        The worksheet of an xlsx file (default: the first). An error for other formats.
    source_name : str, optional
        The name used in messages (default: the file name); give the original name when
        ``path`` is a temporary copy of an upload.

    Raises
    ------
    ImportFileError
        Missing, empty, unreadable or binary file, header without data rows, unknown sheet.
    """
    path = Path(path)
    source = source_name or path.name
    if not path.is_file():
        raise ImportFileError(f"{source}: file not found ({path})")
    size = path.stat().st_size
    if size == 0:
        raise ImportFileError(f"{source}: the file is empty (0 bytes)")
    with open(path, "rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    if head.startswith(b"PK\x03\x04"):
        raw = _read_xlsx(path, source, sheet)
    elif head.startswith(b"PAR1"):
        _no_sheet(source, sheet)
        raw = _read_parquet(path, source)
    else:
        _no_sheet(source, sheet)
        raw = _read_csv(path, source)
    if not raw.headers or all(not h for h in raw.headers):
        raise ImportFileError(f"{source}: no header row")
    if raw.rows_read == 0:
        raise ImportFileError(f"{source}: the file has a header but no data rows")
    return raw


def _no_sheet(source: str, sheet: str | None) -> None:
    if sheet:
        raise ImportFileError(f"{source}: --sheet {sheet!r} given, but the file is not an Excel workbook")


# --- CSV ---------------------------------------------------------------------------------


def decode_text(data: bytes, source: str) -> tuple[str, str]:
    """(text, encoding) of CSV bytes: UTF-8 (with or without BOM), else Windows-1252."""
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise ImportFileError(
            f"{source}: not a text (CSV) file, an Excel workbook (xlsx) or a Parquet file: it holds binary data"
        )
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"{source}: not readable as UTF-8 or Windows-1252 text (byte {exc.start}): "
            "save it as CSV UTF-8 from the spreadsheet"
        ) from None


def sniff_delimiter(header_line: str) -> str:
    """The delimiter of a CSV header line: the most frequent of , ; | tab outside quotes."""
    counts = {d: 0 for d in DELIMITERS}
    quoted = False
    for ch in header_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def parse_csv_text(text: str, source: str) -> tuple[list[str], pa.Table, np.ndarray, list[MalformedRow], str]:
    """Split CSV text into (headers, text table, row numbers, malformed rows, delimiter)."""
    return parse_csv_bytes(text.encode("utf-8"), source)


def parse_csv_bytes(data: bytes, source: str) -> tuple[list[str], pa.Table, np.ndarray, list[MalformedRow], str]:
    """:func:`parse_csv_text` of UTF-8 bytes (no BOM): the fast path, no copy of the file as text."""
    first_line, _, body = data.partition(b"\n")
    first_line = first_line.rstrip(b"\r").decode("utf-8")
    delimiter = sniff_delimiter(first_line)
    try:
        headers = next(csv.reader([first_line], delimiter=delimiter))
    except (csv.Error, StopIteration):
        headers = []
    headers = unique_headers([h.strip() for h in headers])
    if not any(headers):
        raise ImportFileError(f"{source}: no header row")
    if not body.strip():
        empty = pa.table({h: pa.array([], pa.string()) for h in headers})
        return headers, empty, np.arange(1, 1, dtype=np.int64), [], delimiter
    # Threads make reading several times faster but leave malformed rows unnumbered; a file
    # with any is read again on one thread for their row numbers.
    table, malformed = _arrow_csv(body, headers, delimiter, source, threads=True)
    if malformed:
        table, malformed = _arrow_csv(body, headers, delimiter, source, threads=False)
    return headers, table, _row_numbers(table.num_rows, [m.row for m in malformed]), malformed, delimiter


def _arrow_csv(body: bytes, headers: list[str], delimiter: str, source: str, threads: bool):
    malformed: list[MalformedRow] = []

    def invalid(row) -> str:
        # Records of the body, header excluded, counted from 1: the data row.
        malformed.append(
            MalformedRow(
                row=row.number or 0,
                reason=f"{row.actual_columns} fields where the header has {row.expected_columns}",
                text=row.text,
            )
        )
        return "skip"

    try:
        table = pacsv.read_csv(
            pa.BufferReader(body),
            read_options=pacsv.ReadOptions(column_names=headers, use_threads=threads, block_size=1 << 22),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter,
                quote_char='"',
                double_quote=True,
                newlines_in_values=True,
                invalid_row_handler=invalid,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={h: pa.string() for h in headers},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid as exc:
        raise ImportFileError(f"{source}: cannot read as CSV (delimiter {delimiter!r}): {exc}") from None
    return table, malformed


def _row_numbers(good_count: int, malformed_rows: list[int]) -> np.ndarray:
    """1-based data rows of the rows read, the malformed rows' places left out."""
    total = good_count + len(malformed_rows)
    numbers = np.setdiff1d(np.arange(1, total + 1), np.asarray(malformed_rows, dtype=np.int64))
    if len(numbers) != good_count:
        # A quoted field spanning lines shifts physical lines against rows: number them in order.
        numbers = np.arange(1, good_count + 1)
    return numbers.astype(np.int64)


def _read_csv(path: Path, source: str) -> RawFile:
    data = path.read_bytes()
    text, encoding = decode_text(data, source)
    # UTF-8 bytes go to the parser as they are; only Windows-1252 text is re-encoded.
    utf8 = data.removeprefix(b"\xef\xbb\xbf") if encoding == "utf-8" else text.encode("utf-8")
    del text
    headers, table, numbers, malformed, delimiter = parse_csv_bytes(utf8, source)
    return RawFile(
        source=source,
        format="csv",
        headers=headers,
        table=table,
        row_numbers=numbers,
        file_hash=hashlib.sha256(data).hexdigest(),
        malformed=malformed,
        delimiter=delimiter,
        encoding=encoding,
    )


# --- Excel and Parquet -------------------------------------------------------------------


def _read_xlsx(path: Path, source: str, sheet: str | None) -> RawFile:
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, OSError) as exc:
        raise ImportFileError(f"{source}: a zip file but not a readable Excel workbook (xlsx): {exc}") from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise ImportFileError(
                f"{source}: no sheet named {sheet!r}; the workbook has: " + ", ".join(map(repr, book.sheetnames))
            )
        name = sheet if sheet is not None else book.sheetnames[0]
        cells = book[name].iter_rows(values_only=True)
        header = next(cells, ())
        # Cells are read as written (openpyxl keeps integers whole, where pandas would go through float).
        body = [row for row in cells if any(v is not None and str(v).strip() for v in row)]
    finally:
        book.close()
    width = max([len(header), *(len(r) for r in body)]) if body or header else 0
    headers = unique_headers([_cell_text(h) or "" for h in (*header, *[None] * (width - len(header)))])
    columns = {
        h: pa.array([_cell_text(r[i]) if i < len(r) else None for r in body], pa.string())
        for i, h in enumerate(headers)
    }
    table = pa.table(columns) if columns else pa.table({})
    # Excel keeps 15 significant digits: a NIK typed as a number has already lost its last one.
    long_numbers = [
        h
        for i, h in enumerate(headers)
        if any(i < len(r) and isinstance(r[i], (int, float)) and abs(r[i]) >= 1e15 for r in body)
    ]
    return RawFile(
        source=source,
        format="xlsx",
        headers=headers,
        table=table,
        row_numbers=np.arange(1, table.num_rows + 1, dtype=np.int64),
        file_hash=file_sha256(path),
        sheet=name,
        long_numbers=long_numbers,
    )


def _cell_text(value) -> str | None:
    """A spreadsheet cell as the text a person would read in it."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (dt.datetime, pd.Timestamp)):
        if value.hour == value.minute == value.second == 0:
            return value.strftime("%Y-%m-%d")
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _read_parquet(path: Path, source: str) -> RawFile:
    try:
        table = pq.read_table(path)
    except (pa.ArrowException, OSError) as exc:
        raise ImportFileError(f"{source}: not a readable Parquet file: {exc}") from None
    headers = unique_headers([str(n) for n in table.column_names])
    columns = {}
    for h, col in zip(headers, table.columns):
        if pa.types.is_timestamp(col.type):
            seconds = pc.cast(col, pa.timestamp("s", col.type.tz), safe=False)
            col = pc.strftime(seconds, format="%Y-%m-%d %H:%M:%S")
        elif pa.types.is_floating(col.type):
            col = pa.array([_cell_text(v) for v in col.to_pylist()], pa.string())
        columns[h] = pc.cast(col, pa.string())
    table = pa.table(columns)
    return RawFile(
        source=source,
        format="parquet",
        headers=headers,
        table=table,
        row_numbers=np.arange(1, table.num_rows + 1, dtype=np.int64),
        file_hash=file_sha256(path),
    )


# --- shared ------------------------------------------------------------------------------


def unique_headers(headers: list[str]) -> list[str]:
    """Headers with repeats told apart (``NAMA``, ``NAMA (2)``); blank ones named by position."""
    seen: dict[str, int] = {}
    out = []
    for i, h in enumerate(headers, start=1):
        h = h.strip() or f"column {i}"
        seen[h] = seen.get(h, 0) + 1
        out.append(h if seen[h] == 1 else f"{h} ({seen[h]})")
    return out


def blank_to_null(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """A text column trimmed, its blank cells null."""
    trimmed = pc.utf8_trim_whitespace(column)
    return pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, pa.string()), trimmed)
