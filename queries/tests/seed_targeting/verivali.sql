-- The targeting seed (tests/seed_targeting.py STATEMENTS, run in that order after tests/seed_six_t.py).
-- Parameters: none.
-- Output: none (inserts h26's rankings: desil 8 in S0, 1 in S1).
insert into verivali (id_verivali, id_dtks, siklus, tahap, tanggal, id_petugas, hasil, desil) values
    (20, 'h26', 'S0', 'desil', '2025-01-01', null, null, 8),
    (21, 'h26', 'S1', 'desil', '2026-01-15', null, null, 1)
