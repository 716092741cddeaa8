"""Read an agency file (CSV, Excel xlsx, Parquet) into text columns.

Agencies send what their systems export: SIKS-NG CSV in UTF-8 or Windows-1252 (sometimes both in
one file), separated by commas, semicolons or pipes, with quoted fields; spreadsheets; sometimes
Parquet. Every value is kept as text so that the validation in SQL sees exactly what the file
said: a NIK never loses its leading digits to a number type.

A CSV file is read as a stream, one physical line at a time, so its size does not set the memory
an import needs: each line is decoded on its own (UTF-8 first, else Windows-1252, counted), split
into records (a quoted field may span lines, a stray quote may not swallow the lines after it),
and the records with the header's field count are written, numbered, to a staging file that
DuckDB reads (``queries/import/raw_csv.sql``). Every other record is kept aside with its line for
the quarantine: read = staged + malformed, always.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from openpyxl.utils.exceptions import InvalidFileException

from geodata.boundaries import file_sha256

DELIMITERS = (",", ";", "|", "\t")
SAMPLE_ROWS = 50
"""Records kept in :attr:`RawFile.sample` (the import page's preview)."""
MAX_RECORD_LINES = 20
"""Lines a quoted field may span; an open quote that does not close within them is a stray one."""
_SNIFF_BYTES = 1 << 16
_WRITE_BUFFER = 1 << 20


class ImportFileError(ValueError):
    """A file that cannot be imported at all; the message names the file (and sheet/column)."""


@dataclass
class MalformedRow:
    """A CSV record that could not be split into the header's columns.

    ``row`` is the data line it starts on (the file's line number minus the header line),
    ``reason`` says why without quoting it, ``text`` is the record as the file wrote it
    (personal data: only ever stored encrypted), ``fields`` how many fields it had (None when its
    quoting is broken).
    """

    row: int
    reason: str
    text: str
    fields: int | None = None


@dataclass
class RawFile:
    """A file read as text.

    ``sample`` has one string column per header, in file order, for the first
    :data:`SAMPLE_ROWS` records, as the file wrote them. An xlsx or Parquet file also has the whole
    ``table`` and the ``row_numbers`` (1-based data rows) of its rows; a CSV file has its records in
    the ``staged`` file instead (when :func:`read_file` was given a staging path): one line per
    record, its data line first, then its fields, UTF-8, separated by ``delimiter``, quoted the CSV
    way. ``malformed`` lists the CSV records that could not be split into the header's columns;
    ``rows_read`` counts every record, staged or malformed.
    """

    source: str
    format: str
    headers: list[str]
    sample: pa.Table
    rows_read: int
    file_hash: str
    table: pa.Table | None = None
    row_numbers: np.ndarray | None = None
    staged: Path | None = None
    malformed: list[MalformedRow] = field(default_factory=list)
    delimiter: str | None = None
    encoding: str | None = None
    fallback_lines: int = 0
    """CSV lines that were not UTF-8 and were read as Windows-1252."""
    sheet: str | None = None
    long_numbers: list[str] = field(default_factory=list)
    """Headers of xlsx columns holding numbers of 16 or more digits (NIK/KK typed as numbers)."""


def read_file(
    path: str | Path, sheet: str | None = None, source_name: str | None = None, staging: Path | None = None
) -> RawFile:
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
    staging : Path, optional
        Where to write a CSV file's records for DuckDB (see :class:`RawFile`); without it the
        records are only counted and sampled (a preview).

    Raises
    ------
    ImportFileError
        Missing, empty, unreadable or binary file, header without data rows, unknown sheet.
    """
    path = Path(path)
    source = source_name or path.name
    if not path.is_file():
        raise ImportFileError(f"{source}: file not found")
    if path.stat().st_size == 0:
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
        if b"\x00" in head:
            raise ImportFileError(
                f"{source}: not a text (CSV) file, an Excel workbook (xlsx) or a Parquet file: it holds binary data"
            )
        raw = _read_csv(path, source, staging)
    if not raw.headers or all(not h for h in raw.headers):
        raise ImportFileError(f"{source}: no header row")
    if raw.rows_read == 0:
        raise ImportFileError(f"{source}: the file has a header but no data rows")
    return raw


def _no_sheet(source: str, sheet: str | None) -> None:
    if sheet:
        raise ImportFileError(f"{source}: --sheet {sheet!r} given, but the file is not an Excel workbook")


# --- CSV ---------------------------------------------------------------------------------


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


class _Lines:
    """The physical lines of a CSV file, each decoded on its own: UTF-8 first, else Windows-1252.

    Yields (line number, UTF-8 bytes without the line break). ``fallback`` counts the lines read
    as Windows-1252, ``utf8`` the non-ASCII lines that were UTF-8.
    """

    def __init__(self, handle, source: str):
        self.handle = handle
        self.source = source
        self.fallback = 0
        self.utf8 = 0

    def __iter__(self) -> Iterator[tuple[int, bytes]]:
        number = 0
        for chunk in self.handle:
            if number == 0 and chunk.startswith(b"\xef\xbb\xbf"):
                chunk = chunk[3:]
            chunk = chunk.rstrip(b"\r\n")
            # A carriage return alone ends a line too (old Mac files), as for every CSV reader.
            for line in chunk.split(b"\r") if b"\r" in chunk else (chunk,):
                number += 1
                if not line.isascii():
                    line = self._decoded(line, number)
                yield number, line

    def _decoded(self, line: bytes, number: int) -> bytes:
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            self.utf8 += 1
            return line
        try:
            text = line.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise ImportFileError(
                f"{self.source}: not readable as UTF-8 or Windows-1252 text (line {number}, byte {exc.start + 1}): "
                "save it as CSV UTF-8 from the spreadsheet"
            ) from None
        self.fallback += 1
        return text.encode("utf-8")


def _split(text: str, delimiter: str) -> list[str] | None:
    """The fields of one CSV record, or None when its quoting is broken."""
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error:
        return None
    if len(rows) != 1:
        return None
    return rows[0]


def _read_csv(path: Path, source: str, staging: Path | None) -> RawFile:
    with open(path, "rb") as handle:
        lines = _Lines(handle, source)
        numbered = iter(lines)
        first = next(numbered, None)
        header_text = first[1].decode("utf-8") if first else ""
        delimiter = sniff_delimiter(header_text)
        headers = unique_headers([h.strip() for h in (_split(header_text, delimiter) or [header_text])])
        out = open(staging, "wb", buffering=_WRITE_BUFFER) if staging else None
        try:
            records, malformed, sample = _records(numbered, delimiter, len(headers), out)
        finally:
            if out:
                out.close()
    if lines.fallback and not lines.utf8:
        encoding = "windows-1252"
    elif lines.fallback:
        encoding = "utf-8, windows-1252"
    else:
        encoding = "utf-8"
    return RawFile(
        source=source,
        format="csv",
        headers=headers,
        sample=pa.table({h: pa.array([r[i] for r in sample], pa.string()) for i, h in enumerate(headers)}),
        rows_read=records + len(malformed),
        file_hash=file_sha256(path),
        staged=staging,
        malformed=malformed,
        delimiter=delimiter,
        encoding=encoding,
        fallback_lines=lines.fallback,
    )


def _records(numbered, delimiter: str, width: int, out) -> tuple[int, list[MalformedRow], list[list[str]]]:
    """Split the lines after the header into records; write the good ones to ``out``.

    A line with no quote is one record (its fields counted, not parsed). A line whose quotes do
    not close is joined with the next lines until they do (at most :data:`MAX_RECORD_LINES`); if
    the joined text is not one record of ``width`` fields, the quote was a stray one and only the
    first line is set aside: the lines after it are read again as records of their own.
    """
    sep = delimiter.encode()
    quote = b'"'
    records = 0
    malformed: list[MalformedRow] = []
    sample: list[list[str]] = []
    pending: list[tuple[int, bytes]] = []
    writer_buffer = io.StringIO()
    writer = csv.writer(writer_buffer, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)

    def lines_with_retries():
        while True:
            if pending:
                yield pending.pop(0)
                continue
            item = next(numbered, None)
            if item is None:
                return
            yield item

    source = lines_with_retries()
    for number, line in source:
        if not line:
            continue
        row = number - 1
        if quote not in line:
            count = line.count(sep) + 1
            if count != width:
                malformed.append(
                    MalformedRow(row, f"{count} fields where the header has {width}", line.decode("utf-8"), count)
                )
                continue
            records += 1
            if out:
                out.write(b"%d" % row + sep + line + b"\n")
            if len(sample) < SAMPLE_ROWS:
                sample.append(line.decode("utf-8").split(delimiter))
            continue
        text = line.decode("utf-8")
        taken = [(number, line)]
        while text.count('"') % 2 and len(taken) < MAX_RECORD_LINES:
            following = next(source, None)
            if following is None:
                break
            taken.append(following)
            text += "\n" + following[1].decode("utf-8")
        fields = _split(text, delimiter) if text.count('"') % 2 == 0 else None
        if fields is None or len(fields) != width:
            if len(taken) > 1:
                # Only the line with the stray quote is lost: the others are read again.
                pending[:0] = taken[1:]
                text = line.decode("utf-8")
                fields = _split(text, delimiter)
            reason = "unbalanced quotes" if fields is None else f"{len(fields)} fields where the header has {width}"
            malformed.append(MalformedRow(row, reason, text, None if fields is None else len(fields)))
            continue
        records += 1
        if out:
            writer_buffer.seek(0)
            writer_buffer.truncate()
            writer.writerow([str(row), *fields])
            out.write(writer_buffer.getvalue().encode("utf-8"))
        if len(sample) < SAMPLE_ROWS:
            sample.append(fields)
    return records, malformed, sample


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
        sample=table.slice(0, SAMPLE_ROWS),
        rows_read=table.num_rows,
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
        sample=table.slice(0, SAMPLE_ROWS),
        rows_read=table.num_rows,
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
