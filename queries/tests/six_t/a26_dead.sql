-- Read by tests/test_six_t.py::test_a_distribution_paid_before_a_death_is_tepat_sasaran.
-- Parameters: none.
-- Output: none (member a26 died).
update dtks_anggota set status = 'meninggal' where id_anggota = 'a26'
