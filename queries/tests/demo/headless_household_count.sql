-- Read by tests/test_demo.py::test_planted_data_quality_findings.
-- Parameters: none.
-- Output: one row: active households without an active head.
select count(*) from dtks_keluarga as h where h.status = 'aktif' and not exists (
    select 1 from dtks_anggota as a
    where a.id_dtks = h.id_dtks and a.hubungan = 'kepala_keluarga' and a.status = 'aktif')
