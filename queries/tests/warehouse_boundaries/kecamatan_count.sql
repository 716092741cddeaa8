-- Read by tests/test_warehouse_boundaries.py::test_reference_minahasa_tenggara_keeps_the_bps_crosswalk.
-- Parameters: none.
-- Output: one row: number of kecamatan.
select count(*) from wilayah where level = 'kecamatan'
