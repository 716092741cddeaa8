"""Graduasi PKH (issue 15.2): the exit rule (queries/analytics/51_pkh_keluar_kpm.sql), the counts per
kelurahan and year, analytics/graduasi.py on hand-made frames, the yearly target setting,
reports/graduasi.py and its export, and the graduasi import kind, on the register seed
(tests/seed_register.py)."""

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
from analytics import graduasi
from reports import graduasi as report
from reports import settings
from tests.seed_register import register_db  # noqa: F401
from warehouse import __main__ as cli
from warehouse.imports import agency

TODAY = dt.date(2026, 2, 28)
KIND_COUNTS = ["keluar_count", *graduasi.KIND_COLUMNS, "tidak_tercatat_count", "masih_menerima_count"]


@pytest.fixture(scope="module")
def con(register_db):
    c = duckdb.connect(str(register_db), read_only=True)
    yield c
    c.close()


@pytest.fixture
def targets(tmp_path):
    path = tmp_path / "graduasi.toml"
    path.write_text('[target."99.71"]\n2025 = 2\n2026 = 0\n2027 = 5\n', encoding="utf-8")
    return path


# --- SQL ------------------------------------------------------------------------------------


def test_every_exit_whole_output(con):
    out = con.execute(queries.load("tests/graduasi/keluar_rows")).fetchall()
    assert out == [
        ("h10", "99.71.01.1002", 2025, "alamiah_tidak_layak", "2025-T2", False, True, False),
        ("h12", "99.71.01.1002", 2025, "alamiah_meninggal", "2025-T1", False, True, False),
        ("h2", "99.71.01.1001", 2025, "sejahtera_mandiri", "2025-T2", True, True, False),
        ("h5", "99.71.01.1002", 2025, "tanpa_keterangan", "2025-T1", False, True, False),
        ("h7", "99.71.01.1002", 2026, "alamiah_pindah", None, True, False, False),
        ("h8", "99.71.01.1002", 2025, "sejahtera_mandiri", "2026-T1", True, False, True),
    ]
    # h11 missed only one closed tahap (2025-T4): not an exit.
    assert con.execute(queries.load("tests/graduasi/keluar_h11_count")).fetchone() == (0,)


def test_units_whole_output(con):
    out = queries.run(con, "graduasi_units", kode_region="99.71", scope_kelurahan=None)
    got = out[["level", "tahun", "kode", *KIND_COUNTS]]
    expected = pd.DataFrame(
        [
            ["region", 2025, "99.71", 4, 1, 1, 0, 1, 1, 3, 1],
            ["kelurahan", 2025, "99.71.01.1001", 1, 1, 0, 0, 0, 0, 0, 0],
            ["kelurahan", 2025, "99.71.01.1002", 3, 0, 1, 0, 1, 1, 3, 1],
            ["kelurahan", 2025, "99.71.01.2003", 0, 0, 0, 0, 0, 0, 0, 0],
            ["kelurahan", 2025, "99.71.01.2004", 0, 0, 0, 0, 0, 0, 0, 0],
            ["region", 2026, "99.71", 1, 0, 0, 1, 0, 0, 0, 0],
            ["kelurahan", 2026, "99.71.01.1001", 0, 0, 0, 0, 0, 0, 0, 0],
            ["kelurahan", 2026, "99.71.01.1002", 1, 0, 0, 1, 0, 0, 0, 0],
            ["kelurahan", 2026, "99.71.01.2003", 0, 0, 0, 0, 0, 0, 0, 0],
            ["kelurahan", 2026, "99.71.01.2004", 0, 0, 0, 0, 0, 0, 0, 0],
        ],
        columns=got.columns,
    )
    pd.testing.assert_frame_equal(got.astype({c: "int64" for c in got.columns[3:]} | {"tahun": "int64"}), expected)


def test_scope_is_bound_in_sql(con):
    out = queries.run(con, "graduasi_units", kode_region="99.71", scope_kelurahan=["99.71.01.1001"])
    assert out[["level", "tahun", "kode", "keluar_count"]].values.tolist() == [
        ["region", 2025, "99.71", 1],
        ["kelurahan", 2025, "99.71.01.1001", 1],
    ]


# --- analytics and settings -----------------------------------------------------------------


def region_rows():
    return pd.DataFrame(
        {
            "tahun": [2025, 2026],
            "keluar_count": [12, 7],
            "sejahtera_mandiri_count": [6, 1],
            "alamiah_tidak_layak_count": [3, 0],
            "alamiah_pindah_count": [2, 6],
            "alamiah_meninggal_count": [0, 0],
            "tanpa_keterangan_count": [1, 0],
        }
    )


