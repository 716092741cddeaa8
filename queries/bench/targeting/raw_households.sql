-- Read by bench/bench_targeting.py::module.
-- Parameters: none.
-- Output: one row per household: id_dtks, kode_kelurahan, desil, status, tanggal_terdaftar.
select id_dtks, kode_kelurahan, desil, status, tanggal_terdaftar from dtks_keluarga
