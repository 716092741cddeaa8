-- Read by tests/test_warehouse_boundaries.py::test_boundaries_replace_demo_geometry_and_keep_listed_names.
-- Parameters: none.
-- Output: one row: nama, geom_sumber of 99.71.01.1001.
select nama, geom_sumber from wilayah where kode = '99.71.01.1001'
