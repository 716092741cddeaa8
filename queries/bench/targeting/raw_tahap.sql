-- Read by bench/bench_targeting.py::module.
-- Parameters: none.
-- Output: one row per tahap: kode_program, tahap, tanggal_mulai, tanggal_selesai.
select kode_program, tahap, tanggal_mulai, tanggal_selesai from bansos_tahap
