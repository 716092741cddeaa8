-- Read by tests/test_db.py::test_refresh_analytics_runs_its_files_in_order_and_names_a_broken_one.
-- Parameters: none.
-- Output: every row of a_second: y.
select y from a_second
