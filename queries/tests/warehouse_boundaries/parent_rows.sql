-- Read by tests/test_warehouse_boundaries.py::test_boundaries_into_a_brand_new_warehouse.
-- Parameters: none.
-- Output: one row per unit above kelurahan by kode: kode, nama, level, jenis, kode_induk, kode_bps.
select kode, nama, level, jenis, kode_induk, kode_bps from wilayah where level <> 'kelurahan' order by kode
