-- How many of the given desa/kelurahan have no polygon.
-- Parameters: $kodes (list of dotted desa/kelurahan codes).
-- Output: units_count (units), one row.
select count(*) as units_count
from wilayah
where level = 'kelurahan' and geom is null and list_contains($kodes, kode)
