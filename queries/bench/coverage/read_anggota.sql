-- Read by bench/bench_coverage.py::load_tables.
-- Parameters: none.
-- Output: one row per member: id_dtks, status, status_padan.
select id_dtks, status, status_padan from dtks_anggota
