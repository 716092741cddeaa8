-- Locations of the PMKS cases of a region for a period and filter, for the heat layer (no
-- other attribute of the case).
-- Parameters: $kode_region (kab/kota code, dotted), $kategori (list of category codes, or
--   null for all), $sumber (list of source codes, or null for all), $dari and $sampai
--   (report dates, inclusive, null for open-ended), $scope_kelurahan (the kelurahan codes the
--   user may see, a list, or null for no limit).
-- Output, one row per case with coordinates: lon, lat (degrees, EPSG:4326).
with final as (
    select lon, lat
    from pmks_cases_reported($kode_region, $kategori, $sumber, $dari, $sampai, $scope_kelurahan)
    where lon is not null and lat is not null
)

select * from final
