-- The seed warehouse (tests/seed.py, run in file-name order): one PKH distribution to h1, cut from 750,000 to 700,000 rupiah.
-- Parameters: none.
-- Output: none (inserts rows).
insert into bansos_penyaluran (id_penyaluran, kode_program, tahap, id_dtks, nik_penerima,
    kode_kelurahan, nilai_hak, nilai_diterima, tanggal_salur, kanal, dokumen) values
    ('d1', 'PKH', '2026-T1', 'h1', '9971011203800001', '99.71.01.1001', 750000, 700000,
    '2026-02-10', 'bank', ['bast', 'ktp'])
