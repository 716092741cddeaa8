-- The active households of one kab/kota with recorded dwelling coordinates (of the listed
-- kelurahan, all when null): the input of analytics.quality.dwellings_outside_kelurahan, judged
-- by warehouse.imports.dwellings. The code range ('PP.KK.' up to 'PP.KK/', the character after
-- the dot) is the prefix written so that the filter reaches the scan (rows ordered by kelurahan).
-- Parameters: $kode_kabkota (dotted kab/kota code), $kelurahan (varchar[]: kelurahan/desa codes,
--   null for all).
-- Output, one row per household, ordered by id_dtks: id_dtks, kode_kelurahan, lon, lat (degrees,
--   EPSG:4326).
with final as (
    select id_dtks, kode_kelurahan, lon, lat
    from dtks_keluarga
    where kode_kelurahan >= $kode_kabkota || '.'
        and kode_kelurahan < $kode_kabkota || '/'
        and status = 'aktif'
        and lon is not null
        and lat is not null
        and ($kelurahan is null or list_contains($kelurahan, kode_kelurahan))
)

select * from final
order by id_dtks
