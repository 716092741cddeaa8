-- Read by bench/bench_coverage.py::load_tables.
-- Parameters: none.
-- Output: one row per verivali stage: id_verivali, id_dtks, siklus, tanggal, hasil.
select id_verivali, id_dtks, siklus, tanggal, hasil from verivali
