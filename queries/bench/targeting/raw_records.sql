-- Read by bench/bench_targeting.py::module.
-- Parameters: none.
-- Output: one row per pendataan record: kode_kampanye, id_petugas, nama_petugas, kode_kelurahan, tanggal.
select kode_kampanye, id_petugas, nama_petugas, kode_kelurahan, tanggal from pendataan_catatan
