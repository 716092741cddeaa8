-- Read by tests/test_agency_import.py::test_an_export_without_a_column_keeps_the_stored_values.
-- Parameters: none.
-- Output: one row: desil, flag_pkh of household h1.
select desil, flag_pkh from dtks_keluarga where id_dtks = 'h1'
