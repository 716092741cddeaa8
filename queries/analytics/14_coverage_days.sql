-- coverage_days (a macro, built at write time with the tables it reads):
-- coverage_days(p_table, p_kode_region, p_siklus, p_tanggal, p_scope): the rows of a coverage
-- analytics table keyed by kelurahan, cycle and day (coverage_kelurahan_hari, coverage_tahap_hari)
-- of one region and cycle up to a date, the one place the coverage queries' filter is written.
-- Parameters: the table's name, the region (kab/kota code, dotted), the cycle id, the as-of date
-- (later rows are left out), the kelurahan codes the signed-in user may see (p_scope, a list
-- bound from $scope_kelurahan, null for no limit).
-- Output: the table's rows of the region, scope and cycle dated up to p_tanggal.
create or replace macro coverage_days(p_table, p_kode_region, p_siklus, p_tanggal, p_scope) as table
select *
from query_table(p_table)
where siklus = p_siklus
    and tanggal <= cast(p_tanggal as date)
    and starts_with(kode_kelurahan, p_kode_region || '.')
    and (p_scope is null or list_contains(p_scope, kode_kelurahan))
