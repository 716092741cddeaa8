-- Read by tests/test_pendataan.py::test_the_import_loads_or_quarantines_every_record.
-- Parameters: none.
-- Output: one row: number of rows of eksklusi_kelurahan.
select count(*) from eksklusi_kelurahan
