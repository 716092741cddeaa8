"""The files the ``export`` commands write and the pages offer for download: a header line
that says what the table holds (region, period, rules, data date), then the table."""

from __future__ import annotations

import io

import pandas as pd

FORMATS = ("csv", "xlsx")


def workbook(sheets: dict[str, pd.DataFrame], header: str) -> bytes:
    """An xlsx file with one sheet per table, ``header`` in cell A1 of each, the table below."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for name, table in sheets.items():
            table.to_excel(writer, sheet_name=name, index=False, startrow=1)
            writer.sheets[name].cell(row=1, column=1, value=header)
    return buf.getvalue()


def table_file(table: pd.DataFrame, header: str, fmt: str, sheet: str) -> bytes:
    """``header`` alone on the first row, then the table with its column names. CSV is UTF-8
    with a byte-order mark (so Excel shows the characters right); xlsx has the one ``sheet``."""
    if fmt == "csv":
        buf = io.StringIO()
        pd.DataFrame([[header]]).to_csv(buf, index=False, header=False)
        table.to_csv(buf, index=False)
        return buf.getvalue().encode("utf-8-sig")
    if fmt == "xlsx":
        return workbook({sheet: table}, header)
    raise ValueError(f"unknown format {fmt!r}; choose from {FORMATS}")
