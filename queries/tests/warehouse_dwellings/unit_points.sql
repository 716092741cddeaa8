-- Read by tests/test_warehouse_dwellings.py: a point inside each kelurahan/desa (wilayah's).
-- Parameters: none.
-- Output, one row per kelurahan/desa, ordered by kode: kode, lon, lat (degrees, EPSG:4326).
select kode, lon, lat
from wilayah
where level = 'kelurahan' and lon is not null
order by kode
