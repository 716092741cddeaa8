-- Upsert the loadable checked PMKS cases into pmks_kasus by id_kasus (a newer log updates a
-- case's stage, outcome and times). A value the file leaves blank keeps the stored one.
-- Reads temp table import_checked (see import/pmks_check.sql). No parameters.
-- Output: none (writes pmks_kasus).
insert or replace into pmks_kasus (id_kasus, kategori, sumber, waktu_lapor, waktu_respons, waktu_tiba,
    lon, lat, kode_kelurahan, jenis_kelamin, usia, tahap, hasil, tanggal_masuk_shelter, tanggal_keluar_shelter)
select
    c.id_kasus,
    c.kategori,
    c.sumber,
    c.waktu_lapor,
    coalesce(c.waktu_respons, k.waktu_respons),
    coalesce(c.waktu_tiba, k.waktu_tiba),
    coalesce(c.lon, k.lon),
    coalesce(c.lat, k.lat),
    coalesce(c.kode_kelurahan, k.kode_kelurahan),
    coalesce(c.jenis_kelamin, k.jenis_kelamin),
    coalesce(c.usia, k.usia),
    c.tahap,
    coalesce(c.hasil, k.hasil),
    coalesce(c.tanggal_masuk_shelter, k.tanggal_masuk_shelter),
    coalesce(c.tanggal_keluar_shelter, k.tanggal_keluar_shelter)
from import_checked as c
left join pmks_kasus as k using (id_kasus)
where c.alasan is null
