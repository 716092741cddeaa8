-- Read by tests/test_agency_import.py::test_the_import_page_imports_only_the_signed_in_operators_rows.
-- Parameters: none.
-- Output: one row per file_imported audit event: nama_pengguna.
select nama_pengguna from audit_log where peristiwa = 'file_imported'
