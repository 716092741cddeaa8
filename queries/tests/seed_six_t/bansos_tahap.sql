-- The 6T seed (tests/seed_six_t.py STATEMENTS, run in that order after tests/seed.py).
-- Parameters: none.
-- Output: none (inserts PKH 2025-T4 and BPNT 2026-01, 2026-02).
insert into bansos_tahap values
    ('PKH', '2025-T4', '2025-10-01', '2025-12-31', 750000, null),
    ('BPNT', '2026-01', '2026-01-01', '2026-01-31', 200000, 200000),
    ('BPNT', '2026-02', '2026-02-01', '2026-02-28', 200000, 200000)
