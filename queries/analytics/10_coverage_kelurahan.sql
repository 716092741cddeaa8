-- coverage_kelurahan: what the update coverage of a kelurahan/desa counts whatever the day:
-- its active households and their active members (queries/coverage_units.sql's definitions).
-- Incremental (warehouse.db.refresh_analytics): the macro coverage_kelurahan_rows(p_kelurahan)
-- gives the rows of the listed kelurahan (null: all), the table is built from it.
-- Parameters of the macro: p_kelurahan (list of kelurahan codes, null for all).
-- Output, one row per kelurahan/desa with an active household: kode_kelurahan,
--   active_households_count (households), members_count (active members of active
--   households), padan_count (those of them with status_padan = 'padan').
create or replace macro coverage_kelurahan_rows(p_kelurahan := null) as table
with households as (
    select id_dtks, kode_kelurahan
    from dtks_keluarga
    where status = 'aktif'
        and (p_kelurahan is null or list_contains(p_kelurahan, kode_kelurahan))
),

members as (
    select
        h.kode_kelurahan,
        count(*) filter (where a.status = 'aktif') as members_count,
        count(*) filter (where a.status = 'aktif' and a.status_padan = 'padan') as padan_count
    from dtks_anggota as a
    inner join households as h using (id_dtks)
    group by h.kode_kelurahan
),

final as (
    select
        h.kode_kelurahan,
        count(*) as active_households_count,
        coalesce(any_value(m.members_count), 0) as members_count,
        coalesce(any_value(m.padan_count), 0) as padan_count
    from households as h
    left join members as m using (kode_kelurahan)
    group by h.kode_kelurahan
)

select * from final
order by kode_kelurahan
