-- Read by tests/test_warehouse_boundaries.py::test_a_bad_file_writes_nothing_even_to_a_new_warehouse.
-- Parameters: none.
-- Output: one row: number of tables in the file.
select count(*) from information_schema.tables
