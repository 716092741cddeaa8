-- Active members of the active DTKS households of a region: the input of the member checks of
-- analytics.quality (NIK structure, the same NIK in two households, age against relation).
-- Personal data: callers mask NIK, KK and names before showing a row.
-- Parameters: $kode_region (kab/kota code, dotted),
--   $scope_kelurahan (varchar[]: the kelurahan/desa the user may see, null for no limit).
-- Output, one row per member, ordered by id_dtks, id_anggota:
--   id_anggota, id_dtks, no_kk, kode_kelurahan, nik (text as stored), nama,
--   tanggal_lahir (date, null when unknown), hubungan (relation to head).
with households as (
    select id_dtks, no_kk, kode_kelurahan
    from dtks_keluarga
    where status = 'aktif' and starts_with(kode_kelurahan, $kode_region || '.')
        and ($scope_kelurahan is null or list_contains($scope_kelurahan, kode_kelurahan))
),

final as (
    select
        a.id_anggota,
        a.id_dtks,
        h.no_kk,
        h.kode_kelurahan,
        a.nik,
        a.nama,
        a.tanggal_lahir,
        a.hubungan
    from dtks_anggota as a
    inner join households as h using (id_dtks)
    where a.status = 'aktif'
)

select * from final
order by id_dtks, id_anggota
