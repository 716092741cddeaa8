-- The seed warehouse (tests/seed.py, run in file-name order): the data date 2026-02-28 and the region 99.71.
-- Parameters: none.
-- Output: none (inserts rows).
insert into metadata values ('tanggal_data', '2026-02-28'), ('kode_region', '99.71')
