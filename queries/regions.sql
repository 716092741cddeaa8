-- The kab/kota loaded in the warehouse, for the region picker.
-- Parameters: none.
-- Output: kode (dotted Kemendagri code), nama, jenis (kota/kabupaten),
--   units_count (kelurahan/desa of the region, count).
with kabkota as (
    select kode, nama, jenis
    from wilayah
    where level = 'kabkota'
),

units as (
    select k.kode, count(w.kode) as units_count
    from kabkota as k
    left join region_kelurahan(null) as w on starts_with(w.kode, k.kode || '.')
    group by k.kode
),

final as (
    select k.kode, k.nama, k.jenis, u.units_count
    from kabkota as k
    inner join units as u using (kode)
)

select * from final
order by units_count desc, kode
