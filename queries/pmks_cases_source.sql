-- PMKS cases per kelurahan and source for a period and filter.
-- Parameters: $kode_region (kab/kota code, dotted), $kategori (list of category codes, or
--   null for all), $sumber (list of source codes, or null for all), $dari and $sampai
--   (report dates, inclusive, null for open-ended), $scope_kelurahan (the kelurahan codes the
--   user may see, a list, or null for no limit).
-- Output, one row per kelurahan and source with at least one case:
--   kode (kelurahan code), sumber, cases_count (cases).
-- Day counts built at write time (analytics table pmks_harian), not the cases.
with final as (
    select kode_kelurahan as kode, sumber, cast(sum(cases_count) as bigint) as cases_count
    from pmks_days_reported('pmks_harian', $kode_region, $kategori, $sumber, $dari, $sampai, $scope_kelurahan)
    group by kode_kelurahan, sumber
)

select * from final
order by kode, sumber
