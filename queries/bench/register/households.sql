-- Read by bench/bench_register.py::read_tables.
-- Parameters: none.
-- Output: one row per household: id_dtks, status, desil.
select id_dtks, status, desil from dtks_keluarga
