-- Read by tests/test_six_t.py::test_a_distribution_before_the_first_desil_ranking_has_no_desil_yet.
-- Parameters: none.
-- Output: none (BPS first ranks h21 desil 7 and h20 desil 2 on 2026-02-10).
insert into verivali (id_verivali, id_dtks, siklus, tahap, tanggal, desil) values
    (921, 'h21', 'S1', 'desil', '2026-02-10', 7),
    (922, 'h20', 'S1', 'desil', '2026-02-10', 2)
