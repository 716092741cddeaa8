-- Read by tests/test_agency_import.py::test_proposal_template_joins_known_households_by_kk.
-- Parameters: none.
-- Output: one row per member with one of two NIK by nik: id_dtks, nik, jenis_kelamin, hubungan.
select id_dtks, nik, jenis_kelamin, hubungan from dtks_anggota where nik in ('9971014101100007', '9971010202950008') order by nik
