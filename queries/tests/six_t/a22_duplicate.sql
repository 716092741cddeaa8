-- Read by tests/test_six_t.py::test_a_distribution_paid_before_a_death_is_tepat_sasaran.
-- Parameters: none.
-- Output: none (member a22 is a duplicate).
update dtks_anggota set status = 'duplikat' where id_anggota = 'a22'
