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


HOSTILE = pd.DataFrame(
    {
        "kelurahan": ['=HYPERLINK("http://x","klik")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\r=1+1", "-2", "+1.5"],
        "n": [-5, 3, 0, -1, 2, 2, 2, 2],
        "rate": [-2.5, 0.5, None, 1.0, 0.0, 0.0, 0.0, 0.0],
    }
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-", "'-"),
        ("-2", "-2"),
        ("+1.5", "+1.5"),
        ("-1e3", "-1e3"),
        ("Alpha", "Alpha"),
        ("a=b", "a=b"),
        (-5, -5),
        (None, None),
    ],
)
def test_neutralised(value, expected):
    assert files.neutralised(value) == expected


def test_csv_cells_cannot_be_formulas_and_numbers_stay_numbers():
    content = files.csv_bytes(HOSTILE, "=header")
    assert content.decode("utf-8-sig").split("\n") == [
        "'=header",
        "kelurahan,n,rate",
        '"\'=HYPERLINK(""http://x"",""klik"")",-5,-2.5',
        "'+1+1,3,0.5",
        "'-2+3,0,",
        "'@SUM(A1),-1,1.0",
        "'\tTab,2,0.0",
        # A bare CR is not quoted, and may start a row: what follows it is neutralised too.
        "'\r'=1+1,2,0.0",
        "-2,2,0.0",
        "+1.5,2,0.0",
        "",
    ]
    # The downloads of the pages are the same writer.
    from ui import tables

    assert tables.csv_bytes(HOSTILE) == files.csv_bytes(HOSTILE)


def test_xlsx_text_cells_are_strings_never_formulas():
    book = openpyxl.load_workbook(io.BytesIO(files.workbook({"s": HOSTILE}, "=header", readable=True)))
    sheet = book["s"]
    assert [c.data_type for row in sheet.iter_rows() for c in row if c.value is not None].count("f") == 0
    assert sheet["A1"].value == "=header" and sheet["A1"].data_type == "s" and sheet["A1"].quotePrefix
    # XML reads a CR back as a line feed.
    assert [c.value for c in sheet["A"][2:]] == [v.replace("\r", "\n") for v in HOSTILE["kelurahan"]]
    assert [c.quotePrefix for c in sheet["A"][2:]] == [True] * 6 + [False] * 2
    assert [c.value for c in sheet["B"][2:]] == [-5, 3, 0, -1, 2, 2, 2, 2]
    assert sheet["B3"].data_type == "n" and sheet["C3"].value == -2.5 and sheet["C3"].data_type == "n"
    assert sheet["A9"].data_type == "s", "'-2' as text stays text"


def test_csv_for_people_in_both_languages():
    table = pd.DataFrame(
        {
            "kode": ["99.71.01.1001", "99.71.01.1002"],
            "kanal": ["e_warong", "pos"],
            "coverage_pct": [28.6, -0.5],
            "cases_per_10k_eb": [1234.5, None],
            "lagging": [True, False],
        }
    ).astype({"cases_per_10k_eb": object})
    assert files.csv_bytes(table, "Kota Contoh, data per 2026-02-28", "id").decode("utf-8-sig").splitlines() == [
        "Kota Contoh, data per 2026-02-28",
        "Kode wilayah (Kemendagri);Kanal;Cakupan (%);Kasus per 10.000 penduduk (Empirical Bayes);Tertinggal",
        "99.71.01.1001;e-Warong;28,6;1234,5;Ya",
        "99.71.01.1002;PT Pos;-0,5;;Tidak",
    ]
    assert files.csv_bytes(table, "Kota Contoh, data per 2026-02-28", "en").decode("utf-8-sig").splitlines() == [
        '"Kota Contoh, data per 2026-02-28"',
        'Area code (Kemendagri),Channel,Coverage (%),"Cases per 10,000 residents (Empirical Bayes)",Lagging',
        "99.71.01.1001,e-Warong,28.6,1234.5,Yes",
        "99.71.01.1002,PT Pos,-0.5,,No",
    ]
    # For scripts: the codes, as before.
    assert files.csv_bytes(table).decode("utf-8-sig").splitlines() == [
        "kode,kanal,coverage_pct,cases_per_10k_eb,lagging",
        "99.71.01.1001,e_warong,28.6,1234.5,True",
        "99.71.01.1002,pos,-0.5,,False",
    ]
