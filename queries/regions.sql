-- The kab/kota loaded in the warehouse, for the region picker.
-- Parameters: $scope_kelurahan (varchar[]: the kelurahan/desa the user may see, null for no
--   limit: then only the kab/kota that hold one of them, and only those are counted).
-- Output: kode (dotted Kemendagri code), nama, jenis (kota/kabupaten),
--   units_count (kelurahan/desa of the region, of the scope when one is given, count).
with kabkota as (
    select kode, nama, jenis
    from wilayah
    where level = 'kabkota'
),

-- Dotted codes have fixed widths (2, 2, 2, 4 digits): a unit's kab/kota is its first five
-- characters, so the units are counted by an equality join, not a prefix match per pair.
units as (
    select left(kode, 5) as kode, count(*) as units_count
    from region_kelurahan(null, p_scope := $scope_kelurahan)
    group by 1
),

final as (
    select k.kode, k.nama, k.jenis, coalesce(u.units_count, 0) as units_count
    from kabkota as k
    left join units as u using (kode)
    where $scope_kelurahan is null or u.units_count > 0
)

select * from final
order by units_count desc, kode
