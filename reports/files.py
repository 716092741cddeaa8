"""The one writer of the files the ``export`` commands write and the pages offer for download
(CSV and xlsx): a header line that says what the table holds (region, period, rules, data date),
then the table, and no cell a spreadsheet could run as a formula (a kelurahan named
``=HYPERLINK(...)`` stays text). Also the lookups every report shares (region, cycle, data date,
kelurahan boundaries).

Two kinds of file (issue 18.6). A file for people (``lang`` given, the default of every export
command and every page download) has column headers in that language with their units
(``domain/strings/export.py``), labels instead of codes (``e-Warong``, ``Tidak terpenuhi``:
:data:`domain.codes.EXPORT_VALUE_LABELS`) and yes/no for flags. Its Indonesian CSV is what Excel
reads right in an Indonesian locale: fields separated by ``;``, decimal comma (Windows' list
separator there is ``;`` because the comma is the decimal sign); no thousands separator, so every
number stays a number. A file for scripts (``--codes``, ``lang`` None) keeps the snake_case column
names, the codes, ``,`` and decimal points, byte for byte as before. Dates are ISO (YYYY-MM-DD) in
both: every spreadsheet and script reads them. xlsx cells are typed, so a spreadsheet shows them
in its own locale."""

from __future__ import annotations

import datetime as dt
import io
import sys
from collections.abc import Callable
from pathlib import Path

import duckdb
import geopandas as gpd
import pandas as pd
import shapely

import queries
from domain import codes
from domain.i18n import LANGUAGES, STRINGS, translate
from warehouse import db

FORMATS = ("csv", "xlsx")


def region(
    con: duckdb.DuckDBPyConnection, kode_region: str | None, scope_kelurahan: tuple[str, ...] | None = None
) -> tuple[str, str]:
    """(code, name) of the region to export: ``kode_region`` (a provinsi, kab/kota or
    kecamatan code), or the largest loaded kab/kota
    when None, among those holding a kelurahan of ``scope_kelurahan`` (None: every region).
    Raises LookupError for an empty warehouse or a region it does not hold."""
    regions = queries.run(con, "regions", scope_kelurahan=scope_kelurahan)
    if regions.empty:
        raise LookupError("the warehouse holds no region")
    kode_region = kode_region or regions["kode"].iloc[0]
    # Any level the region picker offers (provinsi, kab/kota, kecamatan) is a region.
    every = queries.run(con, "regions_hierarchy", scope_kelurahan=scope_kelurahan).set_index("kode")["nama"]
    if kode_region not in every.index:
        raise LookupError(f"region {kode_region!r} is not in the warehouse")
    return kode_region, every[kode_region]


def cycle(con: duckdb.DuckDBPyConnection, siklus: str | None) -> pd.Series:
    """The verivali cycle's row of queries/verivali_cycles.sql (name ``siklus``): ``siklus``, or
    the newest when None. Raises LookupError when there is none or it is unknown."""
    cycles = queries.run(con, "verivali_cycles")
    if cycles.empty:
        raise LookupError("the warehouse holds no verivali cycle")
    siklus = siklus or cycles["siklus"].iloc[0]
    if siklus not in set(cycles["siklus"]):
        raise LookupError(f"cycle {siklus!r} is not in the warehouse")
    return cycles.set_index("siklus").loc[siklus]


def data_date(con: duckdb.DuckDBPyConnection) -> dt.date:
    """The warehouse's data date (metadata), today when it has none."""
    day = queries.run(con, "data_date")["tanggal_data"].iloc[0]
    return dt.date.today() if pd.isna(day) else pd.Timestamp(day).date()


def boundaries(con: duckdb.DuckDBPyConnection, kode_region: str) -> gpd.GeoDataFrame:
    """The region's kelurahan/desa (queries/kelurahan_boundaries.sql) with their display
    geometry in EPSG:4326, empty where a unit has none; coordinates to five decimals (about a
    metre: enough for a kelurahan map, and a much smaller payload)."""
    df = queries.run(con, "kelurahan_boundaries", kode_region=kode_region)
    wkb = [None if g is None or g is pd.NA else bytes(g) for g in df.pop("geom_display")]
    geoms = shapely.set_precision(shapely.from_wkb(wkb), 1e-5)
    return gpd.GeoDataFrame(df, geometry=geoms, crs="EPSG:4326")


