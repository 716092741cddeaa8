"""warehouse.demo.national: the synthetic country at a small size (400 units, 4,000 households),
built once through the command line, with Batam's demo inside it."""

from __future__ import annotations

import re
import shutil

import duckdb
import numpy as np
import pandas as pd
import pytest
import shapely

import queries
from tests.conftest import SMALL_COUNTRY_HOUSEHOLDS as HOUSEHOLDS
from tests.conftest import SMALL_COUNTRY_UNITS as UNITS
from warehouse import db
from warehouse.demo import BATAM_FACTS, build_national
from warehouse.demo.national import PROVINCES, chunks, level_counts

PARENT = {"kelurahan": "kecamatan", "kecamatan": "kabkota", "kabkota": "provinsi"}


@pytest.fixture(scope="module")
def country(small_country_db):
    """This run's small country (tests/conftest.py: built through the command line, its exit
    status checked there)."""
    return small_country_db


@pytest.fixture(scope="module")
def con(country):
    c = duckdb.connect(str(country), read_only=True)
    yield c
    c.close()


@pytest.fixture(scope="module")
def wilayah(con):
    frame = con.execute(queries.load("tests/demo_national/wilayah")).df()
    frame["geometry"] = shapely.from_wkb([bytes(g) for g in frame["geom"]])
    return frame.set_index("kode")


def test_counts_per_level(wilayah):
    # 38 provinces, one kab/kota each at this size (Batam's kota among them), 12 + 37 kecamatan.
    assert level_counts(UNITS) == {"provinsi": 38, "kabkota": 38, "kecamatan": 49, "kelurahan": 400}
    assert wilayah["level"].value_counts().to_dict() == level_counts(UNITS)
    provinces = wilayah[wilayah["level"] == "provinsi"]
    assert provinces["nama"].to_dict() == PROVINCES


def test_every_unit_has_a_parent_one_level_up_whose_code_it_extends(wilayah):
    below = wilayah[wilayah["level"] != "provinsi"]
    parents = wilayah.loc[below["kode_induk"]]
    assert (parents["level"].to_numpy() == below["level"].map(PARENT).to_numpy()).all()
    assert all(k.startswith(p + ".") for k, p in zip(below.index, below["kode_induk"]))
    kinds = wilayah.groupby("level")["jenis"].agg(lambda s: sorted(set(s))).to_dict()
    assert kinds == {
        "kabkota": ["kabupaten", "kota"],
        "kecamatan": ["kecamatan"],
        "kelurahan": ["desa", "kelurahan"],
        "provinsi": ["provinsi"],
    }


def test_batam_is_inside_with_its_64_units_and_their_names(wilayah):
    facts = pd.read_csv(BATAM_FACTS, dtype=str)
    batam = wilayah[wilayah.index.str.startswith("21.71.") & (wilayah["level"] == "kelurahan")]
    assert len(batam) == 64
    assert batam["nama"].sort_index().to_dict() == facts.set_index("kode")["kelurahan"].sort_index().to_dict()
    assert wilayah.loc["21.71", "nama"] == "Kota Batam" and wilayah.loc["21", "nama"] == "Kepulauan Riau"


def test_a_parents_polygon_and_area_are_its_childrens_sum(wilayah):
    for level, parent_level in PARENT.items():
        children = wilayah[wilayah["level"] == level]
        planar = children["geometry"].map(lambda g: g.area).groupby(children["kode_induk"]).sum()
        luas = children["luas_km2"].groupby(children["kode_induk"]).sum()
        parents = wilayah.loc[planar.index]
        assert (parents["level"] == parent_level).all()
        synthetic = ~parents.index.str.startswith("21")
        # The cells form an exact coverage: the dissolved polygon covers their sum, to rounding.
        parent_area = parents["geometry"].map(lambda g: g.area)
        assert (parent_area[synthetic] / planar[synthetic] - 1).abs().max() < 1e-9
        # Batam's official polygons are no exact coverage (tiny overlaps and slivers): within 0.5 %.
        assert (parent_area[~synthetic] / planar[~synthetic] - 1).abs().max() < 5e-3
        assert (parents["luas_km2"] / luas - 1).abs().max() < 1e-9
    assert all(g.is_valid for g in wilayah["geometry"])
    synthetic_kecamatan = wilayah[(wilayah["level"] == "kecamatan") & ~wilayah.index.str.startswith("21.71")]
    assert set(synthetic_kecamatan["geometry"].map(lambda g: g.geom_type)) == {"Polygon"}


