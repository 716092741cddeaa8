-- The verivali funnel of a cycle per kelurahan and for the whole region: how many households
-- of the frame (as in coverage_units.sql) reached each stage by a date, summed from the
-- analytics table coverage_tahap_hari (queries/analytics/50_*: built at every write), so that
-- a region reads only its own rows.
-- Parameters: $kode_region (kab/kota code, dotted), $siklus (cycle id), $tanggal (as-of date),
--   $scope_kelurahan (varchar[]: the kelurahan/desa the user may see, null for no limit; the
--   region's totals are then totals over those units only).
-- Output, one row per unit and stage (zero where none reached it), ordered by kode, stage:
--   kode (kelurahan code, or $kode_region for the region), tahap_order (1-6),
--   tahap (usulan_musyawarah, entri_siksng, cek_dinsos, ground_check, padan, desil),
--   households_count (households with a row at that stage in the cycle by $tanggal).
with units as (
    select kode
    from region_kelurahan($kode_region, p_scope := $scope_kelurahan)
    union all
    select $kode_region as kode
),

stages as (
    select * from (values
        (1, 'usulan_musyawarah'), (2, 'entri_siksng'), (3, 'cek_dinsos'),
        (4, 'ground_check'), (5, 'padan'), (6, 'desil')
    ) as s (tahap_order, tahap)
),

-- A household reached a stage by $tanggal when its first row there is by then, and is in the
-- frame when active or when its first result is by then.
reached as (
    select kode_kelurahan, tahap, households_count
    from coverage_days('coverage_tahap_hari', $kode_region, $siklus, $tanggal, $scope_kelurahan)
    where in_frame_from is null or in_frame_from <= cast($tanggal as date)
),

counted as (
    select
        coalesce(kode_kelurahan, $kode_region) as kode,
        tahap,
        cast(sum(households_count) as bigint) as households_count
    from reached
    group by grouping sets ((kode_kelurahan, tahap), (tahap))
),

final as (
    select
        u.kode,
        s.tahap_order,
        s.tahap,
        coalesce(c.households_count, 0) as households_count
    from units as u
    cross join stages as s
    left join counted as c on c.kode = u.kode and c.tahap = s.tahap
)

select * from final
order by kode, tahap_order
