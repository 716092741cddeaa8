-- One page of the data-quality findings of a region (or of one kelurahan), with the total:
-- the SQL-judged findings of the analytics table quality_finding plus the dwellings outside
-- their kelurahan of the table quality_outside (judged at write time by
-- warehouse.imports.dwellings), in the order of the checks, then by household and member.
-- Unmasked personal data: mask before showing a row.
-- Parameters: $kode_region (kab/kota code, dotted), $scope_kelurahan (varchar[]: the
--   kelurahan/desa the user may see, null for no limit), $kode_kelurahan (one kelurahan code,
--   null for all), $limit_rows (rows per page), $offset_rows (rows skipped).
-- Output, at most $limit_rows rows: check, kode_kelurahan, id_dtks, id_anggota, no_kk, nik, nama
--   (null on household checks), detail (text), total_count (findings of the whole selection).
with units as (
    select kode
    from region_kelurahan($kode_region, p_scope := $scope_kelurahan)
    where $kode_kelurahan is null or kode = $kode_kelurahan
),

found as (
    select check_order, check_name, kode_kelurahan, id_dtks, id_anggota, detail
    from quality_finding
    union all
    select 5, 'outside_kelurahan', kode_kelurahan, id_dtks, null, detail
    from quality_outside
),

selected as (
    select f.*, count(*) over () as total_count
    from found as f
    inner join units as u on u.kode = f.kode_kelurahan
),

final as (
    select
        s.check_name as "check",
        s.kode_kelurahan,
        s.id_dtks,
        s.id_anggota,
        h.no_kk,
        a.nik,
        a.nama,
        s.detail,
        s.total_count,
        s.check_order
    from selected as s
    inner join dtks_keluarga as h using (id_dtks)
    left join dtks_anggota as a on a.id_anggota = s.id_anggota
)

select * exclude (check_order) from final
order by check_order, id_dtks, id_anggota nulls first
limit $limit_rows offset $offset_rows
