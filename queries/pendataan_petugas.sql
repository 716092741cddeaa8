-- The output of each collector of one pendataan campaign in a region (records in the kelurahan
-- the user may see).
-- Parameters: $kode_region (kab/kota code, dotted), $scope_kelurahan (varchar[] of the
--   kelurahan codes the user may see, null: no limit), $kode_kampanye (the campaign's code),
--   $tanggal (the data date: records up to it).
-- Output, one row per collector (by id_petugas, else by name), most records first:
--   id_petugas, nama_petugas, peran, records_count (records), days_active (distinct dates with a
--   record), first_date, last_date (dates), kelurahan_count (distinct kelurahan), kecamatan (the
--   name of the kecamatan with most of the collector's records).
with
records as (
    select
        coalesce(c.id_petugas, c.nama_petugas) as collector,
        c.id_petugas,
        c.nama_petugas,
        c.peran,
        c.tanggal,
        c.kode_kelurahan,
        u.kecamatan
    from pendataan_catatan as c
    inner join region_kelurahan($kode_region, p_scope := $scope_kelurahan) as u on u.kode = c.kode_kelurahan
    where c.kode_kampanye = $kode_kampanye and c.tanggal <= $tanggal
),

final as (
    select
        any_value(id_petugas) as id_petugas,
        any_value(nama_petugas) as nama_petugas,
        any_value(peran) as peran,
        count(*) as records_count,
        count(distinct tanggal) as days_active,
        min(tanggal) as first_date,
        max(tanggal) as last_date,
        count(distinct kode_kelurahan) as kelurahan_count,
        mode(kecamatan) as kecamatan
    from records
    group by collector
)

select * from final
order by records_count desc, id_petugas, nama_petugas
