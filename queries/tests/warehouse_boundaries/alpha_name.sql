-- Read by tests/test_warehouse_boundaries.py::test_code_list_then_boundaries.
-- Parameters: none.
-- Output: one row: nama of 99.71.01.1001.
select nama from wilayah where kode = '99.71.01.1001'
