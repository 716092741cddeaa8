-- Read by bench/bench_targeting.py::module.
-- Parameters: none.
-- Output: one row per distribution: id_dtks, kode_program, tahap, kode_kelurahan, nilai_diterima (rupiah).
select id_dtks, kode_program, tahap, kode_kelurahan, nilai_diterima from bansos_penyaluran
