-- Daily progress of a verivali cycle per kelurahan and for the whole region, for the
-- cumulative-progress charts, summed from the analytics tables coverage_kelurahan_hari and
-- coverage_tahap_hari (queries/analytics/11_*, 50_*: built at every write), so that a region
-- reads only its own rows.
-- Parameters: $kode_region (kab/kota code, dotted), $siklus (cycle id), $tanggal (as-of date,
--   later rows are ignored),
--   $scope_kelurahan (varchar[]: the kelurahan/desa the user may see, null for no limit; the
--   region's totals are then totals over those units only).
-- Output, one row per unit and day with any progress, ordered by kode, tanggal:
--   kode (kelurahan code, or $kode_region for the region), tanggal (date),
--   updated_count: households whose first result in the cycle fell on that day,
--   updated_members_count: the members of those households counted as in coverage_units.sql,
--   padan_step_count: households whose first 'padan' stage row in the cycle fell on that day
--     (of the frame as of $tanggal: active, or with a result by then).
with events as (
    select kode_kelurahan, tanggal, updated_count, updated_members_count, 0 as padan_step_count
    from coverage_days('coverage_kelurahan_hari', $kode_region, $siklus, $tanggal, $scope_kelurahan)
    where updated_count > 0
    union all
    select kode_kelurahan, tanggal, 0, 0, households_count
    from coverage_days('coverage_tahap_hari', $kode_region, $siklus, $tanggal, $scope_kelurahan)
    where tahap = 'padan'
        and (in_frame_from is null or in_frame_from <= cast($tanggal as date))
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
