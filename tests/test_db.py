import os

import duckdb
import pytest

import queries
from warehouse import db

TABLES = {
    "wilayah",
    "dtks_keluarga",
    "dtks_anggota",
    "petugas",
    "verivali_siklus",
    "verivali",
    "pmks_kasus",
    "pmks_kasus_tahap",
    "bansos_program",
    "bansos_tahap",
    "bansos_penyaluran",
    "usulan",
    "pkh_graduasi",
    "impor_log",
    "impor_karantina",
    "metadata",
    "pengguna",
    "audit_log",
    "pendataan_catatan",
    "quality_outside",
}


def tables(path):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {r[0] for r in con.execute(queries.load("tests/db/table_names")).fetchall()}
    finally:
        con.close()


def test_db_path_precedence(monkeypatch, tmp_path):
    monkeypatch.delenv(db.DB_ENV, raising=False)
    assert db.db_path() == db.DEFAULT_DB
    monkeypatch.setenv(db.DB_ENV, str(tmp_path / "env.duckdb"))
    assert db.db_path() == tmp_path / "env.duckdb"
    assert db.db_path(tmp_path / "flag.duckdb") == tmp_path / "flag.duckdb"


def test_read_only_connect_to_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        db.connect(tmp_path / "missing.duckdb", read_only=True)
    assert not (tmp_path / "missing.duckdb").exists()


def test_create_schema_is_idempotent(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    db.create_schema(con)
    db.create_schema(con)
    con.close()
    assert tables(tmp_path / "w.duckdb") == TABLES


def test_atomic_build_replaces_the_file_only_on_success(tmp_path):
    path = tmp_path / "w.duckdb"
    with db.atomic_build(path) as con:
        con.execute(queries.load("tests/db/metadata_version"), {"nilai": "1"})
    with pytest.raises(RuntimeError, match="boom"):
        with db.atomic_build(path) as con:
            con.execute(queries.load("tests/db/metadata_version"), {"nilai": "2"})
            raise RuntimeError("boom")
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute(queries.load("tests/db/metadata_values")).fetchall() == [("1",)]
    con.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.duckdb"]


def test_atomic_build_discards_a_stale_wal(tmp_path):
    path = tmp_path / "w.duckdb"
    (tmp_path / "w.duckdb.wal").write_bytes(b"left over by a crashed writer")
    with db.atomic_build(path) as con:
        con.execute(queries.load("tests/db/metadata_version"), {"nilai": "1"})
    assert not (tmp_path / "w.duckdb.wal").exists()
    assert tables(path) == TABLES


def test_schema_error_names_the_file(tmp_path, monkeypatch):
    monkeypatch.setattr(queries, "schema_statements", lambda: [("99_broken.sql", "create tabel x (a int)")])
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    with pytest.raises(RuntimeError, match="schema file 99_broken.sql"):
        db.create_schema(con)


def test_refresh_analytics_runs_its_files_in_order_and_names_a_broken_one(monkeypatch):
    files = [
        ("01_a.sql", queries.load("tests/db/analytics_first")),
        ("02_b.sql", queries.load("tests/db/analytics_second")),
    ]
    monkeypatch.setattr(queries, "analytics_statements", lambda: files)
    con = duckdb.connect()
    db.refresh_analytics(con)
    assert con.execute(queries.load("tests/db/a_second_rows")).fetchall() == [(20,)]
    files.append(("03_broken.sql", queries.load("tests/db/analytics_broken")))
    with pytest.raises(RuntimeError, match="analytics file 03_broken.sql"):
        db.refresh_analytics(con)


def fetch(path, sql):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_atomic_update_keeps_only_what_its_transactions_commit(tmp_path):
    path = tmp_path / "w.duckdb"
    with db.atomic_update(path) as con:
        con.execute(queries.load("tests/db/create_t"))
        con.execute(queries.load("tests/db/insert_t"), {"x": 1})
    assert fetch(path, queries.load("tests/db/t_rows")) == [(1,)]
    before = path.read_bytes()
    with pytest.raises(ValueError, match="stop"):
        with db.atomic_update(path) as con:
            con.begin()
            con.execute(queries.load("tests/db/insert_t"), {"x": 2})
            raise ValueError("stop")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".w.duckdb.lock", "w.duckdb"]


def test_atomic_update_unchanged_keeps_the_file_and_its_mtime(tmp_path):
    path = tmp_path / "w.duckdb"
    with db.atomic_update(path) as con:
        con.execute(queries.load("tests/db/create_t"))
    mtime = path.stat().st_mtime_ns
    with db.atomic_update(path) as con:
        con.begin()
        con.execute(queries.load("tests/db/insert_t"), {"x": 2})
        raise db.Unchanged
    assert path.stat().st_mtime_ns == mtime
    assert fetch(path, queries.load("tests/db/t_count")) == [(0,)]


def test_a_committed_update_changes_the_mtime_and_leaves_no_log(tmp_path):
    path = tmp_path / "w.duckdb"
    with db.atomic_update(path) as con:
        con.execute(queries.load("tests/db/create_t"))
    mtime = path.stat().st_mtime_ns
    with db.atomic_update(path) as con:
        con.execute(queries.load("tests/db/insert_t"), {"x": 3})
    assert path.stat().st_mtime_ns != mtime
    assert not path.with_name("w.duckdb.wal").exists()


def test_a_write_is_pending_exactly_while_the_writer_holds_the_lock(tmp_path):
    path = tmp_path / "w.duckdb"
    assert not db.write_pending(path)
    with db.atomic_update(path) as con:
        con.execute(queries.load("tests/db/create_t"))
        assert db.write_pending(path)
    assert not db.write_pending(path)


def test_a_reader_waits_for_the_write_then_gives_up_with_a_clear_message(tmp_path):
    path = tmp_path / "w.duckdb"
    with db.atomic_update(path) as con:
        con.execute(queries.load("tests/db/create_t"))
    with db.atomic_update(path):
        with pytest.raises(db.WarehouseBusy, match="the warehouse is being updated"):
            db.connect(path, read_only=True, wait=0.2)
    db.connect(path, read_only=True, wait=0.2).close()


def test_the_next_start_removes_copies_of_killed_builds_and_old_imports(tmp_path):
    path = tmp_path / "w.duckdb"
    with db.atomic_update(path) as con:
        con.execute(queries.load("tests/db/create_t"))
    leftovers = [
        tmp_path / ".w.duckdb.updating-99999",
        tmp_path / ".w.duckdb.updating-99999.wal",
        tmp_path / ".w.duckdb.building-999999999",
    ]
    for leftover in leftovers:
        leftover.write_bytes(b"a copy of the warehouse")
    (tmp_path / ".w.duckdb.updating-99999.tmp").mkdir()
    (tmp_path / ".w.duckdb.updating-99999.tmp" / "spill.block").write_bytes(b"spilled rows")
    db.connect(path, read_only=True).close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".w.duckdb.lock", "w.duckdb"]


def test_the_copy_of_a_running_build_is_left_alone(tmp_path):
    path = tmp_path / "w.duckdb"
    with db.atomic_update(path) as con:
        con.execute(queries.load("tests/db/create_t"))
    running = tmp_path / f".w.duckdb.building-{os.getpid()}"
    running.write_bytes(b"a build in progress")
    assert db.remove_stale_copies(path) == []
    db.connect(path, read_only=True).close()
    assert running.exists()
