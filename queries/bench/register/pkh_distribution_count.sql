-- Read by bench/bench_register.py::bench.
-- Parameters: none.
-- Output: one row: number of PKH distributions.
select count(*) from bansos_penyaluran where kode_program = 'PKH'
