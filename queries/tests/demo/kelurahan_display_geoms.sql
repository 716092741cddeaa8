-- Read by tests/test_demo.py::test_points_lie_in_their_kelurahan_on_the_map_too.
-- Parameters: none.
-- Output: one row per kelurahan: kode, geom_display (WKB).
select kode, geom_display from wilayah where level = 'kelurahan'
