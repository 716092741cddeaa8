-- The targeting seed (tests/seed_targeting.py STATEMENTS, run in that order after tests/seed_six_t.py).
-- Parameters: none.
-- Output: none (inserts t1 (PKH 2025-T4 to h21) and t2 (BPNT 2026-02 to h10)).
insert into bansos_penyaluran (id_penyaluran, kode_program, tahap, id_dtks, nik_penerima,
        kode_kelurahan, nilai_hak, nilai_diterima, tanggal_salur, kanal, id_penyalur,
        harga_dibayar, lolos_kualitas, dokumen) values
    ('t1', 'PKH', '2025-T4', 'h21', '9971014101850021', '99.71.01.1001', 750000, 750000,
        '2025-11-10', 'bank', null, null, null, ['bast', 'foto', 'ktp']),
    ('t2', 'BPNT', '2026-02', 'h10', '9971010101800010', '99.71.01.1002', 200000, 200000,
        '2026-02-12', 'e_warong', 'ew2', 195000, true, ['bast', 'foto'])
