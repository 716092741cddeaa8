-- Read by tests/test_agency_import.py::test_a_mixed_encoding_file_stores_no_mojibake.
-- Parameters: none.
-- Output: members of D1 and D2 by id_anggota: nama.
select nama from dtks_anggota where id_dtks in ('D1', 'D2') order by id_anggota
