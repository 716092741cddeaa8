-- Read by tests/test_db.py::test_atomic_build_replaces_the_file_only_on_success.
-- Parameters: none.
-- Output: one row per metadata key: nilai.
select nilai from metadata
