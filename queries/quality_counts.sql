-- The data-quality findings judged in SQL (analytics table quality_kelurahan, as of the data
-- date) per kelurahan/desa of a region, zero where a unit has none.
-- Parameters: $kode_region (kab/kota code, dotted), $scope_kelurahan (varchar[]: the
--   kelurahan/desa the user may see, null for no limit).
-- Output, one row per kelurahan/desa, ordered by kode: kode, nik_invalid_count,
--   nik_duplicate_count, no_head_count, age_relation_count, not_visited_count (records).
with final as (
    select
        u.kode,
        coalesce(q.nik_invalid_count, 0) as nik_invalid_count,
        coalesce(q.nik_duplicate_count, 0) as nik_duplicate_count,
        coalesce(q.no_head_count, 0) as no_head_count,
        coalesce(q.age_relation_count, 0) as age_relation_count,
        coalesce(q.not_visited_count, 0) as not_visited_count
    from region_kelurahan($kode_region, p_scope := $scope_kelurahan) as u
    left join quality_kelurahan as q on q.kode_kelurahan = u.kode
)

select * from final
order by kode
