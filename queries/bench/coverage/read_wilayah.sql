-- Read by bench/bench_coverage.py::load_tables.
-- Parameters: none.
-- Output: one row per unit: kode, nama, level, kode_induk.
select kode, nama, level, kode_induk from wilayah
