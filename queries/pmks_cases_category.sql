-- PMKS cases per category and source for a period and filter, over the region or one of its
-- kelurahan.
-- Parameters: $kode_region (kab/kota code, dotted), $kategori (list of category codes, or
--   null for all), $sumber (list of source codes, or null for all), $dari and $sampai
--   (report dates, inclusive, null for open-ended), $scope_kelurahan (the kelurahan codes the
--   user may see, a list, or null for no limit), $kode_kelurahan (one kelurahan's code, or
--   null for all of them).
-- Output, one row per category and source with at least one case:
--   kategori, sumber, cases_count (cases).
-- Day counts built at write time (analytics table pmks_harian), not the cases.
with final as (
    select kategori, sumber, cast(sum(cases_count) as bigint) as cases_count
    from pmks_days_reported('pmks_harian', $kode_region, $kategori, $sumber, $dari, $sampai, $scope_kelurahan)
    where $kode_kelurahan is null or kode_kelurahan = $kode_kelurahan
    group by kategori, sumber
)

select * from final
order by kategori, sumber
