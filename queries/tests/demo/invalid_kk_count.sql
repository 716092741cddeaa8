-- Read by tests/test_demo.py::test_every_nik_is_structurally_valid.
-- Parameters: none.
-- Output: one row: no_kk that are not 2171 and twelve digits.
select count(*) from dtks_keluarga where not regexp_full_match(no_kk, '2171[0-9]{12}')
