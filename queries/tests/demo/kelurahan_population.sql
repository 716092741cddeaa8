-- Read by tests/test_demo.py::test_magnitudes_at_scale_1.
-- Parameters: none.
-- Output: one row: the sum of penduduk over the kelurahan (persons).
select sum(penduduk) from wilayah where level = 'kelurahan'
