-- Read by tests/test_demo.py::test_planted_data_quality_findings.
-- Parameters: none.
-- Output: one row per kelurahan: kode, geom (WKB).
select kode, geom from wilayah where level = 'kelurahan'
