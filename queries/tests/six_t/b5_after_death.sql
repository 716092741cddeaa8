-- Read by tests/test_six_t.py::test_a_distribution_paid_before_a_death_is_tepat_sasaran.
-- Parameters: none.
-- Output: none (inserts b5, BPNT 2026-02 to h26 after its death).
insert into bansos_penyaluran (id_penyaluran, kode_program, tahap, id_dtks,
        nik_penerima, kode_kelurahan, nilai_hak, nilai_diterima, tanggal_salur, kanal,
        harga_dibayar, lolos_kualitas, dokumen)
values ('b5', 'BPNT', '2026-02', 'h26', '9971014101850026', '99.71.01.1001', 200000, 200000,
        '2026-02-10', 'e_warong', 190000, true, ['bast', 'foto'])
