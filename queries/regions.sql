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

units as (
    select k.kode, count(w.kode) as units_count
    from kabkota as k
    left join region_kelurahan(null, p_scope := $scope_kelurahan) as w on starts_with(w.kode, k.kode || '.')
    group by k.kode
),

final as (
    select k.kode, k.nama, k.jenis, u.units_count
    from kabkota as k
    inner join units as u using (kode)
    where $scope_kelurahan is null or u.units_count > 0
)

select * from final
order by units_count desc, kode