# OWASP "CSV Injection": a cell starting with one of these is read as a formula by spreadsheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def is_formula_like(value) -> bool:
    """Whether ``value`` is text that a spreadsheet could take for a formula: it starts with
    one of :data:`FORMULA_STARTS` and is not a number (``-2`` and ``+1.5`` are numbers)."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _is_number(value)


def neutralised(value):
    """``value`` with a single quote in front when :func:`is_formula_like` (OWASP's advice for
    CSV), else unchanged."""
    return f"'{value}" if is_formula_like(value) else value


def _csv_cell(value):
    """:func:`neutralised`, and so is the text after a bare carriage return: the CSV writer does
    not quote a field for one, and a spreadsheet may start a new row there."""
    value = neutralised(value)
    if isinstance(value, str) and "\r" in value:
        first, *rest = value.split("\r")
        return "\r".join([first, *map(neutralised, rest)])
    return value


def _text_cells_neutralised(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with every text cell and column name passed through :func:`_csv_cell`;
    numbers, dates and booleans stay what they are."""
    out = table.rename(columns=_csv_cell)
    for col in out.columns:
        text = pd.api.types.is_object_dtype(out[col]) or pd.api.types.is_string_dtype(out[col])
        if text:
            values = out[col].tolist()
            cells = [_csv_cell(v) for v in values]
            if cells != values:
                # As objects: Series.map would turn a column of counts and blanks into floats.
                out[col] = pd.Series(cells, index=out.index, dtype=object)
    return out


def _label(lang: str, key: str, value):
    return translate(lang, key) if key in STRINGS[lang] else value


def _is_flag(values: pd.Series) -> bool:
    if pd.api.types.is_bool_dtype(values):
        return True
    present = values.dropna()
    return pd.api.types.is_object_dtype(values) and not present.empty and all(isinstance(v, bool) for v in present)


