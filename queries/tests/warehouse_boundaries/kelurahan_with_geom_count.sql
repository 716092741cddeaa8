-- Read by tests/test_warehouse_boundaries.py::test_code_list_then_boundaries.
-- Parameters: none.
-- Output: one row: number of kelurahan, number with a polygon.
select count(*), count(geom) from wilayah where level = 'kelurahan'
