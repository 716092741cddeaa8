-- The seed warehouse (tests/seed.py, run in file-name order): the PKH tahap 2026-T1.
-- Parameters: none.
-- Output: none (inserts rows).
insert into bansos_tahap values ('PKH', '2026-T1', '2026-01-01', '2026-03-31', 750000, null)
