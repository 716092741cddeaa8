-- coverage_tahap_hari: the households of a kelurahan/desa that reached each verivali stage of a
-- cycle, by the day of their first row at that stage and the day they entered the cycle's frame,
-- so that the funnel (queries/verivali_funnel.sql) and the padan steps of the daily progress
-- (queries/coverage_daily.sql) as of any day D are sums over the rows up to D, without reading
-- verivali. The frame is coverage_units.sql's: households active now, or made inactive by a
-- result of the cycle (they enter it on the day of their first result).
-- Incremental (warehouse.db.refresh_analytics): the macro coverage_tahap_hari_rows(p_kelurahan)
-- gives the rows of the listed kelurahan (null: all; a household counts in its kelurahan of
-- today), the table is built from it.
-- Parameters of the macro: p_kelurahan (list of kelurahan codes, null for all).
-- Output, one row per cycle, kelurahan/desa, stage, day and frame day with a household:
--   siklus, kode_kelurahan, tahap, tanggal (date of the households' first row at that stage in
--   the cycle), in_frame_from (date of their first result in the cycle when they are inactive
--   now, null when active: always in the frame), households_count (households).
create or replace macro coverage_tahap_hari_rows(p_kelurahan := null) as table
with households as (
    select h.id_dtks, h.kode_kelurahan, h.status <> 'aktif' as inactive
    from dtks_keluarga as h
    where p_kelurahan is null or list_contains(p_kelurahan, h.kode_kelurahan)
),

visits as (
    select v.siklus, v.id_dtks, v.tahap, v.tanggal, v.hasil
    from verivali_of_kelurahan(p_kelurahan) as v
),

first_stages as (
    select siklus, id_dtks, tahap, min(tanggal) as tanggal
    from visits
    group by siklus, id_dtks, tahap
),

first_results as (
    select siklus, id_dtks, min(tanggal) as tanggal
    from visits
    where hasil is not null
    group by siklus, id_dtks
),

final as (
    select
        s.siklus,
        h.kode_kelurahan,
        s.tahap,
        s.tanggal,
        case when h.inactive then r.tanggal end as in_frame_from,
        count(*) as households_count
    from first_stages as s
    inner join households as h using (id_dtks)
    left join first_results as r using (siklus, id_dtks)
    where not h.inactive or r.tanggal is not null
    group by s.siklus, h.kode_kelurahan, s.tahap, s.tanggal, in_frame_from
)

select * from final
order by siklus, kode_kelurahan, tahap, tanggal, in_frame_from
