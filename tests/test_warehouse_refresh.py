"""``python -m warehouse refresh``: a warehouse of an earlier version, missing analytics tables
added since, gets them back, equal to a fresh build's."""

from __future__ import annotations

import shutil

import duckdb

import queries
from warehouse.__main__ import main

DERIVED = ("quality_outside", "pkh_keluar_kpm", "coverage_kelurahan", "eksklusi_rumah_tangga")


def _tables(path) -> dict:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {
            name: con.table(name).df().sort_values(list(con.table(name).columns)).reset_index(drop=True)
            for name in DERIVED
        }
    finally:
        con.close()


def test_refresh_restores_the_tables_an_older_warehouse_lacks(small_demo_db, tmp_path, capsys):
    path = tmp_path / "old.duckdb"
    shutil.copyfile(small_demo_db, path)
    con = duckdb.connect(str(path))
    con.execute(queries.load("tests/warehouse_refresh/drop_quality_outside"))
    con.execute(queries.load("tests/warehouse_refresh/drop_pkh_keluar_kpm"))
    con.close()

    assert main(["refresh", "--db", str(path)]) == 0
    assert "every analytics table rebuilt" in capsys.readouterr().out

    fresh, refreshed = _tables(small_demo_db), _tables(path)
    # The small demo has 3 dwellings outside their kelurahan (tests/test_warehouse_dwellings.py).
    assert len(refreshed["quality_outside"]) == 3
    assert len(refreshed["pkh_keluar_kpm"]) > 0
    for name in DERIVED:
        assert refreshed[name].equals(fresh[name]), name


def test_refresh_of_a_missing_file_says_so_and_creates_nothing(tmp_path, capsys):
    path = tmp_path / "none.duckdb"
    assert main(["refresh", "--db", str(path)]) == 2
    assert "no such warehouse" in capsys.readouterr().err
    assert not path.exists()
