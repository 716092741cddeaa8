-- Read by tests/test_six_t.py::test_a_distribution_before_the_first_desil_ranking_has_no_desil_yet.
-- Parameters: none.
-- Output: none (inserts q3, BPNT 2026-02 to h21 after its first ranking).
insert into bansos_penyaluran (id_penyaluran, kode_program, tahap, id_dtks,
        nik_penerima, kode_kelurahan, nilai_hak, nilai_diterima, tanggal_salur, kanal,
        harga_dibayar, lolos_kualitas, dokumen)
values ('q3', 'BPNT', '2026-02', 'h21', '9971014101850021', '99.71.01.1001', 200000, 200000,
        '2026-02-12', 'e_warong', 190000, true, ['bast', 'foto'])
