"""warehouse.imports.read: CSV (sniffed delimiter, UTF-8/Windows-1252, quotes), xlsx, Parquet."""

from __future__ import annotations

import csv
import io

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warehouse.imports.read import ImportFileError, blank_to_null, parse_csv_text, read_file, sniff_delimiter


def texts(raw) -> list[dict]:
    return raw.table.to_pylist()


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
    raw = read_file(path)
    assert (raw.format, raw.delimiter, raw.encoding, raw.headers) == (
        "csv",
        ";",
        "windows-1252",
        ["NIK", "NAMA", "ALAMAT"],
    )
    assert texts(raw) == [
        {"NIK": "1", "NAMA": "Müller; Sé", "ALAMAT": 'Jl. "Satu"'},
        {"NIK": "2", "NAMA": "  Dua  ", "ALAMAT": ""},
    ]
    assert blank_to_null(raw.table.column("NAMA")).to_pylist() == ["Müller; Sé", "Dua"]
    assert blank_to_null(raw.table.column("ALAMAT")).to_pylist() == ['Jl. "Satu"', None]
    assert list(raw.row_numbers) == [1, 2]


def test_malformed_rows_keep_their_row_numbers(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text('A,B,C\n1,2,3\n4,5\n"x\ny",7,8\n9,10,11,12\n13,14,15\n', encoding="utf-8")
    raw = read_file(path)
    assert [(m.row, m.reason, m.text) for m in raw.malformed] == [
        (2, "2 fields where the header has 3", "4,5"),
        (4, "4 fields where the header has 3", "9,10,11,12"),
    ]
    assert texts(raw) == [
        {"A": "1", "B": "2", "C": "3"},
        {"A": "x\ny", "B": "7", "C": "8"},
        {"A": "13", "B": "14", "C": "15"},
    ]
    assert list(raw.row_numbers) == [1, 3, 5]
    assert raw.rows_read == 5


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


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    delimiter=st.sampled_from([",", ";", "|"]),
    width=st.integers(2, 5),
    data=st.data(),
)
def test_csv_reader_returns_what_the_writer_wrote(delimiter, width, data):
    rows = data.draw(st.lists(st.lists(CELL, min_size=width, max_size=width), min_size=1, max_size=8))
    headers = [f"K{i}" for i in range(width)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(headers)
    writer.writerows(rows)
    parsed_headers, table, numbers, malformed, found = parse_csv_text(buffer.getvalue(), "fuzz.csv")
    assert (parsed_headers, found, malformed) == (headers, delimiter, [])
    assert [[r[h] for h in headers] for r in table.to_pylist()] == rows
    assert list(numbers) == list(range(1, len(rows) + 1))


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_csv_reader_never_crashes_on_arbitrary_bytes(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.csv"
    path.write_bytes(data)
    try:
        raw = read_file(path)
    except ImportFileError as exc:
        assert str(exc).startswith("fuzz.csv: ")
    else:
        assert raw.rows_read == raw.table.num_rows + len(raw.malformed) >= 1
        assert len(raw.row_numbers) == raw.table.num_rows
