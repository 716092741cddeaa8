-- Active DTKS households of a region with recorded dwelling coordinates: the input of the one
-- data-quality check that needs polygons (analytics.quality.dwellings_outside_kelurahan).
-- Parameters: $kode_region (kab/kota code, dotted), $scope_kelurahan (varchar[]: the
--   kelurahan/desa the user may see, null for no limit).
-- Output, one row per household, ordered by id_dtks: id_dtks, kode_kelurahan,
--   lon, lat (degrees, EPSG:4326).
with final as (
    select id_dtks, kode_kelurahan, lon, lat
    from dtks_keluarga
    where status = 'aktif'
        and lon is not null
        and lat is not null
        and starts_with(kode_kelurahan, $kode_region || '.')
        and ($scope_kelurahan is null or list_contains($scope_kelurahan, kode_kelurahan))
)

select * from final
order by id_dtks
