-- Read by bench/bench_register.py::read_tables.
-- Parameters: none.
-- Output: one row per PKH tahap, every column of bansos_tahap.
select * from bansos_tahap where kode_program = 'PKH'
