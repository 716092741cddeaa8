-- Read by tests/test_demo.py::test_every_table_has_the_documented_columns.
-- Parameters: none.
-- Output: one row per table of schema main: table_name, its column names in order.
select table_name, list(column_name order by ordinal_position) from information_schema.columns where table_schema = 'main' group by table_name
