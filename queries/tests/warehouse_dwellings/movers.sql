-- Read by tests/test_warehouse_dwellings.py: the head of the first located active household of
-- each kelurahan (the first three kelurahan), to write a DTKS import file that moves them.
-- Parameters: none.
-- Output, three rows ordered by kode_kelurahan: id_dtks, no_kk, kode_kelurahan, nik, nama.
with heads as (
    select h.id_dtks, h.no_kk, h.kode_kelurahan, a.nik, a.nama
    from dtks_keluarga as h
    inner join dtks_anggota as a using (id_dtks)
    where h.status = 'aktif'
        and h.lon is not null
        and a.status = 'aktif'
        and a.hubungan = 'kepala_keluarga'
    qualify row_number() over (partition by h.kode_kelurahan order by h.id_dtks, a.id_anggota) = 1
),

final as (
    select * from heads
)

select * from final
order by kode_kelurahan
limit 3
