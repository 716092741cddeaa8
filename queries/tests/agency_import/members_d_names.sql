-- Read by tests/test_agency_import.py::test_newer_export_updates_instead_of_duplicating.
-- Parameters: none.
-- Output: members of D1 and D2 by id_anggota: id_anggota, nama, status_padan.
select id_anggota, nama, status_padan from dtks_anggota where id_dtks in ('D1', 'D2') order by id_anggota
