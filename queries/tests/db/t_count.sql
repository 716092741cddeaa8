-- Read by tests/test_db.py::test_atomic_update_unchanged_keeps_the_file_and_its_mtime.
-- Parameters: none.
-- Output: one row: number of rows of t.
select count(*) from t
