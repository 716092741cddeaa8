"""warehouse.imports.kinds: header aliases, mapping files and enumeration values."""

from __future__ import annotations

import pytest

from tests.test_agency_import import SIKS_HEADER
from warehouse.imports.kinds import (
    KINDS,
    MappingError,
    detect_mapping,
    enum_key,
    enum_table,
    header_key,
    read_mapping_file,
)


@pytest.mark.parametrize(
    "header, key",
    [
        ("TANGGAL LAHIR (31/01/2000)", "tanggallahir"),
        ("Desa/Keluarahan", "desakeluarahan"),
        (" No. KK ", "nokk"),
        ("nomor_nik", "nomornik"),
    ],
)
def test_header_key(header, key):
    assert header_key(header) == key


def test_siks_ng_export_maps_every_header():
    m = detect_mapping("dtks", SIKS_HEADER)
    assert m.columns == {
        "ID DTKS": "id_dtks",
        "KECAMATAN": "kecamatan",
        "DESA/KELUARAHAN": "kelurahan",
        "ALAMAT": "alamat",
        "RT": "rt",
        "RW": "rw",
        "NOMOR KK": "no_kk",
        "NOMOR NIK": "nik",
        "NAMA": "nama",
        "TANGGAL LAHIR": "tanggal_lahir",
        "TEMPAT LAHIR": "tempat_lahir",
        "JENIS KELAMIN": "jenis_kelamin",
        "HUBUNGAN KELUARGA": "hubungan",
        "KETERANGAN PADAN": "status_padan",
        "BANSOS BPNT": "flag_bpnt",
        "BANSOS PKH": "flag_pkh",
        "PBI JKN": "flag_pbi_jkn",
    }
    assert m.not_stored == ["PROVINSI", "KABUPATEN/KOTA", "DUSUN", "PEKERJAAN", "NAMA IBU KANDUNG", "BANSOS BPNT-PPKM"]
    assert (m.unknown, m.missing) == ([], [])


def test_proposal_template_and_what_is_missing():
    m = detect_mapping(
        "dtks",
        [
            "NIK",
            "PROGRAM BANSOS",
            "NOKK",
            "NAMA",
            "TEMPAT LAHIR",
            "TANGGAL LAHIR (31/01/2000)",
            "IBU KANDUNG",
            "JENIS KELAMIN",
            "KELURAHAN",
            "CATATAN",
        ],
    )
    assert m.columns["PROGRAM BANSOS"] == "program" and m.columns["TANGGAL LAHIR (31/01/2000)"] == "tanggal_lahir"
    assert (m.unknown, m.missing) == (["CATATAN"], [])
    assert detect_mapping("dtks", ["NAMA", "ALAMAT"]).missing == [("nik",), ("no_kk",), ("kode_kelurahan", "kelurahan")]


def test_a_column_claimed_twice_keeps_the_first_header():
    m = detect_mapping("dtks", ["NIK", "NOMOR NIK", "NOKK", "NAMA", "KELURAHAN"])
    assert m.columns["NIK"] == "nik" and m.unknown == ["NOMOR NIK"]


def test_mapping_file(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text("columns:\n  NIK KEPALA: nik\nvalues:\n  hubungan:\n    Bapak: kepala_keluarga\n", encoding="utf-8")
    m = detect_mapping("dtks", ["NIK KEPALA", "NOKK", "NAMA", "DESA"], read_mapping_file(path))
    assert m.columns["NIK KEPALA"] == "nik" and m.values == {"hubungan": {"Bapak": "kepala_keluarga"}}
    table = enum_table(m.values).to_pylist()
    assert {"domain": "hubungan", "alias": "bapak", "kode": "kepala_keluarga"} in table


@pytest.mark.parametrize(
    "text, message",
    [
        ("columns:\n  X: not_a_column\n", "'not_a_column' is not a column of dtks"),
        ("kolom:\n  X: nik\n", "a mapping file has only 'columns:' and 'values:' sections"),
        ("values:\n  warna:\n    Merah: L\n", "values for 'warna': give one of the columns"),
        ("columns: [1, 2\n", "not a readable YAML mapping file"),
    ],
)
def test_bad_mapping_files_name_the_file(tmp_path, text, message):
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MappingError, match="m.yaml"):
        try:
            detect_mapping("dtks", ["NIK"], read_mapping_file(path), source="m.yaml")
        except MappingError as exc:
            assert message in str(exc)
            raise


def test_mapping_values_must_be_known_codes():
    with pytest.raises(MappingError, match="'kepala' is not one of"):
        enum_table({"hubungan": {"Bapak": "kepala"}})


def test_every_reference_code_maps_to_itself():
    rows = {(r["domain"], r["alias"]): r["kode"] for r in enum_table().to_pylist()}
    for code in ("kepala_keluarga", "odgj", "anak_jalanan", "e_warong", "ground_check", "tidak_ditemukan"):
        assert code in {k for (d, a), k in rows.items() if a == enum_key(code)}
    assert rows[("jenis_kelamin", "lakilaki")] == "L" and rows[("kanal", "ptpos")] == "pos"


def test_every_kind_requires_columns_it_knows():
    for kind in KINDS.values():
        for group in kind.required:
            assert set(group) <= set(kind.columns), kind.name


def test_docs_list_every_accepted_header_and_value():
    from pathlib import Path

    from warehouse.imports.agency import REASONS
    from warehouse.imports.kinds import ENUMS

    doc = (Path(__file__).resolve().parent.parent / "docs" / "import_headers.md").read_text(encoding="utf-8")
    for kind in KINDS.values():
        assert f"## `{kind.name}`" in doc
        for column, aliases in kind.columns.items():
            assert all(f"`{a}`" in doc for a in (column, *aliases)), column
    for codes in ENUMS.values():
        for code, aliases in codes.items():
            assert all(f"`{a}`" in doc for a in (code, *aliases)), code
    assert all(f"`{code}`" in doc for code in REASONS)


def test_unknown_headers_get_the_closest_known_one_and_resembling_ones_are_flagged():
    m = detect_mapping("dtks", ["NOMOR NIIK", "NOKK", "NAMA", "KELURAHAN", "NAMA (2)", "CATATAN", "ZZZ"])
    assert m.unknown == ["NOMOR NIIK", "NAMA (2)", "CATATAN", "ZZZ"]
    assert m.closest == {"NOMOR NIIK": "NOMOR NIK", "NAMA (2)": "NAMA", "CATATAN": "KECAMATAN"}
    # A typo of a known header and a second NAMA stop an import; a note column does not.
    assert m.resembling == ["NOMOR NIIK", "NAMA (2)"]
    assert m.missing == [("nik",)]


def test_a_header_of_any_kind_names_its_column_for_masking():
    from warehouse.imports.kinds import column_of_any_kind

    assert [column_of_any_kind(h) for h in ("Nama Lengkap", "NIK KPM", "NIK", "Tgl. Lahir", "KATEGORI", "X")] == [
        "nama",
        "nik_penerima",
        "nik_penerima",  # NIK of a DTKS member or of a recipient: a NIK either way
        "tanggal_lahir",
        "kategori",
        None,
    ]
