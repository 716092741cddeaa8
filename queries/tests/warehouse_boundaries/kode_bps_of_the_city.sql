-- Read by tests/test_warehouse_boundaries.py::test_code_list_then_boundaries.
-- Parameters: none.
-- Output: one row: kode_bps of 99.71.
select kode_bps from wilayah where kode = '99.71'
