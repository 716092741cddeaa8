-- Read by tests/test_demo.py::test_planted_data_quality_findings.
-- Parameters: none.
-- Output: one row per status: status, number of households.
select status, count(*) from dtks_keluarga group by 1
