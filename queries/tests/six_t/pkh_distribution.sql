-- Read by tests/test_six_t.py::test_other_sasaran_reasons.
-- Parameters: $h, $n, $p.
-- Output: none (inserts one PKH 2025-T4 distribution $p of 750,000 rupiah to household $h, recipient NIK $n).
insert into bansos_penyaluran (id_penyaluran, kode_program, tahap, id_dtks,
        nik_penerima, kode_kelurahan, nilai_hak, nilai_diterima, tanggal_salur, kanal, dokumen)
values ($p, 'PKH', '2025-T4', $h, $n, '99.71.01.1001', 750000, 750000, '2025-11-01', 'bank',
        ['bast', 'foto', 'ktp'])
