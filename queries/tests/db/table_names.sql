-- Read by tests/test_db.py::tables.
-- Parameters: none.
-- Output: one row per table of the file: table_name.
select table_name from information_schema.tables
