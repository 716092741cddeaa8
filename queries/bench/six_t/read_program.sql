-- The pandas reference of bench/bench_six_t.py reads this.
-- Parameters: none.
-- Output: one row per programme: kode_program, jenis, desil_maks, dokumen_wajib, toleransi_hari (days).
select kode_program, jenis, desil_maks, dokumen_wajib, toleransi_hari from bansos_program