def test_against_target_whole_output():
    out = graduasi.against_target(region_rows(), {2025: 8, 2026: 0, 2027: 10})
    assert out["tahun"].tolist() == [2025, 2026, 2027]
    assert out["keluar_count"].tolist() == [12, 7, 0]
    assert out["sejahtera_mandiri_count"].tolist() == [6, 1, 0]
    np.testing.assert_allclose(out["target_count"], [8, 0, 10])
    np.testing.assert_allclose(out["target_rate"], [0.75, np.nan, 0.0])
    assert graduasi.against_target(region_rows(), {})["target_rate"].isna().all()


def test_trend_long_form():
    long = graduasi.trend(graduasi.against_target(region_rows(), {}))
    assert long["jenis"].tolist()[:5] == list(graduasi.KINDS)
    assert long["tahun"].tolist() == [2025] * 5 + [2026] * 5
    assert long["kpm_count"].tolist() == [6, 3, 2, 0, 1, 1, 0, 6, 0, 0]


def test_small_counts_hidden_with_a_second_one_when_alone():
    table = region_rows().assign(tidak_tercatat_count=[2, 0], masih_menerima_count=[9, 1])
    out = graduasi.suppress_small_counts(table, 5)
    # 2025: tidak layak 3, pindah 2, tanpa keterangan 1 hidden (sejahtera 6 stays, total 12 stays).
    assert out.iloc[0][KIND_COUNTS].tolist() == [12, 6, None, None, 0, None, None, 9]
    # 2026: sejahtera 1 alone is hidden, so the smallest other non-zero kind (pindah 6) too.
    assert out.iloc[1][KIND_COUNTS].tolist() == [7, None, 0, None, 0, 0, 0, None]
    small_total = table.assign(keluar_count=[3, 7])
    assert graduasi.suppress_small_counts(small_total, 5).iloc[0][KIND_COUNTS[:6]].tolist() == [None] * 6
    assert graduasi.suppress_small_counts(table, 0).equals(table)


def test_of_year(con):
    units = queries.run(con, "graduasi_units", kode_region="99.71", scope_kelurahan=None)
    assert graduasi.of_year(units, 2026, "region")["keluar_count"].tolist() == [1]
    assert len(graduasi.of_year(units, 2025)) == 4


