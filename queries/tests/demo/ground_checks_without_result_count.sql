-- Read by tests/test_demo.py::test_ground_checks_by_local_enumerators.
-- Parameters: none.
-- Output: one row: ground checks with no hasil or no petugas.
select count(*) from verivali where tahap = 'ground_check' and (hasil is null or id_petugas is null)
