-- The pandas reference of bench/bench_six_t.py reads this.
-- Parameters: none.
-- Output: one row per tahap: kode_program, tahap, tanggal_mulai, tanggal_selesai, nilai_per_kpm, harga_acuan (rupiah).
select kode_program, tahap, tanggal_mulai, tanggal_selesai, nilai_per_kpm, harga_acuan from bansos_tahap
