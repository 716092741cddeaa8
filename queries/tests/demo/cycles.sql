-- Read by tests/test_demo.py::test_metadata.
-- Parameters: none.
-- Output: one row per verivali cycle in order: siklus.
select siklus from verivali_siklus order by siklus