def test_households_members_and_their_region_keys(con):
    assert con.execute(queries.load("tests/demo_national/household_count")).fetchall() == [(HOUSEHOLDS,)]
    members, households = con.execute(queries.load("tests/demo_national/synthetic_members")).fetchall()[0]
    assert 3.0 < members / households < 3.5
    for table in ("dtks_anggota", "verivali"):
        assert con.execute(queries.load("tests/demo_national/region_key_mismatch_count"), {"t": table}).fetchall() == [
            (0,)
        ], table
    for table in ("dtks_keluarga", "dtks_anggota", "verivali", "bansos_penyaluran"):
        assert con.execute(queries.load("tests/demo_national/orphan_count"), {"t": table}).fetchall() == [(0,)], table


def test_rows_are_stored_in_region_order(con):
    disorder = dict(con.execute(queries.load("tests/demo_national/region_disorder_count")).fetchall())
    for table in ("dtks_keluarga", "dtks_anggota", "verivali", "bansos_penyaluran"):
        assert disorder[table] == 0, table


def test_the_same_seed_gives_the_same_country_whatever_the_chunks_it_is_written_in(con, tmp_path):
    # Built again with the synthetic households (Batam's share aside) in chunks of about 300,
    # each committed on its own, instead of the command line's one chunk.
    path = tmp_path / "again.duckdb"
    with db.atomic_build(path) as building:
        build_national(building, units=UNITS, households=HOUSEHOLDS, chunk_households=300)
    digest = queries.load("tests/demo_national/table_digest")
    other = duckdb.connect(str(path), read_only=True)
    try:
        for table in ("wilayah", "dtks_keluarga", "dtks_anggota", "verivali", "bansos_penyaluran", "quality_finding"):
            assert other.execute(digest, {"t": table}).fetchall() == con.execute(digest, {"t": table}).fetchall()
        disorder = dict(other.execute(queries.load("tests/demo_national/region_disorder_count")).fetchall())
    finally:
        other.close()
    assert disorder == dict.fromkeys(disorder, 0)


def test_the_analytics_committed_file_by_file_are_those_of_one_transaction(country, con, tmp_path):
    # The build commits after each analytics file (so that a country's refresh does not hold
    # every new table in memory at once); refreshed again in one transaction, as every other
    # write does, the same data (a copy of the build: the same seed gives the same rows, the
    # test above) gives the same analytics tables.
    path = tmp_path / "again.duckdb"
    shutil.copyfile(country, path)
    files = queries.analytics_statements()
    # Each file makes one table (some make only macros that later files and pages call).
    found = [re.search(r"\bcreate or replace table (\w+)", s) or db.INCREMENTAL.search(s) for _, s in files]
    tables = [m.group(1) for m in found if m]
    other = duckdb.connect(str(path))
    try:
        done: list[str] = []
        other.begin()
        db.refresh_analytics(other, after_each=done.append)
        other.commit()
        digest = queries.load("tests/demo_national/table_digest")
        for table in tables:
            assert other.execute(digest, {"t": table}).fetchall() == con.execute(digest, {"t": table}).fetchall(), table
    finally:
        other.close()
    assert done == [name for name, _ in files]
    assert len(set(tables)) == len(tables) >= 12


def test_chunks_are_runs_of_units_by_their_first_household():
    # The units' first households are 0, 3, 4 (it has none), 4, 9, 10: in blocks 0, 0, 1, 1, 2, 2 of 4.
    per_unit = np.array([3, 1, 0, 5, 1, 2])
    assert chunks(per_unit, 4) == [(0, 2), (2, 4), (4, 6)]
    assert chunks(per_unit, 100) == [(0, 6)]
    assert chunks(np.array([0, 0]), 4) == [(0, 2)]


def test_too_few_units_for_the_country_is_refused():
    with pytest.raises(ValueError, match="--units must be at least"):
        level_counts(60)
