-- Read by tests/test_db.py::test_refresh_analytics_runs_its_files_in_order_and_names_a_broken_one
-- as a broken analytics file: it reads a table that does not exist.
-- Parameters: none.
-- Output: an error.
select * from nowhere
