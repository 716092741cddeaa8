-- The records of one pendataan campaign per unit of a region: per kecamatan or per kelurahan,
-- the level the campaign's targets are set at (config/pendataan.toml); the targets themselves
-- are joined in analytics.pendataan.
-- Parameters: $kode_region (kab/kota code, dotted), $scope_kelurahan (varchar[] of the
--   kelurahan codes the user may see, null: no limit), $kode_kampanye (the campaign's code),
--   $tingkat ('kecamatan' or 'kelurahan'), $tanggal (the data date: records up to it).
-- Output, one row per unit of the region within the scope (a kecamatan counts only its
--   kelurahan in the scope), ordered by code: kode (unit code), nama (unit name), kode_kecamatan,
--   kecamatan, records_count (records), collectors_count (distinct collectors, by id else name),
--   first_date, last_date (dates of the first and latest record, null without records).
with
units as (
    select kode, nama, kode_kecamatan, kecamatan
    from region_kelurahan($kode_region, p_scope := $scope_kelurahan)
),

records as (
    select
        if($tingkat = 'kecamatan', u.kode_kecamatan, u.kode) as unit,
        if($tingkat = 'kecamatan', u.kecamatan, u.nama) as unit_name,
        u.kode_kecamatan,
        u.kecamatan,
        c.id_catatan,
        coalesce(c.id_petugas, c.nama_petugas) as collector,
        c.tanggal
    from units as u
    left join pendataan_catatan as c
        on c.kode_kelurahan = u.kode and c.kode_kampanye = $kode_kampanye and c.tanggal <= $tanggal
),

final as (
    select
        unit as kode,
        any_value(unit_name) as nama,
        any_value(kode_kecamatan) as kode_kecamatan,
        any_value(kecamatan) as kecamatan,
        count(id_catatan) as records_count,
        count(distinct collector) as collectors_count,
        min(tanggal) as first_date,
        max(tanggal) as last_date
    from records
    group by unit
)

select * from final
order by kode
