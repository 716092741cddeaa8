-- Read by tests/test_agency_import.py::test_numbers_typed_as_numbers_in_excel_are_flagged.
-- Parameters: none.
-- Output: one row: no_kk of household D1.
select no_kk from dtks_keluarga where id_dtks = 'D1'
