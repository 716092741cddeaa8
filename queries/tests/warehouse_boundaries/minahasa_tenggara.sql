-- Read by tests/test_warehouse_boundaries.py::test_reference_minahasa_tenggara_keeps_the_bps_crosswalk.
-- Parameters: none.
-- Output: one row: nama, jenis, kode_bps of 71.07.
select nama, jenis, kode_bps from wilayah where kode = '71.07'
