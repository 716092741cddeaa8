-- Read by tests/test_agency_import.py::test_an_operator_imports_only_the_rows_of_their_kelurahan.
-- Parameters: none.
-- Output: households D1 and D2: id_dtks, kode_kelurahan.
select id_dtks, kode_kelurahan from dtks_keluarga where id_dtks in ('D1', 'D2')
