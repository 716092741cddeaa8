"""warehouse.imports.read: CSV (sniffed delimiter, UTF-8/Windows-1252, quotes), xlsx, Parquet."""

from __future__ import annotations

import csv
import io

import duckdb
import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import queries
from warehouse.imports.read import MAX_RECORD_LINES, ImportFileError, blank_to_null, read_file, sniff_delimiter


def texts(raw) -> list[dict]:
    return (raw.table if raw.table is not None else raw.sample).to_pylist()


def staged(raw) -> list[list[str]]:
    """The staging file's records: data line, then the fields."""
    with open(raw.staged, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter=raw.delimiter))


def read_staged(path, tmp_path):
    return read_file(path, staging=tmp_path / "staged.csv")


@pytest.mark.parametrize(
    "line, expected",
    [
        ("NIK,NAMA", ","),
        ("NIK;NAMA;ALAMAT", ";"),
        ("NIK|NAMA", "|"),
        ("NIK\tNAMA", "\t"),
        ('"A;B",C,D', ","),
        ("NIK", ","),
    ],
)
def test_sniff_delimiter_ignores_quoted_text(line, expected):
    assert sniff_delimiter(line) == expected


def test_windows_1252_csv_with_quotes_and_crlf(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes('NIK;NAMA;ALAMAT\r\n1;"Müller; Sé";"Jl. ""Satu"""\r\n2;  Dua  ;\r\n'.encode("cp1252"))
    raw = read_staged(path, tmp_path)
    assert (raw.format, raw.delimiter, raw.encoding, raw.headers, raw.fallback_lines) == (
        "csv",
        ";",
        "windows-1252",
        ["NIK", "NAMA", "ALAMAT"],
        1,
    )
    assert texts(raw) == [
        {"NIK": "1", "NAMA": "Müller; Sé", "ALAMAT": 'Jl. "Satu"'},
        {"NIK": "2", "NAMA": "  Dua  ", "ALAMAT": ""},
    ]
    assert blank_to_null(raw.sample.column("NAMA")).to_pylist() == ["Müller; Sé", "Dua"]
    assert blank_to_null(raw.sample.column("ALAMAT")).to_pylist() == ['Jl. "Satu"', None]
    assert staged(raw) == [["1", "1", "Müller; Sé", 'Jl. "Satu"'], ["2", "2", "  Dua  ", ""]]


def test_malformed_rows_keep_their_line_numbers(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text('A,B,C\n1,2,3\n4,5\n"x\ny",7,8\n9,10,11,12\n13,14,15\n', encoding="utf-8")
    raw = read_staged(path, tmp_path)
    # Data lines, counted after the header: the quoted record spans lines 3 and 4.
    assert [(m.row, m.reason, m.text, m.fields) for m in raw.malformed] == [
        (2, "2 fields where the header has 3", "4,5", 2),
        (5, "4 fields where the header has 3", "9,10,11,12", 4),
    ]
    assert texts(raw) == [
        {"A": "1", "B": "2", "C": "3"},
        {"A": "x\ny", "B": "7", "C": "8"},
        {"A": "13", "B": "14", "C": "15"},
    ]
    assert staged(raw) == [["1", "1", "2", "3"], ["3", "x\ny", "7", "8"], ["6", "13", "14", "15"]]
    assert raw.rows_read == 5


def test_a_stray_quote_costs_its_own_line_only(tmp_path):
    lines = [f"{i},nama {i},{i * 10}" for i in range(1, 51)]
    lines[1] = '2,"nama 2,20'
    path = tmp_path / "q.csv"
    path.write_text("ID,NAMA,NILAI\n" + "\n".join(lines) + "\n", encoding="utf-8")
    raw = read_staged(path, tmp_path)
    assert [(m.row, m.reason) for m in raw.malformed] == [(2, "unbalanced quotes")]
    assert raw.rows_read == 50
    records = staged(raw)
    assert [r[0] for r in records] == [str(i) for i in range(1, 51) if i != 2]
    assert records[1] == ["3", "3", "nama 3", "30"]


def test_a_quote_closing_too_far_away_is_a_stray_one(tmp_path):
    body = ['1,"a,1'] + [f"{i},b,{i}" for i in range(2, MAX_RECORD_LINES + 3)] + ['9,c",9']
    path = tmp_path / "far.csv"
    path.write_text("ID,X,Y\n" + "\n".join(body) + "\n", encoding="utf-8")
    raw = read_staged(path, tmp_path)
    assert [m.row for m in raw.malformed] == [1, len(body)]
    assert raw.rows_read == len(body) and len(staged(raw)) == len(body) - 2


def test_mixed_utf8_and_windows_1252_lines_decode_each_on_its_own(tmp_path):
    path = tmp_path / "mix.csv"
    path.write_bytes(
        b"NIK;NAMA\n"
        + "1;Séna Müller\n".encode()
        + "2;Désirée Ñoño\n".encode("cp1252")
        + b"3;Ayu\n"
        + "4;Zoë – “kutip”\n".encode("cp1252")
    )
    raw = read_staged(path, tmp_path)
    assert (raw.encoding, raw.fallback_lines) == ("utf-8, windows-1252", 2)
    assert [r[2] for r in staged(raw)] == ["Séna Müller", "Désirée Ñoño", "Ayu", "Zoë – “kutip”"]
    # No mojibake: nothing decoded twice or the wrong way.
    assert not any("Ã" in r[2] or "â€" in r[2] for r in staged(raw))


def test_a_line_neither_utf8_nor_windows_1252_names_its_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"NIK;NAMA\n1;A\n2;B\x81\n")
    with pytest.raises(
        ImportFileError, match=r"^bad\.csv: not readable as UTF-8 or Windows-1252 text \(line 3, byte 4\)"
    ):
        read_file(path)


def test_repeated_and_blank_headers_are_told_apart(tmp_path):
    path = tmp_path / "h.csv"
    path.write_text("NAMA,NAMA,,X\n1,2,3,4\n", encoding="utf-8")
    assert read_file(path).headers == ["NAMA", "NAMA (2)", "column 3", "X"]


def test_xlsx_reads_cells_as_a_person_sees_them(tmp_path):
    import datetime as dt

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["NIK", "TGL", "NILAI", "WAKTU", "KOSONG"])
    ws.append(["'9971011505800001", dt.datetime(1980, 5, 15), 750000.0, dt.datetime(2026, 2, 1, 22, 5), None])
    ws.append([None, None, None, None, None])
    ws.append([1234, dt.date(2026, 1, 2), 1.5, None, None])
    book.save(tmp_path / "b.xlsx")
    raw = read_file(tmp_path / "b.xlsx")
    assert (raw.format, raw.sheet) == ("xlsx", "Sheet")
    assert texts(raw) == [
        {
            "NIK": "'9971011505800001",
            "TGL": "1980-05-15",
            "NILAI": "750000",
            "WAKTU": "2026-02-01 22:05:00",
            "KOSONG": None,
        },
        {"NIK": "1234", "TGL": "2026-01-02", "NILAI": "1.5", "WAKTU": None, "KOSONG": None},
    ]


