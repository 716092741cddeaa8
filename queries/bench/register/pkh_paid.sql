-- Read by bench/bench_register.py::read_tables.
-- Parameters: none.
-- Output: one row per PKH distribution: id_dtks, tahap, kode_kelurahan.
select id_dtks, tahap, kode_kelurahan from bansos_penyaluran where kode_program = 'PKH'
