-- Read by tests/test_six_t.py::test_sasaran_uses_the_desil_in_force_when_the_tahap_began.
-- Parameters: $p, $program, $tahap.
-- Output: none (inserts distribution $p of programme $program, tahap $tahap, to h21 on 2026-02-05).
insert into bansos_penyaluran (id_penyaluran, kode_program, tahap, id_dtks,
        nik_penerima, kode_kelurahan, nilai_hak, nilai_diterima, tanggal_salur, kanal,
        harga_dibayar, lolos_kualitas, dokumen)
values ($p, $program, $tahap, 'h21', '9971014101850021', '99.71.01.1001', 750000, 750000,
        '2026-02-05', 'bank', 190000, true, ['bast', 'foto', 'ktp'])
