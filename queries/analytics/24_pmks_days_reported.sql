-- pmks_days_reported (a macro, built at write time with the tables it reads):
-- pmks_days_reported(p_table, p_kode_region, p_kategori, p_sumber, p_dari, p_sampai, p_scope): the
-- rows of a PMKS analytics table keyed by kelurahan, category, source and report day
-- (pmks_harian, pmks_respons, pmks_tahap_durasi) that the PMKS page's filter selects, the same
-- filter as pmks_cases_reported (queries/schema/16_pmks_cases_reported.sql) applied to day rows.
-- Parameters: the table's name, the region (kab/kota code, dotted), the category and source
-- codes (lists, null for all), the first and last report date (inclusive, null for open-ended),
-- the kelurahan codes the signed-in user may see (p_scope, a list bound from $scope_kelurahan,
-- null for no limit).
-- Output: the table's rows of the region, scope, period, categories and sources.
create or replace macro pmks_days_reported(p_table, p_kode_region, p_kategori, p_sumber, p_dari, p_sampai, p_scope) as table
select *
from query_table(p_table)
where starts_with(kode_kelurahan, p_kode_region || '.')
    and (p_scope is null or list_contains(p_scope, kode_kelurahan))
    and (p_kategori is null or list_contains(p_kategori, kategori))
    and (p_sumber is null or list_contains(p_sumber, sumber))
    and (p_dari is null or tanggal >= cast(p_dari as date))
    and (p_sampai is null or tanggal <= cast(p_sampai as date))
