-- The kelurahan/desa that bench/bench_hierarchy.py refreshes incrementally to move their analytics
-- rows to the tables' end: one in $every of the country (by a hash of the code, so spread over
-- every province) and every unit of $kode_region.
-- Parameters: $every (integer, at least 1), $kode_region (kab/kota code, dotted).
-- Output, one row per unit, ordered by kode: kode.
with final as (
    select kode
    from wilayah
    where level = 'kelurahan' and (hash(kode) % $every = 0 or starts_with(kode, $kode_region || '.'))
)

select * from final
order by kode
