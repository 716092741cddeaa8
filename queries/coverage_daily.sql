-- Daily progress of a verivali cycle per kelurahan and for the whole region, for the
-- cumulative-progress charts.
-- Parameters: $kode_region (kab/kota code, dotted), $siklus (cycle id), $tanggal (as-of date,
--   later rows are ignored),
--   $scope_kelurahan (varchar[]: the kelurahan/desa the user may see, null for no limit; the
--   region's totals are then totals over those units only).
-- Output, one row per unit and day with any progress, ordered by kode, tanggal:
--   kode (kelurahan code, or $kode_region for the region), tanggal (date),
--   updated_count: households whose first result in the cycle fell on that day,
--   updated_members_count: the members of those households counted as in coverage_units.sql,
--   padan_step_count: households whose first 'padan' stage row in the cycle fell on that day.
with first_results as (
    select id_dtks, min(tanggal) as tanggal
    from verivali
    where siklus = $siklus and hasil is not null and tanggal <= cast($tanggal as date)
    group by id_dtks
),

first_padan as (
    select id_dtks, min(tanggal) as tanggal
    from verivali
    where siklus = $siklus and tahap = 'padan' and tanggal <= cast($tanggal as date)
    group by id_dtks
),

households as (
    select h.id_dtks, h.kode_kelurahan, h.status
    from dtks_keluarga as h
    where starts_with(h.kode_kelurahan, $kode_region || '.')
        and ($scope_kelurahan is null or list_contains($scope_kelurahan, h.kode_kelurahan))
),

members as (
    select a.id_dtks, count(*) as members_count
    from dtks_anggota as a
    inner join households as h using (id_dtks)
    where a.status = 'aktif' or h.status <> 'aktif'
    group by a.id_dtks
),

events as (
    select
        h.kode_kelurahan,
        r.tanggal,
        1 as updated_count,
        coalesce(m.members_count, 0) as updated_members_count,
        0 as padan_step_count
    from first_results as r
    inner join households as h using (id_dtks)
    left join members as m using (id_dtks)
    union all
    select h.kode_kelurahan, p.tanggal, 0, 0, 1
    from first_padan as p
    inner join households as h using (id_dtks)
    where h.status = 'aktif' or p.id_dtks in (select id_dtks from first_results)
),

final as (
    select
        coalesce(kode_kelurahan, $kode_region) as kode,
        tanggal,
        cast(sum(updated_count) as bigint) as updated_count,
        cast(sum(updated_members_count) as bigint) as updated_members_count,
        cast(sum(padan_step_count) as bigint) as padan_step_count
    from events
    group by grouping sets ((kode_kelurahan, tanggal), (tanggal))
)

select * from final
order by kode, tanggal
