-- Read by tests/test_agency_import.py::test_windows_1252_names_are_kept.
-- Parameters: none.
-- Output: one row per member of D2: nama.
select nama from dtks_anggota where id_dtks = 'D2'
