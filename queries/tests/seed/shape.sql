-- The seed warehouse (tests/seed.py): the shape of one kelurahan, stored and displayed alike.
-- Parameters: $g (WKB polygon, EPSG:4326), $k (kode of the kelurahan).
-- Output: none (sets geom, geom_display and geom_sumber = 'seed').
update wilayah set geom = $g, geom_display = $g, geom_sumber = 'seed' where kode = $k
