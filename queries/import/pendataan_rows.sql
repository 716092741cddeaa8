-- Upsert the loadable checked pendataan records into pendataan_catatan by (kode_kampanye,
-- id_catatan): a collector's newer file corrects a record, never doubles it. A value the file
-- leaves blank keeps the stored one.
-- Reads temp table import_checked (see import/pendataan_check.sql). No parameters.
-- Output: none (writes pendataan_catatan).
insert or replace into pendataan_catatan
    (kode_kampanye, id_catatan, id_petugas, nama_petugas, peran, kode_kelurahan, tanggal, kategori)
select
    c.kode_kampanye,
    c.id_catatan,
    coalesce(c.id_petugas, p.id_petugas),
    coalesce(c.nama_petugas, p.nama_petugas),
    coalesce(c.peran, p.peran),
    c.kode_kelurahan,
    c.tanggal,
    c.kategori
from import_checked as c
left join pendataan_catatan as p using (kode_kampanye, id_catatan)
where c.alasan is null
