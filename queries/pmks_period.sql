-- The span of the PMKS case reports of a region, for the page's default period.
-- Parameters: $kode_region (kab/kota code, dotted),
--   $scope_kelurahan (the kelurahan codes the user may see, a list, or null for no limit).
-- Output, one row: first_date and last_date (report dates, null without cases),
--   cases_count (all cases of the region, of the scope).
with final as (
    select
        min(tanggal) as first_date,
        max(tanggal) as last_date,
        cast(coalesce(sum(cases_count), 0) as bigint) as cases_count
    from pmks_harian
    where starts_with(kode_kelurahan, $kode_region || '.')
        and ($scope_kelurahan is null or list_contains($scope_kelurahan, kode_kelurahan))
)

select * from final
