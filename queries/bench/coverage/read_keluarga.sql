-- Read by bench/bench_coverage.py::load_tables.
-- Parameters: none.
-- Output: one row per household: id_dtks, kode_kelurahan, status.
select id_dtks, kode_kelurahan, status from dtks_keluarga
