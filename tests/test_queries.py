"""Every SQL file runs against the seed warehouse; whole outputs where they are small."""

import datetime as dt
import re

import duckdb
import pandas as pd
import pytest

import queries
from analytics import coverage
from tests.seed import REGION, TODAY, seed_db  # noqa: F401

PARAMS = {
    "kode_region": REGION,
    "siklus": "S1",
    "tanggal": TODAY,
    "kode_program": "PKH",
    "tahap_bansos": "2026-T1",
    "kanal": "bank",
    "toleransi_jumlah_rupiah": 0,
    "toleransi_harga_rupiah": 0,
    "toleransi_hari": None,
    "hanya_gagal": False,
    "kategori": None,
    "sumber": None,
    "dari": dt.date(2026, 1, 1),
    "sampai": TODAY,
    "scope_kelurahan": None,
    "kode_kelurahan": None,
    "kode_kampanye": "UJI-1",
    "tingkat": "kelurahan",
    "gagal_t": None,
    "batas": None,
    "lewati": 0,
    "per_kelurahan": 5,
    "benih": 2026,
    "limit_rows": 100,
    "offset_rows": 0,
    "level": "kecamatan",
    "kelurahan": None,
    "report_sources": ["call_center"],
    "hour_shift": ["malam"] * 7 + ["pagi"] * 8 + ["siang"] * 8 + ["malam"],
    "target_minutes": 60.0,
    "shelter_code": ["99.71.01", "99.71"],
    "shelter_upt": [2, 1],
    "cell_lon": 0.001,
    "cell_lat": 0.001,
    "max_cells": 5000,
    "max_scale": 4.0,
}


@pytest.fixture(scope="module")
def con(seed_db):
    c = duckdb.connect(str(seed_db), read_only=True)
    yield c
    c.close()


def run(con, name, **overrides):
    sql = queries.load(name)
    used = set(re.findall(r"\$([a-z_]+)", sql))
    return queries.run(con, name, **{k: v for k, v in {**PARAMS, **overrides}.items() if k in used})


@pytest.mark.parametrize("name", queries.names())
def test_every_query_runs_and_documents_itself(con, name):
    sql = queries.load(name)
    header = "\n".join(line for line in sql.splitlines() if line.startswith("--"))
    assert "Output" in header, f"{name}.sql: header must list its output columns"
    for param in set(re.findall(r"\$([a-z_]+)", sql)):
        assert param in PARAMS, f"{name}.sql uses ${param}, unknown to this test"
        assert f"${param}" in header, f"{name}.sql: header must list ${param}"
    assert sql.count(";") <= 1, f"{name}.sql: one statement per file"
    run(con, name)


def test_schema_files_are_one_statement_each():
    for name, statement in queries.schema_statements():
        assert statement.strip().rstrip(";").count(";") == 0, name


def kelurahan(con, **overrides):
    return coverage.kelurahan_rows(run(con, "coverage_units", **overrides))


def test_coverage_units_kelurahan_whole_output(con):
    out = kelurahan(con)
    expected = pd.DataFrame(
        {
            "kode": ["99.71.01.1001", "99.71.01.1002", "99.71.01.2003", "99.71.01.2004"],
            "nama": ["Alpha", "Beta", "Gamma", "Delta"],
            # Beta: h5-h10 active plus h11, found moved in this cycle; h12 died before it.
            "households_count": [4, 7, 0, 1],
            # h6's result comes after the data date; h4's belongs to the old cycle.
            "updated_count": [2, 2, 0, 0],
            "updated_7d_ago_count": [2, 1, 0, 0],
            "updated_28d_count": [1, 1, 0, 0],
            "members_count": [3, 2, 0, 0],
            "padan_count": [2, 1, 0, 0],
        }
    )
    got = out[expected.columns].astype({c: "int64" for c in expected.columns[2:]})
    pd.testing.assert_frame_equal(got, expected)
    assert out["kecamatan"].unique().tolist() == ["Kecamatan Satu"]


def test_coverage_units_as_of_an_earlier_date(con):
    out = kelurahan(con, tanggal=dt.date(2026, 1, 31))
    assert out["updated_count"].tolist() == [1, 1, 0, 0]


def test_coverage_units_other_region_has_no_kelurahan(con):
    assert kelurahan(con, kode_region="21.71").empty


def test_regions_and_cycles(con):
    assert run(con, "regions").to_dict("records") == [
        {"kode": "99.71", "nama": "Kota Uji", "jenis": "kota", "units_count": 4}
    ]
    assert run(con, "verivali_cycles")["siklus"].tolist() == ["S1", "S0"]


def test_data_date(con):
    row = run(con, "data_date").iloc[0]
    assert pd.Timestamp(row["tanggal_data"]).date() == TODAY and not row["demo"]


def test_kelurahan_boundaries_keeps_units_without_polygon(con):
    out = run(con, "kelurahan_boundaries")
    assert out["kode"].tolist()[-1] == "99.71.01.2004"
    assert out["geom_display"].isna().tolist() == [False, False, False, True]
    assert out["jenis"].tolist() == ["kelurahan", "kelurahan", "desa", "desa"]


def test_table_counts(con):
    assert run(con, "table_counts").iloc[0].to_dict() == {
        "units_count": 4,
        "households_count": 13,
        "enumerators_count": 1,
        "cases_count": 1,
        "distributions_count": 1,
    }


def test_region_kelurahan_macro_whole_output(con):
    out = con.execute(queries.load("tests/queries/region_kelurahan_99_71")).fetchall()
    assert out == [
        ("99.71.01.1001", "Alpha", "kelurahan", "99.71.01", "Kecamatan Satu"),
        ("99.71.01.1002", "Beta", "kelurahan", "99.71.01", "Kecamatan Satu"),
        ("99.71.01.2003", "Gamma", "desa", "99.71.01", "Kecamatan Satu"),
        ("99.71.01.2004", "Delta", "desa", "99.71.01", "Kecamatan Satu"),
    ]
    assert con.execute(queries.load("tests/queries/region_kelurahan_21_71_count")).fetchone() == (0,)
    assert con.execute(queries.load("tests/queries/region_kelurahan_every_count")).fetchone() == (4,)


UNIT_QUERIES = (
    "coverage_units",
    "kelurahan_boundaries",
    "pmks_cases_kelurahan",
    "regions",
    "six_t_units",
    "verivali_funnel",
)


@pytest.mark.parametrize("name", UNIT_QUERIES)
def test_units_are_written_once(name):
    sql = queries.load(name)
    assert "region_kelurahan(" in sql
    own_filter = re.search(r"(\bw\.|[^.\w])level = 'kelurahan'", sql)
    assert own_filter is None, f"{name}.sql: take the kelurahan of a region from region_kelurahan"


def import_query_names():
    return sorted(f"import/{p.stem}" for p in (queries.QUERY_DIR / "import").glob("*.sql"))


@pytest.mark.parametrize("name", import_query_names())
def test_import_queries_document_themselves(name):
    sql = queries.load(name)
    header = "\n".join(line for line in sql.splitlines() if line.startswith("--"))
    assert "Output" in header, f"{name}.sql: header must list its output"
    for param in set(re.findall(r"\$([a-z_]+)", sql)):
        assert f"${param}" in header, f"{name}.sql: header must list ${param}"
    body = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
    assert body.strip().rstrip(";").count(";") == 0, f"{name}.sql: one statement per file"
