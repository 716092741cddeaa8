-- The 6T seed (tests/seed_six_t.py STATEMENTS, run in that order after tests/seed.py).
-- Parameters: none.
-- Output: none (inserts the PKH distributions p1-p5 and the BPNT distributions b1-b4 worked out in tests/seed_six_t.py).
insert into bansos_penyaluran (id_penyaluran, kode_program, tahap, id_dtks, nik_penerima,
        kode_kelurahan, nilai_hak, nilai_diterima, tanggal_salur, kanal, id_penyalur,
        harga_dibayar, lolos_kualitas, dokumen) values
    ('p1', 'PKH', '2026-T1', 'h20', '9971014101850020', '99.71.01.1001', 750000, 750000,
        '2026-02-01', 'bank', null, null, null, ['bast', 'foto', 'ktp']),
    ('p2', 'PKH', '2026-T1', 'h21', '9971014101850021', '99.71.01.1001', 750000, 750000,
        '2026-02-02', 'bank', null, null, null, ['bast', 'foto', 'ktp']),
    ('p3', 'PKH', '2026-T1', 'h20', '9971014101850020', '99.71.01.1001', 750000, 750000,
        '2026-02-15', 'bank', null, null, null, ['bast', 'foto', 'ktp']),
    ('p4', 'PKH', '2025-T4', 'h24', '9971014101850024', '99.71.01.1002', 750000, 750000,
        '2026-01-05', 'bank', null, null, null, ['ktp', 'foto', 'bast']),
    ('p5', 'PKH', '2026-T1', 'h22', '9971014101850022', '99.71.01.1002', 750000, 750000,
        '2026-02-03', 'pos', null, null, null, ['bast', 'foto', 'ktp']),
    ('b1', 'BPNT', '2026-01', 'h20', '9971014101850020', '99.71.01.1001', 200000, 200000,
        '2026-01-20', 'e_warong', 'ew1', 195000, true, ['bast', 'foto']),
    ('b2', 'BPNT', '2026-01', 'h24', '9971014101850024', '99.71.01.1002', 200000, 200000,
        '2026-01-21', 'e_warong', 'ew2', 210000, true, ['bast', 'foto']),
    ('b3', 'BPNT', '2026-01', 'h26', '9971014101850026', '99.71.01.1001', 200000, 200000,
        '2026-01-22', 'e_warong', 'ew1', 200000, false, ['bast', 'foto']),
    ('b4', 'BPNT', '2026-02', 'h5', '9971010101700004', '99.71.01.1002', 200000, 200000,
        '2026-02-10', 'e_warong', 'ew2', 190000, true, ['bast'])
