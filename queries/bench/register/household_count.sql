-- Read by bench/bench_register.py::bench.
-- Parameters: none.
-- Output: one row: number of households.
select count(*) from dtks_keluarga
