-- Read by tests/test_demo.py::test_case_points_lie_in_their_kelurahan.
-- Parameters: none.
-- Output: one row per case with a point: lon, lat (degrees), geom of its kelurahan (WKB).
select c.lon, c.lat, w.geom from pmks_kasus as c inner join wilayah as w on w.kode = c.kode_kelurahan where c.lon is not null
