"""Exports for people and for scripts (issue 18.6): by default every ``export`` file has headers
in ``--lang`` with units and labels instead of codes (the Indonesian CSV ``;``-separated with
decimal comma, as Excel reads it in an Indonesian locale); ``--codes`` writes today's file."""

import csv
import io

import openpyxl
import pandas as pd
import pytest

from analytics.quality import FINDING_COLUMNS
from domain.i18n import STRINGS
from reports import allocation as allocation_report
from reports import coverage as coverage_report
from reports import files
from reports import hotspots as hotspots_report
from reports import six_t as six_t_report
from tests.hostile_seed import FORMULA_NAMES, formula_db  # noqa: F401
from tests.seed import seed_db  # noqa: F401
from tests.seed_pmks import pmks_db  # noqa: F401
from tests.seed_six_t import six_t_db  # noqa: F401
from warehouse import __main__ as cli
from warehouse import users

COVERAGE_ID = [
    "Kode wilayah (Kemendagri)",
    "Kelurahan/desa",
    "Kode kecamatan",
    "Kecamatan",
    "Kerangka siklus (keluarga)",
    "Sudah diverivali (keluarga)",
    "Kerangka siklus (anggota)",
    "Sudah diverivali (anggota)",
    "Cakupan (%)",
    "Cakupan 7 hari lalu (%)",
    "Sisa (catatan)",
    "Laju (catatan/hari kerja)",
    "Perkiraan selesai (tanggal)",
    "Target hari ini (%)",
    "Di bawah target",
    "Di bawah cakupan kota",
    "Tertinggal",
    "Tidak pernah selesai (laju nol)",
    "Anggota aktif (orang)",
    "NIK padan (orang)",
    "NIK padan (%)",
    "Diperbarui (catatan)",
    "Tidak ditemukan (catatan)",
    "Pindah (catatan)",
    "Meninggal (catatan)",
    "Duplikat (catatan)",
]
COVERAGE_EN = [
    "Area code (Kemendagri)",
    "Kelurahan/desa",
    "Kecamatan code",
    "Kecamatan",
    "Cycle frame (households)",
    "Verified (households)",
    "Cycle frame (members)",
    "Verified (members)",
    "Coverage (%)",
    "Coverage 7 days ago (%)",
    "Backlog (records)",
    "Pace (records/working day)",
    "Projected finish (date)",
    "Target for today (%)",
    "Below target",
    "Below city coverage",
    "Lagging",
    "Never finishes (zero pace)",
    "Active members (persons)",
    "NIK matched (persons)",
    "NIK matched (%)",
    "Updated (records)",
    "Not found (records)",
    "Moved (records)",
    "Died (records)",
    "Duplicate (records)",
]
SIX_T_T = {
    "id": ["Tepat sasaran", "Tepat jumlah", "Tepat waktu", "Tepat kualitas", "Tepat harga", "Tepat administrasi"],
    "en": ["Right recipient", "Right amount", "Right time", "Right quality", "Right price", "Right paperwork"],
}
SIX_T_ID = [
    "Kode wilayah (Kemendagri)",
    "Kelurahan/desa",
    "Kode kecamatan",
    "Kecamatan",
    "Penyaluran (jumlah)",
    "Patuh 6T penuh (penyaluran)",
    "Patuh 6T penuh (%)",
    *[h for t in SIX_T_T["id"] for h in (f"{t}: berlaku (penyaluran)", f"{t}: terpenuhi (penyaluran)", f"{t} (%)")],
    "Hak (Rp)",
    "Diterima (Rp)",
    "Potongan (Rp)",
    "Diterima tidak tepat sasaran (Rp)",
    "Dana berisiko (Rp)",
    "Hak berbeda dari tahap (penyaluran)",
]
SIX_T_EN = [
    "Area code (Kemendagri)",
    "Kelurahan/desa",
    "Kecamatan code",
    "Kecamatan",
    "Distributions (count)",
    "Fully 6T-compliant (distributions)",
    "Fully 6T-compliant (%)",
    *[h for t in SIX_T_T["en"] for h in (f"{t}: applicable (distributions)", f"{t}: met (distributions)", f"{t} (%)")],
    "Entitlement (Rp)",
    "Received (Rp)",
    "Deductions (Rp)",
    "Received by ineligible recipients (Rp)",
    "Funds at risk (Rp)",
    "Entitlement differs from the tahap (distributions)",
]
HOTSPOTS_ID = [
    "Kode wilayah (Kemendagri)",
    "Kelurahan/desa",
    "Kode kecamatan",
    "Kecamatan",
    "Luas (km²)",
    "Penduduk (jiwa)",
    "Kasus (jumlah)",
    "Kasus per km²",
    "Kasus per 10.000 penduduk",
    "Kasus per 10.000 penduduk (Empirical Bayes)",
    "Tetangga (jumlah)",
    "Gi* (skor z)",
    "Gi* p (permutasi)",
    "Gi* p (koreksi FDR)",
    "Tingkat kepercayaan (%)",
    "Kelas titik panas",
]
HOTSPOTS_EN = [
    "Area code (Kemendagri)",
    "Kelurahan/desa",
    "Kecamatan code",
    "Kecamatan",
    "Area (km²)",
    "Population (persons)",
    "Cases (count)",
    "Cases per km²",
    "Cases per 10,000 residents",
    "Cases per 10,000 residents (Empirical Bayes)",
    "Neighbours (count)",
    "Gi* (z-score)",
    "Gi* p (permutations)",
    "Gi* p (FDR-corrected)",
    "Confidence (%)",
    "Hot-spot class",
]
ASSIGNMENTS = {
    "id": [
        "ID petugas",
        "Nama",
        "Petugas tambahan",
        "Kode kelurahan sekarang",
        "Kelurahan sekarang",
        "Kode kelurahan tujuan",
        "Kelurahan tujuan",
        "Kecamatan tujuan",
        "Mulai (tanggal)",
        "Selesai menurut usulan (tanggal)",
        "Pindah tugas",
    ],
    "en": [
        "Enumerator ID",
        "Name",
        "Additional enumerator",
        "Code of the kelurahan now",
        "Kelurahan now",
        "Code of the kelurahan to go to",
        "Kelurahan to go to",
        "Kecamatan to go to",
        "Start (date)",
        "Finish, proposed (date)",
        "Moved",
    ],
}


