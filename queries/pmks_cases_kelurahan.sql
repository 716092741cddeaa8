-- PMKS cases per kelurahan/desa of a region for a period and filter, with the area and
-- population the density and per-capita rates divide by.
-- Parameters: $kode_region (kab/kota code, dotted, e.g. '21.71'),
--   $kategori (list of category codes, or null for all), $sumber (list of source codes, or
--   null for all), $dari and $sampai (report dates, inclusive, null for open-ended),
--   $scope_kelurahan (the kelurahan codes the user may see, a list, or null for no limit).
-- Output, one row per kelurahan/desa of the region (of the scope), zero where it has no case:
--   kode, nama, jenis (kelurahan/desa), kode_kecamatan, kecamatan, luas_km2 (km2),
--   penduduk (persons), cases_count (cases reported in the period),
--   located_count (of them, cases with coordinates).
with units as (
    select kode, nama, jenis, kode_kecamatan, kecamatan, luas_km2, penduduk
    from region_kelurahan($kode_region, p_scope := $scope_kelurahan)
),

-- Day counts built at write time (analytics table pmks_harian), not the cases.
counts as (
    select
        kode_kelurahan,
        sum(cases_count) as cases_count,
        sum(located_count) as located_count
    from pmks_days_reported('pmks_harian', $kode_region, $kategori, $sumber, $dari, $sampai, $scope_kelurahan)
    group by kode_kelurahan
),

final as (
    select
        u.kode,
        u.nama,
        u.jenis,
        u.kode_kecamatan,
        u.kecamatan,
        u.luas_km2,
        u.penduduk,
        cast(coalesce(c.cases_count, 0) as bigint) as cases_count,
        cast(coalesce(c.located_count, 0) as bigint) as located_count
    from units as u
    left join counts as c on c.kode_kelurahan = u.kode
)

select * from final
order by kode
