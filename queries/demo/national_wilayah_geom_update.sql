-- Give the Batam demo's kecamatan, kota and province the polygons dissolved from their units
-- (warehouse.demo.national), and the province its area and population with the synthetic units.
-- Reads the frame national_parents registered by warehouse.demo.national: kode, geom and
-- geom_display (WKB, EPSG:4326), luas_km2 (km2), penduduk (residents). No parameters.
-- Output: none (writes wilayah).
update wilayah as w
set geom = p.geom, geom_display = p.geom_display, geom_sumber = 'sintetis', luas_km2 = p.luas_km2,
    penduduk = p.penduduk
from national_parents as p
where w.kode = p.kode
