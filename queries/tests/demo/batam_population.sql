-- Read by tests/test_demo.py::test_magnitudes_at_scale_1.
-- Parameters: none.
-- Output: one row: penduduk of Kota Batam (21.71, persons).
select penduduk from wilayah where kode = '21.71'
