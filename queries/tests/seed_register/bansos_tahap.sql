-- The register seed (tests/seed_register.py STATEMENTS, run in that order after tests/seed.py).
-- Parameters: none.
-- Output: none (inserts the PKH tahap of 2025).
insert into bansos_tahap values
    ('PKH', '2025-T1', '2025-01-01', '2025-02-28', 750000, null),
    ('PKH', '2025-T2', '2025-04-01', '2025-05-31', 750000, null),
    ('PKH', '2025-T3', '2025-07-01', '2025-08-31', 750000, null),
    ('PKH', '2025-T4', '2025-10-01', '2025-11-30', 750000, null)
