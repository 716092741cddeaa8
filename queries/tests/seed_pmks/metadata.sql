-- Read by tests/seed_pmks.py::build_pmks_seed.
-- Parameters: none.
-- Output: none (inserts the data date 2026-02-28 and the region 98.71).
insert into metadata values ('tanggal_data', '2026-02-28'), ('kode_region', '98.71')
