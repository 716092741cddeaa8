-- The seed warehouse (tests/seed.py, run in file-name order): six members of h1, h2, h5, h6 and h11 with their padan status.
-- Parameters: none.
-- Output: none (inserts rows).
insert into dtks_anggota (id_anggota, id_dtks, nik, nama, tanggal_lahir, jenis_kelamin,
    hubungan, status_padan, status) values
    ('a1', 'h1', '9971011203800001', 'Uji Satu', '1980-03-12', 'L', 'kepala_keluarga', 'padan', 'aktif'),
    ('a2', 'h1', '9971015203820002', 'Uji Dua', '1982-03-12', 'P', 'pasangan', 'belum', 'aktif'),
    ('a3', 'h2', '9971010101900003', 'Uji Tiga', '1990-01-01', 'L', 'kepala_keluarga', 'padan', 'aktif'),
    ('a4', 'h5', '9971010101700004', 'Uji Empat', '1970-01-01', 'L', 'kepala_keluarga', 'padan', 'aktif'),
    ('a5', 'h6', '9971010101750005', 'Uji Lima', '1975-01-01', 'L', 'kepala_keluarga', 'tidak_padan', 'aktif'),
    ('a6', 'h11', '9971010101600006', 'Uji Enam', '1960-01-01', 'L', 'kepala_keluarga', 'padan', 'pindah')