def labelled(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``table`` for people in ``lang``: each column named ``export.col.<column>`` gets that
    header (with its unit), the codes of the columns of :data:`domain.codes.EXPORT_VALUE_LABELS`
    their labels, flags yes/no; a column or value without a text stays as it is (a table whose
    headers are already in words keeps them)."""
    out = table.copy()
    yes, no = translate(lang, "export.value.yes"), translate(lang, "export.value.no")
    for col in out.columns:
        values = out[col]
        prefix = codes.EXPORT_VALUE_LABELS.get(col)
        if prefix is not None:
            cells = [v if not isinstance(v, str) else _label(lang, prefix + v, v) for v in values]
        elif _is_flag(values):
            cells = [None if pd.isna(v) else yes if v else no for v in values]
        else:
            continue
        out[col] = pd.Series(cells, index=out.index, dtype=object)
    return out.rename(columns=lambda col: _label(lang, f"export.col.{col}", col))


def _decimal_comma_in_mixed_columns(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with the decimals of its object columns (a rate with blanks where a count is
    suppressed) written with a decimal comma, as pandas writes those of its float columns."""
    out = table.copy()
    for col in out.columns:
        if pd.api.types.is_object_dtype(out[col]):
            cells = [str(v).replace(".", ",") if isinstance(v, float) and v == v else v for v in out[col]]
            out[col] = pd.Series(cells, index=out.index, dtype=object)
    return out


def csv_bytes(table: pd.DataFrame, header: str | None = None, lang: str | None = None) -> bytes:
    """The CSV file of ``table`` (with ``header`` alone on a first row when given): UTF-8 with a
    byte-order mark, so that Excel shows the characters right, and no cell a spreadsheet could
    run as a formula (:func:`neutralised`). With ``lang``, the file for people
    (:func:`labelled`; in Bahasa Indonesia ``;``-separated with decimal comma); without, the
    file for scripts (column names and codes, ``,`` and decimal point)."""
    sep, decimal = ";" if lang == "id" else ",", "," if lang == "id" else "."
    if lang is not None:
        table = labelled(table, lang)
    if decimal != ".":
        table = _decimal_comma_in_mixed_columns(table)
    buf = io.StringIO()
    if header is not None:
        pd.DataFrame([[_csv_cell(header)]]).to_csv(buf, index=False, header=False, sep=sep)
    _text_cells_neutralised(table).to_csv(buf, index=False, sep=sep, decimal=decimal)
    return buf.getvalue().encode("utf-8-sig")


def as_text(sheet) -> None:
    """Make every cell of the openpyxl ``sheet`` that a spreadsheet could run as a formula a
    string marked as quoted text (Excel's quotePrefix), for writers with a layout of their own."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f" or is_formula_like(cell.value):
                # openpyxl takes any text starting with "=" for a formula.
                cell.data_type = "s"
                cell.quotePrefix = True


def workbook(sheets: dict[str, pd.DataFrame], header: str, readable: bool = False, lang: str | None = None) -> bytes:
    """An xlsx file with one sheet per table, ``header`` in cell A1 of each, the column names in
    row 2, the rows below. Every text cell is a string, never a formula, and one that starts
    like a formula is marked as quoted text (Excel's quotePrefix), so it stays text when edited.

    ``readable`` also freezes the two header rows, writes dates as YYYY-MM-DD and makes each
    column wide enough to read (up to 40 characters). ``lang`` makes the file for people
    (:func:`labelled`, always readable); None keeps column names and codes.
    """
    if lang is not None:
        sheets = {name: labelled(table, lang) for name, table in sheets.items()}
        readable = True
    buf = io.BytesIO()
    dates = {"date_format": "YYYY-MM-DD", "datetime_format": "YYYY-MM-DD"} if readable else {}
    with pd.ExcelWriter(buf, engine="openpyxl", **dates) as writer:
        for name, table in sheets.items():
            table.to_excel(writer, sheet_name=name, index=False, startrow=1)
            sheet = writer.sheets[name]
            sheet.cell(row=1, column=1, value=header)
            as_text(sheet)
            if readable:
                sheet.freeze_panes = "A3"
                for i, col in enumerate(table.columns, start=1):
                    width = max([len(str(col)), *(len(str(v)) for v in table[col].head(200))])
                    sheet.column_dimensions[sheet.cell(row=2, column=i).column_letter].width = min(40, width + 2)
    return buf.getvalue()


def table_file(table: pd.DataFrame, header: str, fmt: str, sheet: str, lang: str | None = None) -> bytes:
    """``header`` alone on the first row, then the table with its column names: CSV
    (:func:`csv_bytes`) or xlsx with the one ``sheet`` (:func:`workbook`); for people in
    ``lang``, for scripts without."""
    if fmt == "csv":
        return csv_bytes(table, header, lang)
    if fmt == "xlsx":
        return workbook({sheet: table}, header, lang=lang)
    raise ValueError(f"unknown format {fmt!r}; choose from {FORMATS}")


def export_table(
    db_file: str | None,
    make: Callable[[duckdb.DuckDBPyConnection], tuple[pd.DataFrame, str]],
    fmt: str,
    sheet: str,
    out: str | None,
    default_stem: str,
    summary: Callable[[pd.DataFrame], str] = lambda table: f"{len(table)} kelurahan",
    lang: str | None = None,
) -> int:
    """The body of an ``export`` command: ``make`` reads (table, header line) from the warehouse,
    the file goes to ``out`` (default ``<default_stem>.<fmt>``), for people in ``lang`` or, None,
    for scripts (:func:`labels_language`). Returns the exit status; a missing warehouse or an
    unknown code is told on stderr."""
    try:
        con = db.connect(db_file, read_only=True)
    except FileNotFoundError as exc:
        print(f"no warehouse at {exc.args[0]}; build one with `python -m warehouse demo`", file=sys.stderr)
        return 1
    try:
        table, header = make(con)
    except (LookupError, ValueError) as exc:
        print(exc.args[0] if exc.args else exc, file=sys.stderr)
        return 1
    finally:
        con.close()
    path = Path(out) if out else Path(f"{default_stem}.{fmt}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(table_file(table, header, fmt, sheet, lang))
    print(f"{summary(table)} written to {path}")
    print(f"  {header}")
    return 0


def add_language_options(parser) -> None:
    """``--lang`` and ``--codes`` of every export command (read back by :func:`labels_language`)."""
    parser.add_argument(
        "--lang", choices=tuple(LANGUAGES), default="id", help="language of the header row, column headers and labels"
    )
    parser.add_argument(
        "--codes",
        action="store_true",
        help="a file for scripts: snake_case column names and codes, comma-separated with decimal points "
        "(default: headers with units and labels in --lang; Indonesian CSV ;-separated with decimal comma)",
    )


def labels_language(args) -> str | None:
    """The language to label an export in (:func:`labelled`), None for ``--codes``."""
    return None if args.codes else args.lang
