-- Read by tests/test_warehouse_boundaries.py::test_code_list_renames_but_never_touches_geometry.
-- Parameters: none.
-- Output: one row: number of units 99.72.01.2001 (0 or 1).
select count(*) from wilayah where kode = '99.72.01.2001'
