-- The synthetic warehouse of bench/bench_six_t.py (run in file-name order): Kota Batam.
-- Parameters: none.
-- Output: none (inserts rows).
insert into wilayah (kode, nama, level, jenis, kode_induk)
select '21.71', 'Kota Batam', 'kabkota', 'kota', '21'
