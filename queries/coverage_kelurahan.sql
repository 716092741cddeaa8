-- Inputs of the DTKS update coverage per kelurahan, for one verivali cycle, as of a date.
-- Parameters: $kode_region (kab/kota code, dotted, e.g. '21.71'), $siklus (cycle id),
--   $tanggal (as-of date; results after it are ignored).
-- Output, one row per kelurahan/desa of the region, zero counts where it has no data:
--   kode, nama, kode_kecamatan, kecamatan,
--   households_count: households in the cycle's frame: active now, or made inactive by a
--     result of this cycle (a household found moved or dead counts as updated),
--   updated_count: households with a verivali result in the cycle by $tanggal,
--   updated_7d_ago_count: the same by $tanggal minus 7 days,
--   updated_28d_count: households whose first result in the cycle fell in the 28 days ending
--     on $tanggal (the pace window),
--   members_count: active members of active households,
--   padan_count: those of them with status_padan = 'padan'.
with units as (
    select w.kode, w.nama, w.kode_induk as kode_kecamatan, k.nama as kecamatan
    from wilayah as w
    left join wilayah as k on k.kode = w.kode_induk
    where w.level = 'kelurahan' and starts_with(w.kode, $kode_region || '.')
),

first_results as (
    select id_dtks, min(tanggal) as tanggal_hasil
    from verivali
    where siklus = $siklus and hasil is not null and tanggal <= cast($tanggal as date)
    group by id_dtks
),

frame as (
    select h.kode_kelurahan, f.tanggal_hasil
    from dtks_keluarga as h
    left join first_results as f using (id_dtks)
    where h.status = 'aktif' or f.id_dtks is not null
),

household_counts as (
    select
        kode_kelurahan,
        count(*) as households_count,
        count(tanggal_hasil) as updated_count,
        count(*) filter (
            where tanggal_hasil <= cast($tanggal as date) - 7
        ) as updated_7d_ago_count,
        count(*) filter (
            where tanggal_hasil > cast($tanggal as date) - 28
        ) as updated_28d_count
    from frame
    group by kode_kelurahan
),

member_counts as (
    select
        h.kode_kelurahan,
        count(*) as members_count,
        count(*) filter (where a.status_padan = 'padan') as padan_count
    from dtks_anggota as a
    inner join dtks_keluarga as h using (id_dtks)
    where a.status = 'aktif' and h.status = 'aktif'
    group by h.kode_kelurahan
),

final as (
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
        coalesce(mc.padan_count, 0) as padan_count
    from units as u
    left join household_counts as hc on hc.kode_kelurahan = u.kode
    left join member_counts as mc on mc.kode_kelurahan = u.kode
)

select * from final
order by kode
