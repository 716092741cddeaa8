-- DTKS update coverage inputs per kelurahan, per kecamatan and for the whole region, for one
-- verivali cycle, as of a date. The frame: households active now, or made inactive by a result
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

results as (
    select
        id_dtks,
        min(tanggal) as tanggal_hasil,
        arg_max(hasil, (tanggal, id_verivali)) as hasil_akhir
    from verivali
    where siklus = $siklus and hasil is not null and tanggal <= cast($tanggal as date)
    group by id_dtks
),

frame as (
    select h.id_dtks, h.kode_kelurahan, h.status, r.tanggal_hasil, r.hasil_akhir
    from dtks_keluarga as h
    left join results as r using (id_dtks)
    where starts_with(h.kode_kelurahan, $kode_region || '.')
        and ($scope_kelurahan is null or list_contains($scope_kelurahan, h.kode_kelurahan))
        and (h.status = 'aktif' or r.id_dtks is not null)
),

household_counts as (
    select
        kode_kelurahan,
        count(*) as households_count,
        count(tanggal_hasil) as updated_count,
        count(*) filter (where tanggal_hasil <= cast($tanggal as date) - 7) as updated_7d_ago_count,
        count(*) filter (where tanggal_hasil > cast($tanggal as date) - 28) as updated_28d_count,
        count(*) filter (where hasil_akhir = 'diperbarui') as diperbarui_count,
        count(*) filter (where hasil_akhir = 'tidak_ditemukan') as tidak_ditemukan_count,
        count(*) filter (where hasil_akhir = 'pindah') as pindah_count,
        count(*) filter (where hasil_akhir = 'meninggal') as meninggal_count,
        count(*) filter (where hasil_akhir = 'duplikat') as duplikat_count
    from frame
    group by kode_kelurahan
),

member_counts as (
    select
        f.kode_kelurahan,
        count(*) filter (where a.status = 'aktif' and f.status = 'aktif') as members_count,
        count(*) filter (
            where a.status = 'aktif' and f.status = 'aktif' and a.status_padan = 'padan'
        ) as padan_count,
        count(*) filter (where a.status = 'aktif' or f.status <> 'aktif') as frame_members_count,
        count(*) filter (
            where (a.status = 'aktif' or f.status <> 'aktif') and f.tanggal_hasil is not null
        ) as updated_members_count,
        count(*) filter (
            where (a.status = 'aktif' or f.status <> 'aktif')
                and f.tanggal_hasil <= cast($tanggal as date) - 7
        ) as updated_members_7d_ago_count,
        count(*) filter (
            where (a.status = 'aktif' or f.status <> 'aktif')
                and f.tanggal_hasil > cast($tanggal as date) - 28
        ) as updated_members_28d_count
    from dtks_anggota as a
    inner join frame as f using (id_dtks)
    group by f.kode_kelurahan
),

kelurahan as (
    select
        u.kode,
        u.nama,
        u.kode_kecamatan,
        u.kecamatan,
        coalesce(hc.households_count, 0) as households_count,
        coalesce(hc.updated_count, 0) as updated_count,
        coalesce(hc.updated_7d_ago_count, 0) as updated_7d_ago_count,
        coalesce(hc.updated_28d_count, 0) as updated_28d_count,
        coalesce(mc.members_count, 0) as members_count,
        coalesce(mc.padan_count, 0) as padan_count,
        coalesce(mc.frame_members_count, 0) as frame_members_count,
        coalesce(mc.updated_members_count, 0) as updated_members_count,
        coalesce(mc.updated_members_7d_ago_count, 0) as updated_members_7d_ago_count,
        coalesce(mc.updated_members_28d_count, 0) as updated_members_28d_count,
        coalesce(hc.diperbarui_count, 0) as diperbarui_count,
        coalesce(hc.tidak_ditemukan_count, 0) as tidak_ditemukan_count,
        coalesce(hc.pindah_count, 0) as pindah_count,
        coalesce(hc.meninggal_count, 0) as meninggal_count,
        coalesce(hc.duplikat_count, 0) as duplikat_count
    from units as u
    left join household_counts as hc on hc.kode_kelurahan = u.kode
    left join member_counts as mc on mc.kode_kelurahan = u.kode
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
