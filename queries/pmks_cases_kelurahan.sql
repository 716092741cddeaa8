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

cases as (
    select kode_kelurahan, lon, lat
    from pmks_cases_reported($kode_region, $kategori, $sumber, $dari, $sampai, $scope_kelurahan)
),

counts as (
    select
        kode_kelurahan,
        count(*) as cases_count,
        count(*) filter (where lon is not null and lat is not null) as located_count
    from cases
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
        coalesce(c.cases_count, 0) as cases_count,
        coalesce(c.located_count, 0) as located_count
    from units as u
    left join counts as c on c.kode_kelurahan = u.kode
)

select * from final
order by kode
