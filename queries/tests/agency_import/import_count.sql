-- Read by tests/test_agency_import.py::test_an_import_killed_midway_leaves_the_warehouse_unchanged.
-- Parameters: none.
-- Output: one row: number of imports.
select count(*) from impor_log
