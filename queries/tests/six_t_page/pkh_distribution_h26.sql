-- Read by tests/test_six_t_page.py::test_reports_with_their_own_entitlement_are_flagged.
-- Parameters: $hak, $p.
-- Output: none (inserts one PKH 2025-T4 distribution $p to h26 with nilai_hak $hak, 750,000 rupiah received).
insert into bansos_penyaluran (id_penyaluran, kode_program, tahap, id_dtks,
        nik_penerima, kode_kelurahan, nilai_hak, nilai_diterima, tanggal_salur, kanal, dokumen)
values ($p, 'PKH', '2025-T4', 'h26', '9971014101850026', '99.71.01.1001', $hak, 750000,
        '2025-11-01', 'bank', ['bast', 'foto', 'ktp'])
