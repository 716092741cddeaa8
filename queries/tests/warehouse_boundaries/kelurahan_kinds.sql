-- Read by tests/test_warehouse_boundaries.py::test_reference_minahasa_tenggara_keeps_the_bps_crosswalk.
-- Parameters: none.
-- Output: one row per jenis of kelurahan: jenis, number of units.
select jenis, count(*) from wilayah where level = 'kelurahan' group by 1 order by 1
