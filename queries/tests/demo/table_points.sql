-- Read by tests/test_demo.py::test_points_lie_in_their_kelurahan_on_the_map_too.
-- Parameters: $t.
-- Output: one row per row of table $t with a point: kode_kelurahan, lon, lat (degrees).
select kode_kelurahan, lon, lat from query_table($t) where lon is not null
