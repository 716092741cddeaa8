-- The register seed (tests/seed_register.py STATEMENTS, run in that order after tests/seed.py).
-- Parameters: none.
-- Output: none (inserts h3's entry into SIKS-NG and the desil rankings of h2 (6) and h5 (2)).
insert into verivali (id_verivali, id_dtks, siklus, tahap, tanggal, id_petugas, hasil, desil) values
    (20, 'h3', 'S1', 'entri_siksng', '2026-01-12', null, null, null),
    (21, 'h2', 'S1', 'desil', '2026-02-25', null, null, 6),
    (22, 'h5', 'S1', 'desil', '2026-01-20', null, null, 2)
