-- The seed warehouse (tests/seed.py, run in file-name order): the cycles S0 (2025) and S1 (2026-Q1).
-- Parameters: none.
-- Output: none (inserts rows).
insert into verivali_siklus (siklus, nama, tanggal_mulai, tanggal_target) values
    ('S0', 'Siklus lama', '2025-01-01', '2025-12-31'),
    ('S1', 'Siklus uji', '2026-01-01', '2026-03-31')
