-- Read by tests/test_warehouse_boundaries.py::test_a_failed_import_leaves_the_warehouse_as_it_was.
-- Parameters: none.
-- Output: one row per unit by kode: kode, geom_sumber, luas_km2 (km2).
select kode, geom_sumber, luas_km2 from wilayah order by kode
