-- PMKS cases of a region for a period and filter by category, current lifecycle stage and
-- outcome, for the funnel and the outcomes (day counts of the analytics table pmks_harian cannot
-- say the stage: read from the cases, only the counts come back).
-- Parameters: $kode_region (kab/kota code, dotted), $kategori (list of category codes, or
--   null for all), $sumber (list of source codes, or null for all), $dari and $sampai
--   (report dates, inclusive, null for open-ended), $scope_kelurahan (the kelurahan codes the
--   user may see, a list, or null for no limit), $kelurahan (one kelurahan code, or null for
--   all).
-- Output, one row per category, stage and outcome with at least one case:
--   kategori, tahap (current stage), hasil (outcome, null while open), cases_count (cases).
with cases as (
    select kategori, tahap, hasil
    from pmks_cases_reported($kode_region, $kategori, $sumber, $dari, $sampai, $scope_kelurahan)
    where $kelurahan is null or kode_kelurahan = $kelurahan
),

final as (
    select kategori, tahap, hasil, count(*) as cases_count
    from cases
    group by kategori, tahap, hasil
)

select * from final
order by kategori, tahap, hasil
