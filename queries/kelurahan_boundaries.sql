-- Kelurahan/desa of a region with their display boundary, for maps.
-- Parameters: $kode_region (kab/kota code, dotted, e.g. '21.71').
-- Output: kode, nama, jenis (kelurahan/desa), kode_kecamatan, kecamatan,
--   luas_km2 (km2), penduduk (persons), geom_display (WKB, EPSG:4326, null when the unit has no
--   polygon), geom_sumber ('demo' for approximate demo boundaries, else the source file).
with final as (
    select kode, nama, jenis, kode_kecamatan, kecamatan, luas_km2, penduduk, geom_display, geom_sumber
    from region_kelurahan($kode_region)
)

select * from final
order by kode
