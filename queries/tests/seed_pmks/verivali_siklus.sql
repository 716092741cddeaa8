-- Read by tests/seed_pmks.py::build_pmks_seed.
-- Parameters: none.
-- Output: none (inserts the cycle S1, 2026-Q1).
insert into verivali_siklus (siklus, nama, tanggal_mulai, tanggal_target) values ('S1', 'Siklus uji', '2026-01-01', '2026-03-31')
