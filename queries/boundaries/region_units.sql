-- The desa/kelurahan of a region, whether each has a polygon, and where it came from.
-- Parameters: $region (dotted Kemendagri code of a provinsi, kab/kota or kecamatan).
-- Output: kode, nama, has_geom (boolean), geom_sumber ('demo', a file name, or null), by kode.
select kode, nama, geom is not null as has_geom, geom_sumber
from wilayah
where level = 'kelurahan' and (kode = $region or starts_with(kode, $region || '.'))
order by kode
