-- Upsert the households of the loadable checked DTKS rows into dtks_keluarga: new id_dtks are
-- added, known ones updated (a newer export of the register replaces, never duplicates). A value
-- the file leaves blank (or lacks the column for) keeps the stored one. Household values come
-- from its first row in the file; a programme flag is set when any member's row sets it.
-- Reads temp table import_checked (see import/dtks_check.sql). No parameters.
-- Output: none (writes dtks_keluarga).
insert or replace into dtks_keluarga (id_dtks, no_kk, kode_kelurahan, alamat, rt, rw, lon, lat, desil,
    flag_pkh, flag_bpnt, flag_pbi_jkn, status, tanggal_terdaftar)
with incoming as (
    select
        id_dtks,
        arg_min(no_kk, nomor_baris) as no_kk,
        arg_min(kode_kelurahan, nomor_baris) as kode_kelurahan,
        arg_min(alamat, nomor_baris) filter (where alamat is not null) as alamat,
        arg_min(rt, nomor_baris) filter (where rt is not null) as rt,
        arg_min(rw, nomor_baris) filter (where rw is not null) as rw,
        arg_min(lon, nomor_baris) filter (where lon is not null and lat is not null) as lon,
        arg_min(lat, nomor_baris) filter (where lon is not null and lat is not null) as lat,
        arg_min(desil, nomor_baris) filter (where desil is not null) as desil,
        bool_or(flag_pkh) as flag_pkh,
        bool_or(flag_bpnt) as flag_bpnt,
        bool_or(flag_pbi_jkn) as flag_pbi_jkn,
        arg_min(status, nomor_baris) filter (where status is not null) as status
    from import_checked
    where alasan is null
    group by id_dtks
),
final as (
    select
        i.id_dtks,
        i.no_kk,
        i.kode_kelurahan,
        coalesce(i.alamat, k.alamat) as alamat,
        coalesce(i.rt, k.rt) as rt,
        coalesce(i.rw, k.rw) as rw,
        coalesce(i.lon, k.lon) as lon,
        coalesce(i.lat, k.lat) as lat,
        coalesce(i.desil, k.desil) as desil,
        coalesce(i.flag_pkh, k.flag_pkh, false) as flag_pkh,
        coalesce(i.flag_bpnt, k.flag_bpnt, false) as flag_bpnt,
        coalesce(i.flag_pbi_jkn, k.flag_pbi_jkn, false) as flag_pbi_jkn,
        coalesce(i.status, k.status, 'aktif') as status,
        k.tanggal_terdaftar
    from incoming as i
    left join dtks_keluarga as k using (id_dtks)
)
select * from final
