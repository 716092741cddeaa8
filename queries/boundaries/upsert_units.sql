-- Write the incoming desa/kelurahan: new codes are added, known codes get the new geometry,
-- area and inside point (their names, from the code list, are kept).
-- Reads the registered table incoming_units (kode, nama, jenis, kode_induk, kode_bps, geom and
-- geom_display as WKB in EPSG:4326, luas_km2 in km2, lon/lat in degrees).
-- Parameters: $geom_sumber (the source file name, stored as geom_sumber).
-- Output: none (writes wilayah).
insert into wilayah (kode, nama, level, jenis, kode_induk, kode_bps, geom, geom_display,
                     geom_sumber, luas_km2, lon, lat)
select kode, nama, 'kelurahan', jenis, kode_induk, kode_bps, geom, geom_display,
       $geom_sumber, luas_km2, lon, lat
from incoming_units
on conflict (kode) do update set
    geom = excluded.geom,
    geom_display = excluded.geom_display,
    geom_sumber = excluded.geom_sumber,
    luas_km2 = excluded.luas_km2,
    lon = excluded.lon,
    lat = excluded.lat,
    kode_bps = coalesce(excluded.kode_bps, wilayah.kode_bps)
