-- Read by tests/test_demo.py::test_magnitudes_at_scale_1.
-- Parameters: none.
-- Output: one row per level: level, number of wilayah.
select level, count(*) from wilayah group by level
