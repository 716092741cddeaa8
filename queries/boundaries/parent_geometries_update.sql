-- Give the kecamatan, kab/kota and provinsi the polygons dissolved from their desa/kelurahan
-- (warehouse.imports.boundaries.dissolve_parents). A parent not in wilayah is not added.
-- Reads the registered table dissolved_parents: kode, geom (WKB, EPSG:4326, the union),
--   geom_display (WKB, EPSG:4326, simplified for maps), geom_sumber (the units' source), lon and
--   lat (degrees, a point inside). No parameters.
-- Output: none (writes wilayah).
update wilayah as w
set
    geom = p.geom,
    geom_display = p.geom_display,
    geom_sumber = p.geom_sumber,
    lon = coalesce(w.lon, p.lon),
    lat = coalesce(w.lat, p.lat)
from dissolved_parents as p
where w.kode = p.kode and w.level <> 'kelurahan'
