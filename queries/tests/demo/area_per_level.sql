-- Read by tests/test_demo.py::test_kelurahan_geometry_and_area.
-- Parameters: none.
-- Output: one row per level below provinsi: level, sum of luas_km2.
select level, sum(luas_km2) from wilayah where level <> 'provinsi' group by 1
