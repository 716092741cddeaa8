-- Read by tests/test_six_t.py::test_a_distribution_paid_before_a_death_is_tepat_sasaran.
-- Parameters: none.
-- Output: none (member a24 moved away).
update dtks_anggota set status = 'pindah' where id_anggota = 'a24'
