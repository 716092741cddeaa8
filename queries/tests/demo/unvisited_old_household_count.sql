-- Read by tests/test_demo.py::test_planted_data_quality_findings.
-- Parameters: none.
-- Output: one row: active households registered before 2025-11-20 with no verivali stage.
select count(*) from dtks_keluarga where status = 'aktif' and id_dtks not in (select id_dtks from verivali) and tanggal_terdaftar < date '2025-11-20'
