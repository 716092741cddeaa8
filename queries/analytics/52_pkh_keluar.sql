-- pkh_keluar (a macro, built at write time after the table it reads, which a macro needs to
-- exist): pkh_keluar(p_kode_region, p_scope := null): every KPM that left PKH in a region, the
-- rows of pkh_keluar_kpm (queries/analytics/51_pkh_keluar_kpm.sql: the exit rule) whose
-- kelurahan/desa lies in the region; graduasi_units.sql counts them.
-- Parameters: the region (provinsi, kab/kota or kecamatan code, dotted), the kelurahan/desa the
-- user may see (bind `p_scope := $scope_kelurahan`, null: no limit).
-- Output, one row per KPM and exit: the columns of pkh_keluar_kpm.
create or replace macro pkh_keluar(p_kode_region, p_scope := null) as table
with final as (
    select *
    from pkh_keluar_kpm
    where starts_with(kode_kelurahan, p_kode_region || '.')
        and (p_scope is null or list_contains(p_scope, kode_kelurahan))
)

select * from final
