-- Read by tests/test_demo.py::test_metadata.
-- Parameters: none.
-- Output: one row per metadata key: kunci, nilai.
select kunci, nilai from metadata
