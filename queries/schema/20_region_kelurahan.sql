-- region_kelurahan(p_kode_region): the kelurahan/desa of a region with their kecamatan, the one
-- place the "units" of the per-kelurahan queries are written (coverage_units, six_t_units,
-- pmks_cases_kelurahan, kelurahan_boundaries, verivali_funnel, regions).
-- Parameters: p_kode_region (kab/kota code, dotted, e.g. '21.71'), or null for every kelurahan
-- of the warehouse. p_scope (varchar[]: the kelurahan/desa codes the signed-in user may see,
-- bind it as `p_scope := $scope_kelurahan`), null (the default) for no limit.
-- Output, one row per kelurahan/desa: kode, nama, jenis (kelurahan/desa), kode_kecamatan,
--   kecamatan (the kecamatan's name, null when it is not in wilayah), luas_km2 (km2),
--   penduduk (persons), geom_display (WKB, EPSG:4326), geom_sumber.
create or replace macro region_kelurahan(p_kode_region, p_scope := null) as table
with final as (
    select
        w.kode,
        w.nama,
        w.jenis,
        w.kode_induk as kode_kecamatan,
        k.nama as kecamatan,
        w.luas_km2,
        w.penduduk,
        w.geom_display,
        w.geom_sumber
    from wilayah as w
    left join wilayah as k on k.kode = w.kode_induk
    where
        w.level = 'kelurahan'
        and (p_kode_region is null or starts_with(w.kode, p_kode_region || '.'))
        and (p_scope is null or list_contains(p_scope, w.kode))
)
select * from final;
