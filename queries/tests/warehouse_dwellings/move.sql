-- Read by tests/test_warehouse_dwellings.py: a household moves (or gets new coordinates), as an
-- import would write it, before the dwellings of the kelurahan touched are judged again.
-- Parameters: $id_dtks, $kode_kelurahan (its new kelurahan), $lon, $lat (degrees, EPSG:4326).
-- Output: none (writes dtks_keluarga).
update dtks_keluarga
set kode_kelurahan = $kode_kelurahan, lon = $lon, lat = $lat
where id_dtks = $id_dtks
