-- The data-quality findings of a region counted per unit of one level and in total: the
-- SQL-judged ones of the analytics table quality_kelurahan (as of the data date) and the
-- dwellings outside their kelurahan of the table quality_outside (judged at write time by
-- warehouse.imports.dwellings), summed over the kelurahan/desa of each unit here, not in
-- pandas, zero where a unit has none.
-- Parameters: $kode_region (provinsi, kab/kota or kecamatan code, dotted), $level ('kelurahan',
--   'kecamatan' or 'kabkota': the units counted), $scope_kelurahan (varchar[]: the
--   kelurahan/desa the user may see, null for no limit; the counts then total those units only,
--   and a unit without one of them is left out).
-- Output, one row per unit of $level holding a kelurahan/desa of the selection, ordered by kode,
--   then one row for the region: level ($level, or 'region'), kode (the unit's, or
--   $kode_region), nik_invalid_count, nik_duplicate_count, no_head_count, age_relation_count,
--   outside_kelurahan_count, not_visited_count, findings_count (their sum, in records: a record
--   failing two checks counts in both).
with units as (
    select kode, left(kode, case $level when 'kabkota' then 5 when 'kecamatan' then 8 else length(kode) end) as kode_shown
    from region_kelurahan($kode_region, p_scope := $scope_kelurahan)
),

judged as (
    select *
    from quality_kelurahan
    where starts_with(kode_kelurahan, $kode_region || '.')
),

outside as (
    select kode_kelurahan, count(*) as outside_kelurahan_count
    from quality_outside
    where starts_with(kode_kelurahan, $kode_region || '.')
    group by kode_kelurahan
),

per_unit as (
    select
        u.kode_shown,
        coalesce(q.nik_invalid_count, 0) as nik_invalid_count,
        coalesce(q.nik_duplicate_count, 0) as nik_duplicate_count,
        coalesce(q.no_head_count, 0) as no_head_count,
        coalesce(q.age_relation_count, 0) as age_relation_count,
        coalesce(o.outside_kelurahan_count, 0) as outside_kelurahan_count,
        coalesce(q.not_visited_count, 0) as not_visited_count
    from units as u
    left join judged as q on q.kode_kelurahan = u.kode
    left join outside as o on o.kode_kelurahan = u.kode
),

rolled as (
    select
        case when grouping(kode_shown) = 1 then 'region' else $level end as level,
        coalesce(kode_shown, $kode_region) as kode,
        cast(coalesce(sum(nik_invalid_count), 0) as bigint) as nik_invalid_count,
        cast(coalesce(sum(nik_duplicate_count), 0) as bigint) as nik_duplicate_count,
        cast(coalesce(sum(no_head_count), 0) as bigint) as no_head_count,
        cast(coalesce(sum(age_relation_count), 0) as bigint) as age_relation_count,
        cast(coalesce(sum(outside_kelurahan_count), 0) as bigint) as outside_kelurahan_count,
        cast(coalesce(sum(not_visited_count), 0) as bigint) as not_visited_count
    from per_unit
    group by grouping sets ((kode_shown), ())
),

final as (
    select
        *,
        nik_invalid_count + nik_duplicate_count + no_head_count + age_relation_count
        + outside_kelurahan_count + not_visited_count as findings_count
    from rolled
)

select * from final
order by level = 'region', kode
