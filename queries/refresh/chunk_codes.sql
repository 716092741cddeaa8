-- Every kelurahan/desa code the incremental analytics tables can hold a row of, with its
-- households, for a full refresh built in chunks of kelurahan (warehouse.db.refresh_analytics):
-- the units of wilayah and every code carried by the tables they summarise, '' standing for
-- the rows without one.
-- Parameters: none.
-- Output, one row per code, ordered by it: kode_kelurahan ('' first), households_count
--   (households of dtks_keluarga in it, any status).
with codes as (
    select kode as kode_kelurahan from wilayah where level = 'kelurahan'
    union
    select kode_kelurahan from dtks_keluarga
    union
    select coalesce(kode_kelurahan, '') from bansos_penyaluran
    union
    select coalesce(kode_kelurahan, '') from pmks_kasus
    union
    select coalesce(kode_kelurahan, '') from pkh_graduasi
    union
    select coalesce(kode_kelurahan, '') from usulan
    union
    select ''
),

households as (
    select kode_kelurahan, count(*) as households_count
    from dtks_keluarga
    group by kode_kelurahan
),

final as (
    select c.kode_kelurahan, coalesce(h.households_count, 0) as households_count
    from codes as c
    left join households as h using (kode_kelurahan)
)

select * from final
order by kode_kelurahan
