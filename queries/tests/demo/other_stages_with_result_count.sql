-- Read by tests/test_demo.py::test_ground_checks_by_local_enumerators.
-- Parameters: none.
-- Output: one row: stages other than ground_check that carry a hasil.
select count(*) from verivali where tahap <> 'ground_check' and hasil is not null
