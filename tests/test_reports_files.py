"""Export files (warehouse/files.py): the header line, then the table."""

import io

import duckdb
import openpyxl
import pandas as pd
import pytest

from reports import files
from tests.seed import TODAY, seed_db  # noqa: F401

TABLE = pd.DataFrame({"kode": ["99.71.01.1001", "99.71.01.1002"], "kelurahan": ["Alpha", "Ñusa"], "n": [3, 0]})


def test_csv_has_the_header_line_then_the_table():
    content = files.table_file(TABLE, "Kota Contoh, data per 2026-02-28", "csv", "cakupan")
    assert content.startswith(b"\xef\xbb\xbf")
    assert content.decode("utf-8-sig").splitlines() == [
        '"Kota Contoh, data per 2026-02-28"',
        "kode,kelurahan,n",
        "99.71.01.1001,Alpha,3",
        "99.71.01.1002,Ñusa,0",
    ]


def test_xlsx_has_the_header_in_a1_of_every_sheet():
    book = openpyxl.load_workbook(io.BytesIO(files.workbook({"a": TABLE, "b": TABLE.head(1)}, "judul")))
    assert book.sheetnames == ["a", "b"]
    assert [list(r) for r in book["a"].iter_rows(values_only=True)] == [
        ["judul", None, None],
        ["kode", "kelurahan", "n"],
        ["99.71.01.1001", "Alpha", 3],
        ["99.71.01.1002", "Ñusa", 0],
    ]
    assert book["b"].max_row == 3
    single = openpyxl.load_workbook(io.BytesIO(files.table_file(TABLE, "judul", "xlsx", "cakupan")))
    assert single.sheetnames == ["cakupan"]


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        files.table_file(TABLE, "judul", "pdf", "cakupan")


def test_export_table_writes_the_file_or_says_why_not(seed_db, tmp_path, capsys):
    out = tmp_path / "sub" / "t.csv"
    assert files.export_table(str(seed_db), lambda con: (TABLE, "judul"), "csv", "s", str(out), "x") == 0
    assert out.read_bytes() == files.table_file(TABLE, "judul", "csv", "s")
    assert capsys.readouterr().out == f"2 kelurahan written to {out}\n  judul\n"

    def unknown(con):
        raise LookupError("programme 'XXX' has no distributions in 99.71")

    assert files.export_table(str(seed_db), unknown, "csv", "s", str(tmp_path / "u.csv"), "x") == 1
    assert capsys.readouterr().err == "programme 'XXX' has no distributions in 99.71\n"
    assert not (tmp_path / "u.csv").exists()
    missing = tmp_path / "none.duckdb"
    assert files.export_table(str(missing), unknown, "csv", "s", None, "x") == 1
    assert f"no warehouse at {missing}" in capsys.readouterr().err


def test_region_cycle_and_data_date_default_and_are_checked(seed_db):
    with duckdb.connect(str(seed_db), read_only=True) as con:
        assert files.region(con, None) == ("99.71", "Kota Uji")
        assert files.region(con, "99.71") == ("99.71", "Kota Uji")
        with pytest.raises(LookupError, match="region '21.71' is not in the warehouse"):
            files.region(con, "21.71")
        assert files.cycle(con, None).name == "S1"
        assert files.cycle(con, "S0").name == "S0"
        with pytest.raises(LookupError, match="cycle 'S9' is not in the warehouse"):
            files.cycle(con, "S9")
        assert files.data_date(con) == TODAY
