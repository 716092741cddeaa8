-- Read by tests/test_agency_import.py::test_no_member_id_is_built_from_a_nik.
-- Parameters: none.
-- Output: members of D1 and D2 by id: id_anggota.
select id_anggota from dtks_anggota where id_dtks in ('D1', 'D2') order by 1
