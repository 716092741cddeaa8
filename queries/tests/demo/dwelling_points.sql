-- Read by tests/test_demo.py::test_planted_data_quality_findings.
-- Parameters: none.
-- Output: one row per household with a point: kode_kelurahan, lon, lat (degrees).
select kode_kelurahan, lon, lat from dtks_keluarga where lon is not null
