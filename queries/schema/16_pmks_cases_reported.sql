-- pmks_cases_reported(p_kode_region, p_kategori, p_sumber, p_dari, p_sampai, p_scope): the PMKS cases of
-- a region that the PMKS page's filter selects, the one place that filter is written (the macro
-- pmks_days_reported, queries/analytics/24_pmks_days_reported.sql, applies it to day rows).
-- Parameters: the region (kab/kota code, dotted), the category and source codes (lists, null
-- for all), the first and last report date (inclusive, null for open-ended), the kelurahan codes
-- the signed-in user may see (p_scope, a list bound from $scope_kelurahan, null for no limit).
-- Output: the rows of pmks_kasus reported in the region and period, of those categories and
-- sources.
create or replace macro pmks_cases_reported(p_kode_region, p_kategori, p_sumber, p_dari, p_sampai, p_scope) as table
select *
from pmks_kasus
where starts_with(kode_kelurahan, p_kode_region || '.')
    and (p_scope is null or list_contains(p_scope, kode_kelurahan))
    and (p_kategori is null or list_contains(p_kategori, kategori))
    and (p_sumber is null or list_contains(p_sumber, sumber))
    and (p_dari is null or cast(waktu_lapor as date) >= cast(p_dari as date))
    and (p_sampai is null or cast(waktu_lapor as date) <= cast(p_sampai as date));
