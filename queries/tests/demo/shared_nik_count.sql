-- Read by tests/test_demo.py::test_planted_data_quality_findings.
-- Parameters: none.
-- Output: one row: NIK active in more than one household.
select count(*) from (select nik from dtks_anggota where status = 'aktif'
group by nik having count(distinct id_dtks) > 1)
