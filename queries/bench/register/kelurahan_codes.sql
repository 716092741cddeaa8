-- Read by bench/bench_register.py::read_tables.
-- Parameters: none.
-- Output: one row per kelurahan by kode: kode.
select kode from wilayah where level = 'kelurahan' order by kode