def export(tmp_path, *args) -> bytes:
    out = tmp_path / "out.bin"
    assert cli.main(["export", *args, "--out", str(out)]) == 0
    return out.read_bytes()


def csv_rows(content: bytes, sep: str) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf"), "byte-order mark for Excel"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=sep))


@pytest.mark.parametrize(("lang", "sep", "headers"), [("id", ";", COVERAGE_ID), ("en", ",", COVERAGE_EN)])
def test_coverage_csv_for_people(seed_db, tmp_path, lang, sep, headers):
    rows = csv_rows(export(tmp_path, "coverage", "--db", str(seed_db), "--lang", lang), sep)
    assert len(rows[0]) == 1 and rows[0][0].startswith("Cakupan" if lang == "id" else "DTKS")
    assert rows[1] == headers
    beta = dict(zip(headers, rows[3]))
    # Beta: 2 of 7 households updated (28.6 %), 5 left, 1 update in 18 working days.
    cov, target, pace, behind = headers[8], headers[13], headers[11], headers[14]
    if lang == "id":
        assert [beta[cov], beta[target], beta[pace], beta[behind]] == ["28,6", "65,2", "0,06", "Ya"]
    else:
        assert [beta[cov], beta[target], beta[pace], beta[behind]] == ["28.6", "65.2", "0.06", "Yes"]


@pytest.mark.parametrize(("lang", "sep", "headers"), [("id", ";", SIX_T_ID), ("en", ",", SIX_T_EN)])
def test_six_t_csv_for_people(six_t_db, tmp_path, lang, sep, headers):
    rows = csv_rows(export(tmp_path, "six-t", "--db", str(six_t_db), "--lang", lang), sep)
    assert rows[1] == headers
    alpha = dict(zip(headers, rows[2]))
    assert alpha[headers[6]] == ("33,3" if lang == "id" else "33.3")
    assert alpha[headers[25]] == "3400000", "rupiah stay whole numbers without a thousands separator"


@pytest.mark.parametrize(("lang", "sep", "headers"), [("id", ";", HOTSPOTS_ID), ("en", ",", HOTSPOTS_EN)])
def test_hotspots_csv_for_people(pmks_db, tmp_path, lang, sep, headers):
    rows = csv_rows(export(tmp_path, "hotspots", "--db", str(pmks_db), "--lang", lang), sep)
    assert rows[1] == headers
    first = dict(zip(headers, rows[2]))
    assert first[headers[-1]] == ("Tidak signifikan" if lang == "id" else "Not significant")
    # Cases per 10k (EB) is a column of decimals with blanks where counts are suppressed:
    # its decimals take the comma too.
    assert first[headers[9]] == ("0,97" if lang == "id" else "0.97")
    assert first[headers[11]] == ("-0,702" if lang == "id" else "-0.702")
    hot = {r[-1] for r in rows[2:]}
    assert ("Titik panas, 99 %" if lang == "id" else "Hot spot, 99 %") in hot


@pytest.mark.parametrize("lang", ["id", "en"])
def test_allocation_workbook_for_people(seed_db, tmp_path, lang):
    content = export(
        tmp_path, "allocation", "--enumerators", "4", "--plan", "static", "--db", str(seed_db), "--lang", lang
    )
    book = openpyxl.load_workbook(io.BytesIO(content))
    rows = list(book["penugasan"].iter_rows(values_only=True))
    assert list(rows[1]) == ASSIGNMENTS[lang]
    yes_no = {r[2] for r in rows[2:]} | {r[10] for r in rows[2:]}
    assert yes_no <= ({"Ya", "Tidak"} if lang == "id" else {"Yes", "No"})
    units = list(book["kelurahan"].iter_rows(values_only=True))
    assert units[1][:5] == (
        ("Kode wilayah (Kemendagri)", "Kelurahan/desa", "Kode kecamatan", "Kecamatan", "Pulau (di luar daratan utama)")
        if lang == "id"
        else ("Area code (Kemendagri)", "Kelurahan/desa", "Kecamatan code", "Kecamatan", "Island (off the mainland)")
    )
    assert book["kelurahan"].freeze_panes == "A3"


