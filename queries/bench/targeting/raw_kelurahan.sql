-- Read by bench/bench_targeting.py::module.
-- Parameters: none.
-- Output: one row per kelurahan: kode, kode_induk.
select kode, kode_induk from wilayah where level = 'kelurahan'
