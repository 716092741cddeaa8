-- Read by bench/bench_coverage.py::build.
-- Parameters: none.
-- Output: none (inserts Kepulauan Riau and Kota Batam).
insert into wilayah (kode, nama, level, jenis, kode_induk) values ('21', 'Kepulauan Riau', 'provinsi', 'provinsi', null), ('21.71', 'Kota Batam', 'kabkota', 'kota', '21')
