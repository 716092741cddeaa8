-- Read by tests/test_warehouse_dwellings.py: the whole table quality_outside.
-- Parameters: none.
-- Output, one row per finding, ordered by kode_kelurahan, id_dtks: kode_kelurahan, id_dtks, detail.
select kode_kelurahan, id_dtks, detail
from quality_outside
order by kode_kelurahan, id_dtks
