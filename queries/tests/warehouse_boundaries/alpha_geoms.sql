-- Read by tests/test_warehouse_boundaries.py::test_boundaries_into_a_brand_new_warehouse.
-- Parameters: none.
-- Output: one row: geom, geom_display (WKB) of 99.71.01.1001.
select geom, geom_display from wilayah where kode = '99.71.01.1001'
