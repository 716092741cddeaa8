-- What each enumerator did in each kelurahan in a verivali cycle, for the kelurahan profile.
-- Parameters: $kode_region (kab/kota code, dotted), $siklus (cycle id), $tanggal (as-of date),
--   $scope_kelurahan (varchar[]: the kelurahan/desa the user may see, null for no limit).
-- Output, one row per kelurahan and petugas with a visit (rows without a petugas are left
--   out), ordered by kode, visits_count descending:
--   kode (kelurahan code), id_petugas, nama_petugas, peran (enumerator, pendamping_pkh, tksk),
--   visits_count (verivali rows), households_count (distinct households visited),
--   results_count (rows with a hasil), updated_28d_count (rows with a hasil in the 28 days
--   ending on $tanggal), days_worked_count (distinct visit dates), first_visit, last_visit (dates).
with visits as (
    select v.id_petugas, v.id_dtks, v.tanggal, v.hasil, h.kode_kelurahan
    from verivali as v
    inner join dtks_keluarga as h using (id_dtks)
    where v.siklus = $siklus
        and v.id_petugas is not null
        and v.tanggal <= cast($tanggal as date)
        and starts_with(h.kode_kelurahan, $kode_region || '.')
        and ($scope_kelurahan is null or list_contains($scope_kelurahan, h.kode_kelurahan))
),

per_unit as (
    select
        kode_kelurahan as kode,
        id_petugas,
        count(*) as visits_count,
        count(distinct id_dtks) as households_count,
        count(hasil) as results_count,
        count(hasil) filter (where tanggal > cast($tanggal as date) - 28) as updated_28d_count,
        count(distinct tanggal) as days_worked_count,
        min(tanggal) as first_visit,
        max(tanggal) as last_visit
    from visits
    group by kode_kelurahan, id_petugas
),

final as (
    select
        u.kode,
        u.id_petugas,
        coalesce(p.nama, u.id_petugas) as nama_petugas,
        p.peran,
        u.visits_count,
        u.households_count,
        u.results_count,
        u.updated_28d_count,
        u.days_worked_count,
        u.first_visit,
        u.last_visit
    from per_unit as u
    left join petugas as p using (id_petugas)
)

select * from final
order by kode, visits_count desc, id_petugas
