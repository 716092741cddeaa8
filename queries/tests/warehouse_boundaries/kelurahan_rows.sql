-- Read by tests/test_warehouse_boundaries.py::test_boundaries_into_a_brand_new_warehouse.
-- Parameters: none.
-- Output: one row per kelurahan by kode: kode, nama, level, jenis, kode_induk, geom_sumber, luas_km2 (km2).
select kode, nama, level, jenis, kode_induk, geom_sumber, luas_km2 from wilayah where level = 'kelurahan' order by kode
