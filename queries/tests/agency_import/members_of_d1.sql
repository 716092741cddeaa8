-- Read by tests/test_agency_import.py::test_a_newer_export_that_corrects_a_nik_updates_the_member.
-- Parameters: none.
-- Output: members of D1 by id: id_anggota, nik, nama, status.
select id_anggota, nik, nama, status from dtks_anggota where id_dtks = 'D1' order by 1
