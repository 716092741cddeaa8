-- Upsert the loadable checked proposals into usulan by id_usulan (a newer list of the same
-- proposal updates its stage and dates). A value the file leaves blank keeps the stored one.
-- Reads temp table import_checked (see import/usulan_check.sql). No parameters.
-- Output: none (writes usulan).
insert or replace into usulan (id_usulan, siklus, kode_kelurahan, sasaran, arah, alasan, id_dtks, nik, no_kk,
    tanggal_musyawarah, tahap, tanggal_keputusan)
select
    c.id_usulan,
    c.siklus,
    c.kode_kelurahan,
    c.sasaran,
    c.arah,
    c.alasan_usulan,
    coalesce(c.id_dtks, u.id_dtks),
    coalesce(c.nik, u.nik),
    coalesce(c.no_kk, u.no_kk),
    coalesce(c.tanggal_musyawarah, u.tanggal_musyawarah),
    coalesce(c.tahap, u.tahap),
    coalesce(c.tanggal_keputusan, u.tanggal_keputusan)
from import_checked as c
left join usulan as u using (id_usulan)
where c.alasan is null