def test_parquet_columns_become_text(tmp_path):
    import datetime as dt

    pq.write_table(
        pa.table(
            {
                "NIK": ["9971011505800001"],
                "USIA": pa.array([40], pa.int64()),
                "NILAI": [750000.0],
                "TGL": pa.array([dt.date(2026, 2, 1)]),
                "WAKTU": pa.array([dt.datetime(2026, 2, 1, 22, 5)]),
            }
        ),
        tmp_path / "p.parquet",
    )
    raw = read_file(tmp_path / "p.parquet")
    assert texts(raw) == [
        {
            "NIK": "9971011505800001",
            "USIA": "40",
            "NILAI": "750000",
            "TGL": "2026-02-01",
            "WAKTU": "2026-02-01 22:05:00",
        }
    ]


def test_a_zip_that_is_not_a_workbook(tmp_path):
    import zipfile

    with zipfile.ZipFile(tmp_path / "x.xlsx", "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(ImportFileError, match=r"^x\.xlsx: a zip file but not a readable Excel workbook"):
        read_file(tmp_path / "x.xlsx")


def test_missing_file(tmp_path):
    with pytest.raises(ImportFileError, match=r"^nope\.csv: file not found"):
        read_file(tmp_path / "nope.csv")


# Text a spreadsheet can hold in a cell: quotes, delimiters, line breaks, accents.
CELL = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00")
    | st.sampled_from(['"', ",", ";", "|", "\n"]),
    max_size=12,
)


@pytest.fixture(scope="module")
def memory_con():
    """One in-memory DuckDB for the examples below (a new one costs about 25 ms of CPU, and
    queries/import/raw_csv.sql replaces its temp table each time)."""
    con = duckdb.connect()
    yield con
    con.close()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    delimiter=st.sampled_from([",", ";", "|"]),
    width=st.integers(2, 5),
    data=st.data(),
)
def test_csv_reader_returns_what_the_writer_wrote(tmp_path_factory, memory_con, delimiter, width, data):
    rows = data.draw(st.lists(st.lists(CELL, min_size=width, max_size=width), min_size=1, max_size=8))
    headers = [f"K{i}" for i in range(width)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(headers)
    writer.writerows(rows)
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "fuzz.csv").write_text(buffer.getvalue(), encoding="utf-8", newline="")
    raw = read_file(folder / "fuzz.csv", staging=folder / "staged.csv")
    assert (raw.headers, raw.delimiter, raw.malformed) == (headers, delimiter, [])
    assert [[r[h] for h in headers] for r in raw.sample.to_pylist()] == rows
    assert [r[1:] for r in staged(raw)] == rows
    # DuckDB reads the staging file as Python's csv does (values trimmed, blank = null).
    con = memory_con
    con.register(
        "import_columns",
        pa.table({"nomor_baris": pa.array([], pa.int64()), **{h: pa.array([], pa.string()) for h in headers}}),
    )
    columns = {"nomor_baris": "VARCHAR", **{h: "VARCHAR" for h in headers}}
    con.execute(queries.load("import/raw_csv"), {"path": str(raw.staged), "delimiter": delimiter, "columns": columns})
    got = con.execute(queries.load("tests/import_read/import_raw_rows")).fetchall()
    trimmed = [[v.strip(" \t\x0b\x0c\r\xa0") or None for v in r] for r in rows]
    assert [list(r[1:]) for r in got] == trimmed


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_csv_reader_never_crashes_on_arbitrary_bytes(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "fuzz.csv"
    path.write_bytes(data)
    try:
        raw = read_file(path, staging=folder / "staged.csv")
    except ImportFileError as exc:
        assert str(exc).startswith("fuzz.csv: ")
    else:
        records = raw.table.num_rows if raw.table is not None else len(staged(raw))
        assert raw.rows_read == records + len(raw.malformed) >= 1
