-- Upsert the loadable checked enumerators into petugas by id_petugas. A value the file leaves
-- blank keeps the stored one.
-- Reads temp table import_checked (see import/petugas_check.sql). No parameters.
-- Output: none (writes petugas).
insert or replace into petugas (id_petugas, nama, peran, kode_kelurahan_asal, aktif_mulai, aktif_sampai)
select
    c.id_petugas,
    c.nama,
    c.peran,
    coalesce(c.kode_kelurahan_asal, p.kode_kelurahan_asal),
    coalesce(c.aktif_mulai, p.aktif_mulai),
    coalesce(c.aktif_sampai, p.aktif_sampai)
from import_checked as c
left join petugas as p using (id_petugas)
where c.alasan is null
