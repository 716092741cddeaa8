-- Read by tests/test_graduasi.py::test_import_loads_or_quarantines_every_row.
-- Parameters: none.
-- Output: one row per quarantined row: data.
select data from impor_karantina
