-- Read by tests/test_usulan.py::test_every_cycle_and_the_old_one.
-- Parameters: none.
-- Output: the S0 proposals: tahap, keputusan_hari (days).
select tahap, keputusan_hari from usulan_status('99.71', 'S0')
