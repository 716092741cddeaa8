-- Read by bench/bench_coverage.py::build.
-- Parameters: none.
-- Output: none (inserts one kecamatan of Kota Batam; positional: kode, nama).
insert into wilayah (kode, nama, level, jenis, kode_induk) values (?, ?, 'kecamatan', 'kecamatan', '21.71')
