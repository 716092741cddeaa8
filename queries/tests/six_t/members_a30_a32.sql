-- Read by tests/test_six_t.py::test_other_sasaran_reasons.
-- Parameters: none.
-- Output: none (inserts the heads of h30, h31 (moved) and h32 (dead)).
insert into dtks_anggota (id_anggota, id_dtks, nik, nama, hubungan, status_padan, status) values
    ('a30', 'h30', '9971014101850030', 'X', 'kepala_keluarga', 'padan', 'aktif'),
    ('a31', 'h31', '9971014101850031', 'Y', 'kepala_keluarga', 'padan', 'pindah'),
    ('a32', 'h32', '9971014101850032', 'Z', 'kepala_keluarga', 'padan', 'meninggal')
