-- Read by tests/test_db.py::test_refresh_analytics_runs_its_files_in_order_and_names_a_broken_one
-- as the second analytics file: it reads the first.
-- Parameters: none.
-- Output: table a_second, one row: y = 10 x.
create or replace table a_second as select x * 10 as y from a_first
