-- quality_kelurahan: the SQL-judged data-quality findings (quality_finding) counted per
-- kelurahan/desa and check, for the overview's map and metrics and the profile's metrics.
-- Incremental (warehouse.db.refresh_analytics): the macro quality_kelurahan_rows(p_kelurahan)
-- gives the rows of the listed kelurahan (null: all), the table is built from it.
-- Parameters of the macro: p_kelurahan (list of kelurahan codes, null for all).
-- Output, one row per kelurahan/desa with a finding: kode_kelurahan, nik_invalid_count,
--   nik_duplicate_count, no_head_count, age_relation_count, not_visited_count (records; a
--   record failing two checks counts in both).
create or replace macro quality_kelurahan_rows(p_kelurahan := null) as table
with final as (
    select
        kode_kelurahan,
        count(*) filter (where check_name = 'nik_invalid') as nik_invalid_count,
        count(*) filter (where check_name = 'nik_duplicate') as nik_duplicate_count,
        count(*) filter (where check_name = 'no_head') as no_head_count,
        count(*) filter (where check_name = 'age_relation') as age_relation_count,
        count(*) filter (where check_name = 'not_visited') as not_visited_count
    from quality_finding
    where p_kelurahan is null or list_contains(p_kelurahan, kode_kelurahan)
    group by kode_kelurahan
)

select * from final
order by kode_kelurahan
