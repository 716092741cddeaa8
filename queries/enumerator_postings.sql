-- The enumerators of a region on a date: where each works now and their ground-check history,
-- the inputs of the planner (analytics.allocation).
-- Parameters: $kode_region (kab/kota code, dotted, e.g. '21.71'), $siklus (the current cycle),
--   $tanggal (data date: visits after it are ignored; enumerators must be active on it),
--   $scope_kelurahan (varchar[]: the kelurahan/desa the user may see, null for no limit: only the
--   enumerators who work now in one of them).
-- Output, one row per petugas with peran 'enumerator', active on $tanggal (null aktif_mulai or
--   aktif_sampai: open-ended), who works now in the region, ordered by id_petugas:
--   id_petugas, nama (staff, not beneficiaries),
--   kode_kelurahan_asal, kode_kecamatan_asal: home kelurahan and its kecamatan (null: unknown),
--   kode_kelurahan_kini: where the enumerator works now: the kelurahan of the household of their
--     latest ground-check result in $siklus by $tanggal, else the home kelurahan,
--   visits_count: ground-check rows with a hasil by $tanggal, all cycles (visits),
--   active_days_count: distinct dates of those visits (days),
--   last_visit: the latest of those dates (null without any).
with staff as (
    select id_petugas, nama, kode_kelurahan_asal
    from petugas
    where peran = 'enumerator'
        and (aktif_mulai is null or aktif_mulai <= cast($tanggal as date))
        and (aktif_sampai is null or aktif_sampai >= cast($tanggal as date))
),

visits as (
    select id_petugas, id_verivali, id_dtks, kode_kelurahan, siklus, tanggal
    from verivali
    where tahap = 'ground_check'
        and hasil is not null
        and id_petugas is not null
        and tanggal <= cast($tanggal as date)
),

history as (
    select
        id_petugas,
        count(*) as visits_count,
        count(distinct tanggal) as active_days_count,
        max(tanggal) as last_visit
    from visits
    group by id_petugas
),

-- The household's kelurahan is verivali's own copy of it (kept equal by the demo and every
-- import): only the rows that lack one look it up, not every visit of the cycle.
located as (
    select id_petugas, id_verivali, tanggal, kode_kelurahan
    from visits
    where siklus = $siklus and kode_kelurahan is not null
    union all
    select v.id_petugas, v.id_verivali, v.tanggal, h.kode_kelurahan
    from visits as v
    inner join dtks_keluarga as h using (id_dtks)
    where v.siklus = $siklus and v.kode_kelurahan is null and h.kode_kelurahan is not null
),

latest as (
    select id_petugas, arg_max(kode_kelurahan, (tanggal, id_verivali)) as kode_kelurahan
    from located
    group by id_petugas
),

final as (
    select
        s.id_petugas,
        s.nama,
        s.kode_kelurahan_asal,
        w.kode_induk as kode_kecamatan_asal,
        coalesce(l.kode_kelurahan, s.kode_kelurahan_asal) as kode_kelurahan_kini,
        coalesce(h.visits_count, 0) as visits_count,
        coalesce(h.active_days_count, 0) as active_days_count,
        h.last_visit
    from staff as s
    left join history as h using (id_petugas)
    left join latest as l using (id_petugas)
    left join wilayah as w on w.kode = s.kode_kelurahan_asal
)

select * from final
where starts_with(kode_kelurahan_kini, $kode_region || '.')
    and ($scope_kelurahan is null or list_contains($scope_kelurahan, kode_kelurahan_kini))
order by id_petugas
