-- Read by bench/bench_coverage.py::build.
-- Parameters: none.
-- Output: none (inserts one kelurahan; positional: kode, nama, jenis, kode of its kecamatan).
insert into wilayah (kode, nama, level, jenis, kode_induk) values (?, ?, 'kelurahan', ?, ?)
