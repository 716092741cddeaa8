-- The provinsi, kab/kota and kecamatan loaded in the warehouse, for the sidebar's region
-- picker (ui/sidebar.py) and the breadcrumb above the overview's map.
-- Parameters: $scope_kelurahan (varchar[]: the kelurahan/desa the user may see, null for no
--   limit: then only the regions that hold one of them, and only those are counted).
-- Output, one row per region: level ('provinsi', 'kabkota', 'kecamatan'), kode (dotted
--   Kemendagri code), nama, jenis (provinsi/kota/kabupaten/kecamatan), kode_induk (the parent's
--   code, null for a provinsi), units_count (its kelurahan/desa, of the scope when one is
--   given, count); ordered by level from the top, then by kode.
with parents as (
    select level, kode, nama, jenis, kode_induk
    from wilayah
    where level in ('provinsi', 'kabkota', 'kecamatan')
),

units as (
    select kode
    from region_kelurahan(null, p_scope := $scope_kelurahan)
),

-- Dotted codes have fixed widths (2, 2, 2, 4 digits): a unit's parents are its prefixes.
counts as (
    select left(kode, 2) as kode, count(*) as units_count from units group by 1
    union all
    select left(kode, 5) as kode, count(*) as units_count from units group by 1
    union all
    select left(kode, 8) as kode, count(*) as units_count from units group by 1
),

final as (
    select p.level, p.kode, p.nama, p.jenis, p.kode_induk, coalesce(c.units_count, 0) as units_count
    from parents as p
    left join counts as c using (kode)
    where $scope_kelurahan is null or c.units_count > 0
)

select * from final
order by case level when 'provinsi' then 0 when 'kabkota' then 1 else 2 end, kode
