-- Read by tests/test_six_t.py::test_a_distribution_paid_before_a_death_is_tepat_sasaran.
-- Parameters: none.
-- Output: none (verivali records h26 dead on 2026-02-01 and h24 moved on 2026-01-15).
insert into verivali (id_verivali, id_dtks, siklus, tahap, tanggal, hasil) values
    (911, 'h26', 'S1', 'ground_check', '2026-02-01', 'meninggal'),
    (912, 'h24', 'S1', 'ground_check', '2026-01-15', 'pindah')
