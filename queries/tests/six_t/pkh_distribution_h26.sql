-- Read by tests/test_six_t.py::test_tepat_jumlah_is_judged_on_the_tahap_entitlement.
-- Parameters: $diterima, $hak, $p.
-- Output: none (inserts one PKH 2025-T4 distribution $p to h26 with nilai_hak $hak and nilai_diterima $diterima, rupiah).
insert into bansos_penyaluran (id_penyaluran, kode_program, tahap, id_dtks,
        nik_penerima, kode_kelurahan, nilai_hak, nilai_diterima, tanggal_salur, kanal, dokumen)
values ($p, 'PKH', '2025-T4', 'h26', '9971014101850026', '99.71.01.1001', $hak, $diterima,
        '2025-11-01', 'bank', ['bast', 'foto', 'ktp'])
