-- DTKS update coverage inputs per kelurahan, per kecamatan and for the whole region, for one
-- verivali cycle, as of a date, summed from the analytics tables coverage_kelurahan and
-- coverage_kelurahan_hari (queries/analytics/10_*, 11_*: built at every write). The frame: households active now, or made inactive by a result
-- of this cycle (a household found moved or dead counts as updated). A household is updated when any of its rows
-- in the cycle has a hasil by $tanggal.
-- Parameters: $kode_region (kab/kota code, dotted, e.g. '21.71'), $siklus (cycle id),
--   $tanggal (as-of date, results after it are ignored),
--   $scope_kelurahan (varchar[]: the kelurahan/desa the user may see, null for no limit; the
--   region's totals are then totals over those units only).
-- Output, one row per kelurahan/desa, per kecamatan and one for the region (zero counts where a
--   unit has no data), ordered region, kecamatan, kelurahan:
--   level ('region', 'kecamatan', 'kelurahan'), kode, nama, kode_kecamatan, kecamatan
--     (null on the region row),
--   households_count: households in the frame,
--   updated_count: households with a verivali result in the cycle by $tanggal,
--   updated_7d_ago_count: the same by $tanggal minus 7 days,
--   updated_28d_count: households whose first result in the cycle fell in the 28 days ending
--     on $tanggal (the pace window),
--   members_count: active members of active households,
--   padan_count: those of them with status_padan = 'padan',
--   frame_members_count: members of the frame's households (active members, or every member
--     of a household made inactive by this cycle's result),
--   updated_members_count, updated_members_7d_ago_count, updated_members_28d_count: those of
--     them whose household was updated by $tanggal, by $tanggal - 7, in the 28-day pace window,
--   diperbarui_count, tidak_ditemukan_count, pindah_count, meninggal_count, duplikat_count:
--     updated households by their latest result in the cycle (households).
with units as (
    select kode, nama, kode_kecamatan, kecamatan
    from region_kelurahan($kode_region, p_scope := $scope_kelurahan)
),

changes as (
    select
        kode_kelurahan,
        sum(updated_count) as updated_count,
        sum(updated_count) filter (where tanggal <= cast($tanggal as date) - 7) as updated_7d_ago_count,
        sum(updated_count) filter (where tanggal > cast($tanggal as date) - 28) as updated_28d_count,
        sum(entered_frame_count) as entered_frame_count,
        sum(updated_members_count) as updated_members_count,
        sum(updated_members_count) filter (
            where tanggal <= cast($tanggal as date) - 7
        ) as updated_members_7d_ago_count,
        sum(updated_members_count) filter (
            where tanggal > cast($tanggal as date) - 28
        ) as updated_members_28d_count,
        sum(entered_frame_members_count) as entered_frame_members_count,
        sum(diperbarui_change_count) as diperbarui_count,
        sum(tidak_ditemukan_change_count) as tidak_ditemukan_count,
        sum(pindah_change_count) as pindah_count,
        sum(meninggal_change_count) as meninggal_count,
        sum(duplikat_change_count) as duplikat_count
    from coverage_days('coverage_kelurahan_hari', $kode_region, $siklus, $tanggal, $scope_kelurahan)
    group by kode_kelurahan
),

kelurahan as (
    select
        u.kode,
        u.nama,
        u.kode_kecamatan,
        u.kecamatan,
        cast(coalesce(c.active_households_count, 0) + coalesce(d.entered_frame_count, 0) as bigint)
            as households_count,
        cast(coalesce(d.updated_count, 0) as bigint) as updated_count,
        cast(coalesce(d.updated_7d_ago_count, 0) as bigint) as updated_7d_ago_count,
        cast(coalesce(d.updated_28d_count, 0) as bigint) as updated_28d_count,
        cast(coalesce(c.members_count, 0) as bigint) as members_count,
        cast(coalesce(c.padan_count, 0) as bigint) as padan_count,
        cast(coalesce(c.members_count, 0) + coalesce(d.entered_frame_members_count, 0) as bigint)
            as frame_members_count,
        cast(coalesce(d.updated_members_count, 0) as bigint) as updated_members_count,
        cast(coalesce(d.updated_members_7d_ago_count, 0) as bigint) as updated_members_7d_ago_count,
        cast(coalesce(d.updated_members_28d_count, 0) as bigint) as updated_members_28d_count,
        cast(coalesce(d.diperbarui_count, 0) as bigint) as diperbarui_count,
        cast(coalesce(d.tidak_ditemukan_count, 0) as bigint) as tidak_ditemukan_count,
        cast(coalesce(d.pindah_count, 0) as bigint) as pindah_count,
        cast(coalesce(d.meninggal_count, 0) as bigint) as meninggal_count,
        cast(coalesce(d.duplikat_count, 0) as bigint) as duplikat_count
    from units as u
    left join coverage_kelurahan as c on c.kode_kelurahan = u.kode
    left join changes as d on d.kode_kelurahan = u.kode
),

rollup as (
    select
        case when grouping(kode_kecamatan) = 1 then 'region' else 'kecamatan' end as level,
        case when grouping(kode_kecamatan) = 1 then $kode_region else kode_kecamatan end as kode,
        kecamatan as nama,
        kode_kecamatan,
        kecamatan,
        cast(sum(households_count) as bigint) as households_count,
        cast(sum(updated_count) as bigint) as updated_count,
        cast(sum(updated_7d_ago_count) as bigint) as updated_7d_ago_count,
        cast(sum(updated_28d_count) as bigint) as updated_28d_count,
        cast(sum(members_count) as bigint) as members_count,
        cast(sum(padan_count) as bigint) as padan_count,
        cast(sum(frame_members_count) as bigint) as frame_members_count,
        cast(sum(updated_members_count) as bigint) as updated_members_count,
        cast(sum(updated_members_7d_ago_count) as bigint) as updated_members_7d_ago_count,
        cast(sum(updated_members_28d_count) as bigint) as updated_members_28d_count,
        cast(sum(diperbarui_count) as bigint) as diperbarui_count,
        cast(sum(tidak_ditemukan_count) as bigint) as tidak_ditemukan_count,
        cast(sum(pindah_count) as bigint) as pindah_count,
        cast(sum(meninggal_count) as bigint) as meninggal_count,
        cast(sum(duplikat_count) as bigint) as duplikat_count
    from kelurahan
    group by grouping sets ((kode_kecamatan, kecamatan), ())
),

final as (
    select * from rollup
    union all
    select 'kelurahan' as level, * from kelurahan
)

select * from final
order by case level when 'region' then 0 when 'kecamatan' then 1 else 2 end, kode
