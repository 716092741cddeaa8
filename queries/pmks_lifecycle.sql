-- PMKS cases of a region for a period and filter by category, current lifecycle stage and
-- outcome, for the funnel and the outcomes.
-- Parameters: $kode_region (kab/kota code, dotted), $kategori (list of category codes, or
--   null for all), $sumber (list of source codes, or null for all), $dari and $sampai
--   (report dates, inclusive, null for open-ended), $scope_kelurahan (the kelurahan codes the
--   user may see, a list, or null for no limit).
-- Output, one row per kelurahan, category, stage and outcome with at least one case:
--   kode_kelurahan, kategori, tahap (current stage), hasil (outcome, null while open),
--   cases_count (cases).
with cases as (
    select kode_kelurahan, kategori, tahap, hasil
    from pmks_cases_reported($kode_region, $kategori, $sumber, $dari, $sampai, $scope_kelurahan)
),

final as (
    select kode_kelurahan, kategori, tahap, hasil, count(*) as cases_count
    from cases
    group by kode_kelurahan, kategori, tahap, hasil
)

select * from final
order by kode_kelurahan, kategori, tahap, hasil
