-- Active DTKS households of a region with their dwelling point and last visit: the input of the
-- household checks of analytics.quality (no head, dwelling outside its kelurahan, not visited
-- for over a year).
-- Parameters: $kode_region (kab/kota code, dotted), $tanggal (as-of date, later visits ignored),
--   $scope_kelurahan (varchar[]: the kelurahan/desa the user may see, null for no limit).
-- Output, one row per household, ordered by id_dtks:
--   id_dtks, no_kk, kode_kelurahan, lon, lat (degrees, EPSG:4326, null when not recorded),
--   tanggal_terdaftar (date registered, may be null),
--   last_visit (date of the latest verivali row of any cycle by $tanggal, null when never),
--   heads_count (active members with hubungan = 'kepala_keluarga').
with households as (
    select id_dtks, no_kk, kode_kelurahan, lon, lat, tanggal_terdaftar
    from dtks_keluarga
    where status = 'aktif' and starts_with(kode_kelurahan, $kode_region || '.')
        and ($scope_kelurahan is null or list_contains($scope_kelurahan, kode_kelurahan))
),

visits as (
    select v.id_dtks, max(v.tanggal) as last_visit
    from verivali as v
    inner join households as h using (id_dtks)
    where v.tanggal <= cast($tanggal as date)
    group by v.id_dtks
),

heads as (
    select a.id_dtks, count(*) as heads_count
    from dtks_anggota as a
    inner join households as h using (id_dtks)
    where a.status = 'aktif' and a.hubungan = 'kepala_keluarga'
    group by a.id_dtks
),

final as (
    select
        h.id_dtks,
        h.no_kk,
        h.kode_kelurahan,
        h.lon,
        h.lat,
        h.tanggal_terdaftar,
        v.last_visit,
        coalesce(c.heads_count, 0) as heads_count
    from households as h
    left join visits as v using (id_dtks)
    left join heads as c using (id_dtks)
)

select * from final
order by id_dtks
