-- Read by tests/test_demo.py::test_targeting_errors_an_auditor_would_find.
-- Parameters: none.
-- Output: one row: max minus min of the kelurahan exclusion rates (0-1, every programme).
select max(excluded_count::double / eligible_count) - min(excluded_count::double / eligible_count) from eksklusi_kelurahan where kode_program is null and eligible_count > 0
