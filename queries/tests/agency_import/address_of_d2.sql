-- Read by tests/test_agency_import.py::test_newer_export_updates_instead_of_duplicating.
-- Parameters: none.
-- Output: one row: alamat of household D2.
select alamat from dtks_keluarga where id_dtks = 'D2'
