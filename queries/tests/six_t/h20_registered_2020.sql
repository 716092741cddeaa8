-- Read by tests/test_six_t.py::test_a_distribution_before_the_first_desil_ranking_has_no_desil_yet.
-- Parameters: none.
-- Output: none (h20 joined DTKS on 2020-01-01).
update dtks_keluarga set tanggal_terdaftar = '2020-01-01' where id_dtks = 'h20'
