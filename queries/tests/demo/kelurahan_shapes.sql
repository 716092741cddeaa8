-- Read by tests/test_demo.py::test_kelurahan_geometry_and_area.
-- Parameters: none.
-- Output: one row per kelurahan by kode: kode, geom, geom_display (WKB), geom_sumber, luas_km2, lon, lat (degrees).
select kode, geom, geom_display, geom_sumber, luas_km2, lon, lat from wilayah where level = 'kelurahan' order by kode