def test_codes_is_the_script_file(seed_db, six_t_db, pmks_db, tmp_path):
    # The --codes file is the one written without labels (the same bytes as before issue 18.6:
    # checked against main's CLI when it was built), column names snake_case.
    coverage = export(tmp_path, "coverage", "--codes", "--db", str(seed_db))
    with cli.db.connect(str(seed_db), read_only=True) as con:
        table, header = coverage_report.build(con, None, None)
    assert coverage == files.table_file(table, header, "csv", "cakupan")
    assert csv_rows(coverage, ",")[1] == list(coverage_report.COLUMNS)
    six_t = csv_rows(export(tmp_path, "six-t", "--codes", "--db", str(six_t_db), "--lang", "en"), ",")
    assert six_t[1] == list(six_t_report.COLUMNS) and six_t[2][6] == "33.3"
    hot = csv_rows(export(tmp_path, "hotspots", "--codes", "--db", str(pmks_db)), ",")
    assert hot[1] == list(hotspots_report.COLUMNS) and {r[-1] for r in hot[2:]} >= {"ns", "hot_99"}
    book = openpyxl.load_workbook(
        io.BytesIO(
            export(tmp_path, "allocation", "--codes", "--enumerators", "4", "--plan", "static", "--db", str(seed_db))
        )
    )
    people = list(book["penugasan"].iter_rows(values_only=True))
    assert list(people[1]) == list(allocation_report.ASSIGNMENT_COLUMNS)
    assert {r[2] for r in people[2:]} <= {True, False}


def test_codes_become_labels():
    table = pd.DataFrame(
        {
            "kanal": ["e_warong", "bank", "pos", None],
            "status": ["met", "not_met", "not_applicable", "met"],
            "reason": ["potongan", "", "tunai", None],
            "check": ["nik_invalid", "no_head", "not_visited", "x"],
            "peristiwa": ["login_failed", "file_downloaded", "logout", "user_added"],
            "moved": [True, False, True, None],
            "n": [1, 2, 3, 4],
            "Sudah dalam kata": ["a", "b", "c", "d"],
        }
    )
    labels = files.labelled(table, "id")
    assert labels.astype(object).where(labels.notna(), None).to_dict("list") == {
        "Kanal": ["e-Warong", "Bank (Himbara)", "PT Pos", None],
        "Status": ["Terpenuhi", "Tidak terpenuhi", "Tidak berlaku", "Terpenuhi"],
        "Alasan": ["ada potongan", "", "bansos tunai", None],
        "Pemeriksaan": ["Struktur NIK salah", "Keluarga tanpa kepala", "Tidak dikunjungi > 1 tahun", "x"],
        "Peristiwa": ["Masuk gagal", "Berkas diunduh", "Keluar", "Akun ditambahkan"],
        "Pindah tugas": ["Ya", "Tidak", "Ya", None],
        "n": [1, 2, 3, 4],
        "Sudah dalam kata": ["a", "b", "c", "d"],
    }
    english = files.labelled(table, "en")
    assert list(english.columns[:5]) == ["Channel", "Status", "Reason", "Check", "Event"]
    assert english["Status"].tolist() == ["Met", "Not met", "Not applicable", "Met"]
    assert english["Channel"].tolist()[0] == "e-Warong"


def test_every_export_column_has_a_header_in_both_languages():
    columns = {
        *coverage_report.COLUMNS,
        *six_t_report.COLUMNS,
        *six_t_report.PAPER_COLUMNS,
        "status",
        "reason",
        "field_result",
        "field_note",
        *hotspots_report.COLUMNS,
        *allocation_report.ASSIGNMENT_COLUMNS,
        *allocation_report.UNIT_COLUMNS,
        *users.EVENT_COLUMNS,
        *FINDING_COLUMNS,
    }
    for lang in ("id", "en"):
        assert sorted(c for c in columns if f"export.col.{c}" not in STRINGS[lang]) == [], lang


@pytest.mark.parametrize("lang", ["id", "en"])
def test_labelled_files_hold_no_formula(formula_db, tmp_path, lang):
    args = ["coverage", "--db", str(formula_db), "--lang", lang, "--suppress-below", "0"]
    rows = csv_rows(export(tmp_path, *args), ";" if lang == "id" else ",")
    assert [r[1] for r in rows[2:]] == ["'" + n for n in FORMULA_NAMES]
    sheet = openpyxl.load_workbook(io.BytesIO(export(tmp_path, *args, "--format", "xlsx")))["cakupan"]
    assert not [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert [c.value for c in sheet["B"][2:]] == FORMULA_NAMES, "shown literally"
    assert all(c.data_type == "s" and c.quotePrefix for c in sheet["B"][2:])
    assert [c.value for c in sheet["E"][2:]] == [4, 7, 0, 1] and sheet["E3"].data_type == "n"