def test_target_setting(targets, tmp_path):
    assert settings.graduasi_targets("99.71", targets) == {2025: 2, 2026: 0, 2027: 5}
    assert settings.graduasi_targets("21.71", targets) == {}
    assert settings.graduasi_targets("99.71", tmp_path / "missing.toml") == {}
    bad = tmp_path / "bad.toml"
    bad.write_text('[target."99.71"]\n2025 = -3\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r'bad.toml \[target."99.71"\]'):
        settings.graduasi_targets("99.71", bad)
    bad.write_text('[target."99.71"]\ntahun = 3\n', encoding="utf-8")
    with pytest.raises(ValueError, match="'tahun' is not a year"):
        settings.graduasi_targets("99.71", bad)
    assert settings.graduasi_targets("21.71") == {2025: 120, 2026: 150}


# --- report and export ----------------------------------------------------------------------


def test_report_years_and_year(con, targets):
    found = report.exits(con, "99.71", targets=targets, suppress_below=0)
    assert found.years == [2025, 2026, 2027]
    year = found.year(2025)
    assert year.target == 2
    assert year.region["sejahtera_mandiri_count"] == 1 and year.region["target_rate"] == 0.5
    assert year.kelurahan["keluar_count"].tolist() == [1, 3, 0, 0]
    empty = found.year(2027)
    assert empty.kelurahan.empty and empty.region["keluar_count"] == 0
    assert report.kelurahan_table(empty).empty
    hidden = report.exits(con, "99.71", targets=targets, suppress_below=5).year(2025)
    assert hidden.kelurahan["keluar_count"].tolist() == [None, None, 0, 0]
    assert hidden.region["keluar_count"] is None


def test_export_header_and_file(con, register_db, targets, tmp_path):
    found = report.exits(con, "99.71", targets=targets, suppress_below=5)
    rows = list(csv.reader(io.StringIO(found.file(2025, "csv", "en").decode("utf-8-sig"))))
    assert rows[0][0] == (
        "KPM who left PKH per kelurahan by kind: Kota Uji (99.71), year 2025, target of graduasi sejahtera "
        "mandiri 2, data as of 2026-02-28; left = paid nothing in the next two closed tahap, or on the "
        "graduation list; counts below 5 suppressed"
    )
    assert rows[1][4:7] == ["Year", "Out (count)", "Graduasi sejahtera mandiri (KPM)"]
    assert len(rows[1]) == len(report.COLUMNS)
    assert [r[0] for r in rows[2:]] == ["99.71.01.1001", "99.71.01.1002", "99.71.01.2003", "99.71.01.2004"]
    out = tmp_path / "g.csv"
    assert cli.main(["export", "graduasi", "--db", str(register_db), "--out", str(out), "--tahun", "2025"]) == 0
    text = out.read_bytes().decode("utf-8-sig")
    assert "tahun 2025" in text.splitlines()[0] and "tidak ada target" in text.splitlines()[0]
    assert cli.main(["export", "graduasi", "--db", str(register_db), "--out", str(out), "--tahun", "2020"]) == 1
    xlsx = tmp_path / "g.xlsx"
    assert cli.main(["export", "graduasi", "--db", str(register_db), "--out", str(xlsx), "--format", "xlsx"]) == 0


# --- import ---------------------------------------------------------------------------------

GRADUATES = """ID DTKS,NIK PENGURUS,NAMA PENGURUS,KELURAHAN,TANGGAL GRADUASI,JENIS GRADUASI
h5,9971010101700004,Uji Empat,,15/03/2025,Graduasi Sejahtera Mandiri
h10,,Uji,,01/02/2025,Tidak memenuhi syarat
hz,,Uji,,01/02/2025,Meninggal
h12,,Uji,,01/02/2027,Meninggal
h5,,,,20/05/2025,Sukarela
h6,12345,Uji Lima,,01/02/2026,Pindah
h9,,,Beta,2026-02-10,Naik kelas
"""


def test_import_loads_or_quarantines_every_row(register_db, tmp_path):
    path = tmp_path / "w.duckdb"
    shutil.copy(register_db, path)
    source = tmp_path / "graduasi.csv"
    source.write_text(GRADUATES, encoding="utf-8")
    with duckdb.connect(str(path)) as c:
        result = agency.import_file(c, "graduasi", source, today=TODAY)
        stored = c.execute(queries.load("tests/graduasi/imported_rows")).fetchall()
        masked = " ".join(r[0] for r in c.execute(queries.load("tests/graduasi/quarantine_data")).fetchall())
        # The list now explains h5 and h10: their exits take its kinds.
        kinds = c.execute(queries.load("tests/graduasi/keluar_h5_h10"))
        assert kinds.fetchall() == [("h10", "alamiah_tidak_layak"), ("h5", "sejahtera_mandiri")]
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (7, 2, 5)
    assert result.added == {"pkh_graduasi": 2}
    reasons = dict(zip(result.report["alasan"] + ":" + result.report["kolom"], result.report["first_row"]))
    assert reasons == {
        "household_unknown:id_dtks": 3,
        "date_out_of_range:tanggal_graduasi": 4,
        "duplicate_in_file:id_dtks": 5,
        "nik_not_16_digits:nik_penerima": 6,
        "enum_unknown:jenis": 7,
    }
    assert stored == [
        ("h10", 2025, dt.date(2025, 2, 1), "alamiah_tidak_layak", "99.71.01.1002", None),
        ("h5", 2025, dt.date(2025, 3, 15), "sejahtera_mandiri", "99.71.01.1002", "9971010101700004"),
    ]
    assert "Uji Empat" not in masked and "12345" not in masked


def test_a_graduation_list_import_refreshes_what_a_full_refresh_would(register_db, tmp_path):
    # The exit rows are judged at write time (queries/analytics/51_pkh_keluar_kpm.sql) for the
    # kelurahan an import touches: those of the list (old and new) and of the KPM's payments.
    from warehouse import db

    path = tmp_path / "w.duckdb"
    shutil.copy(register_db, path)
    source = tmp_path / "graduasi.csv"
    source.write_text(GRADUATES, encoding="utf-8")
    with duckdb.connect(str(path)) as c:
        before = c.execute(queries.load("tests/graduasi/kpm_rows")).fetchall()
        c.execute(queries.load("tests/graduasi/kpm_sentinel_insert"))
    with db.atomic_update(path) as con:
        assert agency.import_file(con, "graduasi", source, today=TODAY).rows_loaded == 2
    with db.atomic_update(path) as con:
        incremental = con.execute(queries.load("tests/graduasi/kpm_rows")).fetchall()
        assert con.execute(queries.load("tests/graduasi/kpm_sentinel_count")).fetchone()[0] == 1
        db.refresh_analytics(con)
        assert con.execute(queries.load("tests/graduasi/kpm_sentinel_count")).fetchone()[0] == 0
        full = con.execute(queries.load("tests/graduasi/kpm_rows")).fetchall()
    assert incremental == full != before
