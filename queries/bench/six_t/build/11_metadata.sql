-- The synthetic warehouse of bench/bench_six_t.py (run in file-name order): the data date 2026-11-30 and the region 21.71.
-- Parameters: none.
-- Output: none (inserts rows).
insert into metadata values ('tanggal_data', '2026-11-30'), ('kode_region', '21.71')
