-- The seed warehouse (tests/seed.py, run in file-name order): eight verivali stages of cycles S0 and S1.
-- Parameters: none.
-- Output: none (inserts rows).
insert into verivali (id_verivali, id_dtks, siklus, tahap, tanggal, id_petugas, hasil) values
    (1, 'h1', 'S1', 'usulan_musyawarah', '2026-01-03', null, null),
    (2, 'h1', 'S1', 'ground_check', '2026-01-10', 'p1', 'diperbarui'),
    (3, 'h2', 'S1', 'ground_check', '2026-02-20', 'p1', 'diperbarui'),
    (4, 'h3', 'S1', 'usulan_musyawarah', '2026-02-01', null, null),
    (5, 'h4', 'S0', 'ground_check', '2025-06-01', 'p1', 'diperbarui'),
    (6, 'h5', 'S1', 'ground_check', '2026-01-05', 'p1', 'diperbarui'),
    (7, 'h6', 'S1', 'ground_check', '2026-03-05', 'p1', 'diperbarui'),
    (8, 'h11', 'S1', 'ground_check', '2026-02-25', 'p1', 'pindah')
