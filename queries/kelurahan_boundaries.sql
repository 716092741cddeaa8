-- Kelurahan/desa of a region with their display boundary, for maps.
-- Parameters: $kode_region (kab/kota code, dotted, e.g. '21.71').
-- Output: kode, nama, jenis (kelurahan/desa), kode_kecamatan, kecamatan,
--   luas_km2 (km2), penduduk (persons), geom_display (WKB, EPSG:4326, null when the unit has no
--   polygon), geom_sumber ('demo' for approximate demo boundaries, else the source file).
with units as (
    select kode, nama, jenis, kode_induk, luas_km2, penduduk, geom_display, geom_sumber
    from wilayah
    where level = 'kelurahan' and starts_with(kode, $kode_region || '.')
),

final as (
    select
        u.kode,
        u.nama,
        u.jenis,
        u.kode_induk as kode_kecamatan,
        k.nama as kecamatan,
        u.luas_km2,
        u.penduduk,
        u.geom_display,
        u.geom_sumber
    from units as u
    left join wilayah as k on k.kode = u.kode_induk
)

select * from final
order by kode
