-- The desa/kelurahan that have a polygon, for their kecamatan, kab/kota and provinsi to be
-- dissolved from (warehouse.imports.boundaries.dissolve_parents).
-- Parameters: $provinsi (varchar[]: two-digit province codes whose units are read, null for all).
-- Output, one row per desa/kelurahan with a polygon, by kode: kode (dotted Kemendagri code),
--   geom (WKB, EPSG:4326, full resolution), geom_sumber.
select kode, geom, geom_sumber
from wilayah
where level = 'kelurahan' and geom is not null
    and ($provinsi is null or list_contains($provinsi, left(kode, 2)))
order by kode
