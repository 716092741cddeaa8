-- Read by tests/test_warehouse_boundaries.py::test_code_list_renames_but_never_touches_geometry.
-- Parameters: none.
-- Output: one row: nama, whether it has a polygon, geom_sumber of 99.71.01.1001.
select nama, geom is not null, geom_sumber from wilayah where kode = '99.71.01.1001'
