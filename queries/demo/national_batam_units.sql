-- The Batam demo's desa/kelurahan, for the synthetic country to sum Kepulauan Riau's area and
-- population from.
-- No parameters.
-- Output: kode, kode_kecamatan, geom (WKB, EPSG:4326), luas_km2 (km2), penduduk (residents);
-- one row per unit of Kota Batam.
select kode, kode_induk as kode_kecamatan, geom, luas_km2, penduduk
from wilayah
where level = 'kelurahan' and starts_with(kode, '21.71.')
order by kode
