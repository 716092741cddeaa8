-- The 6T seed (tests/seed_six_t.py STATEMENTS, run in that order after tests/seed.py).
-- Parameters: none.
-- Output: none (inserts the heads of h20-h26; a22 not yet padan).
insert into dtks_anggota (id_anggota, id_dtks, nik, nama, hubungan, status_padan, status) values
    ('a20', 'h20', '9971014101850020', 'Sari Dua Puluh', 'kepala_keluarga', 'padan', 'aktif'),
    ('a21', 'h21', '9971014101850021', 'Budi Dua Satu', 'kepala_keluarga', 'padan', 'aktif'),
    ('a22', 'h22', '9971014101850022', 'Rina Dua Dua', 'kepala_keluarga', 'belum', 'aktif'),
    ('a24', 'h24', '9971014101850024', 'Tono Dua Empat', 'kepala_keluarga', 'padan', 'aktif'),
    ('a26', 'h26', '9971014101850026', 'Ani Dua Enam', 'kepala_keluarga', 'padan', 'aktif')
