"""Musyawarah proposals (issue 15.1): the stage rule (queries/schema/32_usulan_status.sql), the
per-kelurahan counts, analytics/usulan.py on hand-made frames, reports/usulan.py and its export,
and the usulan import kind, on the register seed (tests/seed_register.py)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil

import duckdb
import numpy as np
import pandas as pd
import pytest

import queries
from analytics import usulan
from reports import usulan as report
from tests.seed_register import register_db  # noqa: F401
from warehouse import __main__ as cli
from warehouse.imports import agency

TODAY = dt.date(2026, 2, 28)


@pytest.fixture(scope="module")
def con(register_db):
    c = duckdb.connect(str(register_db), read_only=True)
    yield c
    c.close()


def units(con, scope=None, siklus="S1"):
    return queries.run(con, "usulan_units", kode_region="99.71", siklus=siklus, scope_kelurahan=scope)


# --- SQL ------------------------------------------------------------------------------------


def test_stage_of_every_proposal(con):
    out = con.execute(queries.load("tests/usulan/status_s1")).df()
    assert out["id_usulan"].tolist() == ["u1", "u2", "u3", "u4", "u5", "u6", "u7"]
    assert out["tahap"].tolist() == [
        "diinput",  # h3's entri_siksng step after the berita acara
        "ditetapkan",  # as the file says
        "ditetapkan",  # keluar: h2 ranked desil 6
        "ditetapkan",  # keluar: h11 found pindah
        "ditolak",  # keluar: h5 ranked desil 2, stays
        "ditetapkan",  # u4's duplicate follows the same steps
        "diverifikasi",  # as the file says
    ]
    assert out["tahap_sumber"].tolist() == [
        "verivali",
        "berkas",
        "verivali",
        "verivali",
        "verivali",
        "verivali",
        "berkas",
    ]
    assert out["keputusan_hari"].astype("Float64").tolist() == [pd.NA, 30, 51, 15, 18, 13, pd.NA]
    assert out["ganda"].tolist() == [False, False, False, False, False, True, False]
    assert out["tanggal_keputusan"].iloc[2] == pd.Timestamp("2026-02-25")


def test_every_cycle_and_the_old_one(con):
    assert con.execute(queries.load("tests/usulan/status_count_every_cycle")).fetchone() == (8,)
    old = con.execute(queries.load("tests/usulan/status_s0")).fetchall()
    assert old == [("ditetapkan", 31)]


def test_units_whole_output(con):
    out = units(con)
    got = out[
        [
            "level",
            "kode",
            "proposals_count",
            "masuk_count",
            "keluar_count",
            "ganda_count",
            "ditetapkan_count",
            "ditolak_count",
            "pending_count",
            "diinput_count",
            "diverifikasi_count",
            "tanpa_ba_count",
            "musyawarah_count",
            "decided_with_days_count",
        ]
    ]
    expected = pd.DataFrame(
        [
            ["region", "99.71", 7, 3, 3, 1, 3, 1, 2, 1, 1, 1, 4, 4],
            ["kelurahan", "99.71.01.1001", 3, 2, 1, 0, 2, 0, 1, 1, 0, 0, 1, 2],
            ["kelurahan", "99.71.01.1002", 4, 1, 2, 1, 1, 1, 1, 0, 1, 1, 3, 2],
            ["kelurahan", "99.71.01.2003", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            ["kelurahan", "99.71.01.2004", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        ],
        columns=got.columns,
    )
    pd.testing.assert_frame_equal(got.astype({c: "int64" for c in got.columns[2:]}), expected)
    assert out["median_keputusan_hari"].tolist()[:3] == [24.0, 40.5, 16.5]
    assert out["median_keputusan_hari"].isna().tolist()[3:] == [True, True]
    assert out["nama"].tolist() == ["Kota Uji", "Alpha", "Beta", "Gamma", "Delta"]


def test_scope_is_bound_in_sql(con):
    out = units(con, scope=["99.71.01.1002"])
    assert out["kode"].tolist() == ["99.71", "99.71.01.1002"]
    assert out["proposals_count"].tolist() == [4, 4]
    assert out["median_keputusan_hari"].tolist() == [16.5, 16.5]


# --- analytics ------------------------------------------------------------------------------


def frame(**columns):
    base = {
        "level": ["kelurahan"] * 3,
        "kode": ["a", "b", "c"],
        "proposals_count": [6, 2, 0],
        "masuk_count": [2, 2, 0],
        "keluar_count": [3, 0, 0],
        "ganda_count": [1, 0, 0],
        "ditetapkan_count": [3, 0, 0],
        "ditolak_count": [1, 0, 0],
        "pending_count": [1, 2, 0],
        "tanpa_ba_count": [0, 2, 0],
        "musyawarah_count": [2, 0, 0],
    }
    return pd.DataFrame({**base, **columns})


def test_proposal_rates_whole_output():
    out = usulan.proposal_rates(frame())
    assert out["decided_count"].tolist() == [4, 0, 0]
    np.testing.assert_allclose(out["decided_rate"], [4 / 5, 0.0, np.nan])
    np.testing.assert_allclose(out["accepted_rate"], [0.75, np.nan, np.nan])
    assert out["musyawarah"].tolist() == ["held", "no_date", "none"]
    assert out["no_musyawarah"].tolist() == [False, True, True]
    assert usulan.without_musyawarah(out)["kode"].tolist() == ["b", "c"]


def test_small_person_counts_are_hidden_with_their_companion():
    out = usulan.suppress_small_counts(frame(), 5)
    assert out["keluar_count"].tolist() == [None, 0, 0]
    assert out["masuk_count"].tolist() == [None, 2, 0]
    assert out["ditolak_count"].tolist() == [None, 0, 0]
    assert out["ditetapkan_count"].tolist() == [None, 0, 0]
    assert out["proposals_count"].tolist() == [6, 2, 0], "the total stays"
    assert usulan.suppress_small_counts(frame(), 0)["keluar_count"].tolist() == [3, 0, 0]
    assert usulan.suppress_small_counts(frame(), 3)["keluar_count"].tolist() == [3, 0, 0]


# --- report and export ----------------------------------------------------------------------


def test_report_and_its_export_table(con):
    found = report.proposals(con, "99.71", "S1", suppress_below=0)
    assert found.cycle_name == "Siklus uji" and found.today == TODAY
    assert found.without["nama"].tolist() == ["Gamma", "Delta"]
    table = found.table()
    assert list(table.columns) == list(report.COLUMNS)
    assert table["musyawarah_held"].tolist() == [True, True, False, False]
    assert table["accepted_pct"].tolist()[:2] == [100.0, 50.0]
    assert table["median_days_to_decision"].tolist()[:2] == [40.5, 16.5]
    assert table["last_musyawarah"].tolist()[:2] == [dt.date(2026, 1, 5), dt.date(2026, 2, 12)]
    hidden = report.proposals(con, "99.71", "S1", suppress_below=5)
    assert hidden.table()["keluar_count"].tolist() == [None, None, 0, 0]
    assert hidden.region["keluar_count"] is None


def test_export_header_and_file(con, register_db, tmp_path):
    found = report.proposals(con, "99.71", "S1", suppress_below=5)
    rows = list(csv.reader(io.StringIO(found.file("csv", "en").decode("utf-8-sig"))))
    assert rows[0][0] == (
        "Musyawarah proposals into/out of the DTKS per kelurahan: Kota Uji (99.71), cycle S1 (Siklus uji), "
        "data as of 2026-02-28; time to decision = days from the berita acara to acceptance/rejection; "
        "counts below 5 suppressed"
    )
    # A file for people: headers in words with units.
    assert rows[1][:5] == ["Area code (Kemendagri)", "Kelurahan/desa", "Kecamatan code", "Kecamatan", "Musyawarah held"]
    out = tmp_path / "u.csv"
    assert cli.main(["export", "usulan", "--db", str(register_db), "--out", str(out), "--lang", "id"]) == 0
    assert out.read_bytes() == found.file("csv", "id")
    xlsx = tmp_path / "u.xlsx"
    assert cli.main(["export", "usulan", "--db", str(register_db), "--out", str(xlsx), "--format", "xlsx"]) == 0
    assert xlsx.stat().st_size > 0
    assert cli.main(["export", "usulan", "--db", str(register_db), "--siklus", "S9", "--out", str(out)]) == 1


# --- import ---------------------------------------------------------------------------------

PROPOSALS = """NO USULAN,KECAMATAN,DESA/KELURAHAN,JENIS USULAN,SASARAN,ALASAN,ID DTKS,NIK,NAMA,TANGGAL BERITA ACARA,SIKLUS,STATUS USULAN
A1,Kecamatan Satu,Alpha,Usulan Baru,Keluarga,Miskin baru,,9971011203800055,Budi Santoso,10/01/2026,,
A2,Kecamatan Satu,Alpha,Penonaktifan,Keluarga,Meninggal dunia,h1,,Siti Aminah,10/01/2026,,Diinput
A3,Kecamatan Satu,Beta,Penonaktifan,Keluarga,Pindah,h11,,Uji Enam,,,
A4,Kecamatan Satu,Beta,Hapus,Keluarga,Pindah,hx,,Nama Satu,10/01/2026,,
A5,Kecamatan Satu,Beta,Masuk,Individu,Entah,,9971011203800066,Dua Tiga,10/01/2026,,
A6,Kecamatan Satu,Alpha,Usulan Baru,Keluarga,Miskin baru,,9971011203800055,Budi Santoso,11/01/2026,,
A7,Kecamatan Satu,Alpha,Usulan Baru,Keluarga,Miskin baru,,1234,Budi,11/01/2026,,
A8,Kecamatan Satu,Beta,Penonaktifan,Keluarga,Pindah,,9971010101750005,Uji Lima,,S1,
A9,Kecamatan Satu,Beta,Penonaktifan,Keluarga,Pindah,h11,,Uji Enam,20/02/2026,,
"""


@pytest.fixture
def writable(register_db, tmp_path):
    path = tmp_path / "w.duckdb"
    shutil.copy(register_db, path)
    c = duckdb.connect(str(path))
    yield c
    c.close()


def test_import_loads_or_quarantines_every_row(writable, tmp_path):
    source = tmp_path / "usulan.csv"
    source.write_text(PROPOSALS, encoding="utf-8")
    result = agency.import_file(writable, "usulan", source, today=TODAY)
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (9, 3, 6)
    assert result.added == {"usulan": 3}
    reasons = dict(zip(result.report["alasan"] + ":" + result.report["kolom"], result.report["first_row"]))
    assert reasons == {
        "cycle_unknown:tanggal_musyawarah": 3,  # no berita acara date and no cycle
        "household_unknown:id_dtks": 4,
        "enum_unknown:alasan": 5,
        "duplicate_in_file:nik": 6,  # A1's household again
        "nik_not_16_digits:nik": 7,
        "duplicate_in_warehouse:nik": 9,  # h11 is already proposed out in S1 (u4)
    }
    stored = writable.execute(queries.load("tests/usulan/imported_rows")).fetchall()
    assert stored == [
        ("A1", "S1", "99.71.01.1001", "masuk", "miskin_baru", None, dt.date(2026, 1, 10), None),
        ("A2", "S1", "99.71.01.1001", "keluar", "meninggal", "h1", dt.date(2026, 1, 10), "diinput"),
        # Found by the NIK of h6's head, proposed without a berita acara date: a finding.
        ("A8", "S1", "99.71.01.1002", "keluar", "pindah", "h6", None, None),
    ]
    assert result.findings[["temuan", "rows_count", "first_row"]].values.tolist() == [["usulan_without_ba", 1, 8]]
    quarantined = writable.execute(queries.load("tests/usulan/quarantine_data")).fetchall()
    text = " ".join(q[0] for q in quarantined)
    assert "9971011203800055" not in text and "Budi" not in text and "************0055" in text
    again = agency.import_file(writable, "usulan", source, today=TODAY)
    assert again.already is not None


def test_a_dry_run_writes_nothing(writable, tmp_path):
    source = tmp_path / "usulan.csv"
    source.write_text(PROPOSALS, encoding="utf-8")
    before = writable.execute(queries.load("tests/usulan/proposal_count")).fetchone()
    result = agency.import_file(writable, "usulan", source, today=TODAY, dry_run=True)
    assert result.rows_loaded == 3
    assert writable.execute(queries.load("tests/usulan/proposal_count")).fetchone() == before
