-- Read by tests/test_six_t.py::test_sasaran_uses_the_desil_in_force_when_the_tahap_began.
-- Parameters: none.
-- Output: none (h21 ranked desil 3 on 2025-09-01 and 7 on 2026-02-01).
insert into verivali (id_verivali, id_dtks, siklus, tahap, tanggal, desil) values
    (901, 'h21', 'S0', 'desil', '2025-09-01', 3),
    (902, 'h21', 'S1', 'desil', '2026-02-01', 7)
