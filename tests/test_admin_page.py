"""The admin page: ui/admin.py's functions on uploaded bytes (AppTest cannot upload files) and
an AppTest run of pages/admin.py in both languages on a warehouse with an import."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import duckdb
import geopandas as gpd
import openpyxl
import pytest
import shapely
from streamlit.testing.v1 import AppTest

import queries
from tests.seed import seed_db  # noqa: F401
from tests.shown import displayed
from tests.test_agency_import import GOOD_ROWS, SIKS_HEADER, siks_row
from ui import admin, i18n
from warehouse.imports import agency as ai

ROOT = Path(__file__).resolve().parent.parent


def csv_bytes(rows, header=SIKS_HEADER) -> bytes:
    return ("\n".join(";".join(r) for r in [header, *rows]) + "\n").encode("utf-8")


@pytest.fixture
def served(seed_db, tmp_path, monkeypatch) -> Path:
    """A copy of the seed warehouse as the one the app serves, in English."""
    path = tmp_path / "w.duckdb"
    shutil.copyfile(seed_db, path)
    monkeypatch.setenv("PETA_KESOS_DB", str(path))
    monkeypatch.setattr(i18n, "current_language", lambda: "en")
    return path


def test_stage_keeps_the_name_and_reuses_the_same_content():
    a = admin.stage("dtks.csv", b"NIK\n1\n")
    assert a.name == "dtks.csv" and a.read_bytes() == b"NIK\n1\n"
    assert admin.stage("../../dtks.csv", b"NIK\n1\n") == a
    assert admin.stage("dtks.csv", b"NIK\n2\n") != a


def test_stage_deletes_old_uploads():
    import os
    import time

    old = admin.stage("lama.csv", b"NIK\nlama\n")
    past = time.time() - admin.UPLOAD_KEEP_SECONDS - 60
    os.utime(old.parent, (past, past))
    admin.stage("baru.csv", b"NIK\nbaru\n")
    assert not old.parent.exists()


def test_preview_shows_the_detected_mapping_masked(served):
    path = admin.stage("dtks.csv", csv_bytes(GOOD_ROWS))
    found = admin.preview("dtks", path, "dtks.csv")
    assert (found.error, found.missing, found.rows, found.format) == (None, [], 3, "csv, ';', utf-8")
    rows = {
        r["Header in the file"]: (r["Warehouse column"], r["Example value"]) for r in found.table.to_dict("records")
    }
    assert rows["NOMOR NIK"] == ("nik", "************0001")
    assert rows["NAMA"] == ("nama", "B. S.")
    assert rows["TANGGAL LAHIR"] == ("tanggal_lahir", "**/**/****")
    assert rows["NAMA IBU KANDUNG"] == ("recognised, not stored", "I.")
    assert rows["DESA/KELUARAHAN"] == ("kelurahan", "KEL. ALPHA")
    assert rows["PEKERJAAN"] == ("recognised, not stored", "BURUH")


def test_preview_lists_missing_columns_and_errors(served):
    path = admin.stage("x.csv", b"NAMA;ALAMAT\nA;B\n")
    assert admin.preview("dtks", path, "x.csv").missing == ["nik", "no_kk", "kode_kelurahan / kelurahan"]
    empty = admin.stage("empty.csv", b"")
    assert admin.preview("dtks", empty, "empty.csv").error == "empty.csv: the file is empty (0 bytes)"


def test_import_report_table_and_excel(served):
    bad = siks_row("B1", "Omega", "9971010101250011", "9971011505800000", "Siti Nur", "15/05/1980", "P", "ISTRI")
    path = admin.stage("dtks.csv", csv_bytes([*GOOD_ROWS, bad]))
    steps = []
    result = admin.run_agency_import("dtks", path, "dtks_februari.csv", progress=lambda label, f: steps.append(f))
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (4, 3, 1)
    assert steps[0] == 0.0 and steps[-1] == 1.0
    table = admin.report_table(result)
    assert table.to_dict("records") == [
        {
            "Reason": "NIK: serial (digits 13-16) is 0000",
            "Warehouse column": "NOMOR NIK",
            "Rows": 1,
            "First row": 4,
            "Examples (personal data masked)": "row 4: id_dtks=B1, kecamatan=KECAMATAN SATU, kelurahan=Omega, "
            "alamat=J******, rt=001, rw=002, no_kk=************0011, nik=************0000, nama=S. N., "
            "tanggal_lahir=**/**/****, tempat_lahir=K*******, jenis_kelamin=P, hubungan=ISTRI, status_padan=PADAN, "
            "flag_bpnt=TIDAK, flag_pkh=YA, flag_pbi_jkn=TIDAK",
        }
    ]
    book = openpyxl.load_workbook(io.BytesIO(admin.report_xlsx(result)))
    assert book.sheetnames == ["summary", "examples"]
    assert list(book["summary"].iter_rows(values_only=True))[4][:4] == (
        "NIK: serial (digits 13-16) is 0000",
        "nik_serial",
        "NOMOR NIK",
        1,
    )
    history = admin.history_table()
    assert history[["Kind", "File", "Rows read", "Rows loaded", "Rows quarantined"]].values.tolist() == [
        ["dtks", "dtks_februari.csv", 4, 3, 1]
    ]
    again = admin.run_agency_import("dtks", path, "dtks.csv")
    assert again.already["id_impor"] == 1


def test_dry_run_from_the_page_saves_nothing(served):
    before = served.read_bytes()
    result = admin.run_agency_import("dtks", admin.stage("d.csv", csv_bytes(GOOD_ROWS)), "d.csv", dry_run=True)
    assert result.dry_run and result.rows_loaded == 3
    assert served.read_bytes() == before


def test_official_boundaries_and_code_list(served, tmp_path):
    codes = admin.stage(
        "kode.csv", (b"kode,nama,level,jenis,kode_induk\n99.71.01.1001,Alpha Resmi,desa-kelurahan,kelurahan,99.71.01\n")
    )
    listed = admin.run_official_import("wilayah", codes, "kode.csv")
    assert admin.official_counts(listed) == (1, 0, 1)
    frame = gpd.GeoDataFrame(
        {"kode": ["9971011001"], "nama": ["Alpha"]}, geometry=[shapely.box(100, 0, 100.01, 0.01)], crs=4326
    )
    frame.to_file(tmp_path / "batas.geojson")
    bounds = admin.run_official_import(
        "boundaries", admin.stage("batas.geojson", (tmp_path / "batas.geojson").read_bytes()), "batas.geojson"
    )
    assert admin.official_counts(bounds) == (1, 0, 2)
    con = duckdb.connect(str(served), read_only=True)
    assert con.execute(queries.load("tests/admin_page/alpha_name_source")).fetchall() == [
        ("Alpha Resmi", "batas.geojson")
    ]
    con.close()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_page_runs_and_shows_the_history(seed_db, tmp_path, monkeypatch, lang):
    path = tmp_path / "w.duckdb"
    shutil.copyfile(seed_db, path)
    monkeypatch.setenv("PETA_KESOS_DB", str(path))
    from warehouse import db

    with db.atomic_update(path) as con:
        ai.import_file(con, "dtks", admin.stage("dtks.csv", csv_bytes(GOOD_ROWS)), source_name="dtks.csv")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["lang"] = lang
    # Straight to the page, as a link to it opens (AppTest finds a page by its file name before the first run).
    at.switch_page("app_pages/admin.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == {"id": "Impor data", "en": "Data import"}[lang]
    assert [tab.label for tab in at.tabs] == {
        "id": ["Berkas dinas", "Batas wilayah dan kode resmi", "Riwayat impor"],
        "en": ["Agency files", "Official boundaries and codes", "Import history"],
    }[lang]
    assert (
        at.selectbox(key="admin_kind").options[0]
        == {"id": "DTKS dari SIKS-NG (atau templat usulan)", "en": "DTKS from SIKS-NG (or the proposal template)"}[lang]
    )
    history = at.dataframe[-1].value
    assert [history.iloc[0, i] for i in (1, 2, 4, 5, 6)] == ["dtks", "dtks.csv", 3, 3, 0]
    # Drawn in the session language (issue 18.5): the time as dd/mm/yyyy HH:MM or yyyy-mm-dd HH:MM.
    drawn = displayed(at.dataframe[-1]).iloc[0]
    assert [drawn.iloc[i] for i in (0, 4, 5, 6)] == ["1", "3", "3", "0"]
    stamp = history.iloc[0, 3]
    assert drawn.iloc[3] == stamp.strftime("%d/%m/%Y %H:%M" if lang == "id" else "%Y-%m-%d %H:%M")


def test_the_open_page_sees_an_import_on_its_next_rerun(seed_db, tmp_path, monkeypatch):
    path = tmp_path / "w.duckdb"
    shutil.copyfile(seed_db, path)
    monkeypatch.setenv("PETA_KESOS_DB", str(path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["lang"] = "en"
    # Straight to the page, as a link to it opens (AppTest finds a page by its file name before the first run).
    at.switch_page("app_pages/admin.py").run()
    assert "No imports yet." in [i.value for i in at.info]
    from warehouse import db

    # The app holds the warehouse open read-only while the import writes and replaces it.
    with db.atomic_update(path) as con:
        ai.import_file(con, "dtks", admin.stage("dtks.csv", csv_bytes(GOOD_ROWS)), source_name="dtks.csv")
    at.run()
    assert not at.exception
    assert at.dataframe[-1].value["File"].tolist() == ["dtks.csv"]


def uploaded(name: str, content: bytes, file_id: str):
    from streamlit.proto.Common_pb2 import FileURLs
    from streamlit.runtime.uploaded_file_manager import UploadedFile, UploadedFileRec

    return UploadedFile(UploadedFileRec(file_id, name, "text/csv", content), FileURLs())


def test_an_upload_is_parsed_once_and_deleted_when_its_import_ends(served, monkeypatch):
    calls = []
    real_preview = admin.preview
    monkeypatch.setattr(admin, "preview", lambda *a, **k: calls.append(a) or real_preview(*a, **k))
    state = {}
    upload = uploaded("dtks.csv", csv_bytes(GOOD_ROWS), "f1")
    first = admin.staged_upload(state, upload, None, "dtks", None)
    for _ in range(3):  # reruns of the page
        assert admin.staged_upload(state, upload, None, "dtks", None) is first
    assert len(calls) == 1 and first["path"].exists()
    # Another kind chosen: parsed again, the same file on disk.
    admin.staged_upload(state, upload, None, "pmks", None)
    assert len(calls) == 2
    staged = state["admin_staged"]
    result = admin.run_agency_import("dtks", staged["path"], staged["name"])
    admin.end_upload(state, staged)
    assert result.rows_loaded == 3
    assert not staged["path"].exists() and "admin_staged" not in state and state["admin_upload_round"] == 1


def test_a_new_upload_replaces_and_deletes_the_previous_one(served):
    state = {}
    old = admin.staged_upload(state, uploaded("a.csv", csv_bytes(GOOD_ROWS), "f1"), None, "dtks", None)
    new = admin.staged_upload(state, uploaded("b.csv", csv_bytes(GOOD_ROWS[:1]), "f2"), None, "dtks", None)
    assert not old["path"].exists() and new["path"].exists() and new["preview"].rows == 1
    admin.end_upload(state, new, clear_widget=False)
    assert not new["path"].exists() and "admin_upload_round" not in state


def test_the_upload_size_limit_is_a_setting(tmp_path):
    settings = tmp_path / "import.toml"
    settings.write_text("[unggah]\nmaks_mb = 1\n", encoding="utf-8")
    limit = ai.load_settings(settings).upload_max_mb
    assert limit == 1
    assert admin.too_large(uploaded("big.csv", b"x" * 1_000_001, "f1"), limit)
    assert not admin.too_large(uploaded("ok.csv", b"x" * 1_000_000, "f2"), limit)
    assert ai.load_settings(tmp_path / "missing.toml") == ai.ImportSettings()
    assert ai.load_settings(ROOT / "config" / "import.toml").upload_max_mb == 500


def test_preview_masks_names_whatever_kind_is_chosen(served):
    path = admin.stage("dtks.csv", csv_bytes(GOOD_ROWS))
    found = admin.preview("pmks", path, "dtks.csv")
    examples = dict(zip(found.table["Header in the file"], found.table["Example value"]))
    assert examples["NAMA"] == "B. S." and examples["NOMOR NIK"] == "************0001"
    assert examples["NAMA IBU KANDUNG"] == "I." and examples["TANGGAL LAHIR"] == "**/**/****"
    assert examples["ALAMAT"] == "J******" and examples["NOMOR KK"] == "************0001"


def test_preview_names_the_closest_header_and_asks_before_ignoring_it(served):
    header = [h if h != "NOMOR NIK" else "NOMOR NIIK" for h in SIKS_HEADER] + ["NIK"]
    path = admin.stage("typo.csv", csv_bytes([[*r, r[10]] for r in GOOD_ROWS], header))
    found = admin.preview("dtks", path, "typo.csv")
    labels = dict(zip(found.table["Header in the file"], found.table["Warehouse column"]))
    assert labels["NOMOR NIIK"] == "not recognised (ignored); closest: NOMOR NIK"
    assert found.resembling == ["NOMOR NIIK (NOMOR NIK)"]
    with pytest.raises(ai.ImportFileError, match="close to known ones"):
        admin.run_agency_import("dtks", path, "typo.csv")
    result = admin.run_agency_import("dtks", path, "typo.csv", allow_unmapped=True)
    assert result.rows_loaded == 3 and result.ignored == [("NOMOR NIIK", "NOMOR NIK")]
