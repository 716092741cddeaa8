-- coverage_kelurahan_hari: the changes of a kelurahan/desa's update coverage per verivali
-- cycle and day, so that its coverage as of any day D is a sum over the days up to D
-- (queries/coverage_units.sql). A household's first result in the cycle makes it updated (and
-- brings an inactive household into the cycle's frame); each later result that changes its
-- latest result moves it from one result count to another.
-- Incremental (warehouse.db.refresh_analytics): the macro coverage_kelurahan_hari_rows(p_kelurahan)
-- gives the rows of the listed kelurahan (null: all; a household counts in its kelurahan of
-- today), the table is built from it.
-- Parameters of the macro: p_kelurahan (list of kelurahan codes, null for all).
-- Output, one row per cycle, kelurahan/desa and day with a change: siklus, kode_kelurahan,
--   tanggal (date), updated_count (households whose first result in the cycle fell that day),
--   entered_frame_count (those of them inactive now: they join the frame that day),
--   updated_members_count (the frame members of the updated households: active members, or
--   every member of an inactive household), entered_frame_members_count (those of inactive
--   households), diperbarui_change_count, tidak_ditemukan_change_count, pindah_change_count,
--   meninggal_change_count, duplikat_change_count (change of the households whose latest
--   result in the cycle is that result, that day).
create or replace macro coverage_kelurahan_hari_rows(p_kelurahan := null) as table
with households as (
    select h.id_dtks, h.kode_kelurahan, h.status <> 'aktif' as inactive
    from dtks_keluarga as h
    where p_kelurahan is null or list_contains(p_kelurahan, h.kode_kelurahan)
),

results as (
    select
        v.siklus,
        v.id_dtks,
        v.tanggal,
        v.hasil,
        lag(v.hasil) over (partition by v.siklus, v.id_dtks order by v.tanggal, v.id_verivali) as hasil_sebelum,
        row_number() over (partition by v.siklus, v.id_dtks order by v.tanggal, v.id_verivali) as urutan
    from verivali_of_kelurahan(p_kelurahan) as v
    where v.hasil is not null
),

frame_members as (
    select a.id_dtks, count(*) as members_count
    from dtks_anggota as a
    inner join households as h using (id_dtks)
    where a.status = 'aktif' or h.inactive
    group by a.id_dtks
),

changes as (
    select
        r.siklus,
        h.kode_kelurahan,
        r.tanggal,
        case when r.urutan = 1 then 1 else 0 end as updated,
        case when r.urutan = 1 and h.inactive then 1 else 0 end as entered,
        case when r.urutan = 1 then coalesce(m.members_count, 0) else 0 end as updated_members,
        case when r.urutan = 1 and h.inactive then coalesce(m.members_count, 0) else 0 end as entered_members,
        r.hasil,
        r.hasil_sebelum
    from results as r
    inner join households as h using (id_dtks)
    left join frame_members as m using (id_dtks)
),

final as (
    select
        siklus,
        kode_kelurahan,
        tanggal,
        cast(sum(updated) as bigint) as updated_count,
        cast(sum(entered) as bigint) as entered_frame_count,
        cast(sum(updated_members) as bigint) as updated_members_count,
        cast(sum(entered_members) as bigint) as entered_frame_members_count,
        cast(sum((hasil = 'diperbarui')::int - coalesce(hasil_sebelum = 'diperbarui', false)::int) as bigint)
            as diperbarui_change_count,
        cast(sum((hasil = 'tidak_ditemukan')::int - coalesce(hasil_sebelum = 'tidak_ditemukan', false)::int) as bigint)
            as tidak_ditemukan_change_count,
        cast(sum((hasil = 'pindah')::int - coalesce(hasil_sebelum = 'pindah', false)::int) as bigint)
            as pindah_change_count,
        cast(sum((hasil = 'meninggal')::int - coalesce(hasil_sebelum = 'meninggal', false)::int) as bigint)
            as meninggal_change_count,
        cast(sum((hasil = 'duplikat')::int - coalesce(hasil_sebelum = 'duplikat', false)::int) as bigint)
            as duplikat_change_count
    from changes
    group by siklus, kode_kelurahan, tanggal
)

select * from final
order by siklus, kode_kelurahan, tanggal
