-- Read by tests/test_db.py::test_refresh_analytics_runs_its_files_in_order_and_names_a_broken_one
-- as the first analytics file.
-- Parameters: none.
-- Output: table a_first, one row: x = 2.
create or replace table a_first as select 2 as x
