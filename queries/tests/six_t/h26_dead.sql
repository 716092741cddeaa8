-- Read by tests/test_six_t.py::test_a_distribution_paid_before_a_death_is_tepat_sasaran.
-- Parameters: none.
-- Output: none (household h26 died).
update dtks_keluarga set status = 'meninggal' where id_dtks = 'h26'
