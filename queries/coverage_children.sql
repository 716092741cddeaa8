-- DTKS update coverage of the units one level below a region, for the overview's map: the
-- kab/kota of a provinsi or the kecamatan of a kab/kota (the kelurahan themselves are
-- queries/coverage_units.sql), summed from the analytics tables coverage_kelurahan and
-- coverage_kelurahan_hari (queries/analytics/10_*, 11_*) with the definitions of
-- queries/coverage_units.sql, and their dissolved display polygons (wilayah.geom_display).
-- Parameters: $kode_region (provinsi or kab/kota code, dotted, e.g. '21' or '21.71'),
--   $level ('kabkota' or 'kecamatan': the level shown), $siklus (cycle id), $tanggal (as-of
--   date, results after it are ignored), $scope_kelurahan (varchar[]: the kelurahan/desa the
--   user may see, null for no limit; the figures then total those units only, and a unit
--   without one of them is left out).
-- Output, one row per shown unit, by kode: kode, nama, jenis, units_count (its kelurahan/desa
--   counted), households_count (households in the frame), updated_count (households updated by
--   $tanggal), frame_members_count (members of the frame's households), updated_members_count
--   (those of updated households), members_count (active members), padan_count (those padan),
--   geom_display (WKB, EPSG:4326), geom_sumber.
with units as (
    select kode, left(kode, case $level when 'kabkota' then 5 else 8 end) as kode_shown
    from region_kelurahan($kode_region, p_scope := $scope_kelurahan)
),

changes as (
    select
        kode_kelurahan,
        sum(updated_count) as updated_count,
        sum(entered_frame_count) as entered_frame_count,
        sum(updated_members_count) as updated_members_count,
        sum(entered_frame_members_count) as entered_frame_members_count
    from coverage_days('coverage_kelurahan_hari', $kode_region, $siklus, $tanggal, $scope_kelurahan)
    group by kode_kelurahan
),

shown as (
    select
        u.kode_shown,
        count(*) as units_count,
        cast(sum(coalesce(c.active_households_count, 0) + coalesce(d.entered_frame_count, 0)) as bigint)
            as households_count,
        cast(sum(coalesce(d.updated_count, 0)) as bigint) as updated_count,
        cast(sum(coalesce(c.members_count, 0) + coalesce(d.entered_frame_members_count, 0)) as bigint)
            as frame_members_count,
        cast(sum(coalesce(d.updated_members_count, 0)) as bigint) as updated_members_count,
        cast(sum(coalesce(c.members_count, 0)) as bigint) as members_count,
        cast(sum(coalesce(c.padan_count, 0)) as bigint) as padan_count
    from units as u
    left join coverage_kelurahan as c on c.kode_kelurahan = u.kode
    left join changes as d on d.kode_kelurahan = u.kode
    group by u.kode_shown
),

final as (
    select
        s.kode_shown as kode,
        coalesce(w.nama, s.kode_shown) as nama,
        w.jenis,
        s.units_count,
        s.households_count,
        s.updated_count,
        s.frame_members_count,
        s.updated_members_count,
        s.members_count,
        s.padan_count,
        w.geom_display,
        w.geom_sumber
    from shown as s
    left join wilayah as w on w.kode = s.kode_shown
)

select * from final
order by kode
